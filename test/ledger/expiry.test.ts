// Points expire on the fake's clock: at the end of the month of earning plus 24 months, midnight WIB.
// At the boundary (a millisecond before and after), across leap years and WIB month ends, FIFO over
// several earns, returns and cancels after an expiry, a redeem at the last millisecond, the admin API
// and fake.clock, and the seed's own earns. Each test has its own fake on a clock that stands still
// unless moved.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, loadSeed, type Fake } from '../../mocks/create-fake';
import { ClockError, createVirtualClock } from '../../mocks/domain/virtual-clock';
import { redeem as redeemRule } from '../../mocks/domain/ledger';
import type { Seed } from '../../mocks/store/seed-types';
import { seedClient, signedRequest, wholeHistoryInCore, postRequest } from './signed';

const POS = seedClient('GramediaPOS');
const USER = 'VEXP01';
const OUTLET = 'MVAPP00001';

/** The shipped seed plus a user with no history, on a clock standing at `start` (moved only by the test). */
function fakeAt(start: string): Fake {
  const shipped = loadSeed();
  const seed: Seed = { ...shipped, users: [...shipped.users, { valueID: USER, firstName: 'Eka', email: 'eka.expiry@example.test' }] as Seed['users'] };
  return createFakeMyValue({ seed, clock: { now: () => new Date(0) }, startAt: start });
}

let refs = 0;
function earn(fake: Fake, points: number): string {
  const referenceNo = `EXP-E${++refs}`;
  // MVAPP00001 gives 1 point per Rp 10,000 at exchangeRate 0: exchangeRate 1 gives one point per rupiah.
  const res = fake.handle(signedRequest('point.earn', POS, { amount: points, referenceNo, exchangeRate: 1, outletID: OUTLET, valueID: USER }));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return referenceNo;
}

function redeem(fake: Fake, points: number): { status: number; body: unknown; referenceNo: string } {
  const referenceNo = `EXP-R${++refs}`;
  const res = fake.handle(signedRequest('point.redeem', POS, { amount: points, referenceNo, outletID: OUTLET, valueID: USER }));
  return { status: res.status, body: res.body, referenceNo };
}

function adjust(fake: Fake, type: 'RETURN_EARN' | 'CANCEL_REDEEM', of: string, amount: number): { status: number; body: Record<string, unknown> } {
  const res = fake.handle(signedRequest('point.adjustment', POS, { amount, referenceNo: `EXP-A${++refs}`, exchangeRate: 0, outletID: OUTLET, adjustedReferenceNo: of, adjustmentType: type, valueID: USER }));
  return { status: res.status, body: res.body as Record<string, unknown> };
}

const balance = (fake: Fake): number => (fake.handle(signedRequest('point.get', POS, { valueID: USER })).body as { point: number }).point;
const history = (fake: Fake) => wholeHistoryInCore((r) => fake.handle(r), POS, USER).entries;

