// The Auth API's repository over SQLite: authorization codes and tokens (by the hashes of their secrets),
// and the mapping page's ticket key, kept in meta so that a reset makes old tickets void.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuthCode, Token } from '../domain/records';
import type { AuthRepository } from '../domain/repositories';

interface CodeRow {
  code_hash: string;
  client_id: string;
  redirect_uri: string;
  user_id: string;
  scope: string;
  expires_at: number;
  used_at: number | null;
}

interface TokenRow {
  token_hash: string;
  kind: Token['kind'];
  client_id: string;
  user_id: string;
  expires_at: number;
  revoked: number;
}

const TICKET_KEY = 'mapping_ticket_key';

/** The auth repository of `db`; its statements are prepared once, here. */
export function createAuthRepository(db: Database.Database): AuthRepository {
  const insertCode = db.prepare('INSERT INTO auth_codes (code_hash, client_id, redirect_uri, user_id, scope, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
  const codeByHash = db.prepare<[string], CodeRow>('SELECT * FROM auth_codes WHERE code_hash = ?');
  const spendCode = db.prepare('UPDATE auth_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL');
  const insertToken = db.prepare('INSERT INTO tokens (token_hash, kind, client_id, user_id, expires_at) VALUES (?, ?, ?, ?, ?)');
  const tokenByHash = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE token_hash = ?');
  const revokeToken = db.prepare('UPDATE tokens SET revoked = 1 WHERE token_hash = ?');
  const keepKey = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
  const readKey = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();

  return {
    insertCode: (c) => void insertCode.run(c.codeHash, c.clientId, c.redirectUri, c.userId, c.scope, c.expiresAt),
    codeByHash(codeHash): AuthCode | undefined {
      const r = codeByHash.get(codeHash);
      return r && { codeHash: r.code_hash, clientId: r.client_id, redirectUri: r.redirect_uri, userId: r.user_id, scope: r.scope, expiresAt: r.expires_at, usedAt: r.used_at };
    },
    spendCode: (codeHash, at) => spendCode.run(at, codeHash).changes === 1,
    insertToken: (t) => void insertToken.run(t.tokenHash, t.kind, t.clientId, t.userId, t.expiresAt),
    tokenByHash(tokenHash): Token | undefined {
      const r = tokenByHash.get(tokenHash);
      return r && { tokenHash: r.token_hash, kind: r.kind, clientId: r.client_id, userId: r.user_id, expiresAt: r.expires_at, revoked: r.revoked !== 0 };
    },
    revokeToken: (tokenHash) => void revokeToken.run(tokenHash),
    ticketKey() {
      keepKey.run(TICKET_KEY, randomBytes(32).toString('hex'));
      return readKey.get(TICKET_KEY) as string;
    },
  };
}
