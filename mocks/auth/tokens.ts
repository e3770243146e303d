// Access and refresh tokens: issued for a redeemed code, refreshed with rotation, introspected.
import type { Token, User } from '../domain/records';
import type { Services } from '../store/services';
import type { AuthFailure } from './codes';
import { hashSecret, newSecret } from './secrets';

/** POST /auth/token/ success body (auth-myvalue.yaml). */
export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_expires_in: number;
  id_token: string;
  not_before_policy: number;
  session_state: string;
}

const insertToken = (deps: Services, kind: Token['kind'], token: string, clientId: string, userId: string, ttlSeconds: number): void => {
  deps.store.auth.insertToken({ tokenHash: hashSecret(token), kind, clientId, userId, expiresAt: deps.clock.now().getTime() + ttlSeconds * 1000 });
};

/** A fresh access and refresh token for a user (users.id) of a client; lifetimes from settings. */
export function issueTokens(deps: Services, clientId: string, userId: string): TokenResponse {
  const accessToken = newSecret();
  const refreshToken = newSecret();
  insertToken(deps, 'access', accessToken, clientId, userId, deps.settings.accessTokenTtlSeconds);
  insertToken(deps, 'refresh', refreshToken, clientId, userId, deps.settings.refreshTokenTtlSeconds);
  return {
    access_token: accessToken,
    refresh_token: refreshToken,
    token_type: 'bearer',
    expires_in: deps.settings.accessTokenTtlSeconds,
    refresh_expires_in: deps.settings.refreshTokenTtlSeconds,
    id_token: '',
    not_before_policy: 0,
    session_state: '',
  };
}

function liveToken(deps: Services, kind: Token['kind'], token: string): { ok: true; row: Token } | AuthFailure {
  const row = deps.store.auth.tokenByHash(hashSecret(token));
  if (!row || row.kind !== kind) return { ok: false, explain: `unknown ${kind} token` };
  if (row.revoked) return { ok: false, explain: `${kind} token was revoked (a refresh token is single-use)` };
  const now = deps.clock.now().getTime();
  if (now >= row.expiresAt) return { ok: false, explain: `${kind} token expired ${Math.round((now - row.expiresAt) / 1000)}s ago` };
  return { ok: true, row };
}

/**
 * grant_type refresh_token: the refresh token is spent (rotation) and a new pair issued.
 * Access tokens issued before stay valid until they expire.
 */
export function refreshTokens(deps: Services, clientId: string, refreshToken: string): { ok: true; tokens: TokenResponse } | AuthFailure {
  const live = liveToken(deps, 'refresh', refreshToken);
  if (!live.ok) return live;
  if (live.row.clientId !== clientId) return { ok: false, explain: 'refresh token was issued to another client' };
  deps.store.auth.revokeToken(live.row.tokenHash);
  return { ok: true, tokens: issueTokens(deps, clientId, live.row.userId) };
}

/** The user behind a live access token. */
export function introspectToken(deps: Services, accessToken: string): { ok: true; user: User } | AuthFailure {
  const live = liveToken(deps, 'access', accessToken);
  if (!live.ok) return live;
  const user = deps.store.users.byId(live.row.userId);
  if (!user) return { ok: false, explain: 'the token\'s user no longer exists' };
  return { ok: true, user };
}
