// The fake's state, read-only, for the dashboard (and anyone with curl): users with their balances, one
// user's ledger with its expiries and vouchers, promos with their quota left. Behind the admin guard like
// the rest of /__admin/; never journaled. The SQL is in mocks/store; these only shape the answers.
import { errorResponse, jsonResponse } from '../http/errors';
import { defineRoutes, type Route } from '../routes/route';
import { historyView } from '../views/point-views';
import { spendOrder } from '../domain/lots';
import { isOnSale } from '../domain/promo-sale';
import type { Deps } from './deps';

/** Most users one answer lists (`?page=` for more): the page stays quick with a seed of thousands. */
export const ADMIN_USERS_PAGE = 200;
/** Most ledger entries and vouchers shown for one user, newest first. */
export const ADMIN_LEDGER_MAX = 200;

function pageOf(raw: unknown): number | undefined {
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (value === undefined) return 1;
  return typeof value === 'string' && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : undefined;
}

export const adminStateRoutes: Route<Deps>[] = defineRoutes<Deps>([
  {
    method: 'GET',
    path: '/__admin/users',
    handle({ deps, req }) {
      const page = pageOf(req.query.page);
      if (page === undefined) return errorResponse('ErrValidation', 'page must be a whole number from 1');
      const { rows, count } = deps.store.users.list(ADMIN_USERS_PAGE, (page - 1) * ADMIN_USERS_PAGE);
      const users = rows.map((u) => ({ valueID: u.valueId, firstName: u.firstName, lastName: u.lastName, email: u.email, phone: u.phone, point: u.point, clientID: u.clientId }));
      return jsonResponse({ count, page, pageSize: ADMIN_USERS_PAGE, users });
    },
  },
  // One user: the balance, the ledger as MyValue's history gives it (EARNING with its expiredDate, EXPIRED
  // entries), the points still to expire (lots), and the vouchers bought.
  {
    method: 'GET',
    path: '/__admin/users/:valueID',
    handle({ deps, params, req }) {
      // ?page= pages the history (ADMIN_LEDGER_MAX a page), with the same rule as the users list.
      const page = pageOf(req.query.page);
      if (page === undefined) return errorResponse('ErrValidation', 'page must be a whole number from 1');
      const valueId = params.valueID ?? '';
      const user = deps.store.users.byValueId(valueId);
      if (!user) return errorResponse('MUD001', `No user with value ID ${valueId}`);
      const now = deps.clock.now();
      const history = deps.store.ledger.history({ valueId, limit: ADMIN_LEDGER_MAX, page });
      const vouchers = deps.store.promos.vouchersOf(valueId, 1, ADMIN_LEDGER_MAX);
      return jsonResponse({
        now: now.toISOString(),
        user: { valueID: user.valueId, firstName: user.firstName, lastName: user.lastName, email: user.email, phone: user.phone, point: user.point, clientID: user.clientId, createdAt: user.createdAt },
        history: { count: history.count, page, pageSize: ADMIN_LEDGER_MAX, items: history.rows.map((entry) => historyView(entry, now)) },
        expiring: spendOrder(deps.store.ledger.liveLots(user.id, now.toISOString())).map((lot) => ({ pointMutationSNO: lot.sno, point: lot.remaining, expiredDate: lot.expiresAt })),
        vouchers: {
          count: vouchers.count,
          items: vouchers.rows.map((v) => ({
            voucherCode: v.code, promoID: v.promoId, pointUsed: v.pointUsed, purchasedAt: v.purchasedAt, redeemFrom: v.redeemFrom, redeemTo: v.redeemTo,
            isUsed: v.used, usedAt: v.usedAt, referenceNo: v.referenceNo, clientID: v.clientId,
          })),
        },
      });
    },
  },
  {
    method: 'GET',
    path: '/__admin/promos',
    handle({ deps }) {
      const now = deps.clock.now();
      const promos = deps.store.promos.all().map((p) => ({
        promoID: p.id, title: p.details.title, merchant: p.details.merchant.name, price: p.price, quota: p.quota, sold: p.sold,
        quotaLeft: p.quota === null ? null : Math.max(0, p.quota - p.sold), maxPerUser: p.maxPerUser, validFrom: p.validFrom, validTo: p.validTo,
        isActive: p.isActive, onSale: isOnSale(p, now),
      }));
      return jsonResponse({ count: promos.length, promos });
    },
  },
]);
