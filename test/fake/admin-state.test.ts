// The fake's state, read-only, as the dashboard reads it: users and balances, one user's ledger with its
// expiries and vouchers, promos with their quota left. Behind the admin guard like the rest of /__admin/.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, loadSeed, type Fake } from '../../mocks/create-fake';
import type { Seed } from '../../mocks/store/seed-types';
import { seedClient, signedRequest } from '../ledger/signed';

const POS = seedClient('GramediaPOS');
const ORIGIN = 'http://127.0.0.1:4010';
const get = (fake: Fake, path: string, headers: Record<string, string> = {}, query: Record<string, string> = {}) =>
  fake.handle({ method: 'GET', path, query, headers, origin: ORIGIN });

/** The shipped seed plus Eka, with no history, on a clock standing at `start`. */
function fakeAt(start: string, options: { adminToken?: string } = {}): Fake {
  const shipped = loadSeed();
  const seed: Seed = { ...shipped, users: [...shipped.users, { valueID: 'VEXP01', firstName: 'Eka', lastName: 'Putri', email: 'eka@example.test' }] as Seed['users'] };
  return createFakeMyValue({ seed, clock: { now: () => new Date(0) }, startAt: start, ...options });
}

describe('GET /__admin/users', () => {
  it('lists every user by value ID with the balance (point), and pages', () => {
    const fake = fakeAt('2024-07-01T00:00:00Z');
    const res = get(fake, '/__admin/users');
    expect(res.status).toBe(200);
    const body = res.body as { count: number; page: number; users: Array<{ valueID: string; point: number; firstName: string }> };
    expect(body.count).toBe(4);
    expect(body.users.map((u) => u.valueID)).toEqual(['VB60VS', 'VEXP01', 'VR8EPN', 'VS4NTK']);
    expect(body.users.find((u) => u.valueID === 'VEXP01')).toMatchObject({ firstName: 'Eka', point: 0 });
    expect((get(fake, '/__admin/users', {}, { page: '2' }).body as { users: unknown[] }).users).toEqual([]);
    expect(get(fake, '/__admin/users', {}, { page: '0' })).toMatchObject({ status: 400, body: { id: 'ErrValidation' } });
  });
});

describe('GET /__admin/users/:valueID', () => {
  it('pages the history by ?page= (ADMIN_LEDGER_MAX a page); a page that is not a whole number from 1 is 400', () => {
    const fake = fakeAt('2024-07-01T00:00:00Z');
    for (let i = 1; i <= 201; i++) expect(fake.handle(signedRequest('point.earn', POS, { amount: 1, referenceNo: `ADM-P${i}`, exchangeRate: 1, outletID: 'MVAPP00001', valueID: 'VEXP01' })).status).toBe(200);
    const first = get(fake, '/__admin/users/VEXP01').body as any;
    expect(first.history).toMatchObject({ count: 201, page: 1, pageSize: 200 });
    expect(first.history.items).toHaveLength(200);
    const second = get(fake, '/__admin/users/VEXP01', {}, { page: '2' }).body as any;
    expect(second.history).toMatchObject({ count: 201, page: 2 });
    expect(second.history.items.map((h: any) => h.referenceNo)).toEqual(['ADM-P1']);
    expect(get(fake, '/__admin/users/VEXP01', {}, { page: '1.5' })).toMatchObject({ status: 400, body: { id: 'ErrValidation', detail: 'page must be a whole number from 1' } });
  });

  it("the ledger as MyValue's history gives it: an earn with its expiredDate, then EXPIRED once the clock passes it; points still to expire", () => {
    const fake = fakeAt('2022-10-04T12:10:48Z');
    const earn = fake.handle(signedRequest('point.earn', POS, { amount: 160, referenceNo: 'ADM-E1', exchangeRate: 1, outletID: 'MVAPP00001', valueID: 'VEXP01' }));
    expect(earn.status).toBe(200);
    const before = get(fake, '/__admin/users/VEXP01').body as any;
    expect(before.user).toMatchObject({ valueID: 'VEXP01', point: 160 });
    expect(before.history.items).toEqual([expect.objectContaining({ mutationTypeName: 'EARNING', point: 160, referenceNo: 'ADM-E1', expiredDate: '2024-10-31T17:00:00Z', isExpired: false })]);
    expect(before.expiring).toEqual([{ pointMutationSNO: expect.any(Number), point: 160, expiredDate: '2024-10-31T17:00:00Z' }]);

    fake.clock.set('2024-10-31T17:00:00Z');
    const after = get(fake, '/__admin/users/VEXP01').body as any;
    expect(after.user.point).toBe(0);
    expect(after.history.items.map((h: any) => [h.mutationTypeName, h.point, h.isExpired])).toEqual([['EXPIRED', -160, false], ['EARNING', 160, true]]);
    expect(after.expiring).toEqual([]);
  });

  it('vouchers bought, and the promo quota left after the sale', () => {
    const fake = fakeAt('2025-01-10T03:00:00Z');
    const before = (get(fake, '/__admin/promos').body as any).promos.find((p: any) => p.promoID === 13065);
    expect(before).toMatchObject({ price: 2000, quota: 1, sold: 0, quotaLeft: 1, onSale: true });
    const buy = fake.handle(signedRequest('promo.buy', POS, { id: 13065, valueID: 'VB60VS' }));
    expect(buy.status, JSON.stringify(buy.body)).toBe(200);
    const promos = (get(fake, '/__admin/promos').body as any).promos;
    expect(promos.find((p: any) => p.promoID === 13065)).toMatchObject({ sold: 1, quotaLeft: 0 });
    expect(promos.find((p: any) => p.promoID === 13063)).toMatchObject({ quota: null, quotaLeft: null });
    expect(promos.find((p: any) => p.promoID === 13066)).toMatchObject({ onSale: false });
    const user = get(fake, '/__admin/users/VB60VS').body as any;
    expect(user.user.point).toBe(10640 - 2000);
    expect(user.vouchers.count).toBe(1);
    expect(user.vouchers.items[0]).toMatchObject({ promoID: 13065, pointUsed: 2000, isUsed: false, clientID: 'GramediaPOS' });
  });

  it('an unknown value ID is 404 MUD001, in MyValue shape', () => {
    expect(get(fakeAt('2025-01-01T00:00:00Z'), '/__admin/users/VNOPE1')).toMatchObject({ status: 404, body: { id: 'MUD001', detail: 'No user with value ID VNOPE1', errorCode: 404 } });
  });
});

describe('the state endpoints are the admin API: guarded, never journaled', () => {
  it.each(['/__admin/users', '/__admin/users/VB60VS', '/__admin/promos', '/__admin/requests/1'])('%s: a foreign Origin gets 403; without the token 401; with it 200 or 404', (path) => {
    const fake = fakeAt('2025-01-01T00:00:00Z', { adminToken: 'tok-123' });
    expect(get(fake, path, { origin: 'https://evil.example', 'x-myvalue-admin-token': 'tok-123' }).status).toBe(403);
    expect(get(fake, path).body).toMatchObject({ id: 'ErrAdminToken' });
    expect([200, 404]).toContain(get(fake, path, { 'x-myvalue-admin-token': 'tok-123' }).status);
    expect(fake.journal.count()).toBe(0);
  });
});
