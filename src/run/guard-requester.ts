// Part of the Newman bridge (newman-bridge.ts `guardRequests`): postman-runtime 7.39's requester pool,
// wrapped so that every hop of every request is judged before it is sent. Each request (an item's, a
// pm.sendRequest's) goes through `pool.create(trace, cb)` then `requester.request(id, request, ppb, cb)`;
// postman-request then follows redirects as `followRedirects` (protocolProfileBehavior, else the pool's
// default) says, calling it per redirect when it is a function. Pinned by test/harness/newman-bridge.test.ts.
import type { Hop } from './production-writes';

/** A hop with the cursor ref of the item it belongs to (a pm.sendRequest's too). */
export type ItemHop = Hop & { ref?: string };

type Judge = (hop: ItemHop) => string | undefined;

/** postman-request's request while it handles a redirect (`this` of a followRedirect function). */
interface RedirectingRequest {
  method: string;
  uri: { href: string };
  /** postman-runtime's URL reader (postman-url-encoder): the host it connects to is what this parses. */
  urlParser?: { resolve(base: string, relative: string): { href?: string } | string; parse(url: string): { hostname?: string | null; href?: string } };
}
interface RedirectResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
}
type FollowRedirects = boolean | ((this: RedirectingRequest, response: RedirectResponse) => boolean);

interface SdkRequest {
  method?: string;
  url: { toString(): string; getHost?(): string };
}
type Done = (error: Error | null, ...rest: unknown[]) => void;
interface Requester {
  request(id: string, request: SdkRequest, behaviour: Record<string, unknown> | undefined, done: Done): unknown;
}
export interface RequesterPool {
  options?: { followRedirects?: FollowRedirects };
  create(trace: { cursor?: { ref?: string } }, done: (error: Error | null, requester?: Requester) => void): void;
}

/** The next hop of a redirect as postman-request will read it: its own parser when it has one, else WHATWG's. */
function nextHop(request: RedirectingRequest, location: string): { url: string; host?: string } {
  try {
    const parser = request.urlParser;
    if (parser) {
      const resolved = /^https?:/i.test(location) ? location : parser.resolve(request.uri.href, location);
      const parsed = parser.parse(typeof resolved === 'string' ? resolved : (resolved.href ?? location));
      return { url: new URL(location, request.uri.href).href, ...(parsed.hostname ? { host: parsed.hostname } : {}) };
    }
    return { url: new URL(location, request.uri.href).href };
  } catch {
    return { url: location };
  }
}

/** `follow` with every redirect judged first; a redirect `judge` refuses is not followed. */
function judgedFollow(follow: FollowRedirects, judge: Judge, ref: string | undefined): FollowRedirects {
  return function (this: RedirectingRequest, response: RedirectResponse): boolean {
    const header = response.headers.location;
    const location = Array.isArray(header) ? header[0] : header;
    if (location === undefined) return typeof follow === 'function' ? follow.call(this, response) : true;
    const hop = nextHop(this, location);
    const refusal = judge({ ref, method: String(this.method).toUpperCase(), ...hop, redirectedFrom: { url: this.uri.href, status: response.statusCode } });
    if (refusal !== undefined) return false;
    return typeof follow === 'function' ? follow.call(this, response) : true;
  };
}

/** Wraps the pool so that every request it makes is judged; false when the pool is not what 7.39 has. */
export function guardRequester(pool: RequesterPool | undefined, judge: Judge): boolean {
  if (!pool || typeof pool.create !== 'function' || typeof pool.options !== 'object') return false;
  const create = pool.create.bind(pool);
  const defaultFollow: FollowRedirects = pool.options.followRedirects ?? true;
  pool.create = (trace, done) =>
    create(trace, (error, requester) => {
      if (requester && typeof requester.request === 'function') {
        const send = requester.request.bind(requester);
        const ref = trace?.cursor?.ref;
        requester.request = (id, request, behaviour, callback) => {
          const method = String(request.method ?? 'GET').toUpperCase();
          const host = typeof request.url.getHost === 'function' ? request.url.getHost() : undefined;
          const refusal = judge({ ref, method, url: request.url.toString(), ...(host ? { host } : {}) });
          if (refusal !== undefined) return callback(new Error(refusal), undefined, request);
          const own = behaviour ?? {};
          const follow = (Object.prototype.hasOwnProperty.call(own, 'followRedirects') ? own.followRedirects : defaultFollow) as FollowRedirects;
          return send(id, request, follow ? { ...own, followRedirects: judgedFollow(follow, judge, ref) } : behaviour, callback);
        };
      }
      done(error, requester);
    });
  return true;
}
