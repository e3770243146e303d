// A collection that writes one of MyValue's hosts out (https://external.ovaltech.id/service/point/ instead
// of {{externalBaseUrl}}/service/point/) still goes where the run's target says: its requests to MyValue's
// External and Auth hosts, sandbox or production, are sent to {{externalBaseUrl}} / {{authBaseUrl}}, which
// the run sets to the target's. No host written in a collection sends a request past the target: a
// --target mock run never reaches sandbox, a --target sandbox run never reaches production.
import type { CollectionDefinition } from 'postman-collection';
import { dnsName, hostOf, TARGET_HOSTS } from '../shared/hosts';
import { urlHost, type UrlJson } from './url-json';

interface ItemJson {
  item?: ItemJson[];
  request?: { url?: string | UrlJson; [key: string]: unknown } | string;
  [key: string]: unknown;
}

/** MyValue's hosts and the variable that stands for each API's base URL. */
const VARIABLE_BY_HOST = new Map<string, string>([
  ...Object.values(TARGET_HOSTS).map((h) => [hostOf(h.externalBaseUrl) as string, '{{externalBaseUrl}}'] as const),
  ...Object.values(TARGET_HOSTS).map((h) => [hostOf(h.authBaseUrl) as string, '{{authBaseUrl}}'] as const),
]);

/** Scheme, host and port at the start of a raw URL ('https://External.ovaltech.id:443/x' -> its first part). */
const ORIGIN = /^(?:https?:\/\/)?([^/?#:]+)(?::\d+)?/i;

function retargetRaw(raw: string): { raw: string; host: string } | undefined {
  const match = ORIGIN.exec(raw);
  const host = match?.[1] === undefined ? undefined : dnsName(match[1]);
  const variable = host === undefined ? undefined : VARIABLE_BY_HOST.get(host);
  if (!match || host === undefined || variable === undefined) return undefined;
  return { raw: `${variable}${raw.slice(match[0].length)}`, host };
}

/**
 * The collection with every request URL naming a MyValue host rewritten to the base URL variable of its
 * API, and the hosts that were found (for the run's notes).
 */
export function retargetHosts(json: CollectionDefinition): { collection: CollectionDefinition; rewritten: number; hosts: string[] } {
  let rewritten = 0;
  const hosts = new Set<string>();
  const walk = (items: readonly ItemJson[]): ItemJson[] =>
    items.map((item) => {
      if (Array.isArray(item.item)) return { ...item, item: walk(item.item) };
      const request = item.request;
      if (request === undefined) return item;
      const url = typeof request === 'string' ? request : request.url;
      if (url === undefined) return item;
      if (typeof url === 'string') {
        const found = retargetRaw(url);
        if (!found) return item;
        rewritten += 1;
        hosts.add(found.host);
        return typeof request === 'string' ? { ...item, request: found.raw } : { ...item, request: { ...request, url: found.raw } };
      }
      // The SDK's JSON: host as segments ('external', 'ovaltech', 'id'), maybe no raw at all.
      const host = dnsName(urlHost(url));
      const variable = VARIABLE_BY_HOST.get(host);
      if (variable === undefined) return item;
      rewritten += 1;
      hosts.add(host);
      const raw = url.raw === undefined ? undefined : (retargetRaw(url.raw)?.raw ?? url.raw);
      const { protocol: _protocol, port: _port, ...rest } = url;
      return { ...item, request: { ...(request as object), url: { ...rest, ...(raw === undefined ? {} : { raw }), host: [variable] } } };
    });
  const collection = { ...json, item: walk((json.item ?? []) as ItemJson[]) } as CollectionDefinition;
  return { collection, rewritten, hosts: [...hosts].sort() };
}
