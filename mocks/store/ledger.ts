// The points ledger: every change of a balance is one row in mutations, written in the same
// transaction as the balance itself. Callers hold the transaction (store.tx).
import type Database from 'better-sqlite3';
import { sql } from './sql';
import { fail, type Failure } from '../http/errors';
import { expiryOf } from '../domain/expiry';
import { isoSeconds } from '../domain/time';
import { ledgerUser, type LedgerUser } from './users';

export type MutationType = 'EARNING' | 'REDEEM' | 'CANCEL_REDEEM' | 'RETURN_EARN';
export const MUTATION_TYPES: readonly MutationType[] = ['EARNING', 'REDEEM', 'CANCEL_REDEEM', 'RETURN_EARN'];

export interface MutationRow {
  sno: number;
  user_id: string;
  value_id: string;
  client_id: string;
  reference_no: string;
  type: MutationType;
  point: number;
  amount: number;
  outlet_id: string;
  adjusted_sno: number | null;
  created_at: string;
  expired_at: string;
}

export interface OutletRow {
  id: string;
  name: string;
  sub_outlet_name: string;
  brand_id: string;
  business_unit: string;
  earn_per_10k: number;
}

type Ok<T> = { ok: true } & T;
export type LedgerResult<T> = Ok<T> | Failure;

export function outletById(db: Database.Database, id: string): OutletRow | undefined {
  return sql(db, 'SELECT * FROM outlets WHERE id = ?').get(id) as OutletRow | undefined;
}

function mutationByReference(db: Database.Database, clientId: string, referenceNo: string): MutationRow | undefined {
  return sql(db, 'SELECT * FROM mutations WHERE client_id = ? AND reference_no = ?').get(clientId, referenceNo) as MutationRow | undefined;
}

/**
 * Points for an amount in rupiah: with exchangeRate 0, the outlet's own rate (points per Rp 10,000);
 * otherwise exchangeRate is rupiah per point. Always rounded down.
 */
export function pointsFor(amount: number, exchangeRate: number, outlet: OutletRow): number {
  if (exchangeRate > 0) return Math.floor(amount / exchangeRate);
  return Math.floor((amount * outlet.earn_per_10k) / 10_000);
}

interface Common {
  clientId: string;
  valueId: string;
  outletId: string;
  now: Date;
}

/** Looks up the user and outlet every mutation needs; the failures are MyValue's 404s. */
function resolve(db: Database.Database, valueId: string, outletId: string): LedgerResult<{ user: LedgerUser; outlet: OutletRow }> {
  const user = ledgerUser(db, valueId);
  if (!user) return fail('ErrMembershipNotFound', `User membership not found: ${valueId}`);
  const outlet = outletById(db, outletId);
  if (!outlet) return fail('ErrSuboutletNotfound', `Suboutlet not found: ${outletId}`);
  return { ok: true, user, outlet };
}

function checkReference(db: Database.Database, clientId: string, referenceNo: string): Failure | undefined {
  const used = mutationByReference(db, clientId, referenceNo);
  if (used) return fail('ErrDuplicateReferenceNo', `referenceNo ${referenceNo} has already been used by this client (${used.type} of ${used.value_id}); nothing was changed`);
  return undefined;
}

interface Insert {
  user: LedgerUser;
  clientId: string;
  referenceNo: string;
  type: MutationType;
  point: number;
  amount: number;
  outletId: string;
  adjustedSno?: number;
  now: Date;
}

