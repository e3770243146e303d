// The points ledger's rules over the ledger repository: every change of a balance is one mutation, booked
// with the balance itself. Callers hold the transaction (store.tx), so each operation is all or nothing.
import { CREATES_LOT, EXPIRED, expiredAtOf, lotTime, takeFromLots } from './lots';
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
  /** What a referenceNo used before gets (FakeSettings.duplicateReference); default 'refuse'. */
  onDuplicate?: 'refuse' | 'replay';
}

/** A request's answer: what it changed, or, replayed, what its first time changed (nothing applied now). */
export type Applied = { point: number; replayed?: true };

/**
 * The user's account as of `now`: expiries due by then are booked first, so the balance a rule checks is
 * exactly the points in the live lots it will take from (the core also books them before each request,
 * but a request read at a second's boundary could otherwise see an expiry its check did not).
 */
export function accountAt(ledger: LedgerRepository, valueId: string, now: Date): Account | undefined {
  bookDueExpiries(ledger, now);
  return ledger.account(valueId);
}

/** The user and outlet every mutation needs. */
function resolve(ledger: LedgerRepository, valueId: string, outletId: string, now?: Date): DomainResult<{ account: Account; outlet: Outlet }> {
  // Without `now` (a read, outside a transaction), the balance the core settled before the request.
  const account = now === undefined ? ledger.account(valueId) : accountAt(ledger, valueId, now);
  if (!account) return { ok: false, reason: 'membership-not-found', valueId };
  const outlet = ledger.outlet(outletId);
  if (!outlet) return { ok: false, reason: 'suboutlet-not-found', outletId };
  return { ok: true, account, outlet };
}

/**
 * A referenceNo is spent once per client, whatever it was spent on. With 'replay', a repeat of the very
 * same request (same type, user, outlet and amount; the same original for an adjustment) answers what
 * the first one did; anything else reusing it is still refused.
 */
function checkReference(
  ledger: LedgerRepository,
  input: Common & { referenceNo: string; amount: number },
  type: MutationType,
  adjustedReferenceNo?: string,
): DomainResult<Applied> | undefined {
  const used = ledger.byReference(input.clientId, input.referenceNo);
  if (!used) return undefined;
  if (input.onDuplicate === 'replay' && used.type === type && used.valueId === input.valueId && used.outletId === input.outletId && used.amount === input.amount) {
    const original = used.adjustedSno === null ? undefined : ledger.bySno(used.adjustedSno);
    if (adjustedReferenceNo === undefined || original?.referenceNo === adjustedReferenceNo) return { ok: true, point: used.point, replayed: true };
  }
  return { ok: false, reason: 'duplicate-reference', referenceNo: input.referenceNo, usedBy: { type: used.type, valueId: used.valueId } };
}

/** A mutation as the rules book it: at `now`, its dates and expiry still to be worked out. */
export type Booking = Omit<NewMutation, 'adjustedSno' | 'createdAt' | 'expiredAt'> & { adjustedSno?: number; now: Date };

/**
 * Books one mutation at `now` and moves the lots with it (mocks/domain/lots.ts): an earn is a new lot
 * expiring per expiryOf; a redeem takes from the lots that expire first; a RETURN_EARN from its earn's
 * lot first; a CANCEL_REDEEM's points come back as a new lot expiring as if earned now. Gives its sno.
 */
export function book(ledger: LedgerRepository, m: Booking): number {
  // Points that come in (an earn, a cancelled redeem's points given back) expire together, as a lot.
  const expiredAt = expiredAtOf(m.type, m.now);
  const createdAt = isoSeconds(m.now);
  const sno = ledger.book({
    account: m.account, clientId: m.clientId, referenceNo: m.referenceNo, type: m.type, point: m.point, amount: m.amount,
    outletId: m.outletId, adjustedSno: m.adjustedSno ?? null, createdAt, expiredAt,
  });
  const nowIso = lotTime(m.now);
  if (CREATES_LOT[m.type]) ledger.insertLot({ sno, userId: m.account.id, remaining: m.point, expiresAt: expiredAt });
  else if (m.type === 'REDEEM' || m.type === 'RETURN_EARN') takeFromLots(ledger, m.account.id, -m.point, nowIso, m.type === 'RETURN_EARN' ? (m.adjustedSno ?? undefined) : undefined);
  return sno;
}

