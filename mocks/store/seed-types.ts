// The seed file's shape (mocks/seed.json, or --seed FILE), checked when loaded.
import type { PromoDetails } from '../domain/records';

export interface SeedClient {
  clientId: string;
  clientSecret: string;
  name?: string;
  redirectUris?: string[];
}

export interface SeedOutlet {
  id: string;
  name: string;
  subOutletName?: string;
  brandID?: string;
  businessUnit?: string;
  /** Points earned per Rp 10,000 when exchangeRate is 0 (MyValue's own rate). */
  earnPer10k: number;
}

export interface SeedMembership {
  membershipID: number;
  membershipName: string;
  memberNo: string;
  cardNumber?: string;
  outletCode?: string;
  email?: string;
  mobilePhone?: string;
  clientID?: string;
}

export interface SeedMutation {
  referenceNo: string;
  type: 'EARNING' | 'REDEEM' | 'CANCEL_REDEEM' | 'RETURN_EARN';
  /** Signed change of the balance. */
  point: number;
  amount?: number;
  outletID: string;
  clientID: string;
  createdAt: string;
}

export interface SeedUser {
  id?: string;
  valueID: string;
  email?: string;
  phone?: string;
  firstName: string;
  lastName?: string;
  /** Password for the SSO mapping page. */
  password?: string;
  clientID?: string;
  registerProvider?: string;
  createdAt?: string;
  /** Other documented profile fields (gender, profession, address, city, ...), returned as given. */
  profile?: Record<string, unknown>;
  memberships?: SeedMembership[];
  /** The balance is the sum of this history. */
  history?: SeedMutation[];
}

/** A promo as seeded: the catalogue text and pictures as the domain keeps them (PromoDetails), and its terms. */
export interface SeedPromo extends PromoDetails {
  id: number;
  price: number;
  /** null: unlimited. */
  quota?: number | null;
  /** null: unlimited purchases per value ID. */
  maxPerUser?: number | null;
  isActive?: boolean;
  priority?: number;
  /** Days a bought voucher stays redeemable. */
  voucherDays?: number;
}

export interface Seed {
  clients: SeedClient[];
  outlets: SeedOutlet[];
  users: SeedUser[];
  promos: SeedPromo[];
}
