// What a partner's request can run into in the fake's rules, as domain values carrying their facts;
// the views (mocks/views/failure-response.ts) map each to MyValue's error table.
import type { AdjustmentType, MutationType } from './records';

export type DomainFailure =
  | { ok: false; reason: 'membership-not-found'; valueId: string }
  | { ok: false; reason: 'suboutlet-not-found'; outletId: string }
  | { ok: false; reason: 'duplicate-reference'; referenceNo: string; usedBy: { type: MutationType; valueId: string } }
  /** `spending` says what wanted the points: a redeem, a promo's price, or taking back an earn (`referenceNo`). */
  | { ok: false; reason: 'insufficient-points'; balance: number; needed: number; spending: 'redeem' | 'price' }
  | { ok: false; reason: 'insufficient-points'; balance: number; needed: number; spending: 'return-earn'; referenceNo: string }
  | { ok: false; reason: 'invalid-adjusted-reference'; adjustedReferenceNo: string; problem: 'not-found' | 'other-user' | 'voucher-purchase'; expected: MutationType }
  | { ok: false; reason: 'invalid-adjusted-reference'; adjustedReferenceNo: string; problem: 'wrong-type'; expected: MutationType; found: MutationType; adjustmentType: AdjustmentType }
  | { ok: false; reason: 'adjustment-exceeds-original'; adjustmentType: AdjustmentType; amount: number; left: number; original: { referenceNo: string; amount: number } }
  | { ok: false; reason: 'promo-not-found'; promoId: number }
  | { ok: false; reason: 'promo-not-on-sale'; promoId: number; why: 'inactive' | 'not-started' | 'ended'; validFrom: string; validTo: string }
  | { ok: false; reason: 'promo-sold-out'; promoId: number; quota: number }
  | { ok: false; reason: 'promo-purchase-limit'; promoId: number; maxPerUser: number }
  | { ok: false; reason: 'invalid-referral'; outletId: string }
  | { ok: false; reason: 'already-registered'; by: 'email' | 'phone'; value: string }
  | { ok: false; reason: 'balance-limit'; balance: number; point: number; limit: number };

export type DomainResult<T> = ({ ok: true } & T) | DomainFailure;
