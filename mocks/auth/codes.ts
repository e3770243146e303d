// Authorization codes: issued on a confirmed mapping, single-use, short-lived, bound to client and redirect_uri.
import type { ErrorId } from '../http/errors';
import type { Services } from '../store/services';
import { sql } from '../store/sql';
import { hashSecret, newSecret } from './secrets';

/** The scope on the redirect, as in the guide's example redirect. */
export const MAPPING_SCOPE = 'fosite offline openid';

/** An expected failure of the Auth API: the body stays MyValue's template, `reason` says why (for a header). */
export interface AuthFailure {
  ok: false;
  error: ErrorId;
  reason: string;
}

interface CodeRow {
  code_hash: string;
  client_id: string;
  redirect_uri: string;
  user_id: string;
  scope: string;
  expires_at: number;
  used_at: number | null;
}

/**
 * Issues a code for a MyValue user (users.id), valid for settings.codeTtlSeconds.
 * @example const code = issueCode(deps, { clientId: 'GramediaPOS', redirectUri: 'http://127.0.0.1:5173/callback', userId });
 */
export function issueCode(deps: Services, grant: { clientId: string; redirectUri: string; userId: string }): string {
  const code = newSecret();
  const expiresAt = deps.clock.now().getTime() + deps.settings.codeTtlSeconds * 1000;
  sql(deps.store.db, 'INSERT INTO auth_codes (code_hash, client_id, redirect_uri, user_id, scope, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(hashSecret(code), grant.clientId, grant.redirectUri, grant.userId, MAPPING_SCOPE, expiresAt);
  return code;
}

const sat001 = (reason: string): AuthFailure => ({ ok: false, error: 'SAT001', reason });

/**
 * Spends a code: it must exist, be unused, unexpired, issued to this client for this redirect_uri.
 * A failed attempt leaves the code as it was; success marks it used (in the caller's transaction).
 */
export function redeemCode(deps: Services, attempt: { code: string; clientId: string; redirectUri: string }): { ok: true; userId: string; scope: string } | AuthFailure {
  const db = deps.store.db;
  const row = sql(db, 'SELECT * FROM auth_codes WHERE code_hash = ?').get(hashSecret(attempt.code)) as CodeRow | undefined;
  if (!row) return sat001('unknown authorization code');
  if (row.used_at !== null) return sat001('authorization code was already used');
  const now = deps.clock.now().getTime();
  if (now >= row.expires_at) return sat001(`authorization code expired ${Math.round((now - row.expires_at) / 1000)}s ago (lifetime ${deps.settings.codeTtlSeconds}s)`);
  if (row.client_id !== attempt.clientId) return sat001('authorization code was issued to another client');
  if (row.redirect_uri !== attempt.redirectUri) return sat001('redirect_uri differs from the one the code was issued for');
  const spent = sql(db, 'UPDATE auth_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL').run(now, row.code_hash);
  if (spent.changes !== 1) return sat001('authorization code was already used');
  return { ok: true, userId: row.user_id, scope: row.scope };
}
