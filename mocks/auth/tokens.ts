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

/** Who a token is for: the client, the user (users.id), and its family (the hash of the code it descends from). */
export interface Grant {
  clientId: string;
  userId: string;
  family: string;
}

const insertToken = (deps: Services, kind: Token['kind'], token: string, grant: Grant, ttlSeconds: number): void => {
  deps.store.auth.insertToken({ tokenHash: hashSecret(token), kind, ...grant, expiresAt: deps.clock.now().getTime() + ttlSeconds * 1000 });
};

/** A fresh access and refresh token for a grant; lifetimes from settings. */
export function issueTokens(deps: Services, grant: Grant): TokenResponse {
  const accessToken = newSecret();
  const refreshToken = newSecret();
  insertToken(deps, 'access', accessToken, grant, deps.settings.accessTokenTtlSeconds);
  insertToken(deps, 'refresh', refreshToken, grant, deps.settings.refreshTokenTtlSeconds);
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

type Live = { ok: true; row: Token } | (AuthFailure & { row?: Token });

function liveToken(deps: Services, kind: Token['kind'], token: string): Live {
  const row = deps.store.auth.tokenByHash(hashSecret(token));
  if (!row || row.kind !== kind) return { ok: false, explain: `unknown ${kind} token` };
  if (row.revoked) return { ok: false, explain: `${kind} token was revoked`, row };
  const now = deps.clock.now().getTime();
  if (now >= row.expiresAt) return { ok: false, explain: `${kind} token expired ${Math.round((now - row.expiresAt) / 1000)}s ago` };
  return { ok: true, row };
}

/**
 * grant_type refresh_token: the refresh token is spent (rotation) and a new pair of the same family issued.
 * Access tokens issued before stay valid until they expire. A spent (or revoked) refresh token presented
 * again by its client revokes its whole family, the live pair included (OAuth 2.0 Security BCP, refresh
 * token rotation): either the client or an attacker holds a stolen copy, and the fake cannot tell which.
 */
export function refreshTokens(deps: Services, clientId: string, refreshToken: string): { ok: true; tokens: TokenResponse } | AuthFailure {
  const live = liveToken(deps, 'refresh', refreshToken);
  if (!live.ok) {
    if (live.row === undefined || live.row.clientId !== clientId) return { ok: false, explain: live.explain };
    const revoked = deps.store.auth.revokeFamily(live.row.family);
    return { ok: false, explain: `refresh token was already used (a refresh token is single-use); ${revoked} token(s) of its family are now revoked` };
  }
  if (live.row.clientId !== clientId) return { ok: false, explain: 'refresh token was issued to another client' };
  deps.store.auth.revokeToken(live.row.tokenHash);
  return { ok: true, tokens: issueTokens(deps, { clientId, userId: live.row.userId, family: live.row.family }) };
}

/** The user behind a live access token. */
export function introspectToken(deps: Services, accessToken: string): { ok: true; user: User } | AuthFailure {
  const live = liveToken(deps, 'access', accessToken);
  if (!live.ok) return live;
  const user = deps.store.users.byId(live.row.userId);
  if (!user) return { ok: false, explain: 'the token\'s user no longer exists' };
  return { ok: true, user };
}
