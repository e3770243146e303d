// Authorization codes: issued on a confirmed mapping or a log-in at /auth/authorize, single-use, short-lived, bound to client and redirect_uri.
import type { Services } from '../store/services';
import { hashSecret, newSecret } from './secrets';

/** The scope on the redirect, as in the guide's example redirect. */
export const MAPPING_SCOPE = 'fosite offline openid';

/** A refused code or token; `explain` says why (for a header, never holding a secret). The Auth API picks the error. */
export interface AuthFailure {
  ok: false;
  explain: string;
}

/**
 * Issues a code for a MyValue user (users.id), valid for settings.codeTtlSeconds; the scope granted defaults to MAPPING_SCOPE.
 * @example const code = issueCode(deps, { clientId: 'GramediaPOS', redirectUri: 'http://127.0.0.1:5173/callback', userId });
 */
export function issueCode(deps: Services, grant: { clientId: string; redirectUri: string; userId: string; scope?: string }): string {
  const code = newSecret();
  const expiresAt = deps.clock.now().getTime() + deps.settings.codeTtlSeconds * 1000;
  deps.store.auth.insertCode({ codeHash: hashSecret(code), clientId: grant.clientId, redirectUri: grant.redirectUri, userId: grant.userId, scope: grant.scope ?? MAPPING_SCOPE, expiresAt });
  return code;
}

const refused = (explain: string): AuthFailure => ({ ok: false, explain });

/**
 * Spends a code: it must exist, be unused, unexpired, issued to this client for this redirect_uri.
 * A failed attempt leaves the code as it was; success marks it used (in the caller's transaction) and
 * names the token family (the code's hash) the tokens issued for it belong to. A code presented again by
 * its client revokes every token issued from it, refreshed ones included (RFC 6749 section 4.1.2): a
 * replayed code means it leaked, so what it bought is no longer trusted.
 */
export function redeemCode(deps: Services, attempt: { code: string; clientId: string; redirectUri: string }): { ok: true; userId: string; scope: string; family: string } | AuthFailure {
  const auth = deps.store.auth;
  const row = auth.codeByHash(hashSecret(attempt.code));
  if (!row) return refused('unknown authorization code');
  if (row.usedAt !== null) {
    if (row.clientId !== attempt.clientId) return refused('authorization code was already used (by another client)');
    const revoked = auth.revokeFamily(row.codeHash);
    return refused(`authorization code was already used; ${revoked} token(s) issued from it are now revoked (RFC 6749 4.1.2)`);
  }
  const now = deps.clock.now().getTime();
  if (now >= row.expiresAt) return refused(`authorization code expired ${Math.round((now - row.expiresAt) / 1000)}s ago (lifetime ${deps.settings.codeTtlSeconds}s)`);
  if (row.clientId !== attempt.clientId) return refused('authorization code was issued to another client');
  if (row.redirectUri !== attempt.redirectUri) return refused('redirect_uri differs from the one the code was issued for');
  if (!auth.spendCode(row.codeHash, now)) return refused('authorization code was already used');
  return { ok: true, userId: row.userId, scope: row.scope, family: row.codeHash };
}
