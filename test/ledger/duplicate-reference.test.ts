// A referenceNo a client used before: refused (the documented 400 ErrDuplicateReferenceNo), or with
// --duplicate-reference replay, a repeat of the very same request answers 200 with the first answer's
// body and applies nothing; a different request reusing the referenceNo is still refused. In process; the
// replay over HTTP from `myvalue mock`: duplicate-reference-mock.test.ts.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { seedClient, signedRequest } from './signed';
import { runCli } from '../helpers/cli';

const POS = seedClient('GramediaPOS');
const KOMPAS = seedClient('KompasCom');
const EARN = { amount: 25_000, referenceNo: 'DUP-E1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' };

const balance = (fake: Fake): number => (fake.handle(signedRequest('point.get', POS, { valueID: 'VB60VS' })).body as { point: number }).point;
const rows = (fake: Fake): unknown => fake.deps.store.db.prepare('SELECT COUNT(*) FROM mutations').pluck().get();

describe('a referenceNo used twice', () => {
  it('refuse (the default): 400 ErrDuplicateReferenceNo, nothing applied', () => {
    const fake = createFakeMyValue();
    expect(fake.handle(signedRequest('point.earn', POS, EARN)).status).toBe(200);
    const before = { balance: balance(fake), rows: rows(fake) };
    const again = fake.handle(signedRequest('point.earn', POS, EARN));
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ id: 'ErrDuplicateReferenceNo' });
    expect({ balance: balance(fake), rows: rows(fake) }).toEqual(before);
  });

  it.each([
    ['point.earn', EARN],
    ['point.redeem', { amount: 5, referenceNo: 'DUP-R1', outletID: 'MVAPP00001', valueID: 'VB60VS' }],
  ] as const)('replay: %s repeated answers 200 with the first body, and applies nothing', (rule, fields) => {
    const fake = createFakeMyValue({ settings: { duplicateReference: 'replay' } });
    const first = fake.handle(signedRequest(rule, POS, fields));
    expect(first.status).toBe(200);
    const before = { balance: balance(fake), rows: rows(fake) };
    for (let i = 0; i < 3; i++) {
      const again = fake.handle(signedRequest(rule, POS, fields));
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    }
    expect({ balance: balance(fake), rows: rows(fake) }).toEqual(before);
  });

  it('replay: an adjustment repeated answers as the first; one naming another original is refused', () => {
    const fake = createFakeMyValue({ settings: { duplicateReference: 'replay' } });
    fake.handle(signedRequest('point.earn', POS, EARN));
    fake.handle(signedRequest('point.earn', POS, { ...EARN, referenceNo: 'DUP-E2' }));
    const ret = { amount: 10_000, referenceNo: 'DUP-A1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS', adjustedReferenceNo: 'DUP-E1', adjustmentType: 'RETURN_EARN' };
    const first = fake.handle(signedRequest('point.adjustment', POS, ret));
    expect(first.status).toBe(200);
    const before = balance(fake);
    expect(fake.handle(signedRequest('point.adjustment', POS, ret)).body).toEqual(first.body);
    expect(fake.handle(signedRequest('point.adjustment', POS, { ...ret, adjustedReferenceNo: 'DUP-E2' })).body).toMatchObject({ id: 'ErrDuplicateReferenceNo' });
    expect(balance(fake)).toBe(before);
  });

  it.each([
    ['another amount', { amount: 30_000 }],
    ['another user', { valueID: 'VS4NTK' }],
    ['another outlet', { outletID: '10000' }],
  ])('replay: the referenceNo reused with %s is still refused, nothing applied', (_name, change) => {
    const fake = createFakeMyValue({ settings: { duplicateReference: 'replay' } });
    fake.handle(signedRequest('point.earn', POS, EARN));
    const before = rows(fake);
    const res = fake.handle(signedRequest('point.earn', POS, { ...EARN, ...change }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ id: 'ErrDuplicateReferenceNo' });
    expect(rows(fake)).toBe(before);
  });

  it('replay: a redeem reusing an earn\'s referenceNo is refused; another client\'s same referenceNo is its own', () => {
    const fake = createFakeMyValue({ settings: { duplicateReference: 'replay' } });
    fake.handle(signedRequest('point.earn', POS, EARN));
    expect(fake.handle(signedRequest('point.redeem', POS, { amount: 25_000, referenceNo: 'DUP-E1', outletID: 'MVAPP00001', valueID: 'VB60VS' })).body).toMatchObject({ id: 'ErrDuplicateReferenceNo' });
    expect(fake.handle(signedRequest('point.earn', KOMPAS, EARN)).status).toBe(200);
  });

  it('mock --duplicate-reference with anything but refuse or replay: one line, exit 2', async () => {
    const result = await runCli(['mock', '--port', '0', '--duplicate-reference', 'ignore']);
    expect(result.code).toBe(2);
    expect(result.err).toEqual(['myvalue: --duplicate-reference must be refuse or replay, got "ignore"']);
  });
});
