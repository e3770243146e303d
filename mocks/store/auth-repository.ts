// The Auth API's repository over SQLite: authorization codes, tokens and the mapping page's login tickets
// (by the hashes of their secrets), and the page's CSRF key, kept in meta so that a reset voids old pages.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuthCode, PageTicket, Token } from '../domain/records';
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
  family: string;
}

interface TicketRow {
  ticket_hash: string;
  session_hash: string;
  client_id: string;
  bu_user_id: string;
  redirect_uri: string;
  state: string | null;
  user_id: string;
  expires_at: number;
  used_at: number | null;
}

const PAGE_KEY = 'mapping_page_key';

/** The auth repository of `db`; its statements are prepared once, here. */
export function createAuthRepository(db: Database.Database): AuthRepository {
  const insertCode = db.prepare('INSERT INTO auth_codes (code_hash, client_id, redirect_uri, user_id, scope, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
  const codeByHash = db.prepare<[string], CodeRow>('SELECT * FROM auth_codes WHERE code_hash = ?');
  const spendCode = db.prepare('UPDATE auth_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL');
  const insertToken = db.prepare('INSERT INTO tokens (token_hash, kind, client_id, user_id, expires_at, family) VALUES (?, ?, ?, ?, ?, ?)');
  const tokenByHash = db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE token_hash = ?');
  const revokeToken = db.prepare('UPDATE tokens SET revoked = 1 WHERE token_hash = ?');
  const revokeFamily = db.prepare("UPDATE tokens SET revoked = 1 WHERE family = ? AND family <> '' AND revoked = 0");
  const insertTicket = db.prepare(`INSERT INTO page_tickets (ticket_hash, session_hash, client_id, bu_user_id, redirect_uri, state, user_id, expires_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const ticketByHash = db.prepare<[string], TicketRow>('SELECT * FROM page_tickets WHERE ticket_hash = ?');
  const spendTicket = db.prepare('UPDATE page_tickets SET used_at = ? WHERE ticket_hash = ? AND used_at IS NULL');
  const keepKey = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
  const readKey = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();

  return {
    insertCode: (c) => void insertCode.run(c.codeHash, c.clientId, c.redirectUri, c.userId, c.scope, c.expiresAt),
    codeByHash(codeHash): AuthCode | undefined {
      const r = codeByHash.get(codeHash);
      return r && { codeHash: r.code_hash, clientId: r.client_id, redirectUri: r.redirect_uri, userId: r.user_id, scope: r.scope, expiresAt: r.expires_at, usedAt: r.used_at };
    },
    spendCode: (codeHash, at) => spendCode.run(at, codeHash).changes === 1,
    insertToken: (t) => void insertToken.run(t.tokenHash, t.kind, t.clientId, t.userId, t.expiresAt, t.family),
    tokenByHash(tokenHash): Token | undefined {
      const r = tokenByHash.get(tokenHash);
      return r && { tokenHash: r.token_hash, kind: r.kind, clientId: r.client_id, userId: r.user_id, expiresAt: r.expires_at, revoked: r.revoked !== 0, family: r.family };
    },
    revokeToken: (tokenHash) => void revokeToken.run(tokenHash),
    revokeFamily: (family) => revokeFamily.run(family).changes,
    insertTicket: (t) => void insertTicket.run(t.ticketHash, t.sessionHash, t.clientId, t.buUserId, t.redirectUri, t.state, t.userId, t.expiresAt),
    ticketByHash(ticketHash): PageTicket | undefined {
      const r = ticketByHash.get(ticketHash);
      return r && {
        ticketHash: r.ticket_hash, sessionHash: r.session_hash, clientId: r.client_id, buUserId: r.bu_user_id,
        redirectUri: r.redirect_uri, state: r.state, userId: r.user_id, expiresAt: r.expires_at, usedAt: r.used_at,
      };
    },
    spendTicket: (ticketHash, at) => spendTicket.run(at, ticketHash).changes === 1,
    pageKey() {
      keepKey.run(PAGE_KEY, randomBytes(32).toString('hex'));
      return readKey.get(PAGE_KEY) as string;
    },
  };
}
