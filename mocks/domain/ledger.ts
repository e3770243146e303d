// The points ledger's rules over the ledger repository: every change of a balance is one mutation, booked
// with the balance itself. Callers hold the transaction (store.tx), so each operation is all or nothing.
import { expiryOf } from './expiry';
import type { DomainFailure, DomainResult } from './failures';
import type { Account, AdjustmentType, MutationType, NewMutation, Outlet } from './records';
import type { LedgerRepository } from './repositories';
import { isoSeconds } from './time';

/**
 * Points for an amount in rupiah: with exchangeRate 0, the outlet's own rate (points per Rp 10,000);
 * otherwise exchangeRate is rupiah per point. Always rounded down.
 */
export function pointsFor(amount: number, exchangeRate: number, outlet: Outlet): number {
  if (exchangeRate > 0) return Math.floor(amount / exchangeRate);
  // In integers: amount * rate can pass 2^53, where a double is no longer exact.
  return Number((BigInt(amount) * BigInt(outlet.earnPer10k)) / 10_000n);
}

/** The most points a balance holds exactly (JavaScript numbers, and SQLite read as doubles). */
export const MAX_BALANCE = Number.MAX_SAFE_INTEGER;

interface Common {
  clientId: string;
  valueId: string;
  outletId: string;
  now: Date;
}

/** The user and outlet every mutation needs. */
function resolve(ledger: LedgerRepository, valueId: string, outletId: string): DomainResult<{ account: Account; outlet: Outlet }> {
  const account = ledger.account(valueId);
  if (!account) return { ok: false, reason: 'membership-not-found', valueId };
  const outlet = ledger.outlet(outletId);
  if (!outlet) return { ok: false, reason: 'suboutlet-not-found', outletId };
  return { ok: true, account, outlet };
}

/** A referenceNo is spent once per client, whatever it was spent on. */
function checkReference(ledger: LedgerRepository, clientId: string, referenceNo: string): DomainFailure | undefined {
  const used = ledger.byReference(clientId, referenceNo);
  return used ? { ok: false, reason: 'duplicate-reference', referenceNo, usedBy: { type: used.type, valueId: used.valueId } } : undefined;
}

/** A mutation as the rules book it: at `now`, its dates and expiry still to be worked out. */
export type Booking = Omit<NewMutation, 'adjustedSno' | 'createdAt' | 'expiredAt'> & { adjustedSno?: number; now: Date };

/** Books one mutation at `now` (earned points expire per expiryOf); gives its sno. */
export function book(ledger: LedgerRepository, m: Booking): number {
  return ledger.book({
    account: m.account, clientId: m.clientId, referenceNo: m.referenceNo, type: m.type, point: m.point, amount: m.amount,
    outletId: m.outletId, adjustedSno: m.adjustedSno ?? null, createdAt: isoSeconds(m.now), expiredAt: m.type === 'EARNING' ? expiryOf(m.now) : '',
  });
}

export function earn(ledger: LedgerRepository, input: Common & { amount: number; exchangeRate: number; referenceNo: string }): DomainResult<{ point: number }> {
  const found = resolve(ledger, input.valueId, input.outletId);
  if (!found.ok) return found;
  const duplicate = checkReference(ledger, input.clientId, input.referenceNo);
  if (duplicate) return duplicate;
  const point = pointsFor(input.amount, input.exchangeRate, found.outlet);
  if (found.account.point + point > MAX_BALANCE) return { ok: false, reason: 'balance-limit', balance: found.account.point, point, limit: MAX_BALANCE };
  book(ledger, { account: found.account, clientId: input.clientId, referenceNo: input.referenceNo, type: 'EARNING', point, amount: input.amount, outletId: input.outletId, now: input.now });
  return { ok: true, point };
}

export function estimate(ledger: LedgerRepository, input: Omit<Common, 'clientId' | 'now'> & { amount: number }): DomainResult<{ point: number; estimatePoint: number }> {
  const found = resolve(ledger, input.valueId, input.outletId);
  if (!found.ok) return found;
  const estimatePoint = pointsFor(input.amount, 0, found.outlet);
  return { ok: true, point: found.account.point + estimatePoint, estimatePoint };
}

