// `Prefer: code=401` (as Prism does it): answers with the documented error example of a route,
// without running its handler, so nothing changes. Examples come from MyValue's docs
// (reference/external-myvalue.yaml, auth-myvalue.yaml, promo-integration.md).
import { ERRORS, errorResponse, type ErrorId } from '../http/errors';
import type { FakeResponse } from '../http/types';

type Documented = Readonly<Record<number, readonly ErrorId[]>>;

const SIGNED: Documented = { 400: ['InvalidClient'], 401: ['ErrAuthorizationInvalidSign'] };
const MUTATION: Documented = { ...SIGNED, 404: ['ErrSuboutletNotfound', 'ErrMembershipNotFound'] };

/**
 * Documented error examples by 'METHOD /path' (no trailing slash); the first id of a status is its
 * default. point.adjustment's docs list ErrInvalidAdjustedRefCode first: InvalidClient leads here,
 * so code=400 means the same on every signed route (`example=ErrInvalidAdjustedRefCode` picks the other).
 */
export const DOCUMENTED_ERRORS: Readonly<Record<string, Documented>> = {
  'GET /v2/service/user': { ...SIGNED, 404: ['MUD001'] },
  'POST /service/user': SIGNED,
  'GET /service/point': SIGNED,
  'POST /service/point/earn': MUTATION,
  'POST /service/point/earn/estimate': { ...SIGNED, 404: ['ErrSuboutletNotfound'] },
  'POST /service/point/redeem': MUTATION,
  'POST /service/point/adjustment': { 400: ['InvalidClient', 'ErrInvalidAdjustedRefCode'], 401: ['ErrAuthorizationInvalidSign'] },
  'GET /service/point/history': SIGNED,
  'GET /v1/service/promos': SIGNED,
  'GET /v1/service/promos/:ID': SIGNED,
  'POST /v1/service/promos/buy': SIGNED,
  'GET /v1/service/vouchers': SIGNED,
  'GET /v1/service/vouchers/:ID': SIGNED,
  'POST /auth/token': { 400: ['AuthInvalidClient'], 401: ['SAT001'] },
  'POST /auth/introspect': { 401: ['SAT003'] },
};

export interface Preference {
  code?: number;
  example?: string;
  /** As received, for the journal. */
  text: string;
}

/** The `code` and `example` preferences of a Prefer header (others are ignored, as RFC 7240 allows). */
export function parsePrefer(value: string | undefined): { ok: true; value?: Preference } | { ok: false; detail: string } {
  if (value === undefined) return { ok: true };
  let code: number | undefined;
  let example: string | undefined;
  for (const part of value.split(/[,;]/)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const v = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (key === 'code') {
      if (!/^\d{3}$/.test(v)) return { ok: false, detail: `Prefer code must be a 3-digit HTTP status, got "${v}"` };
      code = Number(v);
    } else if (key === 'example') example = v;
  }
  if (code === undefined && example === undefined) return { ok: true };
  return { ok: true, value: { code, example, text: value.trim() } };
}

/** The id on the wire (AuthInvalidClient goes out as InvalidClient). */
const wireId = (id: ErrorId): string => (ERRORS[id] as { id?: string }).id ?? id;

const routeKey = (method: string, path: string): string => `${method} ${path.replace(/\/+$/, '') || '/'}`;

/** The forced answer for a route (its method and path pattern), or ErrValidation naming what is documented. */
export function preferredResponse(method: string, routePath: string, preference: Preference): FakeResponse {
  const key = routeKey(method, routePath);
  const documented = DOCUMENTED_ERRORS[key] ?? {};
  const codes = Object.keys(documented).map(Number);
  const available = codes.length > 0 ? `available: ${codes.join(', ')}` : 'it documents no error responses';
  const code = preference.code ?? codes.find((c) => documented[c]?.some((i) => wireId(i) === preference.example));
  const ids = code === undefined ? undefined : documented[code];
  if (code === undefined || ids === undefined) {
    const what = preference.code === undefined ? `example=${preference.example}` : `code=${preference.code}`;
    return errorResponse('ErrValidation', `Prefer ${what} is not documented for ${key}; ${available}`);
  }
  const id = preference.example === undefined ? ids[0] : ids.find((i) => wireId(i) === preference.example);
  if (id === undefined) return errorResponse('ErrValidation', `Prefer example=${preference.example} is not documented for ${code} on ${key}; examples: ${ids.map(wireId).join(', ')}`);
  return errorResponse(id);
}
