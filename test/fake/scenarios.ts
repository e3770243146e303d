// One scenario table for the fake: every endpoint's success path and documented errors.
// adapters.test.ts runs each scenario against Express and MSW, each with a fresh fake.
import { expect } from 'vitest';
import { SIGN_EXPLAIN_HEADER } from '../../mocks/core/admission';
import { Api, DEMO, ref } from '../helpers/api';

export interface Scenario {
  name: string;
  run(api: Api): Promise<void>;
}

const MV = 'MVAPP00001';
const earnBody = (valueID: string, amount: number, referenceNo = ref('EARN'), exchangeRate = 0) => ({ amount, referenceNo, exchangeRate, outletID: MV, valueID });

async function newUser(api: Api, email = `${ref('u').toLowerCase()}@contoh.co.id`): Promise<string> {
  const reply = await api.call('user.create', { email, fullName: 'Pengguna Uji', passwordLess: true });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.valueID as string;
}

async function userWith(api: Api, points: number): Promise<string> {
  const valueID = await newUser(api);
  if (points > 0) {
    const reply = await api.call('point.earn', { amount: points, referenceNo: ref('SEED'), exchangeRate: 1, outletID: MV, valueID });
    expect(reply.body).toEqual({ Point: points });
  }
  return valueID;
}

