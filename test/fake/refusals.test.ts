// Every refusal of the fake's rules as the partner reads it: the template, the status and the detail naming
// the facts, for each way a ledger, promo or registration request can fail; and a refusal changes nothing.
import { describe, expect, test } from 'vitest';
import { createFakeMyValue, type Fake, type Seed } from '../../mocks/create-fake';
import { signedRequest, type Credentials } from '../ledger/signed';

const CLIENT: Credentials = { clientId: 'RefusalPOS', clientSecret: 'made-up-secret-for-refusals' };
const NOW = new Date('2025-06-01T00:00:00Z');

const promo = (id: number, over: Partial<Seed['promos'][number]>): Seed['promos'][number] => ({
  id, title: `Promo ${id}`, price: 10, validFrom: '2024-01-01T00:00:00Z', validTo: '2030-01-01T00:00:00Z',
  categories: [{ id: 1, title: 'Books' }], merchant: { id: 1, name: 'Toko' }, ...over,
});

const SEED: Seed = {
  clients: [{ clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret }],
  outlets: [
    { id: 'MVAPP00001', name: 'MyValue Apps', earnPer10k: 160 },
    { id: 'OUT1', name: 'Toko', earnPer10k: 100 },
  ],
  users: [
    { valueID: 'VRICH1', firstName: 'Rich', history: [{ referenceNo: 'OPEN-1', type: 'EARNING', point: 1000, amount: 100_000, outletID: 'OUT1', clientID: CLIENT.clientId, createdAt: '2025-01-01T00:00:00Z' }] },
    { valueID: 'VPOOR1', firstName: 'Poor', email: 'poor@example.com', phone: '081234567890' },
    { valueID: 'VOTHR1', firstName: 'Other', history: [{ referenceNo: 'OTHER-EARN', type: 'EARNING', point: 500, amount: 50_000, outletID: 'OUT1', clientID: CLIENT.clientId, createdAt: '2025-01-02T00:00:00Z' }] },
  ],
  promos: [
    promo(1, { isActive: false }),
    promo(2, { validFrom: '2026-01-01T00:00:00Z' }),
    promo(3, { validTo: '2025-01-01T00:00:00Z' }),
    promo(4, { quota: 1 }),
    promo(5, { maxPerUser: 1 }),
    promo(6, { price: 5000 }),
  ],
};

const newFake = (): Fake => createFakeMyValue({ seed: SEED, clock: { now: () => NOW } });
const send = (fake: Fake, rule: string, fields: Record<string, unknown>) => fake.handle(signedRequest(rule, CLIENT, fields));
const balance = (fake: Fake, valueID: string): unknown => (send(fake, 'point.get', { valueID }).body as { point: number }).point;

const earn = (fields: Record<string, unknown>) => ({ amount: 10_000, outletID: 'OUT1', valueID: 'VRICH1', referenceNo: 'E-NEW', ...fields });
const adjustment = (fields: Record<string, unknown>) => ({ amount: 10, outletID: 'OUT1', valueID: 'VRICH1', referenceNo: 'A-NEW', adjustmentType: 'CANCEL_REDEEM', ...fields });

/** The expected error body: MyValue's shape, errorCode the status. */
const refusal = (status: number, id: string, detail: string) => ({ status, body: { id, detail, errorCode: status } });

