// The ledger repository over SQLite: outlets, mutations and the balance they move, and the history query.
import type Database from 'better-sqlite3';
import type { Account, HistoryEntry, Lot, Mutation, MutationType, Outlet } from '../domain/records';
import type { LedgerRepository } from '../domain/repositories';
import { sql } from './sql';

interface MutationRow {
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

interface HistoryRow extends MutationRow {
  outlet_name: string;
  sub_outlet_name: string;
}

const toMutation = (r: MutationRow): Mutation => ({
  sno: r.sno, userId: r.user_id, valueId: r.value_id, clientId: r.client_id, referenceNo: r.reference_no, type: r.type,
  point: r.point, amount: r.amount, outletId: r.outlet_id, adjustedSno: r.adjusted_sno, createdAt: r.created_at, expiredAt: r.expired_at,
});

/** Dates are whole days in WIB (UTC+7), both ends included. */
function dayStartUtc(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+07:00`)).toISOString();
}

/** The ledger repository of `db`; its statements are prepared once, here (history's per filter, on first use). */
export function createLedgerRepository(db: Database.Database): LedgerRepository {
  const account = db.prepare<[string], Account>('SELECT id, value_id AS valueId, point FROM users WHERE value_id = ?');
  const outlet = db.prepare<[string], Outlet>('SELECT id, name, sub_outlet_name AS subOutletName, brand_id AS brandId, business_unit AS businessUnit, earn_per_10k AS earnPer10k FROM outlets WHERE id = ?');
  const byReference = db.prepare<[string, string], MutationRow>('SELECT * FROM mutations WHERE client_id = ? AND reference_no = ?');
  const bySno = db.prepare<[number], MutationRow>('SELECT * FROM mutations WHERE sno = ?');
  const voucherOfMutation = db.prepare<[number], 1>('SELECT 1 FROM vouchers WHERE mutation_sno = ?').pluck();
  const adjusted = db.prepare<[number], { point: number; amount: number }>("SELECT COALESCE(SUM(point), 0) AS point, COALESCE(SUM(amount), 0) AS amount FROM mutations WHERE adjusted_sno = ? AND type <> 'EXPIRED'");
  const insertMutation = db.prepare(`INSERT INTO mutations (user_id, value_id, client_id, reference_no, type, point, amount, outlet_id, adjusted_sno, created_at, expired_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const moveBalance = db.prepare('UPDATE users SET point = point + ? WHERE id = ?');
  const insertLot = db.prepare('INSERT INTO point_lots (sno, user_id, remaining, expires_at) VALUES (?, ?, ?, ?)');
  const liveLots = db.prepare<[string, string], Lot>(`SELECT sno, user_id AS userId, remaining, expires_at AS expiresAt FROM point_lots
    WHERE user_id = ? AND remaining > 0 AND (expires_at IS NULL OR expires_at > ?)`);
  const setLotRemaining = db.prepare('UPDATE point_lots SET remaining = ? WHERE sno = ?');
  const dueLots = db.prepare<[string], Lot & { expiresAt: string; valueId: string; outletId: string }>(`SELECT l.sno, l.user_id AS userId, l.remaining, l.expires_at AS expiresAt, m.value_id AS valueId, m.outlet_id AS outletId
    FROM point_lots l JOIN mutations m ON m.sno = l.sno WHERE l.remaining > 0 AND l.expires_at <= ? ORDER BY l.expires_at, l.sno`);
  const nextExpiry = db.prepare<[], string | null>('SELECT MIN(expires_at) FROM point_lots WHERE remaining > 0').pluck();
  const expiredOf = db.prepare<[number, string], number>('SELECT COALESCE(-SUM(point), 0) FROM mutations WHERE adjusted_sno = ? AND type = ?').pluck();

  return {
    account: (valueId) => account.get(valueId),
    outlet: (id) => outlet.get(id),
    byReference(clientId, referenceNo) {
      const row = byReference.get(clientId, referenceNo);
      return row ? toMutation(row) : undefined;
    },
    bySno(sno) {
      const row = bySno.get(sno);
      return row ? toMutation(row) : undefined;
    },
    isVoucherPurchase: (sno) => voucherOfMutation.get(sno) !== undefined,
    adjusted: (sno) => adjusted.get(sno) as { point: number; amount: number },
    book(m) {
      const info = insertMutation.run(m.account.id, m.account.valueId, m.clientId, m.referenceNo, m.type, m.point, m.amount, m.outletId, m.adjustedSno, m.createdAt, m.expiredAt);
      moveBalance.run(m.point, m.account.id);
      return Number(info.lastInsertRowid);
    },
    insertLot: (l) => void insertLot.run(l.sno, l.userId, l.remaining, l.expiresAt),
    liveLots: (userId, nowIso) => liveLots.all(userId, nowIso),
    setLotRemaining: (sno, remaining) => void setLotRemaining.run(remaining, sno),
    dueLots: (nowIso) => dueLots.all(nowIso),
    nextExpiry: () => nextExpiry.get() ?? undefined,
    expiredOf: (sno) => expiredOf.get(sno, 'EXPIRED') as number,
    history(filter) {
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
      return { rows: rows.map((r): HistoryEntry => ({ ...toMutation(r), outletName: r.outlet_name, subOutletName: r.sub_outlet_name })), count };
    },
  };
}
