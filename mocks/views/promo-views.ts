// The documented promo and voucher objects of the promo integration guide.
import type { Promo, Voucher } from '../domain/records';

export interface PromoViewOptions {
  /** Whether the asking value ID holds a voucher of this promo. */
  alreadyPurchased: boolean;
  now: Date;
  origin: string;
  /** The list leaves tnc and howToUse empty, as MyValue's does. */
  inList: boolean;
}

export function promoView(promo: Promo, opts: PromoViewOptions): Record<string, unknown> {
  const p = promo.details;
  const expired = opts.now.getTime() > Date.parse(promo.validTo);
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
    isActive: promo.isActive,
    deepLink: p.deepLink ?? '',
    isPaymentAvailable: false,
    isAlreadyPurchased: opts.alreadyPurchased,
  };
}

/** A voucher with its promo (shown in full, as the owner of the voucher sees it). */
export function voucherView(v: Voucher, promo: Promo, opts: Omit<PromoViewOptions, 'inList'>): Record<string, unknown> {
  const t = opts.now.getTime();
  return {
    id: v.id,
    code: v.code,
    promo: promoView(promo, { ...opts, inList: false }),
    qrCode: `MYVALUE-VOUCHER:${v.code}`,
    isPaymentSuccess: true,
    transaction: { id: v.mutationSno, referenceNo: v.referenceNo ?? '', point: v.pointUsed, createdAt: v.purchasedAt },
    used: v.used,
    purchasedDate: v.purchasedAt,
    pointUsed: v.pointUsed,
    usedDate: v.usedAt,
    redeemFrom: v.redeemFrom,
    redeemTo: v.redeemTo,
    isCanRedeem: !v.used && Date.parse(v.redeemFrom) <= t && t <= Date.parse(v.redeemTo),
  };
}
