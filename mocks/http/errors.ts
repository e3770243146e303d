// MyValue's error bodies, as templates: `{ id, detail, errorCode }` with errorCode = HTTP status.
import type { FakeResponse } from './types';

export const ERRORS = {
  InvalidClient: { status: 400, detail: 'Client id or client secret is invalid' },
  ErrAuthorizationInvalidSign: { status: 401, detail: 'Invalid Sign Parameter' },
  MUD001: { status: 404, detail: 'User not found' },
  ErrSuboutletNotfound: { status: 404, detail: 'Suboutlet not found' },
  ErrMembershipNotFound: { status: 404, detail: 'User membership not found' },
  ErrInvalidAdjustedRefCode: { status: 400, detail: 'Invalid adjusted reference no' },
  // Not in MyValue's docs, which give 400 for any failed validation: ids chosen here, details name the problem.
  ErrValidation: { status: 400, detail: 'Request validation failed' },
  ErrMalformedJSON: { status: 400, detail: 'Request body is not valid JSON' },
  ErrDuplicateReferenceNo: { status: 400, detail: 'Reference no has already been used' },
  ErrInsufficientPoint: { status: 400, detail: 'Point is not sufficient' },
  ErrUserAlreadyRegistered: { status: 400, detail: 'User already registered in MyValue' },
  ErrInvalidReferral: { status: 400, detail: 'Referral suboutlet not found' },
  ErrPromoNotFound: { status: 404, detail: 'Promo not found' },
  ErrPromoExpired: { status: 400, detail: 'Promo is expired or not active' },
  ErrPromoQuotaExhausted: { status: 400, detail: 'Promo quota is exhausted' },
  ErrPromoPurchaseLimit: { status: 400, detail: 'Promo purchase limit reached for this user' },
  ErrVoucherNotFound: { status: 404, detail: 'Voucher not found' },
  ErrAdjustmentExceedsOriginal: { status: 400, detail: 'Adjustment is larger than what is left of the original transaction' },
  ErrRouteNotFound: { status: 404, detail: 'Route not found' },
  ErrMethodNotAllowed: { status: 405, detail: 'Method not allowed' },
  ErrPayloadTooLarge: { status: 413, detail: 'Request body is too large' },
  ErrHeadersTooLarge: { status: 431, detail: 'Request line or headers are too large' },
  ErrUnsupportedMediaType: { status: 415, detail: 'Request body must be application/json' },
  // The fake's admin API (not MyValue's): refused for other sites, and without its token when one is set.
  ErrAdminForbidden: { status: 403, detail: "The fake's admin API answers only requests from its own origin" },
  ErrAdminToken: { status: 401, detail: "The fake's admin API needs its token (x-myvalue-admin-token)" },
  ErrTooManyStreams: { status: 503, detail: 'Too many event streams are open (GET /__admin/events): close one (another dashboard tab) and try again' },
  ErrEventsNeedExpress: { status: 501, detail: 'GET /__admin/events streams from the Express adapter (myvalue mock, createExpressApp); the MSW handlers serve no event stream' },
  ErrBadRequest: { status: 400, detail: 'The request could not be read as HTTP' },
  ErrInternal: { status: 500, detail: 'Internal server error' },
  ErrServiceUnavailable: { status: 503, detail: 'Service unavailable' },
  // Auth API (auth-myvalue.yaml).
  AuthInvalidClient: { status: 400, detail: 'Client salah', id: 'InvalidClient' },
  SAT001: { status: 401, detail: 'Credential yang Anda masukkan salah' },
  SAT003: { status: 401, detail: 'Token yang Anda masukkan salah' },
  // The fake's /__admin/authorize (not MyValue's): a BU user links to one value ID only.
  ErrAlreadyMapped: { status: 409, detail: 'This business-unit user is already linked to another value ID' },
} as const satisfies Record<string, { status: number; detail: string; id?: string }>;

export type ErrorId = keyof typeof ERRORS;

export interface ErrorBody {
  id: string;
  detail: string;
  errorCode: number;
}

/** The wire body of a template, with an optional detail that names the problem. */
export function errorBody(id: ErrorId, detail?: string): ErrorBody {
  const template: { status: number; detail: string; id?: string } = ERRORS[id];
  return { id: template.id ?? id, detail: detail ?? template.detail, errorCode: template.status };
}

/** A JSON error response from a template. */
export function errorResponse(id: ErrorId, detail?: string, headers: Record<string, string> = {}): FakeResponse {
  return { status: ERRORS[id].status, headers: { 'content-type': 'application/json', ...headers }, body: errorBody(id, detail) };
}

/** A JSON success response. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body };
}

/** An expected failure a handler returns (never throws). */
export interface Failure {
  ok: false;
  error: ErrorId;
  detail?: string;
}

export function fail(error: ErrorId, detail?: string): Failure {
  return detail === undefined ? { ok: false, error } : { ok: false, error, detail };
}
