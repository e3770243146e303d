// Promos and vouchers: catalogue, purchase through the ledger, and the documented views.
import { randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import { fail } from '../http/errors';
import { isoSeconds } from '../domain/time';
import { applyMutation, type LedgerResult } from './ledger';
import { sql } from './sql';
import type { SeedPromo } from './seed-types';
import { userByValueId } from './users';
import { MYVALUE_APPS_OUTLET } from '../domain/myvalue';

export interface PromoRow {
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

export interface VoucherRow {
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
  reference_no?: string;
}

/** Outlet that promo purchases are booked at. */
export const PROMO_OUTLET = MYVALUE_APPS_OUTLET;

export function promoById(db: Database.Database, id: number): PromoRow | undefined {
  return sql(db, 'SELECT * FROM promos WHERE id = ?').get(id) as PromoRow | undefined;
}

function isLive(promo: PromoRow, now: Date): boolean {
  const t = now.getTime();
  return promo.is_active === 1 && Date.parse(promo.valid_from) <= t && t <= Date.parse(promo.valid_to);
}

function purchasedCount(db: Database.Database, promoId: number, valueId: string): number {
  return (sql(db, 'SELECT COUNT(*) AS n FROM vouchers WHERE promo_id = ? AND value_id = ?').get(promoId, valueId) as { n: number }).n;
}

/** Promos on sale now, by priority, optionally in any of the given categories. */
export function listPromos(db: Database.Database, now: Date, categories: number[], page: number, pageSize: number): { rows: PromoRow[]; count: number } {
  const all = (sql(db, 'SELECT * FROM promos ORDER BY priority DESC, id ASC').all() as PromoRow[]).filter((p) => {
    if (!isLive(p, now)) return false;
    if (categories.length === 0) return true;
    const ids = JSON.parse(p.category_ids) as number[];
    return ids.some((id) => categories.includes(id));
  });
  return { rows: all.slice((page - 1) * pageSize, page * pageSize), count: all.length };
}

/** The documented promo object; the list leaves tnc and howToUse empty, as MyValue's does. */
export function promoView(db: Database.Database, promo: PromoRow, opts: { valueId: string; now: Date; origin: string; inList: boolean }): Record<string, unknown> {
  const p = JSON.parse(promo.data) as SeedPromo;
  const expired = opts.now.getTime() > Date.parse(promo.valid_to);
  return {
    id: promo.id,
    status: p.status ?? 1,
    merchant: { id: p.merchant.id, image: p.merchant.image ?? '', name: p.merchant.name },
    isExpired: expired,
    paymentRequired: false,
    paymentMethod: null,
    categories: p.categories.map((c) => ({ id: c.id, url: `${opts.origin}/categories/${c.id}/`, title: c.title })),
    categoryIds: p.categories.map((c) => String(c.id)),
    title: p.title,
    image: p.image ?? '',
    thumbnail: p.thumbnail ?? '',
    validFrom: p.validFrom,
    validTo: p.validTo,
    shortContent: p.shortContent ?? '',
    content: p.content ?? '',
    tnc: opts.inList ? '' : (p.tnc ?? ''),
    howToUse: opts.inList ? '' : (p.howToUse ?? ''),
    price: promo.price,
    priority: promo.priority,
    isQuotaAvailable: promo.quota === null || promo.sold < promo.quota,
    quotaType: p.quotaType ?? 0,
    promoType: p.promoType ?? 1,
    isActive: promo.is_active === 1,
    deepLink: p.deepLink ?? '',
    isPaymentAvailable: false,
    isAlreadyPurchased: purchasedCount(db, promo.id, opts.valueId) > 0,
  };
}

const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newVoucherCode(db: Database.Database): string {
  for (;;) {
    let code = 'MV';
    for (let i = 0; i < 10; i++) code += CODE_CHARS[randomInt(CODE_CHARS.length)];
    if (!sql(db, 'SELECT 1 FROM vouchers WHERE code = ?').get(code)) return code;
  }
}

/**
 * Buys a promo: checks it is on sale, has quota and that the user may and can pay, then books
 * a REDEEM of its price on the ledger and issues a voucher. The caller holds the transaction.
 */
export function buyPromo(db: Database.Database, input: { promoId: number; valueId: string; clientId: string; now: Date }): LedgerResult<{ voucher: VoucherRow }> {
  const user = userByValueId(db, input.valueId);
  if (!user) return fail('ErrMembershipNotFound', `User membership not found: ${input.valueId}`);
  const promo = promoById(db, input.promoId);
  if (!promo) return fail('ErrPromoNotFound', `Promo not found: ${input.promoId}`);
  if (!isLive(promo, input.now)) {
    const t = input.now.getTime();
    const why = promo.is_active !== 1 ? 'is not active' : t < Date.parse(promo.valid_from) ? `starts at ${promo.valid_from}` : `expired at ${promo.valid_to}`;
    return fail('ErrPromoExpired', `Promo ${promo.id} ${why}`);
  }
  if (promo.quota !== null && promo.sold >= promo.quota) return fail('ErrPromoQuotaExhausted', `Promo ${promo.id} quota of ${promo.quota} is exhausted`);
  if (promo.max_per_user !== null && purchasedCount(db, promo.id, user.value_id) >= promo.max_per_user) {
    return fail('ErrPromoPurchaseLimit', `Promo ${promo.id} can be bought ${promo.max_per_user} time(s) per user`);
  }
  if (user.point < promo.price) return fail('ErrInsufficientPoint', `Point is not sufficient: balance ${user.point}, price ${promo.price}`);
  const code = newVoucherCode(db);
  const sno = applyMutation(db, { user, clientId: input.clientId, referenceNo: `VOUCHER-${code}`, type: 'REDEEM', point: -promo.price, amount: promo.price, outletId: PROMO_OUTLET, now: input.now });
  sql(db, 'UPDATE promos SET sold = sold + 1 WHERE id = ?').run(promo.id);
  const purchasedAt = isoSeconds(input.now);
  const redeemTo = isoSeconds(new Date(Math.min(input.now.getTime() + promo.voucher_days * 86_400_000, Math.max(Date.parse(promo.valid_to), input.now.getTime()))));
  const info = sql(db, `INSERT INTO vouchers (code, promo_id, user_id, value_id, client_id, mutation_sno, point_used, purchased_at, redeem_from, redeem_to)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(code, promo.id, user.id, user.value_id, input.clientId, sno, promo.price, purchasedAt, purchasedAt, redeemTo);
  return { ok: true, voucher: voucherById(db, Number(info.lastInsertRowid)) as VoucherRow };
}

function voucherById(db: Database.Database, id: number): VoucherRow | undefined {
  return sql(db, 'SELECT v.*, m.reference_no FROM vouchers v LEFT JOIN mutations m ON m.sno = v.mutation_sno WHERE v.id = ?').get(id) as VoucherRow | undefined;
}

/** A voucher of this value ID (another user's voucher is not found). */
export function voucherOf(db: Database.Database, id: number, valueId: string): VoucherRow | undefined {
  const voucher = voucherById(db, id);
  return voucher && voucher.value_id === valueId ? voucher : undefined;
}

export function listVouchers(db: Database.Database, valueId: string, page: number, pageSize: number): { rows: VoucherRow[]; count: number } {
  const count = (sql(db, 'SELECT COUNT(*) AS n FROM vouchers WHERE value_id = ?').get(valueId) as { n: number }).n;
  const rows = sql(db, 'SELECT v.*, m.reference_no FROM vouchers v LEFT JOIN mutations m ON m.sno = v.mutation_sno WHERE v.value_id = ? ORDER BY v.id DESC LIMIT ? OFFSET ?')
    .all(valueId, pageSize, (page - 1) * pageSize) as VoucherRow[];
  return { rows, count };
}

/** The documented voucher object. */
export function voucherView(db: Database.Database, v: VoucherRow, opts: { now: Date; origin: string }): Record<string, unknown> {
  const promo = promoById(db, v.promo_id) as PromoRow;
  const t = opts.now.getTime();
  return {
    id: v.id,
    code: v.code,
    promo: promoView(db, promo, { valueId: v.value_id, now: opts.now, origin: opts.origin, inList: false }),
    qrCode: `MYVALUE-VOUCHER:${v.code}`,
    isPaymentSuccess: true,
    transaction: { id: v.mutation_sno, referenceNo: v.reference_no ?? '', point: v.point_used, createdAt: v.purchased_at },
    used: v.used === 1,
    purchasedDate: v.purchased_at,
    pointUsed: v.point_used,
    usedDate: v.used_at,
    redeemFrom: v.redeem_from,
    redeemTo: v.redeem_to,
    isCanRedeem: v.used !== 1 && Date.parse(v.redeem_from) <= t && t <= Date.parse(v.redeem_to),
  };
}