describe('points expire at the end of the month of earning plus 24 months, midnight WIB', () => {
  it('a millisecond before: still there; at midnight WIB: gone, with an EXPIRED entry dated then, and isExpired on the earn', () => {
    const fake = fakeAt('2022-10-04T12:10:48Z');
    const ref = earn(fake, 160);
    expect(history(fake)[0]).toMatchObject({ referenceNo: ref, expiredDate: '2024-10-31T17:00:00Z', isExpired: false });
    fake.clock.set('2024-10-31T16:59:59.999Z');
    expect(balance(fake)).toBe(160);
    expect(history(fake).map((e) => e.mutationTypeName)).toEqual(['EARNING']);
    fake.clock.advance(1);
    expect(balance(fake)).toBe(0);
    const [expired, earned] = history(fake);
    expect(expired).toMatchObject({ mutationTypeName: 'EXPIRED', point: -160, createdDate: '2024-10-31T17:00:00Z', expiredDate: '' });
    expect(earned).toMatchObject({ referenceNo: ref, isExpired: true });
  });

  it.each([
    ['the last second of a leap day, WIB', '2024-02-29T16:59:59Z', '2026-02-28T17:00:00Z'],
    ['midnight WIB after a leap day (March in WIB, still February in UTC)', '2024-02-29T17:00:00Z', '2026-03-31T17:00:00Z'],
    ['the last second of December, WIB', '2023-12-31T16:59:59Z', '2025-12-31T17:00:00Z'],
    ['New Year in WIB (still December in UTC)', '2023-12-31T17:00:00Z', '2026-01-31T17:00:00Z'],
  ])('earned on %s: expires %s', (_name, at, expiry) => {
    const fake = fakeAt(at);
    earn(fake, 10);
    expect(history(fake)[0]?.expiredDate).toBe(expiry);
    fake.clock.set(new Date(Date.parse(expiry) - 1));
    expect(balance(fake)).toBe(10);
    fake.clock.advance('1ms');
    expect(balance(fake)).toBe(0);
  });

  it('redeems take the points that expire first (FIFO across several earns); each earn expires only what is left of it', () => {
    const fake = fakeAt('2023-01-10T03:00:00Z');
    earn(fake, 100); // expires 2025-01-31T17:00:00Z
    fake.clock.set('2023-03-10T03:00:00Z');
    earn(fake, 50); // expires 2025-03-31T17:00:00Z
    fake.clock.set('2023-04-10T03:00:00Z');
    expect(redeem(fake, 120).status).toBe(200); // 100 from the first earn, 20 from the second
    fake.clock.set('2025-01-31T17:00:00Z');
    expect(balance(fake)).toBe(30);
    expect(history(fake).filter((e) => e.mutationTypeName === 'EXPIRED')).toEqual([]);
    fake.clock.set('2025-03-31T17:00:00Z');
    expect(balance(fake)).toBe(0);
    expect(history(fake).filter((e) => e.mutationTypeName === 'EXPIRED').map((e) => e.point)).toEqual([-30]);
  });

  it('earns of one month expire together, and a spend takes from the earlier one first: what expires is the later one\'s', () => {
    const fake = fakeAt('2023-01-10T03:00:00Z');
    const earlier = earn(fake, 100);
    const later = earn(fake, 100); // the same expiry, 2025-01-31T17:00:00Z
    expect(redeem(fake, 100).status).toBe(200); // all from the earlier earn
    fake.clock.set('2025-02-01T00:00:00Z');
    expect(history(fake).filter((e) => e.mutationTypeName === 'EXPIRED').map((e) => e.point)).toEqual([-100]);
    earn(fake, 200);
    // A return takes back the earn's points less what of it expired: none of the earlier, all of the later.
    expect(adjust(fake, 'RETURN_EARN', later, 100)).toEqual({ status: 200, body: { Point: 0 } });
    expect(adjust(fake, 'RETURN_EARN', earlier, 100)).toEqual({ status: 200, body: { Point: -100 } });
    expect(balance(fake)).toBe(100);
  });

  it('a redeem at the last millisecond spends the expiring points; at midnight WIB it is refused, nothing spent', () => {
    const fake = fakeAt('2022-10-04T12:10:48Z');
    earn(fake, 100);
    fake.clock.set('2024-10-31T16:59:59.999Z');
    expect(redeem(fake, 60).status).toBe(200);
    fake.clock.advance(1);
    const late = redeem(fake, 40);
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ id: 'ErrInsufficientPoint' });
    expect(balance(fake)).toBe(0);
    expect(history(fake).find((e) => e.mutationTypeName === 'EXPIRED')?.point).toBe(-40);
  });

  it('a RETURN_EARN after part of the earn expired takes back only what is left of it (from the other points)', () => {
    const fake = fakeAt('2022-10-04T12:10:48Z');
    const first = earn(fake, 100);
    expect(redeem(fake, 30).status).toBe(200);
    fake.clock.set('2024-11-05T00:00:00Z'); // the first earn's 70 left expired on 2024-10-31T17:00:00Z
    earn(fake, 50);
    expect(balance(fake)).toBe(50);
    // The whole earn is returned: 100 points by proportion, but 70 of them expired already.
    const returned = adjust(fake, 'RETURN_EARN', first, 100);
    expect(returned).toEqual({ status: 200, body: { Point: -30 } });
    expect(balance(fake)).toBe(20);
  });

  it('a RETURN_EARN of an earn that expired whole takes back nothing', () => {
    const fake = fakeAt('2022-10-04T12:10:48Z');
    const first = earn(fake, 100);
    fake.clock.set('2024-11-01T00:00:00Z');
    expect(adjust(fake, 'RETURN_EARN', first, 100)).toEqual({ status: 200, body: { Point: 0 } });
    expect(balance(fake)).toBe(0);
  });

  it('a CANCEL_REDEEM\'s points come back expiring as if earned at the cancel, also when the earn they were paid from has expired', () => {
    const fake = fakeAt('2022-10-04T12:10:48Z');
    earn(fake, 100);
    const spent = redeem(fake, 40).referenceNo;
    fake.clock.set('2024-11-05T00:00:00Z');
    expect(balance(fake)).toBe(0);
    expect(adjust(fake, 'CANCEL_REDEEM', spent, 40)).toEqual({ status: 200, body: { Point: 40 } });
    expect(balance(fake)).toBe(40);
    expect(history(fake)[0]).toMatchObject({ mutationTypeName: 'CANCEL_REDEEM', point: 40, expiredDate: '2026-11-30T17:00:00Z', isExpired: false });
    // Cancelled in November 2024 (WIB): the points given back expire at the end of November 2026.
    fake.clock.set('2026-11-30T16:59:59Z');
    expect(balance(fake)).toBe(40);
    fake.clock.advance('1s');
    expect(balance(fake)).toBe(0);
  });

  it('an earn returned after it was spent, then the spend cancelled: the earn never loses more than it gave', () => {
    // The case the property test found: earn 1, spend it, return the earn (taken from other points),
    // cancel the spend; when the earn's time comes, nothing more of it expires.
    const fake = fakeAt('2025-06-04T12:10:48Z');
    earn(fake, 50);
    const one = earn(fake, 1);
    const spent = redeem(fake, 1).referenceNo;
    expect(adjust(fake, 'RETURN_EARN', one, 1).body).toEqual({ Point: -1 });
    expect(adjust(fake, 'CANCEL_REDEEM', spent, 1).body).toEqual({ Point: 1 });
    expect(balance(fake)).toBe(50);
    fake.clock.set('2027-06-30T17:00:00Z');
    // The 49 left of the first earn and the 1 the cancel gave back (a lot of its own) expire; the returned earn expires nothing.
    expect(history(fake).filter((e) => e.mutationTypeName === 'EXPIRED').map((e) => e.point).sort()).toEqual([-1, -49]);
    expect(balance(fake)).toBe(0);
    const taken = fake.deps.store.db.prepare("SELECT -SUM(a.point) FROM mutations e JOIN mutations a ON a.adjusted_sno = e.sno WHERE e.reference_no = ?").pluck().get(one);
    expect(taken).toBe(1);
  });
});

