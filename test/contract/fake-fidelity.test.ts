// Fidelity of the fake: every External API and Auth API endpoint, through its success and error
// paths, answers as the contract says. Each group runs on its own fresh fake.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import type { FakeRequest, FakeResponse } from '../../mocks/http/types';
import { observeContract, sharedContract } from '../helpers/contract-observer';
import { get, json, ORIGIN, signed, TEST_CLIENT } from './fake-requests';

const NOW = new Date('2025-01-10T03:00:00Z');
const BAD_SIGN = '0'.repeat(64);
const STRANGER = { clientId: 'NoSuchClient', clientSecret: 'whatever' };

type Got = ReadonlyMap<string, FakeResponse>;

interface Step {
  label: string;
  req: FakeRequest | ((got: Got) => FakeRequest);
  status: number;
  /** Error id expected in the body, when the status is an error. */
  id?: string;
  /** Content type expected, when not JSON. */
  html?: boolean;
}

interface Group {
  name: string;
  /** Operations ('METHOD /template') whose documented statuses (but the any-route 405/413) this group must all reach. */
  owns: string[];
  steps: Step[];
}

const body = (got: Got, label: string): Record<string, unknown> => {
  const response = got.get(label);
  if (!response) throw new Error(`step ${label} has not run`);
  return response.body as Record<string, unknown>;
};

const mapping = {
  user_id: 'bu-contract-1',
  client_id: TEST_CLIENT.clientId,
  app_name: 'Contract POS',
  full_name: 'Ani Contract',
  redirect_uri: TEST_CLIENT.redirectUris[0],
  fallback_uri: 'http://127.0.0.1:5999/home',
  email: 'ani.contract@example.com',
};

const token = (fields: Record<string, unknown>): FakeRequest => json('POST', '/auth/token/', { client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.clientSecret, ...fields });

