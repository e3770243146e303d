// The users repository over SQLite: users and their memberships, as plain records.
import { randomInt, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { MYVALUE_MEMBERSHIP } from '../domain/myvalue';
import { normalizeEmail, normalizePhone } from '../domain/normalize';
import type { Membership, NewMembership, User } from '../domain/records';
import type { UserRepository } from '../domain/repositories';

interface UserRow {
  id: string;
  value_id: string;
  email: string | null;
  phone: string | null;
  first_name: string;
  last_name: string;
  password_hash: string | null;
  point: number;
  client_id: string;
  register_provider: string;
  profile: string;
  created_at: string;
}

interface MembershipRow {
  id: number;
  user_id: string;
  membership_id: number;
  membership_name: string;
  member_no: string;
  card_number: string;
  outlet_code: string | null;
  email: string | null;
  mobile_phone: string | null;
  active: number;
  client_id: string | null;
}

function profileOf(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const toUser = (r: UserRow): User => ({
  id: r.id, valueId: r.value_id, email: r.email, phone: r.phone, firstName: r.first_name, lastName: r.last_name,
  passwordHash: r.password_hash, point: r.point, clientId: r.client_id, registerProvider: r.register_provider,
  profile: profileOf(r.profile), createdAt: r.created_at,
});

const toMembership = (r: MembershipRow): Membership => ({
  id: r.id, userId: r.user_id, membershipId: r.membership_id, membershipName: r.membership_name, memberNo: r.member_no,
  cardNumber: r.card_number, outletCode: r.outlet_code, email: r.email, mobilePhone: r.mobile_phone, active: r.active === 1, clientId: r.client_id,
});

const VALUE_ID_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** The users repository of `db`; its statements are prepared once, here. */
export function createUserRepository(db: Database.Database): UserRepository {
  const byValueId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE value_id = ?');
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
  const byPhone = db.prepare<[string], UserRow>('SELECT * FROM users WHERE phone = ?');
  const byMemberNo = db.prepare<[string], UserRow>('SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.member_no = ? ORDER BY m.id LIMIT 1');
  const balance = db.prepare<[string], { point: number }>('SELECT point FROM users WHERE value_id = ?');
  const valueIdTaken = db.prepare<[string], 1>('SELECT 1 FROM users WHERE value_id = ?').pluck();
  const page = db.prepare<[number, number], UserRow>('SELECT * FROM users ORDER BY value_id LIMIT ? OFFSET ?');
  const count = db.prepare<[], number>('SELECT COUNT(*) FROM users').pluck();
  const memberships = db.prepare<[string], MembershipRow>('SELECT * FROM memberships WHERE user_id = ? ORDER BY id');
  const insertUser = db.prepare(`INSERT INTO users (id, value_id, email, phone, first_name, last_name, password_hash, point, client_id, register_provider, profile, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`);
  const insertMembership = db.prepare(`INSERT INTO memberships (user_id, membership_id, membership_name, member_no, card_number, outlet_code, email, mobile_phone, active, client_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`);
  const found = (row: UserRow | undefined): User | undefined => (row ? toUser(row) : undefined);

  /** A fresh six-character value ID: 'V' and five characters, unique in the store. */
  const newValueId = (): string => {
    for (;;) {
      let id = 'V';
      for (let i = 0; i < 5; i++) id += VALUE_ID_CHARS[randomInt(VALUE_ID_CHARS.length)];
      if (valueIdTaken.get(id) === undefined) return id;
    }
  };
  const addMembership = (userId: string, m: NewMembership): void => {
    insertMembership.run(userId, m.membershipId, m.name, m.memberNo, m.memberNo, m.outletCode, m.email, m.phone, m.clientId);
  };

  return {
    byValueId: (valueId) => found(byValueId.get(valueId)),
    byId: (id) => found(byId.get(id)),
    byEmail: (email) => found(byEmail.get(normalizeEmail(email))),
    byPhone: (phone) => {
      const normalized = normalizePhone(phone);
      return normalized === '' ? undefined : found(byPhone.get(normalized));
    },
    byMembershipNumber: (memberNo) => found(byMemberNo.get(memberNo)),
    balance: (valueId) => balance.get(valueId)?.point,
    memberships: (userId) => memberships.all(userId).map(toMembership),
    list: (limit, offset) => ({ rows: page.all(limit, offset).map(toUser), count: count.get() as number }),
    insert(user) {
      const id = randomUUID();
      const valueId = newValueId();
      const email = user.email ? normalizeEmail(user.email) : null;
      const phone = user.phone ? normalizePhone(user.phone) : null;
      insertUser.run(id, valueId, email, phone, user.firstName, user.lastName ?? '', user.passwordHash, user.clientId, user.registerProvider, JSON.stringify(user.profile ?? {}), user.createdAt);
      addMembership(id, { membershipId: MYVALUE_MEMBERSHIP.id, name: MYVALUE_MEMBERSHIP.name, memberNo: valueId, outletCode: user.outletCode, email, phone, clientId: null });
      return toUser(byId.get(id) as UserRow);
    },
    addMembership,
  };
}
