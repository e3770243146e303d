// The Auth API (auth-myvalue.yaml): POST /auth/token/ and /auth/introspect/, plus the fake's
// POST /__admin/authorize that maps as the page would and hands out a code without a browser.
import { errorResponse, jsonResponse, type ErrorId } from '../http/errors';
import { mediaType, parseJsonBody } from '../http/json-body';
import { isoSeconds } from '../domain/time';
import type { Fields, FakeRequest, FakeResponse } from '../http/types';
import type { Services } from '../store/services';
import { accountView } from '../views/user-views';
import { issueCode, MAPPING_SCOPE, redeemCode, type AuthFailure } from './codes';
import { PAGE_REGISTER_PROVIDER, parseForm } from './flow';
import { accountWithSameContact, linkAccount, linkedUser } from '../domain/mapping';
import { checkMappingRequest } from './mapping-request';
import { introspectToken, issueTokens, refreshTokens } from './tokens';
import { MYVALUE_APPS_OUTLET } from '../domain/myvalue';
import { secretsEqual } from '../domain/passwords';

/** Says why a code or token was refused; the body stays exactly MyValue's template. Never holds a secret. */
export const AUTH_EXPLAIN_HEADER = 'x-myvalue-auth-explain';

type Body = { ok: true; fields: Fields } | { ok: false; response: FakeResponse };

/** JSON as documented; application/x-www-form-urlencoded accepted too, as OAuth clients send it. */
export function readAuthBody(req: FakeRequest): Body {
  if (mediaType(req.headers) === 'application/x-www-form-urlencoded') {
    const form = parseForm(req.rawBody);
    const fields: Fields = {};
    for (const [key, value] of Object.entries(form)) fields[key] = Array.isArray(value) ? value[0] : value;
    return { ok: true, fields };
  }
  const parsed = parseJsonBody(req.rawBody);
  return parsed.ok ? { ok: true, fields: parsed.body } : parsed;
}

/** Codes and refresh tokens are credentials (SAT001), access tokens tokens (SAT003): the body stays the template. */
const refused = (error: 'SAT001' | 'SAT003', failure: AuthFailure): FakeResponse => errorResponse(error, undefined, { [AUTH_EXPLAIN_HEADER]: failure.explain });

const refusedWith = (error: ErrorId, reason: string): FakeResponse => errorResponse(error, undefined, { [AUTH_EXPLAIN_HEADER]: reason });

