// What the domain rules need of the fake's state, one repository per aggregate. Declared here, below the
// store, and implemented by mocks/store over SQLite: the rules run on plain records and never see SQL.
import type {
  Account, AuthCode, HistoryEntry, HistoryFilter, Membership, Mutation, NewMembership, NewMutation, NewUser,
  NewVoucher, Outlet, PageTicket, Lot, Promo, Rows, Token, User, Voucher,
} from './records';

export interface UserRepository {
  byValueId(valueId: string): User | undefined;
  byId(id: string): User | undefined;
  /** Compared normalised (normalizeEmail). */
  byEmail(email: string): User | undefined;
  /** Compared by the national part (normalizePhone); a number without digits matches nobody. */
  byPhone(phone: string): User | undefined;
  /** The user of the first membership with this memberNo. */
  byMembershipNumber(memberNo: string): User | undefined;
  /** Just the balance (the hot GET /service/point/ path). */
  balance(valueId: string): number | undefined;
  memberships(userId: string): Membership[];
  /** A page of every user, by value ID (the fake's admin API and dashboard). */
  list(limit: number, offset: number): Rows<User>;
  /** A new user (fresh id and value ID, email and phone normalised) with its MyValue membership. */
  insert(user: NewUser): User;
  addMembership(userId: string, membership: NewMembership): void;
}

export interface LedgerRepository {
  account(valueId: string): Account | undefined;
  outlet(id: string): Outlet | undefined;
  byReference(clientId: string, referenceNo: string): Mutation | undefined;
  bySno(sno: number): Mutation | undefined;
  /** Whether a voucher was bought with this mutation. */
  isVoucherPurchase(sno: number): boolean;
  /** Points and amount of the adjustments made so far to mutation `sno`. */
  adjusted(sno: number): { point: number; amount: number };
  /** Writes the mutation and moves the balance by its points; gives its sno. */
  book(mutation: NewMutation): number;
  /** One page of a user's history, newest first (dates are whole days in WIB, both ends included). */
  history(filter: HistoryFilter): Rows<HistoryEntry>;
  // Lots (mocks/domain/lots.ts).
  insertLot(lot: Lot): void;
  /** The user's lots with points left that have not expired at `nowIso`, in no order (spendOrder in lots.ts gives it). */
  liveLots(userId: string, nowIso: string): Lot[];
  setLotRemaining(sno: number, remaining: number): void;
  /** Lots with points left whose expiry is at or before `nowIso`, soonest first, with what booking their expiry needs. */
  dueLots(nowIso: string): Array<Lot & { expiresAt: string; valueId: string; outletId: string }>;
  /** The soonest expiry of a lot with points left; undefined when none will expire. */
  nextExpiry(): string | undefined;
  /** Points of earn `sno` that expired. */
  expiredOf(sno: number): number;
}

export interface PromoRepository {
  byId(id: number): Promo | undefined;
  /** Every promo, by priority (highest first), then id. */
  all(): Promo[];
  purchasedCount(promoId: number, valueId: string): number;
  voucherCodeTaken(code: string): boolean;
  /** Counts the sale on the promo and issues the voucher. */
  sell(voucher: NewVoucher): Voucher;
  voucherById(id: number): Voucher | undefined;
  /** A page of a user's vouchers, newest first. */
  vouchersOf(valueId: string, page: number, pageSize: number): Rows<Voucher>;
}

export interface MappingRepository {
  /** users.id of the MyValue user a BU user (client, BU user_id) is linked to. */
  linkedUserId(clientId: string, buUserId: string): string | undefined;
}

export interface AuthRepository {
  insertCode(code: Omit<AuthCode, 'usedAt'>): void;
  codeByHash(codeHash: string): AuthCode | undefined;
  /** Marks an unused code used; false when it was used already. */
  spendCode(codeHash: string, at: number): boolean;
  insertToken(token: Omit<Token, 'revoked'>): void;
  tokenByHash(tokenHash: string): Token | undefined;
  revokeToken(tokenHash: string): void;
  /** Revokes every token of a family (descended from one code); the count revoked now. */
  revokeFamily(family: string): number;
  insertTicket(ticket: Omit<PageTicket, 'usedAt'>): void;
  ticketByHash(ticketHash: string): PageTicket | undefined;
  /** Marks an unused ticket used; false when it was used already. */
  spendTicket(ticketHash: string, at: number): boolean;
  /** The mapping page's key (hex) for its CSRF tokens, made on first use; a reset makes a new one. */
  pageKey(): string;
}

export interface Repositories {
  users: UserRepository;
  ledger: LedgerRepository;
  promos: PromoRepository;
  mappings: MappingRepository;
  auth: AuthRepository;
}
