// Users and memberships: lookups, creation, and the documented views of a user.
import { randomInt, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sql } from './sql';
import { normalizeEmail, normalizePhone } from '../domain/normalize';
import { MYVALUE_MEMBERSHIP } from '../domain/myvalue';

export interface UserRow {
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

export interface MembershipRow {
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

export type LookupBy = 'valueid' | 'membership_number' | 'email' | 'phone';
export const LOOKUP_KINDS: readonly LookupBy[] = ['valueid', 'membership_number', 'email', 'phone'];

export function userByValueId(db: Database.Database, valueId: string): UserRow | undefined {
  return sql(db, 'SELECT * FROM users WHERE value_id = ?').get(valueId) as UserRow | undefined;
}

/** What the ledger needs of a user: no profile or password hash to copy on the hot paths. */
export type LedgerUser = Pick<UserRow, 'id' | 'value_id' | 'point'>;

export function ledgerUser(db: Database.Database, valueId: string): LedgerUser | undefined {
  return sql(db, 'SELECT id, value_id, point FROM users WHERE value_id = ?').get(valueId) as LedgerUser | undefined;
}

/** Just the balance, for the hot GET /service/point/ path (no profile or password hash to copy). */
export function balanceOf(db: Database.Database, valueId: string): number | undefined {
  const row = sql(db, 'SELECT point FROM users WHERE value_id = ?').get(valueId) as { point: number } | undefined;
  return row?.point;
}

export function userById(db: Database.Database, id: string): UserRow | undefined {
  return sql(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function userByEmail(db: Database.Database, email: string): UserRow | undefined {
  return sql(db, 'SELECT * FROM users WHERE email = ?').get(normalizeEmail(email)) as UserRow | undefined;
}

export function userByPhone(db: Database.Database, phone: string): UserRow | undefined {
  const normalized = normalizePhone(phone);
  if (normalized === '') return undefined;
  return sql(db, 'SELECT * FROM users WHERE phone = ?').get(normalized) as UserRow | undefined;
}

/** Finds a user the way GET /v2/service/user/ does. */
export function findUser(db: Database.Database, by: LookupBy, value: string): UserRow | undefined {
  switch (by) {
    case 'valueid':
      return userByValueId(db, value);
    case 'email':
      return userByEmail(db, value);
    case 'phone':
      return userByPhone(db, value);
    case 'membership_number':
      return sql(db, 'SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.member_no = ? ORDER BY m.id LIMIT 1').get(value) as UserRow | undefined;
  }
}

export function membershipsOf(db: Database.Database, userId: string): MembershipRow[] {
  return sql(db, 'SELECT * FROM memberships WHERE user_id = ? ORDER BY id').all(userId) as MembershipRow[];
}

const VALUE_ID_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** A fresh six-character value ID: 'V' and five characters, unique in the store. */
export function newValueId(db: Database.Database): string {
  for (;;) {
    let id = 'V';
    for (let i = 0; i < 5; i++) id += VALUE_ID_CHARS[randomInt(VALUE_ID_CHARS.length)];
    if (!userByValueId(db, id)) return id;
  }
}

export interface NewUser {
  email?: string;
  phone?: string;
  firstName: string;
  lastName?: string;
  passwordHash: string | null;
  clientId: string;
  registerProvider: string;
  outletCode: string;
  createdAt: string;
  profile?: Record<string, unknown>;
}

/** Inserts a user with its MyValue membership; the caller holds the transaction. */
export function insertUser(db: Database.Database, user: NewUser): UserRow {
  const id = randomUUID();
  const valueId = newValueId(db);
  const email = user.email ? normalizeEmail(user.email) : null;
  const phone = user.phone ? normalizePhone(user.phone) : null;
  sql(db, `INSERT INTO users (id, value_id, email, phone, first_name, last_name, password_hash, point, client_id, register_provider, profile, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`).run(id, valueId, email, phone, user.firstName, user.lastName ?? '', user.passwordHash, user.clientId, user.registerProvider, JSON.stringify(user.profile ?? {}), user.createdAt);
  addMembership(db, id, { membershipId: MYVALUE_MEMBERSHIP.id, name: MYVALUE_MEMBERSHIP.name, memberNo: valueId, outletCode: user.outletCode, email, phone, clientId: null });
  return userById(db, id) as UserRow;
}

export interface NewMembership {
  membershipId: number;
  name: string;
  memberNo: string;
  outletCode: string | null;
  email: string | null;
  phone: string | null;
  clientId: string | null;
}

export function addMembership(db: Database.Database, userId: string, m: NewMembership): void {
  sql(db, `INSERT INTO memberships (user_id, membership_id, membership_name, member_no, card_number, outlet_code, email, mobile_phone, active, client_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`).run(userId, m.membershipId, m.name, m.memberNo, m.memberNo, m.outletCode, m.email, m.phone, m.clientId);
}

function profileOf(user: UserRow): Record<string, unknown> {
  try {
    return JSON.parse(user.profile) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const BLANK_AREA = { id: 0, title: '' };

/** GET /v2/service/user/ response (external-myvalue.yaml). */
export function userView(user: UserRow): Record<string, unknown> {
  const p = profileOf(user);
  return {
    id: user.id,
    phone: user.phone ?? '',
    phoneVerified: user.phone !== null,
    enabled: true,
    email: user.email ?? '',
    emailVerified: user.email !== null,
    firstName: user.first_name,
    lastName: user.last_name,
    gender: p.gender ?? '',
    kgValueID: user.value_id,
    profession: p.profession ?? '',
    birthDate: p.birthDate ?? null,
    personalIdentityNo: p.personalIdentityNo ?? '',
    photo: p.photo ?? '',
    address: p.address ?? '',
    setPassword: user.password_hash !== null,
    stateProvince: p.stateProvince ?? BLANK_AREA,
    city: p.city ?? BLANK_AREA,
    district: p.district ?? BLANK_AREA,
    zipCode: p.zipCode ?? { id: 0, title: '', village: '' },
    createdAt: user.created_at,
    point: user.point,
  };
}

/** International form of a stored national number, as MyValue's mobilePhone fields show it. */
export function displayPhone(phone: string | null): string | undefined {
  return phone ? `62${phone}` : undefined;
}

export function membershipView(m: MembershipRow, user: UserRow, withOwner: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: m.id,
    memberNo: m.member_no,
    cardNumber: m.card_number,
  };
  if (m.outlet_code !== null) view.outletCode = m.outlet_code;
  view.active = m.active === 1;
  if (m.email) view.email = m.email;
  if (m.mobile_phone) view.mobilePhone = displayPhone(m.mobile_phone);
  view.membershipName = m.membership_name;
  if (withOwner) {
    view.valueID = user.value_id;
    view.firstName = user.first_name;
    view.membershipID = m.membership_id;
  }
  return view;
}

/** POST /service/user/ response and the Auth API's introspect response share this shape. */
export function accountView(db: Database.Database, user: UserRow, flavor: 'created' | 'introspect'): Record<string, unknown> {
  const p = profileOf(user);
  const view: Record<string, unknown> = {
    id: user.id,
    valueID: user.value_id,
    email: user.email ?? '',
    emailVerified: flavor === 'introspect' ? user.email !== null : false,
  };
  if (user.phone) view.mobilePhone = displayPhone(user.phone);
  view.mobilePhoneVerified = flavor === 'introspect' ? user.phone !== null : false;
  view.active = true;
  view.setPassword = user.password_hash !== null;
  view.firstName = user.first_name;
  if (flavor === 'introspect') {
    view.lastName = user.last_name;
    view.gender = p.gender ?? '';
    view.personalIdentityNo = p.personalIdentityNo ?? '';
    view.profession = p.profession ?? '';
    view.photo = p.photo ?? '';
    view.address = p.address ?? '';
    view.city = p.city ?? BLANK_AREA;
    view.stateProvince = p.stateProvince ?? BLANK_AREA;
    view.district = p.district ?? BLANK_AREA;
  }
  view.userMembership = membershipsOf(db, user.id).map((m) => membershipView(m, user, flavor === 'created'));
  view.registerProvider = user.register_provider;
  view.clientID = user.client_id;
  if (flavor === 'created') {
    view.isAdmin = false;
    view.isStaff = false;
  }
  view.createdAt = user.created_at;
  return view;
}
