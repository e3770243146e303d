// Which requests may reach MyValue's production External API: judged at the wire, for every hop of
// every request (the items, pm.sendRequest, each redirect), outside the sandbox where nothing a
// collection or its data sets can change it. Reads always may; a write may only in a --target
// production run with --allow-production-writes. Pure: the run's Newman bridge asks it per hop.
import { matchRule } from '../signing';
import { isProductionHost, isProductionUrl } from '../shared/hosts';

/** One request as the requester is about to send it: its first hop, or one a redirect asks for. */
export interface Hop {
  method: string;
  /** Where it goes. */
  url: string;
  /** The host as the requester itself reads it, when it reads URLs its own way (postman-url-encoder). */
  host?: string;
  /** For a redirect: the URL that answered with it, and the status. */
  redirectedFrom?: { url: string; status: number };
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The URL's path, or undefined when it is not a URL. */
function pathOf(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/**
 * A request that may change state: any method but a read, unless its path is exactly a signing rule that
 * changes nothing (point.earn.estimate). What is not known to be a read is a write.
 */
export function isWrite(method: string, url: string): boolean {
  const upper = method.toUpperCase();
  if (READS.has(upper)) return false;
  const path = pathOf(url);
  return path === undefined || matchRule(upper, path)?.rule.mutates !== false;
}

/** The hop goes to the production External API host, however it is spelled, by either reading of its URL. */
const toProduction = (hop: Hop): boolean => isProductionUrl(hop.url) || (hop.host !== undefined && isProductionHost(hop.host));

/**
 * Why the hop may not be sent (one line), or undefined when it may. A redirect is judged by the method
 * of the request it redirects: a write's redirect to production is refused even where the next hop would
 * be a GET (301, 302, 303), and so is any write whose first URL or next URL is a write path.
 * @example productionWriteRefusal({ method: 'POST', url: 'https://external.myvalue.id/service/point/earn/' }, false)
 */
export function productionWriteRefusal(hop: Hop, writesAllowed: boolean): string | undefined {
  if (writesAllowed || !toProduction(hop)) return undefined;
  const from = hop.redirectedFrom;
  if (!isWrite(hop.method, hop.url) && (from === undefined || !isWrite(hop.method, from.url))) return undefined;
  const allowed = 'a write reaches MyValue\'s production host only from a --target production run with --allow-production-writes';
  if (from !== undefined) return `${hop.method} ${from.url} was redirected (${from.status}) to ${hop.url}; not followed: ${allowed}`;
  return `${hop.method} ${hop.url} not sent: ${allowed}`;
}
