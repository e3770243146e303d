// External API: balance, earn, estimate, redeem, adjustment and history of points.
import { errorResponse, jsonResponse, type Failure } from '../http/errors';
import { paginate } from './paging';
import { defineRoutes, type Fields } from './route';
import { optionalDate, optionalInt, optionalString, requireInt, requireOneOf, requireString } from '../domain/validate';
import { adjust, earn, estimate, redeem } from '../domain/ledger';
import { MUTATION_TYPES, type AdjustmentType } from '../domain/records';
import type { FakeResponse } from '../http/types';
import { failureResponse } from '../views/failure-response';
import { historyView } from '../views/point-views';

const failed = (f: Failure): FakeResponse => errorResponse(f.error, f.detail);

/** The fields every ledger mutation shares, checked in one place. */
function mutationFields(body: Fields, withReference: boolean) {
  const amount = requireInt(body, 'amount', 1);
  if (!amount.ok) return amount;
  const outletID = requireString(body, 'outletID');
  if (!outletID.ok) return outletID;
  const valueID = requireString(body, 'valueID');
  if (!valueID.ok) return valueID;
  const referenceNo = withReference ? requireString(body, 'referenceNo', 100) : ({ ok: true, value: '' } as const);
  if (!referenceNo.ok) return referenceNo;
  return { ok: true as const, amount: amount.value, outletId: outletID.value, valueId: valueID.value, referenceNo: referenceNo.value };
}

export const pointRoutes = defineRoutes([
  {
    rule: 'point.get',
    handle({ fields, deps }) {
      const valueID = requireString(fields, 'valueID');
      if (!valueID.ok) return failed(valueID);
      const point = deps.store.users.balance(valueID.value);
      if (point === undefined) return errorResponse('ErrMembershipNotFound', `User membership not found: ${valueID.value}`);
      return jsonResponse({ point });
    },
  },
  {
    rule: 'point.earn',
    handle({ body, deps, client }) {
      const common = mutationFields(body, true);
      if (!common.ok) return failed(common);
      const exchangeRate = optionalInt(body, 'exchangeRate', 0, 0, 1e12, 'body');
      if (!exchangeRate.ok) return failed(exchangeRate);
      const result = deps.store.tx(() => earn(deps.store.ledger, { ...common, exchangeRate: exchangeRate.value, clientId: client.clientId, now: deps.clock.now(), onDuplicate: deps.settings.duplicateReference }));
      return result.ok ? jsonResponse({ Point: result.point }) : failureResponse(result);
    },
  },
  {
    rule: 'point.earn.estimate',
    handle({ body, deps }) {
      const common = mutationFields(body, false);
      if (!common.ok) return failed(common);
      const result = estimate(deps.store.ledger, common);
      return result.ok ? jsonResponse({ point: result.point, estimatePoint: result.estimatePoint }) : failureResponse(result);
    },
  },
  {
    rule: 'point.redeem',
    handle({ body, deps, client }) {
      const common = mutationFields(body, true);
      if (!common.ok) return failed(common);
      const result = deps.store.tx(() => redeem(deps.store.ledger, { ...common, clientId: client.clientId, now: deps.clock.now(), onDuplicate: deps.settings.duplicateReference }));
      return result.ok ? jsonResponse({ Point: result.point }) : failureResponse(result);
    },
  },
  {
    rule: 'point.adjustment',
    handle({ body, deps, client }) {
      const common = mutationFields(body, true);
      if (!common.ok) return failed(common);
      const exchangeRate = optionalInt(body, 'exchangeRate', 0, 0, 1e12, 'body');
      if (!exchangeRate.ok) return failed(exchangeRate);
      const adjustedReferenceNo = requireString(body, 'adjustedReferenceNo', 100);
      if (!adjustedReferenceNo.ok) return failed(adjustedReferenceNo);
      const adjustmentType = requireOneOf<AdjustmentType>(body, 'adjustmentType', ['CANCEL_REDEEM', 'RETURN_EARN']);
      if (!adjustmentType.ok) return failed(adjustmentType);
      const result = deps.store.tx(() =>
        adjust(deps.store.ledger, { ...common, adjustedReferenceNo: adjustedReferenceNo.value, adjustmentType: adjustmentType.value, clientId: client.clientId, now: deps.clock.now(), onDuplicate: deps.settings.duplicateReference }),
      );
      return result.ok ? jsonResponse({ Point: result.point }) : failureResponse(result);
    },
  },
  {
    rule: 'point.history',
    handle(ctx) {
      const { fields, deps } = ctx;
      const valueID = requireString(fields, 'valueID');
      if (!valueID.ok) return failed(valueID);
      const from = optionalDate(fields, 'from');
      if (!from.ok) return failed(from);
      const to = optionalDate(fields, 'to');
      if (!to.ok) return failed(to);
      if (from.value && to.value && from.value > to.value) return errorResponse('ErrValidation', `from (${from.value}) is after to (${to.value})`);
      const mutation = fields.mutation === undefined || fields.mutation === '' ? undefined : requireOneOf(fields, 'mutation', MUTATION_TYPES);
      if (mutation && !mutation.ok) return failed(mutation);
      const brandID = optionalString(fields, 'brandID');
      if (!brandID.ok) return failed(brandID);
      const businessUnit = optionalString(fields, 'businessUnit');
      if (!businessUnit.ok) return failed(businessUnit);
      const limit = optionalInt(fields, 'limit', 10, 1, 100);
      if (!limit.ok) return failed(limit);
      const page = optionalInt(fields, 'page', 1, 1, 1_000_000);
      if (!page.ok) return failed(page);
      if (!deps.store.users.byValueId(valueID.value)) return errorResponse('ErrMembershipNotFound', `User membership not found: ${valueID.value}`);
      const { rows, count } = deps.store.ledger.history({
        valueId: valueID.value, from: from.value, to: to.value, mutation: mutation?.value,
        brandId: brandID.value, businessUnit: businessUnit.value, limit: limit.value, page: page.value,
      });
      const now = deps.clock.now();
      return jsonResponse(paginate(ctx, rows.map((row) => historyView(row, now)), count, page.value, limit.value, 'limit'));
    },
  },
]);
