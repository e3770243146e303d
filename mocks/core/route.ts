// What a route of the fake is: a method, a path pattern, an optional signing rule and a pure handler.
import type { ClientConfig, FakeRequest, FakeResponse } from './types';
import type { Deps } from './deps';
import type { SignRule, SignRuleName } from '../../src/signing';

export type Fields = Record<string, unknown>;

export interface RouteContext {
  req: FakeRequest;
  deps: Deps;
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

export interface Route {
  method: 'GET' | 'HEAD' | 'POST' | 'DELETE' | 'PUT';
  /** Pattern; ':name' segments capture; trailing slash optional. */
  path: string;
  /** Signing rule checked before the handler runs. */
  rule?: SignRuleName;
  /** Body is JSON (parsed by the core); false leaves rawBody to the handler (HTML forms). */
  body?: 'json' | 'form' | 'none';
  handle(ctx: RouteContext): FakeResponse;
}

/** Declares a route list with checked types. */
export function defineRoutes(routes: Route[]): Route[] {
  return routes;
}