describe('the ledger refuses, naming why, and changes nothing', () => {
  const fake = newFake();
  expect(send(fake, 'point.redeem', { amount: 100, outletID: 'OUT1', valueID: 'VRICH1', referenceNo: 'R-1' }).status).toBe(200);
  expect(send(fake, 'point.redeem', { amount: 450, outletID: 'OUT1', valueID: 'VOTHR1', referenceNo: 'R-OTHER' }).status).toBe(200);

  const cases: Array<[string, string, Record<string, unknown>, ReturnType<typeof refusal>]> = [
    ['an unknown value ID', 'point.earn', earn({ valueID: 'VNONE1' }), refusal(404, 'ErrMembershipNotFound', 'User membership not found: VNONE1')],
    ['an unknown outlet', 'point.earn', earn({ outletID: 'NOPE' }), refusal(404, 'ErrSuboutletNotfound', 'Suboutlet not found: NOPE')],
    ['an unknown outlet, estimated', 'point.earn.estimate', { amount: 10_000, outletID: 'NOPE', valueID: 'VRICH1' }, refusal(404, 'ErrSuboutletNotfound', 'Suboutlet not found: NOPE')],
    ['a referenceNo used before', 'point.earn', earn({ referenceNo: 'OPEN-1' }), refusal(400, 'ErrDuplicateReferenceNo', 'referenceNo OPEN-1 has already been used by this client (EARNING of VRICH1); nothing was changed')],
    ['a redeem above the balance', 'point.redeem', { amount: 10, outletID: 'OUT1', valueID: 'VPOOR1', referenceNo: 'R-POOR' }, refusal(400, 'ErrInsufficientPoint', 'Point is not sufficient: balance 0, redeem 10')],
    ['an adjusted referenceNo nobody used', 'point.adjustment', adjustment({ adjustedReferenceNo: 'NOPE-REF' }), refusal(400, 'ErrInvalidAdjustedRefCode', 'Invalid adjusted reference no: no REDEEM with referenceNo NOPE-REF for this client')],
    ['another user\'s earn', 'point.adjustment', adjustment({ adjustmentType: 'RETURN_EARN', adjustedReferenceNo: 'OTHER-EARN' }), refusal(400, 'ErrInvalidAdjustedRefCode', 'Invalid adjusted reference no: referenceNo OTHER-EARN belongs to another value ID')],
    ['an earn cancelled as a redeem', 'point.adjustment', adjustment({ adjustedReferenceNo: 'OPEN-1' }), refusal(400, 'ErrInvalidAdjustedRefCode', 'Invalid adjusted reference no: referenceNo OPEN-1 is a EARNING, CANCEL_REDEEM needs a REDEEM')],
    ['a cancel above the redeem', 'point.adjustment', adjustment({ amount: 150, adjustedReferenceNo: 'R-1' }), refusal(400, 'ErrAdjustmentExceedsOriginal', 'amount 150 is more than the 100 points left to cancel of redeem R-1')],
    ['a return above the earn', 'point.adjustment', adjustment({ amount: 200_000, adjustmentType: 'RETURN_EARN', adjustedReferenceNo: 'OPEN-1' }), refusal(400, 'ErrAdjustmentExceedsOriginal', 'amount 200000 is more than the 100000 left to return of earn OPEN-1 (amount 100000)')],
    ['a return of points already spent', 'point.adjustment', adjustment({ amount: 50_000, valueID: 'VOTHR1', adjustmentType: 'RETURN_EARN', adjustedReferenceNo: 'OTHER-EARN' }), refusal(400, 'ErrInsufficientPoint', 'Point is not sufficient to return earn OTHER-EARN: balance 50, to take back 500')],
  ];
  test.each(cases)('%s', (_, rule, fields, expected) => {
    const res = send(fake, rule, fields);
    expect({ status: res.status, body: res.body }).toEqual(expected);
    expect([balance(fake, 'VRICH1'), balance(fake, 'VOTHR1'), balance(fake, 'VPOOR1')]).toEqual([900, 50, 0]);
  });
});

