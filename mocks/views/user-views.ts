// The documented bodies of a user: GET /v2/service/user/, POST /service/user/ and the Auth API's introspect.
import { displayPhone } from '../domain/normalize';
import type { Membership, User } from '../domain/records';

const BLANK_AREA = { id: 0, title: '' };

/** GET /v2/service/user/ response (external-myvalue.yaml). */
export function userView(user: User): Record<string, unknown> {
  const p = user.profile;
  return {
    id: user.id,
    phone: user.phone ?? '',
    phoneVerified: user.phone !== null,
    enabled: true,
    email: user.email ?? '',
    emailVerified: user.email !== null,
    firstName: user.firstName,
    lastName: user.lastName,
    gender: p.gender ?? '',
    kgValueID: user.valueId,
    profession: p.profession ?? '',
    birthDate: p.birthDate ?? null,
    personalIdentityNo: p.personalIdentityNo ?? '',
    photo: p.photo ?? '',
    address: p.address ?? '',
    setPassword: user.passwordHash !== null,
    stateProvince: p.stateProvince ?? BLANK_AREA,
    city: p.city ?? BLANK_AREA,
    district: p.district ?? BLANK_AREA,
    zipCode: p.zipCode ?? { id: 0, title: '', village: '' },
    createdAt: user.createdAt,
    point: user.point,
  };
}

export function membershipView(m: Membership, user: User, withOwner: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: m.id,
    memberNo: m.memberNo,
    cardNumber: m.cardNumber,
  };
  if (m.outletCode !== null) view.outletCode = m.outletCode;
  view.active = m.active;
  if (m.email) view.email = m.email;
  if (m.mobilePhone) view.mobilePhone = displayPhone(m.mobilePhone);
  view.membershipName = m.membershipName;
  if (withOwner) {
    view.valueID = user.valueId;
    view.firstName = user.firstName;
    view.membershipID = m.membershipId;
  }
  return view;
}

/** POST /service/user/ response and the Auth API's introspect response share this shape. */
export function accountView(user: User, memberships: readonly Membership[], flavor: 'created' | 'introspect'): Record<string, unknown> {
  const p = user.profile;
  const view: Record<string, unknown> = {
    id: user.id,
    valueID: user.valueId,
    email: user.email ?? '',
    emailVerified: flavor === 'introspect' ? user.email !== null : false,
  };
  if (user.phone) view.mobilePhone = displayPhone(user.phone);
  view.mobilePhoneVerified = flavor === 'introspect' ? user.phone !== null : false;
  view.active = true;
  view.setPassword = user.passwordHash !== null;
  view.firstName = user.firstName;
  if (flavor === 'introspect') {
    view.lastName = user.lastName;
    view.gender = p.gender ?? '';
    view.personalIdentityNo = p.personalIdentityNo ?? '';
    view.profession = p.profession ?? '';
    view.photo = p.photo ?? '';
    view.address = p.address ?? '';
    view.city = p.city ?? BLANK_AREA;
    view.stateProvince = p.stateProvince ?? BLANK_AREA;
    view.district = p.district ?? BLANK_AREA;
  }
  view.userMembership = memberships.map((m) => membershipView(m, user, flavor === 'created'));
  view.registerProvider = user.registerProvider;
  view.clientID = user.clientId;
  if (flavor === 'created') {
    view.isAdmin = false;
    view.isStaff = false;
  }
  view.createdAt = user.createdAt;
  return view;
}
