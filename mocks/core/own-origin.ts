// Which origins and Host names are the fake's own, for the admin guard: the request's `origin` (the public
// URL, else the address the connection came in on) and its `otherOrigins` (that address behind a public URL,
// the host the fake was started on). On loopback, the same port under another loopback name is the same
// server (http://localhost:4010 for a fake on 127.0.0.1:4010): a developer may open the dashboard either
// way. A process of its own on that port and name could serve a page there, but a local process can call
// the admin API directly anyway.
import type { FakeRequest } from '../http/types';

export const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** What a Host header may be: a name, an IPv4 or a bracketed IPv6 address, and a port; no user, no path. */
const HOST_SYNTAX = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::\d{1,5})?$/;

function parsed(origin: string): URL | undefined {
  try {
    return new URL(origin);
  } catch {
    return undefined;
  }
}

/** The fake's own origins for this request, parsed (an unparsable one is left out). */
export function ownOrigins(req: Pick<FakeRequest, 'origin' | 'otherOrigins'>): URL[] {
  return [req.origin, ...(req.otherOrigins ?? [])].map(parsed).filter((url): url is URL => url !== undefined);
}

function sameServer(a: URL, b: URL): boolean {
  if (a.protocol !== b.protocol || a.port !== b.port) return false;
  return a.hostname === b.hostname || (LOOPBACK_NAMES.has(a.hostname) && LOOPBACK_NAMES.has(b.hostname));
}

/** Whether an Origin header names the fake itself (`null`, a sandboxed page or a file, never does). */
export function isOwnOrigin(origin: string, own: readonly URL[]): boolean {
  const url = parsed(origin);
  // A browser sends the serialised origin; anything else (a path, a user, another spelling) is not one of ours.
  if (url === undefined || url.origin !== origin.replace(/\/+$/, '')) return false;
  return own.some((o) => sameServer(url, o));
}

/** Whether a Host header names the fake itself: read with each own origin's scheme, so its default port applies. */
export function isOwnHost(host: string, own: readonly URL[]): boolean {
  if (!HOST_SYNTAX.test(host)) return false;
  return own.some((o) => {
    const url = parsed(`${o.protocol}//${host}`);
    return url !== undefined && sameServer(url, o);
  });
}

/** The names a refusal lists: each own origin's host, and the loopback names on a loopback origin's port. */
export function ownHostsText(own: readonly URL[]): string {
  const hosts = own.flatMap((o) => (LOOPBACK_NAMES.has(o.hostname) ? [...LOOPBACK_NAMES].map((name) => (o.port ? `${name}:${o.port}` : name)) : [o.host]));
  return [...new Set(hosts)].join(', ');
}
