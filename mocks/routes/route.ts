// What a route of the fake is: a method, a path pattern, an optional signing rule and a pure handler.
import type { ClientConfig, Fields, FakeRequest, FakeResponse } from '../http/types';
import type { Services } from '../store/services';

export type { Fields };
import type { SignRule, SignRuleName } from '../../src/signing';

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

export interface Route<D extends Services = Services> {
  method: 'GET' | 'HEAD' | 'POST' | 'DELETE' | 'PUT';
  /** Pattern; ':name' segments capture; trailing slash optional. */
  path: string;
  /** Signing rule checked before the handler runs. */
  rule?: SignRuleName;
  /** Body is JSON (parsed by the core); false leaves rawBody to the handler (HTML forms). */
  body?: 'json' | 'form' | 'none';
  handle(ctx: RouteContext<D>): FakeResponse;
}

/** Declares a route list with checked types. */
export function defineRoutes<D extends Services = Services>(routes: Route<D>[]): Route<D>[] {
  return routes;
}
