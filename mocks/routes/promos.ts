// Promo and voucher endpoints of the promo integration guide.
import { errorResponse, jsonResponse, type Failure } from '../http/errors';
import { paginate } from './paging';
import { defineRoutes, type RouteContext } from './route';
import { optionalInt, requireInt, requireString } from '../domain/validate';
import { buyPromo, promosOnSale, voucherOf } from '../domain/promo-sale';
import type { Promo, Voucher } from '../domain/records';
import type { FakeResponse } from '../http/types';
import type { StoreAccess } from '../store/services';
import { failureResponse } from '../views/failure-response';
import { promoView, voucherView } from '../views/promo-views';

const failed = (f: Failure): FakeResponse => errorResponse(f.error, f.detail);

/** Whether `valueId` holds a voucher of the promo (the views' isAlreadyPurchased). */
const purchased = (store: StoreAccess, promo: Promo, valueId: string): boolean => store.promos.purchasedCount(promo.id, valueId) > 0;

/** A voucher's body, with its promo as its owner sees it. */
function voucherBody(store: StoreAccess, v: Voucher, now: Date, origin: string): Record<string, unknown> {
  const promo = store.promos.byId(v.promoId) as Promo;
  return voucherView(v, promo, { alreadyPurchased: purchased(store, promo, v.valueId), now, origin });
}

/** valueID of a known user, page and pageSize (defaults 1 and 8, as the guide says). */
function listParams(ctx: RouteContext) {
  const valueID = requireString(ctx.fields, 'valueID');
  if (!valueID.ok) return valueID;
  const page = optionalInt(ctx.fields, 'page', 1, 1, 1_000_000);
  if (!page.ok) return page;
  const pageSize = optionalInt(ctx.fields, 'pageSize', 8, 1, 100);
  if (!pageSize.ok) return pageSize;
  if (!ctx.deps.store.users.byValueId(valueID.value)) return { ok: false as const, error: 'ErrMembershipNotFound' as const, detail: `User membership not found: ${valueID.value}` };
  return { ok: true as const, valueId: valueID.value, page: page.value, pageSize: pageSize.value };
}

/** The `:ID` of a detail route and the valueID of a known user. */
function detailParams(ctx: RouteContext) {
  const id = requireInt({ ID: ctx.params.ID }, 'ID', 1, 1e12, 'text');
  if (!id.ok) return id;
  const valueID = requireString(ctx.fields, 'valueID');
  if (!valueID.ok) return valueID;
  if (!ctx.deps.store.users.byValueId(valueID.value)) return { ok: false as const, error: 'ErrMembershipNotFound' as const, detail: `User membership not found: ${valueID.value}` };
  return { ok: true as const, id: id.value, valueId: valueID.value };
}

export const promoRoutes = defineRoutes([
  {
    rule: 'promo.list',
    handle(ctx) {
      const params = listParams(ctx);
      if (!params.ok) return failed(params);
      const raw = ctx.req.query.category;
      const categories = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      const bad = categories.find((c) => !/^\d+$/.test(c));
      if (bad !== undefined) return errorResponse('ErrValidation', `category must be a whole number, got "${bad}"`);
      const now = ctx.deps.clock.now();
      const store = ctx.deps.store;
      const { rows, count } = promosOnSale(store.promos, now, categories.map(Number), params.page, params.pageSize);
      const results = rows.map((p) => promoView(p, { alreadyPurchased: purchased(store, p, params.valueId), now, origin: ctx.req.origin, inList: true }));
      return jsonResponse(paginate(ctx, results, count, params.page, params.pageSize, 'pageSize', categories.length ? { category: categories } : {}));
    },
  },
  {
    rule: 'promo.buy',
    handle({ body, deps, client, req }) {
      const id = requireInt(body, 'id', 1);
      if (!id.ok) return failed(id);
      const valueID = requireString(body, 'valueID');
      if (!valueID.ok) return failed(valueID);
      const now = deps.clock.now();
      const store = deps.store;
      return store.tx(() => {
        const result = buyPromo(store, { promoId: id.value, valueId: valueID.value, clientId: client.clientId, now });
        return result.ok ? jsonResponse(voucherBody(store, result.voucher, now, req.origin)) : failureResponse(result);
      });
    },
  },
  {
    rule: 'promo.get',
    handle(ctx) {
      const params = detailParams(ctx);
      if (!params.ok) return failed(params);
      const store = ctx.deps.store;
      const promo = store.promos.byId(params.id);
      if (!promo) return errorResponse('ErrPromoNotFound', `Promo not found: ${params.id}`);
      return jsonResponse(promoView(promo, { alreadyPurchased: purchased(store, promo, params.valueId), now: ctx.deps.clock.now(), origin: ctx.req.origin, inList: false }));
    },
  },
  {
    rule: 'voucher.list',
    handle(ctx) {
      const params = listParams(ctx);
      if (!params.ok) return failed(params);
      const store = ctx.deps.store;
      const now = ctx.deps.clock.now();
      const { rows, count } = store.promos.vouchersOf(params.valueId, params.page, params.pageSize);
      const results = rows.map((v) => voucherBody(store, v, now, ctx.req.origin));
      return jsonResponse(paginate(ctx, results, count, params.page, params.pageSize, 'pageSize'));
    },
  },
  {
    rule: 'voucher.get',
    handle(ctx) {
      const params = detailParams(ctx);
      if (!params.ok) return failed(params);
      const store = ctx.deps.store;
      const voucher = voucherOf(store.promos, params.id, params.valueId);
      if (!voucher) return errorResponse('ErrVoucherNotFound', `Voucher ${params.id} not found for ${params.valueId}`);
      return jsonResponse(voucherBody(store, voucher, ctx.deps.clock.now(), ctx.req.origin));
    },
  },
]);
