// Linking a BU user to a MyValue user: a "MyValue Third Party" membership (client_id = the BU's client,
// memberNo = the BU's user_id). One BU user links to exactly one value ID; callers hold the transaction.
import { normalizeEmail, normalizePhone } from './normalize';
import type { User } from './records';
import type { MappingRepository, UserRepository } from './repositories';

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

type Repos = { users: UserRepository; mappings: MappingRepository };

/** The MyValue user a BU user is already linked to, if any. */
export function linkedUser(repos: Repos, clientId: string, buUserId: string): User | undefined {
  const userId = repos.mappings.linkedUserId(clientId, buUserId);
  return userId === undefined ? undefined : repos.users.byId(userId);
}

/** The MyValue account holding the BU user's email (first) or phone: the guide's "same email or phone" case. */
export function accountWithSameContact(users: UserRepository, bu: Pick<BuUser, 'email' | 'phone'>): { user: User; by: 'email' | 'phone' } | undefined {
  const byEmail = bu.email !== undefined ? users.byEmail(bu.email) : undefined;
  if (byEmail) return { user: byEmail, by: 'email' };
  const byPhone = bu.phone !== undefined ? users.byPhone(bu.phone) : undefined;
  return byPhone ? { user: byPhone, by: 'phone' } : undefined;
}

export type LinkResult =
  | { ok: true; user: User; created: boolean }
  | { ok: false; reason: 'already-linked'; linkedValueId: string };

/**
 * Links the BU user to the MyValue user `userId`. Linking again to the same user changes nothing;
 * linking a BU user that already has another value ID is refused (the first link stands).
 */
export function linkAccount(repos: Repos, bu: BuUser, userId: string): LinkResult {
  const current = linkedUser(repos, bu.clientId, bu.userId);
  if (current) {
    if (current.id === userId) return { ok: true, user: current, created: false };
    return { ok: false, reason: 'already-linked', linkedValueId: current.valueId };
  }
  const user = repos.users.byId(userId);
  if (!user) throw new Error(`linkAccount: no MyValue user ${userId}`);
  repos.users.addMembership(userId, {
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
