// The parameters of GET /auth/authorize (an OAuth 2.0 authorization endpoint, RFC 6749 section 4.1.1):
// read, checked against the client's registered URIs, and carried from the log-in page to its form post.
// Until client_id and redirect_uri are known good, a failure is an HTML error page, never a redirect
// (RFC 6749 4.1.2.1: an unchecked redirect_uri would make the fake an open redirector); after that, a bad
// response_type or scope goes back to the client as an error redirect.
import type { ClientConfig } from '../http/types';
import { MAPPING_SCOPE } from './codes';
import { registeredRedirect, type MappingProblem } from './mapping-request';

export interface AuthorizeRequest {
  clientId: string;
  /** The client's registered name, else its id: what the page calls the app. */
  appName: string;
  redirectUri: string;
  /** Echoed exactly on the redirect; undefined when the client sent none. */
  state?: string;
  /** The scope granted (and echoed on the redirect): the one asked for, else MyValue's usual one. */
  scope: string;
  /** The parameters as the client sent them (state, scope, response_type included), for the form to carry. */
  fields: Array<[string, string]>;
}

export type AuthorizeCheck =
  | { ok: true; request: AuthorizeRequest }
  /** `redirectTo`: the error redirect to answer with (client and redirect_uri are good); else the error page. */
  | { ok: false; problem: MappingProblem; redirectTo?: string };

type RawValue = string | readonly string[] | undefined;

/** What the fake grants: the scope values of MyValue's usual scope (Fosite's). */
const KNOWN_SCOPES: ReadonlySet<string> = new Set(MAPPING_SCOPE.split(' '));
/** Named in the order a form carries them; a repeat of client_id, redirect_uri or state is never redirected. */
const NAMES = ['client_id', 'redirect_uri', 'state', 'response_type', 'scope'] as const;
const PAGE_ONLY: ReadonlySet<string> = new Set(['client_id', 'redirect_uri', 'state']);
const MAX_LENGTH: Readonly<Record<string, number>> = { state: 1024, redirect_uri: 2048, scope: 255, client_id: 255, response_type: 255 };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const page = (message: string, detail: string): AuthorizeCheck => ({ ok: false, problem: { message, detail } });

/**
 * redirect_uri with the given parameters appended (spaces as %20, as in the guide's example), any fragment dropped.
 * @example redirectWith('https://bu/cb', [['code', 'abc.def'], ['state', 's']]) // https://bu/cb?code=abc.def&state=s
 */
export function redirectWith(redirectUri: string, params: ReadonlyArray<readonly [string, string]>): string {
  const hash = redirectUri.indexOf('#');
  const base = hash < 0 ? redirectUri : redirectUri.slice(0, hash);
  const query = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return `${base}${base.includes('?') ? '&' : '?'}${query}`;
}

/**
 * Checks the parameters of GET /auth/authorize (or the same fields re-posted by its log-in form).
 * @example checkAuthorizeRequest({ client_id: 'GramediaPOS', redirect_uri: 'http://127.0.0.1:5173/callback', state: 's' }, store.clients)
 */
export function checkAuthorizeRequest(input: Readonly<Record<string, RawValue>>, clients: ReadonlyMap<string, ClientConfig>): AuthorizeCheck {
  const values: Record<string, string> = {};
  /** Problems with response_type or scope: told to the client once its redirect_uri is known good. */
  const invalid: string[] = [];
  for (const name of NAMES) {
    const raw = input[name];
    if (raw === undefined) continue;
    if (typeof raw !== 'string') {
      // RFC 6749 3.1: a parameter is sent once. Which state to echo, or where to send the user, is unknowable.
      if (PAGE_ONLY.has(name)) return page(`Parameter ${name} dikirim lebih dari sekali.`, `${name} was given ${raw.length} times; give it once`);
      invalid.push(`${name} was given ${raw.length} times`);
      continue;
    }
    // A lone surrogate cannot be percent-encoded onto the redirect (encodeURIComponent throws). Over HTTP
    // none arrives (decoding gives U+FFFD); straight into the core (MSW, tests) one can.
    if (LONE_SURROGATE.test(raw)) {
      if (PAGE_ONLY.has(name)) return page(`Parameter ${name} tidak valid.`, `${name} is not well-formed Unicode (a lone surrogate)`);
      invalid.push(`${name} is not well-formed Unicode`);
      continue;
    }
    const max = MAX_LENGTH[name] as number;
    if (raw.length > max) {
      if (PAGE_ONLY.has(name)) return page(`Parameter ${name} terlalu panjang.`, `${name} must be at most ${max} characters`);
      invalid.push(`${name} is longer than ${max} characters`);
      continue;
    }
    values[name] = raw;
  }
  const missing = ['client_id', 'redirect_uri'].filter((name) => (values[name] ?? '').trim() === '');
  if (missing.length > 0) {
    return page(`Parameter wajib tidak ada: ${missing.join(', ')}.`, `missing required parameter${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  }
  const clientId = values.client_id as string;
  const redirectUri = values.redirect_uri as string;
  const registered = registeredRedirect(clients, clientId, redirectUri);
  if (!registered.ok) return registered;
  const client = registered.client;
  const state = values.state;
  // From here the client and its redirect_uri are trusted: errors go back to the client (RFC 6749 4.1.2.1).
  const back = (error: string, description: string): AuthorizeCheck => ({
    ok: false,
    problem: { message: description, detail: `${error}: ${description}` },
    redirectTo: redirectWith(redirectUri, [['error', error], ['error_description', description], ...(state === undefined ? [] : [['state', state] as const])]),
  });
  if (invalid.length > 0) return back('invalid_request', invalid.join('; '));
  const responseType = values.response_type;
  // RFC 6749 makes response_type required; a real client's call was seen without one, so absent means code.
  if (responseType !== undefined && responseType !== 'code') return back('unsupported_response_type', `response_type must be code, got "${responseType}"`);
  const asked = values.scope?.split(' ').filter((part) => part !== '');
  const unknown = asked?.filter((part) => !KNOWN_SCOPES.has(part)) ?? [];
  if (unknown.length > 0) return back('invalid_scope', `unknown scope ${unknown.join(' ')}; the fake grants ${MAPPING_SCOPE}`);
  const fields = NAMES.filter((name) => values[name] !== undefined).map((name): [string, string] => [name, values[name] as string]);
  const request: AuthorizeRequest = {
    clientId,
    appName: client.name ?? clientId,
    redirectUri,
    scope: asked !== undefined && asked.length > 0 ? [...new Set(asked)].join(' ') : MAPPING_SCOPE,
    fields,
  };
  if (state !== undefined) request.state = state;
  return { ok: true, request };
}
