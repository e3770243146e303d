// Access and refresh tokens: issued for a redeemed code, refreshed with rotation, introspected.
import type { Services } from '../store/services';
import { sql } from '../store/sql';
import { userById, type UserRow } from '../store/users';
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

interface TokenRow {
  token_hash: string;
  kind: 'access' | 'refresh';
  client_id: string;
  user_id: string;
  expires_at: number;
  revoked: number;
}

const insertToken = (deps: Services, kind: TokenRow['kind'], token: string, clientId: string, userId: string, ttlSeconds: number): void => {
  sql(deps.store.db, 'INSERT INTO tokens (token_hash, kind, client_id, user_id, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(hashSecret(token), kind, clientId, userId, deps.clock.now().getTime() + ttlSeconds * 1000);
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

function liveToken(deps: Services, kind: TokenRow['kind'], token: string): { ok: true; row: TokenRow } | { ok: false; reason: string } {
  const row = sql(deps.store.db, 'SELECT * FROM tokens WHERE token_hash = ?').get(hashSecret(token)) as TokenRow | undefined;
  if (!row || row.kind !== kind) return { ok: false, reason: `unknown ${kind} token` };
  if (row.revoked !== 0) return { ok: false, reason: `${kind} token was revoked (a refresh token is single-use)` };
  const now = deps.clock.now().getTime();
  if (now >= row.expires_at) return { ok: false, reason: `${kind} token expired ${Math.round((now - row.expires_at) / 1000)}s ago` };
  return { ok: true, row };
}

/**
 * grant_type refresh_token: the refresh token is spent (rotation) and a new pair issued.
 * Access tokens issued before stay valid until they expire.
 */
export function refreshTokens(deps: Services, clientId: string, refreshToken: string): { ok: true; tokens: TokenResponse } | AuthFailure {
  const live = liveToken(deps, 'refresh', refreshToken);
  if (!live.ok) return { ok: false, error: 'SAT001', reason: live.reason };
  if (live.row.client_id !== clientId) return { ok: false, error: 'SAT001', reason: 'refresh token was issued to another client' };
  sql(deps.store.db, 'UPDATE tokens SET revoked = 1 WHERE token_hash = ?').run(live.row.token_hash);
  return { ok: true, tokens: issueTokens(deps, clientId, live.row.user_id) };
}

/** The user behind a live access token. */
export function introspectToken(deps: Services, accessToken: string): { ok: true; user: UserRow } | AuthFailure {
  const live = liveToken(deps, 'access', accessToken);
  if (!live.ok) return { ok: false, error: 'SAT003', reason: live.reason };
  const user = userById(deps.store.db, live.row.user_id);
  if (!user) return { ok: false, error: 'SAT003', reason: 'the token\'s user no longer exists' };
  return { ok: true, user };
}
