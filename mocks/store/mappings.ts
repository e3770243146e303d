// Linking a BU user to a MyValue user: a "MyValue Third Party" membership (client_id = the BU's client,
// memberNo = the BU's user_id). One BU user links to exactly one value ID; callers hold the transaction.
import type Database from 'better-sqlite3';
import { sql } from './sql';
import { normalizeEmail, normalizePhone } from '../domain/normalize';
import { addMembership, userByEmail, userByPhone, userById, type UserRow } from './users';

export const THIRD_PARTY_MEMBERSHIP = 'MyValue Third Party';
/** Not in MyValue's docs (introspect does not show it); 0 as for other memberships the fake creates. */
export const THIRD_PARTY_MEMBERSHIP_ID = 0;

/** The BU user as the mapping page knows it. */
export interface BuUser {
  clientId: string;
  /** The BU's user_id: becomes the membership's memberNo. */
  userId: string;
  email?: string;
  phone?: string;
}

/** The MyValue user a BU user is already linked to, if any. */
export function linkedUser(db: Database.Database, clientId: string, buUserId: string): UserRow | undefined {
  const row = sql(db, 'SELECT user_id FROM memberships WHERE client_id = ? AND member_no = ?').get(clientId, buUserId) as { user_id: string } | undefined;
  return row ? userById(db, row.user_id) : undefined;
}

/** The MyValue account holding the BU user's email (first) or phone: the guide's "same email or phone" case. */
export function accountWithSameContact(db: Database.Database, bu: Pick<BuUser, 'email' | 'phone'>): { user: UserRow; by: 'email' | 'phone' } | undefined {
  const byEmail = bu.email !== undefined ? userByEmail(db, bu.email) : undefined;
  if (byEmail) return { user: byEmail, by: 'email' };
  const byPhone = bu.phone !== undefined ? userByPhone(db, bu.phone) : undefined;
  return byPhone ? { user: byPhone, by: 'phone' } : undefined;
}

export type LinkResult =
  | { ok: true; user: UserRow; created: boolean }
  | { ok: false; error: 'ErrAlreadyMapped'; linkedValueId: string };

/**
 * Links the BU user to the MyValue user `userId`. Linking again to the same user changes nothing;
 * linking a BU user that already has another value ID is refused (the first link stands).
 */
export function linkAccount(db: Database.Database, bu: BuUser, userId: string): LinkResult {
  const current = linkedUser(db, bu.clientId, bu.userId);
  if (current) {
    if (current.id === userId) return { ok: true, user: current, created: false };
    return { ok: false, error: 'ErrAlreadyMapped', linkedValueId: current.value_id };
  }
  const user = userById(db, userId);
  if (!user) throw new Error(`linkAccount: no MyValue user ${userId}`);
  addMembership(db, userId, {
    membershipId: THIRD_PARTY_MEMBERSHIP_ID,
    name: THIRD_PARTY_MEMBERSHIP,
    memberNo: bu.userId,
    outletCode: null,
    email: bu.email !== undefined ? normalizeEmail(bu.email) : null,
    phone: bu.phone !== undefined ? normalizePhone(bu.phone) : null,
    clientId: bu.clientId,
  });
  return { ok: true, user, created: true };
}