describe('the clock', () => {
  const admin = (fake: Fake, method: 'GET' | 'POST', body?: unknown) => fake.handle(method === 'GET'
    ? { method, path: '/__admin/clock', query: {}, headers: {}, origin: 'http://127.0.0.1' }
    : { ...postRequest('/__admin/clock', JSON.stringify(body)), origin: 'http://127.0.0.1' });

  it('GET /__admin/clock gives now and the next expiry; POST sets or advances it and books the expiries it passes', () => {
    // After the seed's own earns expired (they never will: they are the balance the seed gives).
    const fake = fakeAt('2025-06-04T12:10:48Z');
    earn(fake, 5);
    expect(admin(fake, 'GET')).toMatchObject({ status: 200, body: { now: '2025-06-04T12:10:48.000Z', nextExpiry: '2027-06-30T17:00:00Z' } });
    expect(admin(fake, 'POST', { advance: 'P1M' }).body).toEqual({ now: '2025-07-04T12:10:48.000Z', nextExpiry: '2027-06-30T17:00:00Z', movedMs: 30 * 86_400_000, expiredLots: 0 });
    expect(admin(fake, 'POST', { now: '2027-07-01T00:00:00+07:00' }).body).toMatchObject({ now: '2027-06-30T17:00:00.000Z', nextExpiry: null, expiredLots: 1 });
    expect(balance(fake)).toBe(0);
    expect(admin(fake, 'POST', { advance: 86_400_000 }).body).toMatchObject({ now: '2027-07-01T17:00:00.000Z', movedMs: 86_400_000 });
    expect(admin(fake, 'POST', { advance: '30d' }).body).toMatchObject({ now: '2027-07-31T17:00:00.000Z' });
  });

  it.each([
    [{ now: '2020-01-01T00:00:00Z' }, /never moves back/],
    [{ now: '2030-01-01' }, /ISO 8601 instant with its zone/],
    [{ now: 'tomorrow' }, /ISO 8601 instant with its zone/],
    [{ advance: '-P1D' }, /must not be negative/],
    [{ advance: 'P1X' }, /ISO 8601 duration/],
    [{ advance: -5 }, /whole number of milliseconds/],
    [{ advance: 1.5 }, /whole number of milliseconds/],
    [{ advance: true }, /duration string/],
    [{ now: '2030-01-01T00:00:00Z', advance: '1d' }, /exactly one/],
    [{}, /exactly one/],
    [{ when: 'now' }, /unknown field when/],
  ])('POST /__admin/clock %j: 400 ErrValidation, the clock unmoved', (body, detail) => {
    const fake = fakeAt('2025-01-01T00:00:00Z');
    const res = admin(fake, 'POST', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ id: 'ErrValidation', detail: expect.stringMatching(detail) });
    expect(fake.clock.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('fake.clock in code: set and advance give the new time; a bad move throws ClockError in one line', () => {
    const fake = fakeAt('2025-01-31T10:00:00Z');
    // A month on the WIB calendar from January 31st is the last day of February.
    expect(fake.clock.advance('P1M').toISOString()).toBe('2025-02-28T10:00:00.000Z');
    expect(fake.clock.set('2025-03-01T00:00:00Z').toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(() => fake.clock.set('2025-02-01T00:00:00Z')).toThrow(ClockError);
    expect(() => fake.clock.advance('soon')).toThrow(/advance must be an ISO 8601 duration/);
  });

  it('a bad start is a configuration error, said in one line', () => {
    expect(() => createFakeMyValue({ startAt: 'yesterday' })).toThrow("the clock's start must be an ISO 8601 instant with its zone (2022-11-01T00:00:00+07:00), got \"yesterday\"");
  });

  it('reset keeps the clock where it is', () => {
    const fake = fakeAt('2025-01-01T00:00:00Z');
    fake.clock.advance('P1Y');
    fake.reset();
    expect(fake.clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  /** The EXPIRED entries of the test's user, read straight from the store: no request books anything first. */
  const expiredInStore = (fake: Fake): unknown[] => fake.deps.store.db.prepare("SELECT point, created_at AS createdAt FROM mutations WHERE value_id = ? AND type = 'EXPIRED'").all(USER);
  const EXPIRY = '2024-10-31T17:00:00Z';

  // Every way of moving the clock books the expiries it passes at once, the same way (mocks/core/expiries.ts).
  it.each<[string, (fake: Fake) => number | undefined]>([
    ['POST /__admin/clock {"now"}', (fake) => (admin(fake, 'POST', { now: EXPIRY }).body as { expiredLots: number }).expiredLots],
    ['POST /__admin/clock {"advance"}', (fake) => (admin(fake, 'POST', { advance: Date.parse(EXPIRY) - fake.clock.now().getTime() }).body as { expiredLots: number }).expiredLots],
    ['fake.clock.set', (fake) => void fake.clock.set(EXPIRY)],
    ['fake.clock.advance', (fake) => void fake.clock.advance(Date.parse(EXPIRY) - fake.clock.now().getTime())],
  ])('%s books the expiries the move passes at once, before any request', (_door, move) => {
    const fake = fakeAt('2022-10-04T12:10:48Z');
    earn(fake, 100);
    const reported = move(fake);
    expect(fake.clock.now().toISOString()).toBe('2024-10-31T17:00:00.000Z');
    expect(expiredInStore(fake)).toEqual([{ point: -100, createdAt: EXPIRY }]);
    const next = fake.deps.store.ledger.nextExpiry();
    expect(next === undefined || next > EXPIRY, `nothing due left unbooked (next expiry ${next})`).toBe(true);
    if (reported !== undefined) expect(reported).toBe(fake.deps.store.db.prepare("SELECT COUNT(*) FROM mutations WHERE type = 'EXPIRED'").pluck().get());
    fake.close();
  });

  it('a closed fake\'s clock still moves in code, with nothing left to book', () => {
    const fake = fakeAt('2022-10-04T12:10:48Z');
    earn(fake, 100);
    fake.close();
    expect(fake.clock.set(EXPIRY).toISOString()).toBe('2024-10-31T17:00:00.000Z');
    expect(fake.clock.advance('1d').toISOString()).toBe('2024-11-01T17:00:00.000Z');
  });

  it.each([
    ['a request to MyValue\'s routes', (fake: Fake) => fake.handle(signedRequest('point.get', POS, { valueID: 'VR8EPN' }))],
    ['a request to the admin API', (fake: Fake) => fake.handle({ method: 'GET', path: '/__admin/health', query: {}, headers: {}, origin: 'http://127.0.0.1' })],
  ])('a clock moved under the fake (the one given to it, moved directly): %s books what is due before it runs', (_what, request) => {
    const clock = createVirtualClock({ now: () => new Date(0) }, new Date('2022-10-04T12:10:48Z'));
    const shipped = loadSeed();
    const seed: Seed = { ...shipped, users: [...shipped.users, { valueID: USER, firstName: 'Eka', email: 'eka.expiry@example.test' }] as Seed['users'] };
    const fake = createFakeMyValue({ seed, clock });
    earn(fake, 100);
    clock.set(EXPIRY);
    expect(expiredInStore(fake)).toEqual([]);
    request(fake);
    expect(expiredInStore(fake)).toEqual([{ point: -100, createdAt: EXPIRY }]);
    fake.close();
  });
});

describe('the seed\'s own earns', () => {
  const seeded = (fake: Fake, valueID: string): number => (fake.handle(signedRequest('point.get', POS, { valueID })).body as { point: number }).point;

  it('started before their expiry (--clock in the docs\' time), they expire when the clock passes it', () => {
    const fake = createFakeMyValue({ clock: { now: () => new Date(0) }, startAt: '2022-12-10T00:00:00Z' });
    const before = seeded(fake, 'VB60VS');
    fake.clock.set('2024-10-31T17:00:00Z'); // the October 2022 earns of the docs' example
    const after = seeded(fake, 'VB60VS');
    expect(after).toBeLessThan(before);
    const expired = wholeHistoryInCore((r) => fake.handle(r), POS, 'VB60VS').entries.filter((e) => e.mutationTypeName === 'EXPIRED');
    expect(expired.reduce((sum, e) => sum + e.point, 0)).toBe(after - before);
  });

  it('already past their expiry when the fake starts, they are the balance the seed gives and never expire', () => {
    const fake = createFakeMyValue({ clock: { now: () => new Date(0) }, startAt: '2026-12-01T00:00:00Z' });
    const before = seeded(fake, 'VB60VS');
    expect(before).toBeGreaterThan(0);
    fake.clock.advance('P10Y');
    expect(seeded(fake, 'VB60VS')).toBe(before);
  });
});

describe('a request read at an expiry\'s boundary', () => {
  it('a redeem at a time past an expiry not booked yet sees the balance without it: refused, never a 500', () => {
    // The core books due expiries before each request; a handler reading the clock a moment later, past a
    // second's boundary, finds one still unbooked. The rule books it before it checks the balance.
    const fake = fakeAt('2022-10-04T12:10:48Z');
    earn(fake, 100);
    fake.clock.set('2024-10-31T16:59:59.999Z');
    const ledger = fake.deps.store.ledger;
    const result = fake.deps.store.tx(() => redeemRule(ledger, { valueId: USER, outletId: OUTLET, clientId: POS.clientId, referenceNo: 'EXP-EDGE', amount: 100, now: new Date('2024-10-31T17:00:00.000Z') }));
    expect(result).toMatchObject({ ok: false, reason: 'insufficient-points', balance: 0 });
    expect(history(fake).map((e) => e.mutationTypeName)).toEqual(['EXPIRED', 'EARNING']);
  });

  it('one instant per request: on a clock that moves a second at every reading, a history shows an earn expired exactly when it shows its EXPIRED entry', () => {
    // The earn expires at 2024-10-31T17:00:00Z. Requests start at a few seconds either side of it, on a
    // clock that is a second later each time anything reads it: whatever a request reads, it must see one time.
    for (const offset of [-3000, -2000, -1000, 0, 1000]) {
      const shipped = loadSeed();
      const seed: Seed = { ...shipped, users: [...shipped.users, { valueID: USER, firstName: 'Eka', email: 'eka.expiry@example.test' }] as Seed['users'] };
      let ms = Date.parse('2022-10-04T12:10:48Z');
      const fake = createFakeMyValue({ seed, clock: { now: () => new Date(ms) } });
      earn(fake, 100);
      ms = Date.parse('2024-10-31T17:00:00Z') + offset;
      const ticking = { now: () => new Date((ms += 1000)) };
      Object.assign(fake.deps.clock, createVirtualClock(ticking));
      const page = fake.handle(signedRequest('point.history', POS, { valueID: USER, page: 1, limit: 10 })).body as { results: Array<{ mutationTypeName: string; isExpired: boolean }> };
      const expiredEntry = page.results.some((e) => e.mutationTypeName === 'EXPIRED');
      const earnShownExpired = page.results.find((e) => e.mutationTypeName === 'EARNING')?.isExpired;
      expect(earnShownExpired, `offset ${offset}`).toBe(expiredEntry);
    }
  });
});
