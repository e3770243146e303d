// Promo and voucher endpoints of the promo integration guide.
import { errorResponse, jsonResponse, type Failure } from '../http/errors';
import { paginate } from './paging';
import { defineRoutes, type RouteContext } from './route';
import { optionalInt, requireInt, requireString } from '../domain/validate';
import { buyPromo, listPromos, listVouchers, promoById, promoView, voucherOf, voucherView } from '../store/promos';
import { userByValueId } from '../store/users';
import type { FakeResponse } from '../http/types';

const failed = (f: Failure): FakeResponse => errorResponse(f.error, f.detail);

/** valueID of a known user, page and pageSize (defaults 1 and 8, as the guide says). */
function listParams(ctx: RouteContext) {
  const valueID = requireString(ctx.fields, 'valueID');
  if (!valueID.ok) return valueID;
  const page = optionalInt(ctx.fields, 'page', 1, 1, 1_000_000);
  if (!page.ok) return page;
  const pageSize = optionalInt(ctx.fields, 'pageSize', 8, 1, 100);
  if (!pageSize.ok) return pageSize;
  if (!userByValueId(ctx.deps.store.db, valueID.value)) return { ok: false as const, error: 'ErrMembershipNotFound' as const, detail: `User membership not found: ${valueID.value}` };
  return { ok: true as const, valueId: valueID.value, page: page.value, pageSize: pageSize.value };
}

/** The `:ID` of a detail route and the valueID of a known user. */
function detailParams(ctx: RouteContext) {
  const id = requireInt({ ID: ctx.params.ID }, 'ID', 1, 1e12, 'text');
  if (!id.ok) return id;
  const valueID = requireString(ctx.fields, 'valueID');
  if (!valueID.ok) return valueID;
  if (!userByValueId(ctx.deps.store.db, valueID.value)) return { ok: false as const, error: 'ErrMembershipNotFound' as const, detail: `User membership not found: ${valueID.value}` };
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
      const { rows, count } = listPromos(ctx.deps.store.db, now, categories.map(Number), params.page, params.pageSize);
      const results = rows.map((p) => promoView(ctx.deps.store.db, p, { valueId: params.valueId, now, origin: ctx.req.origin, inList: true }));
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
      const db = deps.store.db;
      return deps.store.tx(() => {
        const result = buyPromo(db, { promoId: id.value, valueId: valueID.value, clientId: client.clientId, now });
        return result.ok ? jsonResponse(voucherView(db, result.voucher, { now, origin: req.origin })) : failed(result);
      });
    },
  },
  {
    rule: 'promo.get',
    handle(ctx) {
      const params = detailParams(ctx);
      if (!params.ok) return failed(params);
      const db = ctx.deps.store.db;
      const promo = promoById(db, params.id);
      if (!promo) return errorResponse('ErrPromoNotFound', `Promo not found: ${params.id}`);
      return jsonResponse(promoView(db, promo, { valueId: params.valueId, now: ctx.deps.clock.now(), origin: ctx.req.origin, inList: false }));
    },
  },
  {
    rule: 'voucher.list',
    handle(ctx) {
      const params = listParams(ctx);
      if (!params.ok) return failed(params);
      const db = ctx.deps.store.db;
      const now = ctx.deps.clock.now();
      const { rows, count } = listVouchers(db, params.valueId, params.page, params.pageSize);
      const results = rows.map((v) => voucherView(db, v, { now, origin: ctx.req.origin }));
      return jsonResponse(paginate(ctx, results, count, params.page, params.pageSize, 'pageSize'));
    },
  },
  {
    rule: 'voucher.get',
    handle(ctx) {
      const params = detailParams(ctx);
      if (!params.ok) return failed(params);
      const db = ctx.deps.store.db;
      const voucher = voucherOf(db, params.id, params.valueId);
      if (!voucher) return errorResponse('ErrVoucherNotFound', `Voucher ${params.id} not found for ${params.valueId}`);
      return jsonResponse(voucherView(db, voucher, { now: ctx.deps.clock.now(), origin: ctx.req.origin }));
    },
  },
]);
