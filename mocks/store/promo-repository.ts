// The promos repository over SQLite: the catalogue, sales and the vouchers they issue.
import type Database from 'better-sqlite3';
import type { Promo, PromoDetails, Voucher } from '../domain/records';
import type { PromoRepository } from '../domain/repositories';

interface PromoRow {
  id: number;
  data: string;
  price: number;
  quota: number | null;
  sold: number;
  max_per_user: number | null;
  valid_from: string;
  valid_to: string;
  is_active: number;
  priority: number;
  voucher_days: number;
  category_ids: string;
}

interface VoucherRow {
  id: number;
  code: string;
  promo_id: number;
  user_id: string;
  value_id: string;
  client_id: string;
  mutation_sno: number | null;
  point_used: number;
  purchased_at: string;
  redeem_from: string;
  redeem_to: string;
  used: number;
  used_at: string | null;
  reference_no: string | null;
}

const toPromo = (r: PromoRow): Promo => ({
  id: r.id, price: r.price, quota: r.quota, sold: r.sold, maxPerUser: r.max_per_user, validFrom: r.valid_from, validTo: r.valid_to,
  isActive: r.is_active === 1, priority: r.priority, voucherDays: r.voucher_days, categoryIds: JSON.parse(r.category_ids) as number[],
  details: JSON.parse(r.data) as PromoDetails,
});

const toVoucher = (r: VoucherRow): Voucher => ({
  id: r.id, code: r.code, promoId: r.promo_id, userId: r.user_id, valueId: r.value_id, clientId: r.client_id, mutationSno: r.mutation_sno,
  pointUsed: r.point_used, purchasedAt: r.purchased_at, redeemFrom: r.redeem_from, redeemTo: r.redeem_to, used: r.used === 1, usedAt: r.used_at,
  referenceNo: r.reference_no,
});

const VOUCHER = 'SELECT v.*, m.reference_no FROM vouchers v LEFT JOIN mutations m ON m.sno = v.mutation_sno';

/** The promos repository of `db`; its statements are prepared once, here. */
export function createPromoRepository(db: Database.Database): PromoRepository {
  const byId = db.prepare<[number], PromoRow>('SELECT * FROM promos WHERE id = ?');
  const all = db.prepare<[], PromoRow>('SELECT * FROM promos ORDER BY priority DESC, id ASC');
  const purchased = db.prepare<[number, string], number>('SELECT COUNT(*) AS n FROM vouchers WHERE promo_id = ? AND value_id = ?').pluck();
  const codeTaken = db.prepare<[string], 1>('SELECT 1 FROM vouchers WHERE code = ?').pluck();
  const countSale = db.prepare('UPDATE promos SET sold = sold + 1 WHERE id = ?');
  const insertVoucher = db.prepare(`INSERT INTO vouchers (code, promo_id, user_id, value_id, client_id, mutation_sno, point_used, purchased_at, redeem_from, redeem_to)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const voucherById = db.prepare<[number], VoucherRow>(`${VOUCHER} WHERE v.id = ?`);
  const voucherCount = db.prepare<[string], number>('SELECT COUNT(*) AS n FROM vouchers WHERE value_id = ?').pluck();
  const vouchersOf = db.prepare<[string, number, number], VoucherRow>(`${VOUCHER} WHERE v.value_id = ? ORDER BY v.id DESC LIMIT ? OFFSET ?`);
  const voucher = (id: number): Voucher | undefined => {
    const row = voucherById.get(id);
    return row ? toVoucher(row) : undefined;
  };

  return {
    byId(id) {
      const row = byId.get(id);
      return row ? toPromo(row) : undefined;
    },
    all: () => all.all().map(toPromo),
    purchasedCount: (promoId, valueId) => purchased.get(promoId, valueId) as number,
    voucherCodeTaken: (code) => codeTaken.get(code) !== undefined,
    sell(v) {
      countSale.run(v.promoId);
      const info = insertVoucher.run(v.code, v.promoId, v.userId, v.valueId, v.clientId, v.mutationSno, v.pointUsed, v.purchasedAt, v.redeemFrom, v.redeemTo);
      return voucher(Number(info.lastInsertRowid)) as Voucher;
    },
    voucherById: voucher,
    vouchersOf: (valueId, page, pageSize) => ({
      count: voucherCount.get(valueId) as number,
      rows: vouchersOf.all(valueId, pageSize, (page - 1) * pageSize).map(toVoucher),
    }),
  };
}