const str = (fields: Fields, name: string): string | undefined => {
  const value = fields[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const GRANT_TYPES = ['authorization_code', 'refresh_token'] as const;

/** POST /auth/token/: the client is checked first, then the grant. */
export function tokenEndpoint(deps: Services, fields: Fields): FakeResponse {
  const clientId = str(fields, 'client_id');
  const client = clientId === undefined ? undefined : deps.store.clients.get(clientId);
  if (!client) return refusedWith('AuthInvalidClient', clientId === undefined ? 'client_id is missing' : 'unknown client_id');
  if (!secretsEqual(str(fields, 'client_secret'), client.clientSecret)) return refusedWith('AuthInvalidClient', 'client_secret does not match client_id');
  const grantType = str(fields, 'grant_type');
  if (grantType === 'authorization_code') {
    const code = str(fields, 'code');
    if (code === undefined) return errorResponse('ErrValidation', 'code is required for grant_type authorization_code');
    const redirectUri = str(fields, 'redirect_uri');
    if (redirectUri === undefined) return errorResponse('ErrValidation', 'redirect_uri is required for grant_type authorization_code');
    return deps.store.tx(() => {
      const redeemed = redeemCode(deps, { code, clientId: client.clientId, redirectUri });
      if (!redeemed.ok) return refused('SAT001', redeemed);
      return jsonResponse(issueTokens(deps, { clientId: client.clientId, userId: redeemed.userId, family: redeemed.family }), 200, { 'cache-control': 'no-store' });
    });
  }
  if (grantType === 'refresh_token') {
    const refreshToken = str(fields, 'refresh_token');
    if (refreshToken === undefined) return errorResponse('ErrValidation', 'refresh_token is required for grant_type refresh_token');
    return deps.store.tx(() => {
      const refreshed = refreshTokens(deps, client.clientId, refreshToken);
      if (!refreshed.ok) return refused('SAT001', refreshed);
      return jsonResponse(refreshed.tokens, 200, { 'cache-control': 'no-store' });
    });
  }
  return errorResponse('ErrValidation', `grant_type must be one of ${GRANT_TYPES.join(', ')}, got ${JSON.stringify(fields.grant_type ?? null)}`);
}

/** POST /auth/introspect/: the user behind an access token, as documented. */
export function introspectEndpoint(deps: Services, fields: Fields): FakeResponse {
  const accessToken = str(fields, 'access_token');
  if (accessToken === undefined) return errorResponse('ErrValidation', 'access_token is required');
  const found = introspectToken(deps, accessToken);
  if (!found.ok) return refused('SAT003', found);
  return jsonResponse(accountView(found.user, deps.store.users.memberships(found.user.id), 'introspect'), 200, { 'cache-control': 'no-store' });
}

const ADMIN_FIELDS = ['client_id', 'user_id', 'redirect_uri', 'full_name', 'email', 'phone_number', 'value_id', 'state'] as const;

/**
 * POST /__admin/authorize {client_id, user_id, redirect_uri, full_name, email | phone_number, value_id?}:
 * an already linked BU user keeps its value ID; else value_id (the "different contact" case, as if that
 * user logged in), else the MyValue user with the same email or phone, else a new password-less user.
 * @example POST /__admin/authorize {"client_id":"GramediaPOS","user_id":"bu-1","redirect_uri":"http://127.0.0.1:5173/callback","full_name":"Ani","email":"ani@example.com"}
 */
export function adminAuthorize(deps: Services, fields: Fields): FakeResponse {
  for (const name of ADMIN_FIELDS) {
    if (fields[name] !== undefined && typeof fields[name] !== 'string') return errorResponse('ErrValidation', `${name} must be a string`);
  }
  const clientId = str(fields, 'client_id');
  const client = clientId === undefined ? undefined : deps.store.clients.get(clientId);
  const checked = checkMappingRequest(
    {
      user_id: str(fields, 'user_id'),
      client_id: clientId,
      app_name: client?.name ?? clientId,
      full_name: str(fields, 'full_name'),
      redirect_uri: str(fields, 'redirect_uri'),
      // Not needed here; the registered redirect_uri satisfies the page's fallback check.
      fallback_uri: str(fields, 'redirect_uri'),
      email: str(fields, 'email'),
      phone_number: str(fields, 'phone_number'),
    },
    deps.store.clients,
  );
  if (!checked.ok) return errorResponse('ErrValidation', checked.problem.detail);
  const request = checked.request;
  const valueId = str(fields, 'value_id');
  const store = deps.store;
  return store.tx(() => {
    let userId: string;
    if (valueId !== undefined) {
      const chosen = store.users.byValueId(valueId);
      if (!chosen) return errorResponse('MUD001', `No MyValue user with value ID ${valueId}`);
      userId = chosen.id;
    } else {
      const existing = linkedUser(store, request.clientId, request.userId) ?? accountWithSameContact(store.users, request)?.user;
      userId = existing?.id ?? store.users.insert({
        email: request.email,
        phone: request.phone,
        firstName: request.fullName,
        passwordHash: null,
        clientId: request.clientId,
        registerProvider: PAGE_REGISTER_PROVIDER,
        outletCode: MYVALUE_APPS_OUTLET,
        createdAt: isoSeconds(deps.clock.now()),
      }).id;
    }
    const linked = linkAccount(store, { clientId: request.clientId, userId: request.userId, email: request.email, phone: request.phone }, userId);
    if (!linked.ok) {
      return errorResponse('ErrAlreadyMapped', `user_id "${request.userId}" of client "${request.clientId}" is already linked to value ID ${linked.linkedValueId}`);
    }
    const code = issueCode(deps, { clientId: request.clientId, redirectUri: request.redirectUri, userId });
    return jsonResponse({ code, scope: MAPPING_SCOPE, valueID: linked.user.valueId }, 200, { 'cache-control': 'no-store' });
  });
}
