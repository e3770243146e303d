// Promos on sale and buying one: a REDEEM of its price on the ledger and a voucher, in the caller's transaction.
import { randomInt } from 'node:crypto';
import type { DomainResult } from './failures';
import { accountAt, book } from './ledger';
import { MYVALUE_APPS_OUTLET } from './myvalue';
import type { Promo, Rows, Voucher } from './records';
import type { LedgerRepository, PromoRepository } from './repositories';
import { isoSeconds } from './time';

/** Outlet that promo purchases are booked at. */
export const PROMO_OUTLET = MYVALUE_APPS_OUTLET;

/** Active and inside its sale window. */
export function isOnSale(promo: Promo, now: Date): boolean {
  const t = now.getTime();
  return promo.isActive && Date.parse(promo.validFrom) <= t && t <= Date.parse(promo.validTo);
}

/** Promos on sale now, by priority, optionally in any of the given categories. */
export function promosOnSale(promos: PromoRepository, now: Date, categories: readonly number[], page: number, pageSize: number): Rows<Promo> {
  const all = promos.all().filter((p) => isOnSale(p, now) && (categories.length === 0 || p.categoryIds.some((id) => categories.includes(id))));
  return { rows: all.slice((page - 1) * pageSize, page * pageSize), count: all.length };
}

const CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newVoucherCode(promos: PromoRepository): string {
  for (;;) {
    let code = 'MV';
    for (let i = 0; i < 10; i++) code += CODE_CHARS[randomInt(CODE_CHARS.length)];
    if (!promos.voucherCodeTaken(code)) return code;
  }
}

/**
 * Buys a promo: checks it is on sale, has quota and that the user may and can pay, then books
 * a REDEEM of its price on the ledger and issues a voucher. The caller holds the transaction.
 */
export function buyPromo(
  repos: { ledger: LedgerRepository; promos: PromoRepository },
  input: { promoId: number; valueId: string; clientId: string; now: Date },
): DomainResult<{ voucher: Voucher }> {
  const { ledger, promos } = repos;
  const account = accountAt(ledger, input.valueId, input.now);
  if (!account) return { ok: false, reason: 'membership-not-found', valueId: input.valueId };
  const promo = promos.byId(input.promoId);
  if (!promo) return { ok: false, reason: 'promo-not-found', promoId: input.promoId };
  if (!isOnSale(promo, input.now)) {
    const why = !promo.isActive ? 'inactive' : input.now.getTime() < Date.parse(promo.validFrom) ? 'not-started' : 'ended';
    return { ok: false, reason: 'promo-not-on-sale', promoId: promo.id, why, validFrom: promo.validFrom, validTo: promo.validTo };
  }
  if (promo.quota !== null && promo.sold >= promo.quota) return { ok: false, reason: 'promo-sold-out', promoId: promo.id, quota: promo.quota };
  if (promo.maxPerUser !== null && promos.purchasedCount(promo.id, account.valueId) >= promo.maxPerUser) {
    return { ok: false, reason: 'promo-purchase-limit', promoId: promo.id, maxPerUser: promo.maxPerUser };
  }
  if (account.point < promo.price) return { ok: false, reason: 'insufficient-points', balance: account.point, needed: promo.price, spending: 'price' };
  const code = newVoucherCode(promos);
  const sno = book(ledger, { account, clientId: input.clientId, referenceNo: `VOUCHER-${code}`, type: 'REDEEM', point: -promo.price, amount: promo.price, outletId: PROMO_OUTLET, now: input.now });
  const purchasedAt = isoSeconds(input.now);
  const redeemTo = isoSeconds(new Date(Math.min(input.now.getTime() + promo.voucherDays * 86_400_000, Math.max(Date.parse(promo.validTo), input.now.getTime()))));
  const voucher = promos.sell({
    code, promoId: promo.id, userId: account.id, valueId: account.valueId, clientId: input.clientId, mutationSno: sno,
    pointUsed: promo.price, purchasedAt, redeemFrom: purchasedAt, redeemTo,
  });
  return { ok: true, voucher };
}

/** A voucher of this value ID (another user's voucher is not found). */
export function voucherOf(promos: PromoRepository, id: number, valueId: string): Voucher | undefined {
  const voucher = promos.voucherById(id);
  return voucher && voucher.valueId === valueId ? voucher : undefined;
}
