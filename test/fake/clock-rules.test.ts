// Every time-based rule reads the fake's clock: a promo's sale ends at its end date, a voucher can be
// redeemed until its redeemTo, codes and tokens die at their lifetimes. Moved with fake.clock, each
// flips at its boundary (a second before: still; at it or after: no more).
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { signedRequest, seedClient } from '../ledger/signed';
import { COLLECTION_REDIRECT_URI } from '../../src/shared/hosts';

const POS = seedClient('GramediaPOS');
const frozen = { now: () => new Date(0) };

describe('the rules on the fake\'s clock', () => {
  it('a promo is on sale until its end date, then isExpired and no more purchases', () => {
    // Promo 13064 sells until 2030-12-31T23:59:59+07:00.
    const fake = createFakeMyValue({ clock: frozen, startAt: '2030-12-31T16:59:58Z' });
    const detail = () => fake.handle(signedRequest('promo.get', POS, { ID: 13064, valueID: 'VR8EPN' })).body as { isExpired: boolean };
    expect(detail().isExpired).toBe(false);
    expect(fake.handle(signedRequest('promo.buy', POS, { id: 13064, valueID: 'VR8EPN' })).status).toBe(200);
    fake.clock.advance('2s');
    expect(detail().isExpired).toBe(true);
    const late = fake.handle(signedRequest('promo.buy', POS, { id: 13064, valueID: 'VR8EPN' }));
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ id: 'ErrPromoExpired' });
  });

  it('a voucher can be redeemed until its redeemTo', () => {
    const fake = createFakeMyValue({ clock: frozen, startAt: '2026-01-10T00:00:00Z' });
    const bought = fake.handle(signedRequest('promo.buy', POS, { id: 13064, valueID: 'VR8EPN' })).body as { id: number; redeemTo: string };
    const voucher = () => fake.handle(signedRequest('voucher.get', POS, { ID: bought.id, valueID: 'VR8EPN' })).body as { isCanRedeem: boolean; redeemTo: string };
    const redeemTo = voucher().redeemTo;
    fake.clock.set(redeemTo);
    expect(voucher().isCanRedeem).toBe(true);
    fake.clock.advance('1s');
    expect(voucher().isCanRedeem).toBe(false);
  });

  it('an authorization code and an access token die at their lifetimes on the clock', () => {
    const fake = createFakeMyValue({ clock: frozen, startAt: '2026-01-10T00:00:00Z', settings: { codeTtlSeconds: 60, accessTokenTtlSeconds: 3600 } });
    const json = (path: string, body: unknown) => fake.handle({ method: 'POST', path, query: {}, headers: { 'content-type': 'application/json' }, rawBody: JSON.stringify(body), origin: 'http://127.0.0.1' });
    const code = () => (json('/__admin/authorize', { client_id: POS.clientId, user_id: `bu-${Math.random()}`, redirect_uri: COLLECTION_REDIRECT_URI, full_name: 'Eka', email: 'eka.clock@example.test', value_id: 'VR8EPN' }).body as { code: string }).code;
    const exchange = (c: string) => json('/auth/token/', { grant_type: 'authorization_code', client_id: POS.clientId, client_secret: POS.clientSecret, code: c, redirect_uri: COLLECTION_REDIRECT_URI });
    const late = code();
    fake.clock.advance('60s');
    expect(exchange(late).body).toMatchObject({ id: 'SAT001' });
    const tokens = exchange(code()).body as { access_token: string };
    fake.clock.advance('3599s');
    expect(json('/auth/introspect/', { access_token: tokens.access_token }).status).toBe(200);
    fake.clock.advance('1s');
    expect(json('/auth/introspect/', { access_token: tokens.access_token }).body).toMatchObject({ id: 'SAT003' });
  });
});