/** The client of the fake's own entries (expiries): no partner's client ID is empty, so their referenceNos never clash. */
const SYSTEM_CLIENT = '';

/**
 * Books the expiry of every lot whose time has come by `now`: an EXPIRED entry of what is left of it, dated
 * at its expiry (midnight WIB), the balance down by as much. Gives how many lots expired.
 */
function settleExpiries(ledger: LedgerRepository, now: Date): number {
  const due = ledger.dueLots(lotTime(now));
  for (const lot of due) {
    const account = ledger.account(lot.valueId);
    if (!account) continue;
    ledger.book({
      account, clientId: SYSTEM_CLIENT, referenceNo: `${EXPIRED}-${lot.sno}`, type: EXPIRED, point: -lot.remaining, amount: 0,
      outletId: lot.outletId, adjustedSno: lot.sno, createdAt: isoSeconds(new Date(lot.expiresAt)), expiredAt: '',
    });
    ledger.setLotRemaining(lot.sno, 0);
  }
  return due.length;
}

/** Whether a lot's expiry has passed by `now` without being booked yet (cheap: one indexed MIN). */
function expiryDue(ledger: LedgerRepository, now: Date): boolean {
  const next = ledger.nextExpiry();
  return next !== undefined && next <= lotTime(now);
}

/**
 * Books the expiries due by `now`, if any: what reads or spends a balance at `now`, or moves the clock to it,
 * calls this first (the core's moments are in mocks/core/expiries.ts). The check is one indexed MIN, so
 * `tx`, the transaction of a caller that holds none, opens only when something is due. Gives how many lots expired.
 */
export function bookDueExpiries(ledger: LedgerRepository, now: Date, tx: <T>(fn: () => T) => T = (fn) => fn()): number {
  return expiryDue(ledger, now) ? tx(() => settleExpiries(ledger, now)) : 0;
}

export function earn(ledger: LedgerRepository, input: Common & { amount: number; exchangeRate: number; referenceNo: string }): DomainResult<Applied> {
  const found = resolve(ledger, input.valueId, input.outletId, input.now);
  if (!found.ok) return found;
  const duplicate = checkReference(ledger, input, 'EARNING');
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

export function redeem(ledger: LedgerRepository, input: Common & { amount: number; referenceNo: string }): DomainResult<Applied> {
  const found = resolve(ledger, input.valueId, input.outletId, input.now);
  if (!found.ok) return found;
  const duplicate = checkReference(ledger, input, 'REDEEM');
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
): DomainResult<Applied> {
  const found = resolve(ledger, input.valueId, input.outletId, input.now);
  if (!found.ok) return found;
  const duplicate = checkReference(ledger, input, input.adjustmentType, input.adjustedReferenceNo);
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
    const proportional = original.amount === 0 ? 0 : Number((BigInt(original.point) * BigInt(done.amount + input.amount)) / BigInt(original.amount));
    // Points of the earn that expired are gone already: a return takes back only what is left of the earn.
    const takenAfter = Math.min(proportional, original.point - ledger.expiredOf(original.sno));
    const take = Math.max(0, takenAfter - takenBefore);
    if (found.account.point < take) {
      return { ok: false, reason: 'insufficient-points', balance: found.account.point, needed: take, spending: 'return-earn', referenceNo: original.referenceNo };
    }
    point = take === 0 ? 0 : -take;
  }
  book(ledger, {
    account: found.account, clientId: input.clientId, referenceNo: input.referenceNo, type: input.adjustmentType, point,
    amount: input.amount, outletId: input.outletId, adjustedSno: original.sno, now: input.now,
  });
  return { ok: true, point };
}