/** Writes one mutation and moves the balance by its points. */
export function applyMutation(db: Database.Database, m: Insert): number {
  const createdAt = isoSeconds(m.now);
  const expiredAt = m.type === 'EARNING' ? expiryOf(m.now) : '';
  const info = sql(db, `INSERT INTO mutations (user_id, value_id, client_id, reference_no, type, point, amount, outlet_id, adjusted_sno, created_at, expired_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(m.user.id, m.user.value_id, m.clientId, m.referenceNo, m.type, m.point, m.amount, m.outletId, m.adjustedSno ?? null, createdAt, expiredAt);
  sql(db, 'UPDATE users SET point = point + ? WHERE id = ?').run(m.point, m.user.id);
  return Number(info.lastInsertRowid);
}

export function earn(db: Database.Database, input: Common & { amount: number; exchangeRate: number; referenceNo: string }): LedgerResult<{ point: number }> {
  const found = resolve(db, input.valueId, input.outletId);
  if (!found.ok) return found;
  const duplicate = checkReference(db, input.clientId, input.referenceNo);
  if (duplicate) return duplicate;
  const point = pointsFor(input.amount, input.exchangeRate, found.outlet);
  applyMutation(db, { user: found.user, clientId: input.clientId, referenceNo: input.referenceNo, type: 'EARNING', point, amount: input.amount, outletId: input.outletId, now: input.now });
  return { ok: true, point };
}

export function estimate(db: Database.Database, input: Omit<Common, 'clientId' | 'now'> & { amount: number }): LedgerResult<{ point: number; estimatePoint: number }> {
  const found = resolve(db, input.valueId, input.outletId);
  if (!found.ok) return found;
  const estimatePoint = pointsFor(input.amount, 0, found.outlet);
  return { ok: true, point: found.user.point + estimatePoint, estimatePoint };
}

export function redeem(db: Database.Database, input: Common & { amount: number; referenceNo: string }): LedgerResult<{ point: number }> {
  const found = resolve(db, input.valueId, input.outletId);
  if (!found.ok) return found;
  const duplicate = checkReference(db, input.clientId, input.referenceNo);
  if (duplicate) return duplicate;
  if (found.user.point < input.amount) {
    return fail('ErrInsufficientPoint', `Point is not sufficient: balance ${found.user.point}, redeem ${input.amount}`);
  }
  applyMutation(db, { user: found.user, clientId: input.clientId, referenceNo: input.referenceNo, type: 'REDEEM', point: -input.amount, amount: input.amount, outletId: input.outletId, now: input.now });
  return { ok: true, point: -input.amount };
}

export type AdjustmentType = 'CANCEL_REDEEM' | 'RETURN_EARN';

/**
 * CANCEL_REDEEM gives back `amount` points of a redeem; RETURN_EARN takes back the points of
 * `amount` rupiah of an earn, in proportion to what that earn gave. Several partial adjustments
 * may follow one original, never adding up to more than it.
 */
export function adjust(db: Database.Database, input: Common & { amount: number; referenceNo: string; adjustedReferenceNo: string; adjustmentType: AdjustmentType }): LedgerResult<{ point: number }> {
  const found = resolve(db, input.valueId, input.outletId);
  if (!found.ok) return found;
  const duplicate = checkReference(db, input.clientId, input.referenceNo);
  if (duplicate) return duplicate;
  const originalType: MutationType = input.adjustmentType === 'CANCEL_REDEEM' ? 'REDEEM' : 'EARNING';
  const original = mutationByReference(db, input.clientId, input.adjustedReferenceNo);
  if (!original || original.type !== originalType || original.value_id !== input.valueId) {
    const why = !original
      ? `no ${originalType} with referenceNo ${input.adjustedReferenceNo} for this client`
      : original.value_id !== input.valueId
        ? `referenceNo ${input.adjustedReferenceNo} belongs to another value ID`
        : `referenceNo ${input.adjustedReferenceNo} is a ${original.type}, ${input.adjustmentType} needs a ${originalType}`;
    return fail('ErrInvalidAdjustedRefCode', `Invalid adjusted reference no: ${why}`);
  }
  if (sql(db, 'SELECT 1 FROM vouchers WHERE mutation_sno = ?').get(original.sno)) {
    // A voucher purchase is a REDEEM too, but giving its points back would leave a free voucher.
    return fail('ErrInvalidAdjustedRefCode', `Invalid adjusted reference no: ${input.adjustedReferenceNo} is a voucher purchase, which cannot be cancelled`);
  }
  const done = sql(db, 'SELECT COALESCE(SUM(point), 0) AS point, COALESCE(SUM(amount), 0) AS amount FROM mutations WHERE adjusted_sno = ?').get(original.sno) as { point: number; amount: number };
  let point: number;
  if (input.adjustmentType === 'CANCEL_REDEEM') {
    const left = -original.point - done.point;
    if (input.amount > left) {
      return fail('ErrAdjustmentExceedsOriginal', `amount ${input.amount} is more than the ${left} points left to cancel of redeem ${original.reference_no}`);
    }
    point = input.amount;
  } else {
    const left = original.amount - done.amount;
    if (input.amount > left) {
      return fail('ErrAdjustmentExceedsOriginal', `amount ${input.amount} is more than the ${left} left to return of earn ${original.reference_no} (amount ${original.amount})`);
    }
    const takenBefore = -done.point;
    const takenAfter = original.amount === 0 ? 0 : Math.floor((original.point * (done.amount + input.amount)) / original.amount);
    const take = takenAfter - takenBefore;
    if (found.user.point < take) {
      return fail('ErrInsufficientPoint', `Point is not sufficient to return earn ${original.reference_no}: balance ${found.user.point}, to take back ${take}`);
    }
    point = -take;
  }
  applyMutation(db, { user: found.user, clientId: input.clientId, referenceNo: input.referenceNo, type: input.adjustmentType, point, amount: input.amount, outletId: input.outletId, adjustedSno: original.sno, now: input.now });
  return { ok: true, point };
}

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

export interface HistoryRow extends MutationRow {
  outlet_name: string;
  sub_outlet_name: string;
}

/** Dates are whole days in WIB (UTC+7), both ends included. */
function dayStartUtc(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+07:00`)).toISOString();
}

