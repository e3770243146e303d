// A voucher purchase is a REDEEM on the ledger. Cancelling that REDEEM would leave the user with
// both the points back and a voucher they can still use (a free voucher): the fake refuses it.
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { seedClient, signedRequest } from './signed';

describe('cancelling the REDEEM of a voucher purchase', () => {
  let fake: Fake | undefined;
  afterEach(() => fake?.close());

  it('does not give the points back while the voucher stays redeemable', () => {
    fake = createFakeMyValue({ clock: { now: () => new Date('2025-06-01T03:00:00Z') } });
    const creds = seedClient('GramediaPOS');
    const handle = fake.handle.bind(fake);
    const balance = (): number => (handle(signedRequest('point.get', creds, { valueID: 'VB60VS' })).body as { point: number }).point;

    const before = balance();
    const bought = handle(signedRequest('promo.buy', creds, { id: 13064, valueID: 'VB60VS' }));
    expect(bought.status).toBe(200);
    const voucher = bought.body as { id: number; pointUsed: number; transaction: { referenceNo: string } };
    expect(balance()).toBe(before - voucher.pointUsed);

    const cancel = handle(
      signedRequest('point.adjustment', creds, {
        amount: voucher.pointUsed, referenceNo: 'CANCEL-VOUCHER-PURCHASE', exchangeRate: 0, outletID: 'MVAPP00001',
        adjustedReferenceNo: voucher.transaction.referenceNo, adjustmentType: 'CANCEL_REDEEM', valueID: 'VB60VS',
      }),
    );
    // The purchase is not an ordinary redeem: the cancel is refused and changes nothing.
    expect(cancel.status).toBe(400);
    expect(cancel.body).toMatchObject({ id: 'ErrInvalidAdjustedRefCode', detail: expect.stringMatching(/voucher purchase/) });
    expect(balance()).toBe(before - voucher.pointUsed);
    const after = handle(signedRequest('voucher.get', creds, { ID: voucher.id, valueID: 'VB60VS' }));
    expect(after.status).toBe(200);
    expect((after.body as { isCanRedeem: boolean }).isCanRedeem).toBe(true);
  });
});