const GROUPS: Group[] = [
  {
    name: 'user.get',
    owns: ['GET /v2/service/user/'],
    steps: [
      { label: 'by valueid', req: signed('user.get', { by: 'valueid', value: 'VR8EPN' }), status: 200 },
      { label: 'by email', req: signed('user.get', { by: 'email', value: 'albert@citis.co.id' }), status: 200 },
      { label: 'by membership number', req: signed('user.get', { by: 'membership_number', value: 'C-000101183' }), status: 200 },
      { label: 'user with little profile', req: signed('user.get', { by: 'valueid', value: 'VS4NTK' }), status: 200 },
      { label: 'unknown user', req: signed('user.get', { by: 'valueid', value: 'VNOPE1' }), status: 404, id: 'MUD001' },
      { label: 'unknown lookup kind', req: signed('user.get', { by: 'nickname', value: 'x' }), status: 400, id: 'ErrValidation' },
      { label: 'unknown client', req: signed('user.get', { by: 'valueid', value: 'VR8EPN' }, STRANGER), status: 400, id: 'InvalidClient' },
      { label: 'wrong sign', req: signed('user.get', { by: 'valueid', value: 'VR8EPN' }, { sign: BAD_SIGN }), status: 401, id: 'ErrAuthorizationInvalidSign' },
    ],
  },
  {
    name: 'user.create',
    owns: ['POST /service/user/'],
    steps: [
      { label: 'email, password-less', req: signed('user.create', { email: 'new.one@example.com', fullName: 'New One', passwordLess: true }), status: 200 },
      { label: 'phone only, with password', req: signed('user.create', { mobilePhoneNumber: '081300001111', fullName: 'Phone Only', password: 'a-long-password' }), status: 200 },
      {
        label: 'membership and referral',
        req: signed('user.create', { email: 'member@example.com', fullName: 'Member', passwordLess: true, membershipName: 'Kompas', membershipNumber: 'KMP-1', referencedBy: 'suboutlet', referencedCode: '10100' }),
        status: 200,
      },
      { label: 'already registered', req: signed('user.create', { email: 'new.one@example.com', fullName: 'Again', passwordLess: true }), status: 400, id: 'ErrUserAlreadyRegistered' },
      { label: 'unknown referral', req: signed('user.create', { email: 'ref@example.com', fullName: 'Ref', passwordLess: true, referencedBy: 'suboutlet', referencedCode: '99999' }), status: 400, id: 'ErrInvalidReferral' },
      { label: 'no fullName', req: signed('user.create', { email: 'nameless@example.com', passwordLess: true }), status: 400, id: 'ErrValidation' },
      { label: 'malformed JSON', req: json('POST', '/service/user/', '{"email":'), status: 400, id: 'ErrMalformedJSON' },
      { label: 'wrong sign', req: signed('user.create', { email: 'x@example.com', fullName: 'X', passwordLess: true }, { sign: BAD_SIGN }), status: 401, id: 'ErrAuthorizationInvalidSign' },
    ],
  },
  {
    name: 'point.get',
    owns: ['GET /service/point/'],
    steps: [
      { label: 'balance', req: signed('point.get', { valueID: 'VR8EPN' }), status: 200 },
      { label: 'unknown value ID', req: signed('point.get', { valueID: 'VNOPE1' }), status: 404, id: 'ErrMembershipNotFound' },
      { label: 'no value ID', req: signed('point.get', {}), status: 400, id: 'ErrValidation' },
      { label: 'unknown client', req: signed('point.get', { valueID: 'VR8EPN' }, STRANGER), status: 400, id: 'InvalidClient' },
      { label: 'wrong sign', req: signed('point.get', { valueID: 'VR8EPN' }, { sign: BAD_SIGN }), status: 401, id: 'ErrAuthorizationInvalidSign' },
    ],
  },
  {
    name: 'point.earn and point.earn.estimate',
    owns: ['POST /service/point/earn/', 'POST /service/point/earn/estimate'],
    steps: [
      { label: 'earn', req: signed('point.earn', { amount: 10000, referenceNo: 'CT-E1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' }), status: 200 },
      { label: 'earn, own exchange rate', req: signed('point.earn', { amount: 10000, referenceNo: 'CT-E2', exchangeRate: 100, outletID: '10000', valueID: 'VB60VS' }), status: 200 },
      { label: 'duplicate referenceNo', req: signed('point.earn', { amount: 10000, referenceNo: 'CT-E1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' }), status: 400, id: 'ErrDuplicateReferenceNo' },
      { label: 'unknown outlet', req: signed('point.earn', { amount: 10000, referenceNo: 'CT-E3', exchangeRate: 0, outletID: 'NOPE', valueID: 'VB60VS' }), status: 404, id: 'ErrSuboutletNotfound' },
      { label: 'unknown value ID', req: signed('point.earn', { amount: 10000, referenceNo: 'CT-E4', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VNOPE1' }), status: 404, id: 'ErrMembershipNotFound' },
      { label: 'amount 0', req: signed('point.earn', { amount: 0, referenceNo: 'CT-E5', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' }), status: 400, id: 'ErrValidation' },
      { label: 'earn, unknown client', req: signed('point.earn', { amount: 1, referenceNo: 'CT-E6', outletID: 'MVAPP00001', valueID: 'VB60VS' }, STRANGER), status: 400, id: 'InvalidClient' },
      { label: 'earn, wrong sign', req: signed('point.earn', { amount: 1, referenceNo: 'CT-E7', outletID: 'MVAPP00001', valueID: 'VB60VS' }, { sign: BAD_SIGN }), status: 401, id: 'ErrAuthorizationInvalidSign' },
      { label: 'estimate', req: signed('point.earn.estimate', { amount: 25000, outletID: 'MVAPP00001', valueID: 'VR8EPN' }), status: 200 },
      { label: 'estimate, unknown outlet', req: signed('point.earn.estimate', { amount: 25000, outletID: 'NOPE', valueID: 'VR8EPN' }), status: 404, id: 'ErrSuboutletNotfound' },
      { label: 'estimate, unknown value ID', req: signed('point.earn.estimate', { amount: 25000, outletID: 'MVAPP00001', valueID: 'VNOPE1' }), status: 404, id: 'ErrMembershipNotFound' },
      { label: 'estimate, amount text', req: signed('point.earn.estimate', { amount: 'ten', outletID: 'MVAPP00001', valueID: 'VR8EPN' }), status: 400, id: 'ErrValidation' },
      { label: 'estimate, malformed JSON', req: json('POST', '/service/point/earn/estimate', '[1,2]'), status: 400, id: 'ErrMalformedJSON' },
      { label: 'estimate, wrong sign', req: signed('point.earn.estimate', { amount: 1, outletID: 'MVAPP00001', valueID: 'VR8EPN' }, { sign: BAD_SIGN }), status: 401, id: 'ErrAuthorizationInvalidSign' },
    ],
  },
  {
    name: 'point.redeem and point.adjustment',
    owns: ['POST /service/point/redeem/', 'POST /service/point/adjustment/'],
    steps: [
      { label: 'redeem', req: signed('point.redeem', { amount: 100, referenceNo: 'CT-R1', outletID: 'MVAPP00001', valueID: 'VS4NTK' }), status: 200 },
      { label: 'redeem, not enough points', req: signed('point.redeem', { amount: 5000, referenceNo: 'CT-R2', outletID: 'MVAPP00001', valueID: 'VS4NTK' }), status: 400, id: 'ErrInsufficientPoint' },
      { label: 'redeem, unknown outlet', req: signed('point.redeem', { amount: 1, referenceNo: 'CT-R3', outletID: 'NOPE', valueID: 'VS4NTK' }), status: 404, id: 'ErrSuboutletNotfound' },
      { label: 'redeem, wrong sign', req: signed('point.redeem', { amount: 1, referenceNo: 'CT-R4', outletID: 'MVAPP00001', valueID: 'VS4NTK' }, { sign: BAD_SIGN }), status: 401, id: 'ErrAuthorizationInvalidSign' },
      {
        label: 'cancel part of the redeem',
        req: signed('point.adjustment', { amount: 40, referenceNo: 'CT-A1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VS4NTK', adjustedReferenceNo: 'CT-R1', adjustmentType: 'CANCEL_REDEEM' }),
        status: 200,
      },
      {
        label: 'cancel more than is left',
        req: signed('point.adjustment', { amount: 100, referenceNo: 'CT-A2', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VS4NTK', adjustedReferenceNo: 'CT-R1', adjustmentType: 'CANCEL_REDEEM' }),
        status: 400,
        id: 'ErrAdjustmentExceedsOriginal',
      },
      { label: 'earn to return', req: signed('point.earn', { amount: 10000, referenceNo: 'CT-E9', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VS4NTK' }), status: 200 },
      {
        label: 'return half of the earn',
        req: signed('point.adjustment', { amount: 5000, referenceNo: 'CT-A3', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VS4NTK', adjustedReferenceNo: 'CT-E9', adjustmentType: 'RETURN_EARN' }),
        status: 200,
      },
      {
        label: 'unknown adjusted referenceNo',
        req: signed('point.adjustment', { amount: 1, referenceNo: 'CT-A4', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VS4NTK', adjustedReferenceNo: 'CT-NONE', adjustmentType: 'CANCEL_REDEEM' }),
        status: 400,
        id: 'ErrInvalidAdjustedRefCode',
      },
      {
        label: 'adjustment, unknown outlet',
        req: signed('point.adjustment', { amount: 1, referenceNo: 'CT-A5', exchangeRate: 0, outletID: 'NOPE', valueID: 'VS4NTK', adjustedReferenceNo: 'CT-R1', adjustmentType: 'CANCEL_REDEEM' }),
        status: 404,
        id: 'ErrSuboutletNotfound',
      },
      {
        label: 'adjustment, wrong sign',
        req: signed('point.adjustment', { amount: 1, referenceNo: 'CT-A6', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VS4NTK', adjustedReferenceNo: 'CT-R1', adjustmentType: 'CANCEL_REDEEM' }, { sign: BAD_SIGN }),
        status: 401,
        id: 'ErrAuthorizationInvalidSign',
      },
    ],
  },
  {
    name: 'point.history',
    owns: ['GET /service/point/history/'],
    steps: [
      { label: 'first page', req: signed('point.history', { valueID: 'VB60VS', limit: 5, page: 1 }), status: 200 },
      { label: 'second page', req: signed('point.history', { valueID: 'VB60VS', limit: 5, page: 2 }), status: 200 },
      { label: 'redeems in a date range', req: signed('point.history', { valueID: 'VB60VS', mutation: 'REDEEM', from: '2021-01-01', to: '2021-12-31' }), status: 200 },
      { label: 'dates the wrong way round', req: signed('point.history', { valueID: 'VB60VS', from: '2022-01-01', to: '2021-01-01' }), status: 400, id: 'ErrValidation' },
      { label: 'unknown value ID', req: signed('point.history', { valueID: 'VNOPE1' }), status: 404, id: 'ErrMembershipNotFound' },
      { label: 'wrong sign', req: signed('point.history', { valueID: 'VB60VS' }, { sign: BAD_SIGN }), status: 401, id: 'ErrAuthorizationInvalidSign' },
    ],
  },
  {
    name: 'promo.list and promo.get',
    owns: ['GET /v1/service/promos', 'GET /v1/service/promos/{ID}'],
    steps: [
      { label: 'list', req: signed('promo.list', { valueID: 'VR8EPN', page: 1, pageSize: 8 }), status: 200 },
      { label: 'list, one per page, second page', req: signed('promo.list', { valueID: 'VR8EPN', page: 2, pageSize: 1 }), status: 200 },
      { label: 'list by category', req: signed('promo.list', { valueID: 'VR8EPN' }, { extraQuery: { category: ['2', '5035'] } }), status: 200 },
      { label: 'list, bad category', req: signed('promo.list', { valueID: 'VR8EPN' }, { extraQuery: { category: 'books' } }), status: 400, id: 'ErrValidation' },
      { label: 'list, unknown value ID', req: signed('promo.list', { valueID: 'VNOPE1' }), status: 404, id: 'ErrMembershipNotFound' },
      { label: 'list, wrong sign', req: signed('promo.list', { valueID: 'VR8EPN' }, { sign: BAD_SIGN }), status: 401, id: 'ErrAuthorizationInvalidSign' },
      { label: 'detail', req: signed('promo.get', { ID: 13063, valueID: 'VR8EPN' }), status: 200 },
      { label: 'detail of an expired promo', req: signed('promo.get', { ID: 13066, valueID: 'VR8EPN' }), status: 200 },
      { label: 'unknown promo', req: signed('promo.get', { ID: 99999, valueID: 'VR8EPN' }), status: 404, id: 'ErrPromoNotFound' },
      { label: 'detail, unknown value ID', req: signed('promo.get', { ID: 13063, valueID: 'VNOPE1' }), status: 404, id: 'ErrMembershipNotFound' },
      { label: 'ID not a number', req: signed('promo.get', { ID: 'abc', valueID: 'VR8EPN' }), status: 400, id: 'ErrValidation' },
      { label: 'detail, wrong sign', req: signed('promo.get', { ID: 13063, valueID: 'VR8EPN' }, { sign: BAD_SIGN }), status: 401, id: 'ErrAuthorizationInvalidSign' },
    ],
  },
  {
    name: 'promo.buy, voucher.list and voucher.get',
    owns: ['POST /v1/service/promos/buy', 'GET /v1/service/vouchers', 'GET /v1/service/vouchers/{ID}'],
    steps: [
      { label: 'buy', req: signed('promo.buy', { id: 13064, valueID: 'VB60VS' }), status: 200 },
      { label: 'buy the last of a quota', req: signed('promo.buy', { id: 13065, valueID: 'VR8EPN' }), status: 200 },
      { label: 'quota exhausted', req: signed('promo.buy', { id: 13065, valueID: 'VB60VS' }), status: 400, id: 'ErrPromoQuotaExhausted' },
      { label: 'expired promo', req: signed('promo.buy', { id: 13066, valueID: 'VB60VS' }), status: 400, id: 'ErrPromoExpired' },
      { label: 'one per user', req: signed('promo.buy', { id: 13067, valueID: 'VR8EPN' }), status: 200 },
      { label: 'second of one per user', req: signed('promo.buy', { id: 13067, valueID: 'VR8EPN' }), status: 400, id: 'ErrPromoPurchaseLimit' },
      { label: 'not enough points', req: signed('promo.buy', { id: 13067, valueID: 'VS4NTK' }), status: 400, id: 'ErrInsufficientPoint' },
      { label: 'unknown promo', req: signed('promo.buy', { id: 99999, valueID: 'VB60VS' }), status: 404, id: 'ErrPromoNotFound' },
      { label: 'buy, unknown value ID', req: signed('promo.buy', { id: 13064, valueID: 'VNOPE1' }), status: 404, id: 'ErrMembershipNotFound' },
      { label: 'buy, id missing', req: signed('promo.buy', { valueID: 'VB60VS' }), status: 400, id: 'ErrValidation' },
      { label: 'buy, wrong sign', req: signed('promo.buy', { id: 13064, valueID: 'VB60VS' }, { sign: BAD_SIGN }), status: 401, id: 'ErrAuthorizationInvalidSign' },
      { label: 'vouchers', req: signed('voucher.list', { valueID: 'VR8EPN', page: 1, pageSize: 1 }), status: 200 },
      { label: 'no vouchers', req: signed('voucher.list', { valueID: 'VS4NTK' }), status: 200 },
      { label: 'vouchers, page 0', req: signed('voucher.list', { valueID: 'VR8EPN', page: 0 }), status: 400, id: 'ErrValidation' },
      { label: 'vouchers, unknown value ID', req: signed('voucher.list', { valueID: 'VNOPE1' }), status: 404, id: 'ErrMembershipNotFound' },
      { label: 'vouchers, wrong sign', req: signed('voucher.list', { valueID: 'VR8EPN' }, { sign: BAD_SIGN }), status: 401, id: 'ErrAuthorizationInvalidSign' },
      { label: 'voucher', req: (got) => signed('voucher.get', { ID: body(got, 'buy').id, valueID: 'VB60VS' }), status: 200 },
      { label: 'voucher of another user', req: (got) => signed('voucher.get', { ID: body(got, 'buy').id, valueID: 'VR8EPN' }), status: 404, id: 'ErrVoucherNotFound' },
      { label: 'voucher, unknown value ID', req: signed('voucher.get', { ID: 1, valueID: 'VNOPE1' }), status: 404, id: 'ErrMembershipNotFound' },
      { label: 'voucher, ID 0', req: signed('voucher.get', { ID: 0, valueID: 'VB60VS' }), status: 400, id: 'ErrValidation' },
      { label: 'voucher, wrong sign', req: signed('voucher.get', { ID: 1, valueID: 'VB60VS' }, { sign: BAD_SIGN }), status: 401, id: 'ErrAuthorizationInvalidSign' },
    ],
  },
  {
    name: 'any route: 405 and 413',
    owns: [],
    steps: [
      { label: 'DELETE on a GET route', req: { ...get('/service/point/'), method: 'DELETE' }, status: 405, id: 'ErrMethodNotAllowed' },
      { label: 'PUT on a POST route', req: json('PUT', '/v1/service/promos/buy', {}), status: 405, id: 'ErrMethodNotAllowed' },
      { label: 'GET on the token endpoint', req: get('/auth/token/'), status: 405, id: 'ErrMethodNotAllowed' },
      { label: 'body too large', req: { ...json('POST', '/service/point/earn/', ''), rawBody: undefined, bodyTooLarge: true }, status: 413, id: 'ErrPayloadTooLarge' },
      { label: 'a JSON route\'s body sent as text/plain', req: { ...json('POST', '/service/point/earn/', {}), headers: { 'content-type': 'text/plain' } }, status: 415, id: 'ErrUnsupportedMediaType' },
      { label: 'GET on the buy path is a promo detail', req: signed('promo.get', { ID: 'buy', valueID: 'VR8EPN' }), status: 400, id: 'ErrValidation' },
    ],
  },
  {
    name: 'Auth API and the mapping page',
    owns: ['POST /auth/token/', 'POST /auth/introspect/', 'GET /authorize/mapping'],
    steps: [
      { label: 'mapping page', req: get('/authorize/mapping', mapping), status: 200, html: true },
      { label: 'mapping page, parameters missing', req: get('/authorize/mapping', { client_id: TEST_CLIENT.clientId }), status: 400, html: true },
      {
        label: 'code',
        req: json('POST', '/__admin/authorize', { client_id: mapping.client_id, user_id: mapping.user_id, redirect_uri: mapping.redirect_uri, full_name: mapping.full_name, email: mapping.email }),
        status: 200,
      },
      { label: 'token', req: (got) => token({ grant_type: 'authorization_code', code: body(got, 'code').code, redirect_uri: mapping.redirect_uri }), status: 200 },
      { label: 'refresh', req: (got) => token({ grant_type: 'refresh_token', refresh_token: body(got, 'token').refresh_token }), status: 200 },
      { label: 'wrong client secret', req: token({ client_secret: 'not-the-secret', grant_type: 'authorization_code', code: 'x', redirect_uri: mapping.redirect_uri }), status: 400, id: 'InvalidClient' },
      { label: 'token, no code', req: token({ grant_type: 'authorization_code', redirect_uri: mapping.redirect_uri }), status: 400, id: 'ErrValidation' },
      { label: 'token, malformed JSON', req: json('POST', '/auth/token/', '{'), status: 400, id: 'ErrMalformedJSON' },
      { label: 'introspect', req: (got) => json('POST', '/auth/introspect/', { access_token: body(got, 'refresh').access_token }), status: 200 },
      { label: 'code used twice', req: (got) => token({ grant_type: 'authorization_code', code: body(got, 'code').code, redirect_uri: mapping.redirect_uri }), status: 401, id: 'SAT001' },
      { label: 'introspect after the code was used twice: its tokens are revoked', req: (got) => json('POST', '/auth/introspect/', { access_token: body(got, 'refresh').access_token }), status: 401, id: 'SAT003' },
      { label: 'introspect, unknown token', req: json('POST', '/auth/introspect/', { access_token: 'not-a-token' }), status: 401, id: 'SAT003' },
      { label: 'introspect, no token', req: json('POST', '/auth/introspect/', {}), status: 400, id: 'ErrValidation' },
    ],
  },
];

/** Status keys of an operation a group must reach; 405, 413 and 415 are reached once, by the any-route group. */
function mustReach(operation: string): string[] {
  const op = sharedContract().operations().find((o) => `${o.method} ${o.path}` === operation);
  if (!op) throw new Error(`${operation} is not in the contract`);
  return op.statuses.filter((s) => s !== '405' && s !== '413' && s !== '415').sort();
}

describe('fidelity of the fake: every response keeps the contract', () => {
  it.each(GROUPS.map((g) => [g.name, g] as const))('%s', (_name, group) => {
    const observed = observeContract(createFakeMyValue({ clients: [{ ...TEST_CLIENT, redirectUris: [...TEST_CLIENT.redirectUris] }], clock: { now: () => NOW } }));
    const got = new Map<string, FakeResponse>();
    const reached = new Map<string, Set<string>>();
    for (const step of group.steps) {
      const req = typeof step.req === 'function' ? step.req(got) : step.req;
      const response = observed.fake.handle(req);
      got.set(step.label, response);
      const summary = { step: step.label, status: response.status, id: step.id ? (response.body as { id?: string }).id : undefined };
      expect(summary).toEqual({ step: step.label, status: step.status, id: step.id });
      expect(response.headers['content-type'] ?? '', step.label).toMatch(step.html ? /^text\/html/ : /^application\/json/);
      const op = sharedContract().match(req.method, req.path);
      if (op) {
        const key = `${op.method} ${op.path}`;
        reached.set(key, (reached.get(key) ?? new Set()).add(String(response.status)));
      }
    }
    expect(observed.violations().map((v) => `${v.message}  [${v.request.method} ${v.request.path}]`)).toEqual([]);
    for (const operation of group.owns) {
      expect([...(reached.get(operation) ?? [])].sort(), `statuses reached for ${operation}`).toEqual(mustReach(operation));
    }
  });

  it('the groups own every operation of the contract', () => {
    const owned = GROUPS.flatMap((g) => g.owns).sort();
    const all = sharedContract().operations().map((o) => `${o.method} ${o.path}`).sort();
    expect(owned).toEqual(all);
  });

  it('the any-route statuses are documented on every operation', () => {
    for (const op of sharedContract().operations()) expect(op.statuses, `${op.method} ${op.path}`).toEqual(expect.arrayContaining(['405', '413']));
  });

  it('pages of history, promos and vouchers link with next and previous as documented', () => {
    const observed = observeContract(createFakeMyValue({ clients: [{ ...TEST_CLIENT, redirectUris: [] }], clock: { now: () => NOW } }));
    const page = observed.fake.handle(signed('point.history', { valueID: 'VB60VS', limit: 5, page: 2 })).body as { next: unknown; previous: unknown };
    expect(typeof page.next).toBe('string');
    expect(typeof page.previous).toBe('string');
    expect(String(page.previous)).toMatch(new RegExp(`^${ORIGIN}/service/point/history/\\?`));
    expect(observed.violations()).toEqual([]);
  });
});