export function redeem(ledger: LedgerRepository, input: Common & { amount: number; referenceNo: string }): DomainResult<{ point: number }> {
  const found = resolve(ledger, input.valueId, input.outletId);
  if (!found.ok) return found;
  const duplicate = checkReference(ledger, input.clientId, input.referenceNo);
  if (duplicate) return duplicate;
  if (found.account.point < input.amount) {
    return { ok: false, reason: 'insufficient-points', balance: found.account.point, needed: input.amount, spending: 'redeem' };
  }
  book(ledger, { account: found.account, clientId: input.clientId, referenceNo: input.referenceNo, type: 'REDEEM', point: -input.amount, amount: input.amount, outletId: input.outletId, now: input.now });
  return { ok: true, point: -input.amount };
}

/**
 * CANCEL_REDEEM gives back `amount` points of a redeem; RETURN_EARN takes back the points of
 * `amount` rupiah of an earn, in proportion to what that earn gave. Several partial adjustments
 * may follow one original, never adding up to more than it.
 */
export function adjust(
  ledger: LedgerRepository,
  input: Common & { amount: number; referenceNo: string; adjustedReferenceNo: string; adjustmentType: AdjustmentType },
): DomainResult<{ point: number }> {
  const found = resolve(ledger, input.valueId, input.outletId);
  if (!found.ok) return found;
  const duplicate = checkReference(ledger, input.clientId, input.referenceNo);
  if (duplicate) return duplicate;
  const expected: MutationType = input.adjustmentType === 'CANCEL_REDEEM' ? 'REDEEM' : 'EARNING';
  const adjustedReferenceNo = input.adjustedReferenceNo;
  const original = ledger.byReference(input.clientId, adjustedReferenceNo);
  if (!original) return { ok: false, reason: 'invalid-adjusted-reference', adjustedReferenceNo, problem: 'not-found', expected };
  if (original.valueId !== input.valueId) return { ok: false, reason: 'invalid-adjusted-reference', adjustedReferenceNo, problem: 'other-user', expected };
  if (original.type !== expected) {
    return { ok: false, reason: 'invalid-adjusted-reference', adjustedReferenceNo, problem: 'wrong-type', expected, found: original.type, adjustmentType: input.adjustmentType };
  }
  // A voucher purchase is a REDEEM too, but giving its points back would leave a free voucher.
  if (ledger.isVoucherPurchase(original.sno)) return { ok: false, reason: 'invalid-adjusted-reference', adjustedReferenceNo, problem: 'voucher-purchase', expected };
  const done = ledger.adjusted(original.sno);
  const exceeds = (left: number): DomainFailure => ({
    ok: false, reason: 'adjustment-exceeds-original', adjustmentType: input.adjustmentType, amount: input.amount, left,
    original: { referenceNo: original.referenceNo, amount: original.amount },
  });
  let point: number;
  if (input.adjustmentType === 'CANCEL_REDEEM') {
    const left = -original.point - done.point;
    if (input.amount > left) return exceeds(left);
    point = input.amount;
  } else {
    const left = original.amount - done.amount;
    if (input.amount > left) return exceeds(left);
    const takenBefore = -done.point;
    // Exact, in integers: original.point * amount can pass 2^53 (a full return must take back every point).
    const takenAfter = original.amount === 0 ? 0 : Number((BigInt(original.point) * BigInt(done.amount + input.amount)) / BigInt(original.amount));
    const take = takenAfter - takenBefore;
    if (found.account.point < take) {
      return { ok: false, reason: 'insufficient-points', balance: found.account.point, needed: take, spending: 'return-earn', referenceNo: original.referenceNo };
    }
    point = -take;
  }
  book(ledger, {
    account: found.account, clientId: input.clientId, referenceNo: input.referenceNo, type: input.adjustmentType, point,
    amount: input.amount, outletId: input.outletId, adjustedSno: original.sno, now: input.now,
  });
  return { ok: true, point };
}
