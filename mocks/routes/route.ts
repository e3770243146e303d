// What a route of the fake is: a pure handler, at the method and path of its signing rule (signed
// routes) or at its own method and path (Auth API, SSO pages, the admin API).
import type { ClientConfig, Fields, FakeRequest, FakeResponse } from '../http/types';
import type { Services } from '../store/services';
import { findRule, type SignRule, type SignRuleName } from '../../src/signing';

export type { Fields };

export interface RouteContext<D extends Services = Services> {
  req: FakeRequest;
  deps: D;
  /** The signing rule of the route, when it has one. */
  rule?: SignRule;
  /** The verified client, on signed routes. */
  client: ClientConfig;
  /** Signed routes: the query (first value of each key) for GET, the JSON body for POST. */
  fields: Fields;
  /** Parsed JSON body ({} when there is none). */
  body: Fields;
  /** Path parameters by name (':ID' -> params.ID). */
  params: Record<string, string>;
}

export type Method = 'GET' | 'HEAD' | 'POST' | 'DELETE' | 'PUT';

/** JSON (parsed by the core, and refused as another media type); 'form' and 'none' leave rawBody to the handler (HTML forms). */
export type BodyKind = 'json' | 'form' | 'none';

/** A route's body when its table does not say: JSON for a POST, none for the rest. */
const defaultBody = (method: Method): BodyKind => (method === 'POST' ? 'json' : 'none');

interface Handled<D extends Services> {
  /** What the body is (BodyKind); default: defaultBody of the method. */
  body?: BodyKind;
  handle(ctx: RouteContext<D>): FakeResponse;
  /** Unsigned routes: the client a request names (OAuth's client_id), for the journal. */
  callerOf?(req: FakeRequest): string | undefined;
  /**
   * Admin routes served without the admin token: the dashboard's page, script and style sheet, which hold
   * no state and which a browser loads without headers of its own. The Origin check still applies.
   */
  tokenFree?: true;
}

/**
 * A route as written in a table: a signed route names its rule, whose method, path and required
 * fields the core uses (the handler runs once the client, the sign and the required fields are
 * right); any other route gives its method and path.
 */
export type RouteSpec<D extends Services = Services> =
  | (Handled<D> & { rule: SignRuleName; method?: never; path?: never })
  | (Handled<D> & { method: Method; /** ':name' segments capture; trailing slash optional. */ path: string; rule?: never });

/** A route as the core sees it: always a method, a path and a body kind; the signing rule itself on signed routes. */
export interface Route<D extends Services = Services> extends Handled<D> {
  method: Method;
  path: string;
  rule?: SignRule;
  /** Settled once, here: the parsing (admission) and the media type check (pipeline) both read it. */
  body: BodyKind;
}

/** Where a route answers: a signed route at its signing rule's method and path. */
function placed<D extends Services>(spec: RouteSpec<D>): Omit<Route<D>, 'body'> & Pick<Handled<D>, 'body'> {
  if (spec.rule === undefined) return spec;
  const rule = findRule(spec.rule) as SignRule;
  return { ...spec, method: rule.method, path: rule.path, rule };
}

/** Declares a route table: signed routes take their method and path from their signing rule; every route gets its body kind. */
export function defineRoutes<D extends Services = Services>(specs: RouteSpec<D>[]): Route<D>[] {
  return specs.map((spec) => {
    const route = placed(spec);
    return { ...route, body: route.body ?? defaultBody(route.method) };
  });
}