/** One page of a user's history, newest first, with the total count. */
export function history(db: Database.Database, filter: HistoryFilter): { rows: HistoryRow[]; count: number } {
  const where = ['m.value_id = @valueId'];
  const params: Record<string, string | number> = { valueId: filter.valueId };
  if (filter.from) {
    where.push('julianday(m.created_at) >= julianday(@from)');
    params.from = dayStartUtc(filter.from);
  }
  if (filter.to) {
    where.push('julianday(m.created_at) < julianday(@to)');
    params.to = new Date(Date.parse(dayStartUtc(filter.to)) + 86_400_000).toISOString();
  }
  if (filter.mutation) {
    where.push('m.type = @mutation');
    params.mutation = filter.mutation;
  }
  if (filter.brandId) {
    where.push('o.brand_id = @brandId');
    params.brandId = filter.brandId;
  }
  if (filter.businessUnit) {
    where.push('o.business_unit = @businessUnit');
    params.businessUnit = filter.businessUnit;
  }
  const from = `FROM mutations m LEFT JOIN outlets o ON o.id = m.outlet_id WHERE ${where.join(' AND ')}`;
  const count = (sql(db, `SELECT COUNT(*) AS n ${from}`).get(params) as { n: number }).n;
  const rows = sql(db, `SELECT m.*, COALESCE(o.name, '') AS outlet_name, COALESCE(o.sub_outlet_name, '') AS sub_outlet_name ${from} ORDER BY julianday(m.created_at) DESC, m.sno DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: filter.limit, offset: (filter.page - 1) * filter.limit }) as HistoryRow[];
  return { rows, count };
}

export function historyView(row: HistoryRow, now: Date): Record<string, unknown> {
  return {
    pointMutationSNO: row.sno,
    createdDate: row.created_at,
    expiredDate: row.expired_at,
    outletName: row.outlet_name,
    subOutletName: row.sub_outlet_name,
    mutationTypeName: row.type,
    referenceNo: row.reference_no,
    point: row.point,
    memberNo: row.value_id,
    memberName: '',
    valueID: row.value_id,
    status: null,
    isExpired: row.expired_at !== '' && Date.parse(row.expired_at) <= now.getTime(),
  };
}
