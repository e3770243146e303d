// Creating a MyValue user for POST /service/user/: the referral outlet must exist, email and phone must be
// free, then the user, its MyValue membership and an optional partner membership. In the caller's transaction.
import type { Clock } from '../http/types';
import type { DomainResult } from './failures';
import { MYVALUE_APPS_OUTLET } from './myvalue';
import { hashPassword } from './passwords';
import { isoSeconds } from './time';
import type { User } from './records';
import type { LedgerRepository, UserRepository } from './repositories';

export interface Registration {
  fullName: string;
  email?: string;
  phone?: string;
  /** undefined: a password-less user. */
  password?: string;
  clientId: string;
  /** The referral suboutlet; the user's MyValue membership is booked there (else at MyValue Apps). */
  referencedCode?: string;
  /** A partner membership to add, when given. */
  membership?: { name: string; number: string };
}

/** `clock` is read once the checks pass: createdAt is when the user was made. */
export function registerUser(repos: { users: UserRepository; ledger: LedgerRepository }, clock: Clock, input: Registration): DomainResult<{ user: User }> {
  const { users } = repos;
  if (input.referencedCode !== undefined && !repos.ledger.outlet(input.referencedCode)) return { ok: false, reason: 'invalid-referral', outletId: input.referencedCode };
  if (input.email !== undefined && users.byEmail(input.email)) return { ok: false, reason: 'already-registered', by: 'email', value: input.email };
  if (input.phone !== undefined && users.byPhone(input.phone)) return { ok: false, reason: 'already-registered', by: 'phone', value: input.phone };
  const user = users.insert({
    email: input.email,
    phone: input.phone,
    firstName: input.fullName,
    passwordHash: input.password !== undefined ? hashPassword(input.password) : null,
    clientId: input.clientId,
    registerProvider: 'backend_service',
    outletCode: input.referencedCode ?? MYVALUE_APPS_OUTLET,
    createdAt: isoSeconds(clock.now()),
  });
  if (input.membership) {
    users.addMembership(user.id, { membershipId: 0, name: input.membership.name, memberNo: input.membership.number, outletCode: null, email: user.email, phone: user.phone, clientId: null });
  }
  return { ok: true, user };
}
