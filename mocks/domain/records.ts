// The fake's state as plain records: what the store's repositories take and give (no SQLite types, no wire shapes).

/** How GET /v2/service/user/ finds a user. */
export type LookupBy = 'valueid' | 'membership_number' | 'email' | 'phone';
export const LOOKUP_KINDS: readonly LookupBy[] = ['valueid', 'membership_number', 'email', 'phone'];

export type MutationType = 'EARNING' | 'REDEEM' | 'CANCEL_REDEEM' | 'RETURN_EARN' | 'EXPIRED';
export const MUTATION_TYPES: readonly MutationType[] = ['EARNING', 'REDEEM', 'CANCEL_REDEEM', 'RETURN_EARN', 'EXPIRED'];
export type AdjustmentType = 'CANCEL_REDEEM' | 'RETURN_EARN';

export interface User {
  id: string;
  valueId: string;
  /** Normalised (normalizeEmail); null when the user has none. */
  email: string | null;
  /** National part only (normalizePhone); null when the user has none. */
  phone: string | null;
  firstName: string;
  lastName: string;
  passwordHash: string | null;
  point: number;
  clientId: string;
  registerProvider: string;
  /** The other documented profile fields (gender, city, ...), as seeded. */
  profile: Record<string, unknown>;
  createdAt: string;
}

export interface Membership {
  id: number;
  userId: string;
  membershipId: number;
  membershipName: string;
  memberNo: string;
  cardNumber: string;
  outletCode: string | null;
  email: string | null;
  mobilePhone: string | null;
  active: boolean;
  clientId: string | null;
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

export interface NewMembership {
  membershipId: number;
  name: string;
  memberNo: string;
  outletCode: string | null;
  email: string | null;
  phone: string | null;
  clientId: string | null;
}

/** What the ledger needs of a user: no profile or password hash to copy on the hot paths. */
export interface Account {
  id: string;
  valueId: string;
  point: number;
}

export interface Outlet {
  id: string;
  name: string;
  subOutletName: string;
  brandId: string;
  businessUnit: string;
  /** Points per Rp 10,000 when exchangeRate is 0. */
  earnPer10k: number;
}

export interface Mutation {
  sno: number;
  userId: string;
  valueId: string;
  clientId: string;
  referenceNo: string;
  type: MutationType;
  /** Signed change of the balance. */
  point: number;
  amount: number;
  outletId: string;
  adjustedSno: number | null;
  createdAt: string;
  /** '' for anything but an EARNING. */
  expiredAt: string;
}

/** A mutation to book for an account: what the ledger stores, before it has its number. */
export type NewMutation = Omit<Mutation, 'sno' | 'userId' | 'valueId'> & { account: Account };

export interface HistoryFilter {
  valueId: string;
  from?: string;
  to?: string;
  mutation?: MutationType;
  brandId?: string;
  businessUnit?: string;
  limit: number;
  page: number;
}

/** A mutation with its outlet's names ('' when the outlet is unknown). */
export interface HistoryEntry extends Mutation {
  outletName: string;
  subOutletName: string;
}

/** A promo's catalogue text and pictures, as seeded (shown as they are). */
export interface PromoDetails {
  title: string;
  validFrom: string;
  validTo: string;
  categories: Array<{ id: number; title: string }>;
  merchant: { id: number; name: string; image?: string };
  content?: string;
  shortContent?: string;
  tnc?: string;
  howToUse?: string;
  image?: string;
  thumbnail?: string;
  deepLink?: string;
  promoType?: number;
  quotaType?: number;
  status?: number;
}

export interface Promo {
  id: number;
  price: number;
  /** null: unlimited. */
  quota: number | null;
  sold: number;
  /** null: unlimited purchases per value ID. */
  maxPerUser: number | null;
  validFrom: string;
  validTo: string;
  isActive: boolean;
  priority: number;
  voucherDays: number;
  categoryIds: number[];
  details: PromoDetails;
}

export interface Voucher {
  id: number;
  code: string;
  promoId: number;
  userId: string;
  valueId: string;
  clientId: string;
  mutationSno: number | null;
  pointUsed: number;
  purchasedAt: string;
  redeemFrom: string;
  redeemTo: string;
  used: boolean;
  usedAt: string | null;
  /** The purchase's ledger referenceNo; null if that mutation is gone. */
  referenceNo: string | null;
}

export type NewVoucher = Omit<Voucher, 'id' | 'used' | 'usedAt' | 'referenceNo'>;

/** An authorization code, by the hash of its secret (the secret itself is never stored). */
export interface AuthCode {
  codeHash: string;
  clientId: string;
  redirectUri: string;
  userId: string;
  scope: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  usedAt: number | null;
}

export interface Token {
  tokenHash: string;
  kind: 'access' | 'refresh';
  clientId: string;
  userId: string;
  /** The hash of the authorization code the token descends from (through refreshes): its family. */
  family: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  revoked: boolean;
}

/** A lot of points: an earn, or a cancelled redeem's points given back; what is left of it, when it expires. */
export interface Lot {
  sno: number;
  userId: string;
  remaining: number;
  /** ISO instant; null: never (a seeded earn whose expiry had passed before the fake was seeded). */
  expiresAt: string | null;
}

/** A login ticket of the mapping page (see mocks/auth/ticket.ts): what it is bound to. */
export interface PageTicket {
  ticketHash: string;
  sessionHash: string;
  clientId: string;
  /** The BU's user_id. */
  buUserId: string;
  redirectUri: string;
  state: string | null;
  /** MyValue users.id of the user who logged in. */
  userId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  usedAt: number | null;
}

/** A page of rows and the count of all of them. */
export interface Rows<T> {
  rows: T[];
  count: number;
}