describe('buying a promo refuses, naming why, and changes nothing', () => {
  const fake = newFake();
  const buy = (id: number, valueID = 'VRICH1') => send(fake, 'promo.buy', { id, valueID });
  const bought = buy(4);
  expect(bought.status).toBe(200);
  expect(buy(5).status).toBe(200);
  const voucherRef = (bought.body as { transaction: { referenceNo: string } }).transaction.referenceNo;

  const cases: Array<[string, () => ReturnType<Fake['handle']>, ReturnType<typeof refusal>]> = [
    ['an unknown buyer', () => buy(4, 'VNONE1'), refusal(404, 'ErrMembershipNotFound', 'User membership not found: VNONE1')],
    ['an unknown promo', () => buy(999), refusal(404, 'ErrPromoNotFound', 'Promo not found: 999')],
    ['an inactive promo', () => buy(1), refusal(400, 'ErrPromoExpired', 'Promo 1 is not active')],
    ['a promo not on sale yet', () => buy(2), refusal(400, 'ErrPromoExpired', 'Promo 2 starts at 2026-01-01T00:00:00Z')],
    ['a promo no longer on sale', () => buy(3), refusal(400, 'ErrPromoExpired', 'Promo 3 expired at 2025-01-01T00:00:00Z')],
    ['a sold-out promo', () => buy(4, 'VOTHR1'), refusal(400, 'ErrPromoQuotaExhausted', 'Promo 4 quota of 1 is exhausted')],
    ['a promo bought as often as allowed', () => buy(5), refusal(400, 'ErrPromoPurchaseLimit', 'Promo 5 can be bought 1 time(s) per user')],
    ['a price above the balance', () => buy(6), refusal(400, 'ErrInsufficientPoint', 'Point is not sufficient: balance 980, price 5000')],
    ['cancelling a voucher purchase', () => send(fake, 'point.adjustment', adjustment({ adjustedReferenceNo: voucherRef })),
      refusal(400, 'ErrInvalidAdjustedRefCode', `Invalid adjusted reference no: ${voucherRef} is a voucher purchase, which cannot be cancelled`)],
  ];
  test.each(cases)('%s', (_, request, expected) => {
    const res = request();
    expect({ status: res.status, body: res.body }).toEqual(expected);
    expect(balance(fake, 'VRICH1')).toBe(980);
    const vouchers = send(fake, 'voucher.list', { valueID: 'VRICH1' }).body as { count: number };
    expect(vouchers.count).toBe(2);
  });

  test('a voucher purchase is a REDEEM of the price under its own referenceNo', () => {
    expect(voucherRef).toMatch(/^VOUCHER-MV[A-Z0-9]{10}$/);
    expect((bought.body as { code: string }).code).toBe(voucherRef.slice('VOUCHER-'.length));
  });
});

describe('creating a user refuses, naming why, and creates nobody', () => {
  const fake = newFake();
  const create = (fields: Record<string, unknown>) => send(fake, 'user.create', { fullName: 'Baru', passwordLess: true, ...fields });
  const cases: Array<[string, Record<string, unknown>, ReturnType<typeof refusal>]> = [
    ['an unknown referral outlet', { email: 'new@example.com', referencedBy: 'suboutlet', referencedCode: 'NOPE' }, refusal(400, 'ErrInvalidReferral', 'Referral suboutlet not found: NOPE')],
    ['an email taken (in any case)', { email: 'POOR@example.com' }, refusal(400, 'ErrUserAlreadyRegistered', 'User already registered in MyValue with email POOR@example.com')],
    ['a phone taken (in any form)', { email: 'new@example.com', mobilePhoneNumber: '+62 812-3456-7890' }, refusal(400, 'ErrUserAlreadyRegistered', 'User already registered in MyValue with phone +62 812-3456-7890')],
  ];
  test.each(cases)('%s', (_, fields, expected) => {
    const res = create(fields);
    expect({ status: res.status, body: res.body }).toEqual(expected);
    expect(send(fake, 'user.get', { by: 'email', value: 'new@example.com' }).status).toBe(404);
  });

  test('with a known referral outlet, the MyValue membership is booked there', () => {
    const res = create({ email: 'new@example.com', referencedBy: 'suboutlet', referencedCode: 'OUT1', membershipName: 'Toko', membershipNumber: 'T-1' });
    expect(res.status).toBe(200);
    const body = res.body as { userMembership: Array<{ membershipName: string; outletCode?: string; memberNo: string }> };
    expect(body.userMembership.map((m) => [m.membershipName, m.outletCode, m.memberNo.length > 0])).toEqual([['MyValue', 'OUT1', true], ['Toko', undefined, true]]);
  });
});