function expectError(reply: { status: number; body: any }, status: number, id: string, detail?: RegExp): void {
  expect(reply.status).toBe(status);
  expect(Object.keys(reply.body).sort()).toEqual(['detail', 'errorCode', 'id']);
  expect(reply.body.id).toBe(id);
  expect(reply.body.errorCode).toBe(status);
  if (detail) expect(reply.body.detail).toMatch(detail);
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'user.get finds a user by valueid, email, phone and membership number',
    async run(api) {
      for (const [by, value] of [['valueid', 'VR8EPN'], ['email', 'ALBERT@citis.co.id'], ['phone', '081281837128'], ['phone', '+62 812-8183-7128'], ['membership_number', 'C-000101183']]) {
        const reply = await api.call('user.get', { by, value });
        expect(reply.status, `${by}=${value}`).toBe(200);
        expect(reply.body).toMatchObject({ kgValueID: 'VR8EPN', email: 'albert@citis.co.id', point: 36578968, firstName: 'o l o l o l o l' });
      }
    },
  },
  {
    name: 'user.get: unknown user is 404 MUD001, a bad `by` is 400',
    async run(api) {
      expectError(await api.call('user.get', { by: 'email', value: 'nobody@contoh.co.id' }), 404, 'MUD001', /^User not found$/);
      expectError(await api.call('user.get', { by: 'nik', value: '1' }), 400, 'ErrValidation', /by must be one of valueid, membership_number, email, phone/);
    },
  },
  {
    name: 'user.create makes a user with a fresh value ID and a MyValue membership',
    async run(api) {
      const reply = await api.call('user.create', { email: 'baru@contoh.co.id', mobilePhoneNumber: '0813-1111-2222', fullName: 'Pengguna Baru', passwordLess: true, referencedBy: 'suboutlet', referencedCode: '10100' });
      expect(reply.status).toBe(200);
      expect(reply.body.valueID).toMatch(/^[A-Z0-9]{6}$/);
      expect(reply.body).toMatchObject({ email: 'baru@contoh.co.id', mobilePhone: '6281311112222', firstName: 'Pengguna Baru', clientID: DEMO.clientId, registerProvider: 'backend_service', setPassword: false });
      expect(reply.body.userMembership).toEqual([expect.objectContaining({ membershipName: 'MyValue', memberNo: reply.body.valueID, outletCode: '10100', membershipID: 3 })]);
      const found = await api.call('user.get', { by: 'phone', value: '6281311112222' });
      expect(found.body.kgValueID).toBe(reply.body.valueID);
      expect(found.body.point).toBe(0);
    },
  },
  {
    name: 'user.create refuses duplicates, missing fields and unknown referrals, creating nothing',
    async run(api) {
      expectError(await api.call('user.create', { email: 'Albert@Citis.co.id', fullName: 'X', passwordLess: true }), 400, 'ErrUserAlreadyRegistered', /email/);
      expectError(await api.call('user.create', { mobilePhoneNumber: '+6281281837128', fullName: 'X', passwordLess: true }), 400, 'ErrUserAlreadyRegistered', /phone/);
      expectError(await api.call('user.create', { email: 'x@contoh.co.id', passwordLess: true }), 400, 'ErrValidation', /fullName is required/);
      expectError(await api.call('user.create', { fullName: 'X', passwordLess: true }), 400, 'ErrValidation', /email or mobilePhoneNumber is required/);
      expectError(await api.call('user.create', { email: 'x@contoh.co.id', fullName: 'X', passwordLess: true, referencedBy: 'suboutlet', referencedCode: '99999' }), 400, 'ErrInvalidReferral', /99999/);
      expectError(await api.call('user.create', { email: 'not-an-email', fullName: 'X', passwordLess: true }), 400, 'ErrValidation', /email/);
      expectError(await api.call('user.get', { by: 'email', value: 'x@contoh.co.id' }), 404, 'MUD001');
    },
  },
  {
    name: 'point.get gives the balance; an unknown value ID is 404 ErrMembershipNotFound',
    async run(api) {
      expect((await api.call('point.get', { valueID: 'VB60VS' })).body).toEqual({ point: 10640 });
      expectError(await api.call('point.get', { valueID: 'VNOONE' }), 404, 'ErrMembershipNotFound');
    },
  },
  {
    name: 'earn: the documented example earns 160; a non-zero exchangeRate is rupiah per point',
    async run(api) {
      const before = await api.balance('VB60VS');
      expect((await api.call('point.earn', earnBody('VB60VS', 10000))).body).toEqual({ Point: 160 });
      expect((await api.call('point.earn', earnBody('VB60VS', 10000, ref(), 250))).body).toEqual({ Point: 40 });
      expect((await api.call('point.earn', earnBody('VB60VS', 99, ref(), 0))).body).toEqual({ Point: 1 });
      expect(await api.balance('VB60VS')).toBe(before + 201);
    },
  },
  {
    name: 'earn: unknown outlet, unknown value ID, bad amounts are refused and change nothing',
    async run(api) {
      const before = await api.balance('VB60VS');
      const count = await api.historyCount('VB60VS');
      expectError(await api.call('point.earn', { ...earnBody('VB60VS', 10000), outletID: 'NOPE' }), 404, 'ErrSuboutletNotfound');
      expectError(await api.call('point.earn', earnBody('VNOONE', 10000)), 404, 'ErrMembershipNotFound');
      expectError(await api.call('point.earn', earnBody('VB60VS', 0)), 400, 'ErrValidation', /amount must be greater than 0/);
      expectError(await api.call('point.earn', earnBody('VB60VS', -5)), 400, 'ErrValidation', /amount/);
      expectError(await api.call('point.earn', { ...earnBody('VB60VS', 1), amount: '10000' }), 400, 'ErrValidation', /amount must be a whole number/);
      expectError(await api.call('point.earn', { ...earnBody('VB60VS', 1), amount: 10.5 }), 400, 'ErrValidation', /amount must be a whole number/);
      expectError(await api.call('point.earn', { ...earnBody('VB60VS', 10), referenceNo: undefined }), 400, 'ErrValidation', /referenceNo is required/);
      expectError(await api.call('point.earn', { ...earnBody('VB60VS', 10), exchangeRate: -1 }), 400, 'ErrValidation', /exchangeRate/);
      expect(await api.balance('VB60VS')).toBe(before);
      expect(await api.historyCount('VB60VS')).toBe(count);
    },
  },
  {
    name: 'a referenceNo is applied once per client; another client may use it',
    async run(api) {
      const body = earnBody('VB60VS', 10000);
      const before = await api.balance('VB60VS');
      expect((await api.call('point.earn', body)).status).toBe(200);
      expectError(await api.call('point.earn', body), 400, 'ErrDuplicateReferenceNo', new RegExp(`${body.referenceNo}.*nothing was changed`));
      expectError(await api.call('point.redeem', { amount: 1, referenceNo: body.referenceNo, outletID: MV, valueID: 'VB60VS' }), 400, 'ErrDuplicateReferenceNo');
      expect(await api.balance('VB60VS')).toBe(before + 160);
      const kompas = await api.call('point.earn', body, { clientId: 'KompasCom', clientSecret: 'demo-secret-kompas-com' });
      expect(kompas.body).toEqual({ Point: 160 });
    },
  },
  {
    name: 'estimate tells the points and the total without changing anything',
    async run(api) {
      const count = await api.historyCount('VB60VS');
      const reply = await api.call('point.earn.estimate', { amount: 10000, outletID: MV, valueID: 'VB60VS' });
      expect(reply.body).toEqual({ point: 10640 + 160, estimatePoint: 160 });
      expect(await api.balance('VB60VS')).toBe(10640);
      expect(await api.historyCount('VB60VS')).toBe(count);
      expectError(await api.call('point.earn.estimate', { amount: 10000, outletID: 'NOPE', valueID: 'VB60VS' }), 404, 'ErrSuboutletNotfound');
    },
  },
  {
    name: 'redeem takes points and answers {Point: -amount}; more than the balance is refused',
    async run(api) {
      const valueID = await userWith(api, 100);
      expect((await api.call('point.redeem', { amount: 30, referenceNo: ref('R'), outletID: MV, valueID })).body).toEqual({ Point: -30 });
      expectError(await api.call('point.redeem', { amount: 71, referenceNo: ref('R'), outletID: MV, valueID }), 400, 'ErrInsufficientPoint', /balance 70/);
      expect(await api.balance(valueID)).toBe(70);
      expect((await api.call('point.redeem', { amount: 70, referenceNo: ref('R'), outletID: MV, valueID })).body).toEqual({ Point: -70 });
      expect(await api.balance(valueID)).toBe(0);
      expectError(await api.call('point.redeem', { amount: 1, referenceNo: ref('R'), outletID: 'NOPE', valueID }), 404, 'ErrSuboutletNotfound');
    },
  },
  {
    name: 'CANCEL_REDEEM gives back a redeem, in parts, never more than it took',
    async run(api) {
      const valueID = await userWith(api, 500);
      const redeemRef = ref('R');
      await api.call('point.redeem', { amount: 300, referenceNo: redeemRef, outletID: MV, valueID });
      const adj = (amount: number) => api.call('point.adjustment', { amount, referenceNo: ref('ADJ'), exchangeRate: 0, outletID: MV, valueID, adjustedReferenceNo: redeemRef, adjustmentType: 'CANCEL_REDEEM' });
      expect((await adj(100)).body).toEqual({ Point: 100 });
      expectError(await adj(201), 400, 'ErrAdjustmentExceedsOriginal', /200 points left/);
      expect((await adj(200)).body).toEqual({ Point: 200 });
      expect(await api.balance(valueID)).toBe(500);
      expectError(await adj(1), 400, 'ErrAdjustmentExceedsOriginal');
    },
  },
  {
    name: 'RETURN_EARN takes back an earn in proportion, in full at most',
    async run(api) {
      const valueID = await userWith(api, 0);
      const earnRef = ref('E');
      expect((await api.call('point.earn', earnBody(valueID, 10000, earnRef))).body).toEqual({ Point: 160 });
      const ret = (amount: number) => api.call('point.adjustment', { amount, referenceNo: ref('RET'), exchangeRate: 0, outletID: MV, valueID, adjustedReferenceNo: earnRef, adjustmentType: 'RETURN_EARN' });
      expect((await ret(2500)).body).toEqual({ Point: -40 });
      expectError(await ret(7501), 400, 'ErrAdjustmentExceedsOriginal', /7500 left to return/);
      expect((await ret(7500)).body).toEqual({ Point: -120 });
      expect(await api.balance(valueID)).toBe(0);
    },
  },
  {
    name: 'adjustment: unknown or mismatched adjustedReferenceNo is 400 ErrInvalidAdjustedRefCode',
    async run(api) {
      const valueID = await userWith(api, 100);
      const earnRef = ref('E');
      await api.call('point.earn', earnBody(valueID, 10000, earnRef));
      const base = { amount: 10, exchangeRate: 0, outletID: MV, valueID };
      expectError(await api.call('point.adjustment', { ...base, referenceNo: ref(), adjustedReferenceNo: 'NEVER-USED', adjustmentType: 'CANCEL_REDEEM' }), 400, 'ErrInvalidAdjustedRefCode');
      expectError(await api.call('point.adjustment', { ...base, referenceNo: ref(), adjustedReferenceNo: earnRef, adjustmentType: 'CANCEL_REDEEM' }), 400, 'ErrInvalidAdjustedRefCode', /is a EARNING/);
      expectError(await api.call('point.adjustment', { ...base, valueID: 'VB60VS', referenceNo: ref(), adjustedReferenceNo: earnRef, adjustmentType: 'RETURN_EARN' }), 400, 'ErrInvalidAdjustedRefCode', /another value ID/);
      expectError(await api.call('point.adjustment', { ...base, referenceNo: ref(), adjustedReferenceNo: earnRef, adjustmentType: 'REFUND' }), 400, 'ErrValidation', /adjustmentType must be one of CANCEL_REDEEM, RETURN_EARN/);
      expect(await api.balance(valueID)).toBe(260);
    },
  },
  {
    name: 'history: newest first, documented fields, filters, and signed next/previous links',
    async run(api) {
      const first = await api.call('point.history', { valueID: 'VB60VS', limit: '4' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ count: 11, perPage: 4, previous: null });
      expect(first.body.results[0]).toEqual({
        pointMutationSNO: expect.any(Number), createdDate: '2022-12-06T03:20:50Z', expiredDate: '2024-12-31T17:00:00Z', outletName: 'MyValue Apps',
        subOutletName: 'MyValue Apps', mutationTypeName: 'EARNING', referenceNo: 'MVAPP-TEST-0809189999', point: 160, memberNo: 'VB60VS',
        memberName: '', valueID: 'VB60VS', status: null, isExpired: true,
      });
      expect(first.body.next).toMatch(/\/service\/point\/history\/\?clientID=GramediaPOS&limit=4&page=2&sign=[0-9a-f]{64}&valueID=VB60VS$/);
      const url = new URL(first.body.next);
      const second = await api.raw('GET', `${url.pathname}${url.search}`);
      expect(second.status).toBe(200);
      expect(second.body.results.map((r: any) => r.referenceNo)).toEqual(['INV-20210422-VOUCHER-9820', 'INV-20210422-VOUCHER-9819', 'INV-20210422-VOUCHER-9817', 'INV-20210422-VOUCHER-9816']);
      expect(second.body.previous).toMatch(/page=1/);
      const third = await api.raw('GET', new URL(second.body.next).pathname + new URL(second.body.next).search);
      expect(third.body.results).toHaveLength(3);
      expect(third.body.next).toBeNull();
      const earnings = await api.call('point.history', { valueID: 'VB60VS', mutation: 'EARNING', from: '2022-10-04', to: '2022-10-26' });
      expect(earnings.body.results.map((r: any) => r.referenceNo)).toEqual(['MVAPP-TEST-121212121', 'MVAPP-TEST-080989991', 'MVAPP-TEST-080989999']);
      expect((await api.call('point.history', { valueID: 'VB60VS', brandID: '2' })).body.count).toBe(0);
      expect((await api.call('point.history', { valueID: 'VB60VS', businessUnit: '1' })).body.count).toBe(11);
      expectError(await api.call('point.history', { valueID: 'VB60VS', from: '2022-13-01' }), 400, 'ErrValidation', /from must be a date YYYY-MM-DD/);
      expectError(await api.call('point.history', { valueID: 'VB60VS', mutation: 'GIFT' }), 400, 'ErrValidation', /mutation must be one of/);
      expectError(await api.call('point.history', { valueID: 'VNOONE' }), 404, 'ErrMembershipNotFound');
    },
  },
  {
    name: 'history shows a new earn, redeem and cancel at the top',
    async run(api) {
      const valueID = await userWith(api, 0);
      const e = ref('E');
      const r = ref('R');
      const c = ref('C');
      await api.call('point.earn', earnBody(valueID, 10000, e));
      await api.call('point.redeem', { amount: 60, referenceNo: r, outletID: MV, valueID });
      await api.call('point.adjustment', { amount: 60, referenceNo: c, exchangeRate: 0, outletID: MV, valueID, adjustedReferenceNo: r, adjustmentType: 'CANCEL_REDEEM' });
      const history = await api.call('point.history', { valueID });
      expect(history.body.results.map((x: any) => [x.referenceNo, x.mutationTypeName, x.point])).toEqual([[c, 'CANCEL_REDEEM', 60], [r, 'REDEEM', -60], [e, 'EARNING', 160]]);
      expect(history.body.results[2].expiredDate).toMatch(/^\d{4}-\d{2}-\d{2}T17:00:00Z$/);
    },
  },
  {
    name: 'promos: list with defaults 1 and 8, category filter, detail, 404 for an unknown promo',
    async run(api) {
      const list = await api.call('promo.list', { valueID: 'VR8EPN' });
      expect(list.body).toMatchObject({ count: 4, perPage: 8, next: null, previous: null });
      expect(list.body.results.map((p: any) => p.id)).toEqual([13063, 13064, 13065, 13067]);
      expect(list.body.results[0]).toMatchObject({ title: 'Vocer Buku', tnc: '', howToUse: '', price: 0, isExpired: false, isAlreadyPurchased: false, categoryIds: ['2'] });
      const filtered = await api.call('promo.list', { valueID: 'VR8EPN' }, { extraQuery: [['category', '2'], ['category', '5035']] });
      expect(filtered.body.results.map((p: any) => p.id)).toEqual([13063, 13064]);
      const paged = await api.call('promo.list', { valueID: 'VR8EPN', page: '1', pageSize: '3' });
      expect(paged.body.results).toHaveLength(3);
      const next = new URL(paged.body.next);
      expect((await api.raw('GET', next.pathname + next.search)).body.results.map((p: any) => p.id)).toEqual([13067]);
      const detail = await api.call('promo.get', { ID: 13063, valueID: 'VR8EPN' });
      expect(detail.body).toMatchObject({ id: 13063, title: 'Vocer Buku', tnc: '<p>snk</p>', howToUse: '<p>cara pakai</p>', merchant: { id: 6, name: 'Gramedia' } });
      expect((await api.call('promo.get', { ID: 13066, valueID: 'VR8EPN' })).body.isExpired).toBe(true);
      expectError(await api.call('promo.get', { ID: 99999, valueID: 'VR8EPN' }), 404, 'ErrPromoNotFound');
      expectError(await api.call('promo.list', { valueID: 'VNOONE' }), 404, 'ErrMembershipNotFound');
    },
  },
  {
    name: 'buying a promo costs its price, issues a voucher and marks it purchased',
    async run(api) {
      const valueID = await userWith(api, 1200);
      const bought = await api.call('promo.buy', { id: 13064, valueID });
      expect(bought.status).toBe(200);
      expect(bought.body).toMatchObject({ code: expect.stringMatching(/^MV[A-Z0-9]{10}$/), pointUsed: 500, used: false, isCanRedeem: true, promo: { id: 13064, isAlreadyPurchased: true } });
      expect(await api.balance(valueID)).toBe(700);
      const history = await api.call('point.history', { valueID, limit: '1' });
      expect(history.body.results[0]).toMatchObject({ mutationTypeName: 'REDEEM', point: -500, referenceNo: `VOUCHER-${bought.body.code}` });
      const vouchers = await api.call('voucher.list', { valueID });
      expect(vouchers.body).toMatchObject({ count: 1, perPage: 8 });
      expect(vouchers.body.results[0]).toMatchObject({ id: bought.body.id, code: bought.body.code });
      expect((await api.call('voucher.get', { ID: bought.body.id, valueID })).body.code).toBe(bought.body.code);
      expect((await api.call('promo.get', { ID: 13064, valueID })).body.isAlreadyPurchased).toBe(true);
      expect((await api.call('promo.get', { ID: 13064, valueID: 'VR8EPN' })).body.isAlreadyPurchased).toBe(false);
    },
  },
  {
    name: 'buying is refused for too few points, an expired promo, no quota, or the per-user limit',
    async run(api) {
      const poor = await userWith(api, 499);
      expectError(await api.call('promo.buy', { id: 13064, valueID: poor }), 400, 'ErrInsufficientPoint', /balance 499, price 500/);
      expect(await api.balance(poor)).toBe(499);
      expectError(await api.call('promo.buy', { id: 13066, valueID: 'VR8EPN' }), 400, 'ErrPromoExpired', /expired/);
      expect((await api.call('promo.buy', { id: 13065, valueID: 'VR8EPN' })).status).toBe(200);
      expectError(await api.call('promo.buy', { id: 13065, valueID: 'VB60VS' }), 400, 'ErrPromoQuotaExhausted');
      expect((await api.call('promo.get', { ID: 13065, valueID: 'VB60VS' })).body.isQuotaAvailable).toBe(false);
      expect((await api.call('promo.buy', { id: 13067, valueID: 'VR8EPN' })).status).toBe(200);
      expectError(await api.call('promo.buy', { id: 13067, valueID: 'VR8EPN' }), 400, 'ErrPromoPurchaseLimit');
      expectError(await api.call('promo.buy', { id: 424242, valueID: 'VR8EPN' }), 404, 'ErrPromoNotFound');
      expectError(await api.call('promo.buy', { id: 'x', valueID: 'VR8EPN' }), 400, 'ErrValidation', /id must be a whole number/);
    },
  },
  {
    name: "another user's voucher is not found",
    async run(api) {
      const bought = await api.call('promo.buy', { id: 13063, valueID: 'VR8EPN' });
      expect(bought.status).toBe(200);
      expectError(await api.call('voucher.get', { ID: bought.body.id, valueID: 'VB60VS' }), 404, 'ErrVoucherNotFound');
      expect((await api.call('voucher.list', { valueID: 'VB60VS' })).body.count).toBe(0);
    },
  },
  {
    name: 'unknown clientID is 400 InvalidClient; a missing or wrong sign is 401 with the reason in a header',
    async run(api) {
      expectError(await api.call('point.get', { valueID: 'VR8EPN' }, { clientId: 'NoSuchClient' }), 400, 'InvalidClient', /^Client id or client secret is invalid$/);
      const missing = await api.call('point.get', { valueID: 'VR8EPN' }, { sign: null });
      expect(missing.status).toBe(401);
      expect(missing.body).toEqual({ id: 'ErrAuthorizationInvalidSign', detail: 'Invalid Sign Parameter', errorCode: 401 });
      const wrong = await api.call('point.earn', earnBody('VB60VS', 10000), { clientSecret: 'not-the-secret' });
      expect(wrong.body).toEqual({ id: 'ErrAuthorizationInvalidSign', detail: 'Invalid Sign Parameter', errorCode: 401 });
      const explain = JSON.parse(wrong.headers.get(SIGN_EXPLAIN_HEADER) ?? '{}');
      expect(explain.rule).toBe('point.earn');
      expect(explain.maskedString).toMatch(/^GramediaPOS<clientSecret>10000/);
      expect(explain.unsigned).toEqual(['valueID']);
      expect(wrong.headers.get(SIGN_EXPLAIN_HEADER)).not.toContain(DEMO.clientSecret);
      expect(await api.balance('VB60VS')).toBe(10640);
    },
  },
  {
    name: 'bad input gets MyValue error bodies and changes nothing',
    async run(api) {
      expectError(await api.raw('POST', '/service/point/earn/', '{"amount": 10,'), 400, 'ErrMalformedJSON', /not valid JSON/);
      expectError(await api.raw('POST', '/service/point/earn/', '[1,2]'), 400, 'ErrMalformedJSON', /must be a JSON object, got an array/);
      expectError(await api.raw('POST', '/service/point/earn/', JSON.stringify({ pad: 'x'.repeat(200_000) })), 413, 'ErrPayloadTooLarge');
      expectError(await api.raw('GET', '/service/nothing/here'), 404, 'ErrRouteNotFound', /GET \/service\/nothing\/here/);
      const wrongMethod = await api.raw('DELETE', '/service/point/earn/');
      expectError(wrongMethod, 405, 'ErrMethodNotAllowed', /use POST/);
      expect(wrongMethod.headers.get('allow')).toBe('POST');
      expect(await api.balance('VB60VS')).toBe(10640);
    },
  },
  {
    name: 'POST /__admin/reset restores the seed',
    async run(api) {
      await api.call('point.earn', earnBody('VB60VS', 10000));
      await api.call('user.create', { email: 'reset@contoh.co.id', fullName: 'R', passwordLess: true });
      expect(await api.balance('VB60VS')).toBe(10800);
      expect((await api.raw('POST', '/__admin/reset')).body).toEqual({ reset: true });
      expect(await api.balance('VB60VS')).toBe(10640);
      expectError(await api.call('user.get', { by: 'email', value: 'reset@contoh.co.id' }), 404, 'MUD001');
    },
  },
  {
    name: 'GET and HEAD /__admin/health answer 200 (readiness probes such as wait-on send HEAD)',
    async run(api) {
      const get = await api.raw('GET', '/__admin/health');
      expect([get.status, get.body]).toEqual([200, { ok: true }]);
      const head = await api.raw('HEAD', '/__admin/health');
      expect([head.status, head.text]).toEqual([200, '']);
      const post = await api.raw('POST', '/__admin/health', '{}');
      expectError(post, 405, 'ErrMethodNotAllowed');
      expect(post.headers.get('allow')).toBe('GET, HEAD');
    },
  },
];
