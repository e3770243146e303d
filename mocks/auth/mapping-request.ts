// The mapping page's parameters (partner guide, section 2): read, checked against the client's
// registered URIs, and carried from form to form. Failures are values naming the problem.
import type { ClientConfig } from '../http/types';
import { isEmailAddress, isPhoneNumber } from '../domain/normalize';

export interface MappingRequest {
  userId: string;
  clientId: string;
  appName: string;
  fullName: string;
  redirectUri: string;
  fallbackUri: string;
  /** Echoed exactly on the redirect; undefined when the BU sent none. */
  state?: string;
  email?: string;
  phone?: string;
}

export interface MappingProblem {
  /** What the page says (Bahasa Indonesia). */
  message: string;
  /** The same for developers, in English. */
  detail: string;
}

export type MappingCheck = { ok: true; request: MappingRequest } | { ok: false; problem: MappingProblem };

type RawValue = string | readonly string[] | undefined;

/** Parameter names as the guide spells them, in the guide's order. */
const REQUIRED = ['user_id', 'client_id', 'app_name', 'full_name', 'redirect_uri', 'fallback_uri'] as const;
const OPTIONAL = ['state', 'email', 'phone_number'] as const;
const MAX_LENGTH = { state: 1024, redirect_uri: 2048, fallback_uri: 2048 } as Readonly<Record<string, number>>;
const DEFAULT_MAX = 255;

const problem = (message: string, detail: string): MappingCheck => ({ ok: false, problem: { message, detail } });

function originOf(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The client and its redirect_uri, when the client is known and the URI is registered for it (exact
 * match): the check the mapping page and /auth/authorize share before they trust a redirect.
 */
export function registeredRedirect(clients: ReadonlyMap<string, ClientConfig>, clientId: string, redirectUri: string): { ok: true; client: ClientConfig } | { ok: false; problem: MappingProblem } {
  const client = clients.get(clientId);
  if (!client) return { ok: false, problem: { message: 'Aplikasi (client_id) tidak dikenal.', detail: `unknown client_id "${clientId}"` } };
  if (!client.redirectUris.includes(redirectUri)) {
    return {
      ok: false,
      problem: {
        message: 'redirect_uri tidak terdaftar untuk aplikasi ini.',
        detail: `redirect_uri "${redirectUri}" is not registered for client "${clientId}" (exact match; registered: ${client.redirectUris.length === 0 ? 'none' : client.redirectUris.join(', ')})`,
      },
    };
  }
  return { ok: true, client };
}

/**
 * Checks the parameters of GET /authorize/mapping (or the same fields re-posted by the page's forms).
 * @example checkMappingRequest({ user_id: 'bu-1', client_id: 'GramediaPOS', ... }, store.clients)
 */
export function checkMappingRequest(input: Readonly<Record<string, RawValue>>, clients: ReadonlyMap<string, ClientConfig>): MappingCheck {
  const values: Record<string, string> = {};
  for (const name of [...REQUIRED, ...OPTIONAL]) {
    const raw = input[name];
    if (raw === undefined) continue;
    if (typeof raw !== 'string') {
      return problem(`Parameter ${name} dikirim lebih dari sekali.`, `${name} was given ${raw.length} times; give it once`);
    }
    const max = MAX_LENGTH[name] ?? DEFAULT_MAX;
    if (raw.length > max) return problem(`Parameter ${name} terlalu panjang.`, `${name} must be at most ${max} characters`);
    values[name] = raw;
  }
  const missing = REQUIRED.filter((name) => (values[name] ?? '').trim() === '');
  if (missing.length > 0) {
    return problem(`Parameter wajib tidak ada: ${missing.join(', ')}.`, `missing required parameter${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  }
  const email = values.email?.trim() || undefined;
  const phone = values.phone_number?.trim() || undefined;
  if (email === undefined && phone === undefined) {
    return problem('Minimal salah satu dari email atau phone_number harus diisi.', 'give at least one of email and phone_number');
  }
  if (email !== undefined && !isEmailAddress(email)) return problem('Format email tidak valid.', `email is not a valid address: "${email}"`);
  if (phone !== undefined && !isPhoneNumber(phone)) {
    return problem('Format nomor telepon tidak valid.', `phone_number must hold 8 to 13 digits after the country code, got "${phone}"`);
  }
  const clientId = values.client_id as string;
  const redirectUri = values.redirect_uri as string;
  const registered = registeredRedirect(clients, clientId, redirectUri);
  if (!registered.ok) return registered;
  const client = registered.client;
  // The guide registers only redirect_uri; fallback_uri must share an origin with one of them,
  // so that "Batal" never sends the user to an address the client did not register.
  const givenFallback = values.fallback_uri as string;
  // It becomes a Location header: no control characters (CR/LF would split the answer); non-ASCII goes
  // percent-encoded, as a browser would send it.
  if (/[\u0000-\u001f\u007f]/.test(givenFallback)) {
    return problem('fallback_uri tidak valid.', 'fallback_uri must not hold control characters (CR, LF, tab, ...)');
  }
  const fallbackOrigin = originOf(givenFallback);
  const fallbackUri = fallbackOrigin === undefined ? givenFallback : new URL(givenFallback).href;
  if (fallbackOrigin === undefined || !client.redirectUris.some((uri) => originOf(uri) === fallbackOrigin)) {
    return problem(
      'fallback_uri tidak berada di alamat yang terdaftar untuk aplikasi ini.',
      `fallback_uri "${fallbackUri}" must be an http(s) URL on the origin of a registered redirect_uri of client "${clientId}"`,
    );
  }
  const request: MappingRequest = {
    userId: values.user_id as string,
    clientId,
    appName: values.app_name as string,
    fullName: values.full_name as string,
    redirectUri,
    fallbackUri,
  };
  if (values.state !== undefined) request.state = values.state;
  if (email !== undefined) request.email = email;
  if (phone !== undefined) request.phone = phone;
  return { ok: true, request };
}

/** The request as the guide's parameters, to carry in hidden inputs or a link's query. */
export function mappingFields(request: MappingRequest): Array<[string, string]> {
  const fields: Array<[string, string]> = [
    ['user_id', request.userId],
    ['client_id', request.clientId],
    ['app_name', request.appName],
    ['full_name', request.fullName],
    ['redirect_uri', request.redirectUri],
    ['fallback_uri', request.fallbackUri],
  ];
  if (request.state !== undefined) fields.push(['state', request.state]);
  if (request.email !== undefined) fields.push(['email', request.email]);
  if (request.phone !== undefined) fields.push(['phone_number', request.phone]);
  return fields;
}

/** A query string holding the request (for links between the page's steps). */
export function mappingQuery(request: MappingRequest): string {
  return new URLSearchParams(mappingFields(request)).toString();
}

/**
 * redirect_uri with code, scope and state appended; spaces as %20, as in the guide's example.
 * @example successRedirect(req, 'abc.def', 'fosite offline openid') // https://bu/cb?code=abc.def&scope=fosite%20offline%20openid&state=s
 */
export function successRedirect(request: MappingRequest, code: string, scope: string): string {
  const parts = [`code=${encodeURIComponent(code)}`, `scope=${encodeURIComponent(scope)}`];
  if (request.state !== undefined) parts.push(`state=${encodeURIComponent(request.state)}`);
  const hash = request.redirectUri.indexOf('#');
  const base = hash < 0 ? request.redirectUri : request.redirectUri.slice(0, hash);
  return `${base}${base.includes('?') ? '&' : '?'}${parts.join('&')}`;
}
