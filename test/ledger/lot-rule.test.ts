// Which mutations bring points in as a lot is one table (CREATES_LOT, mocks/domain/lots.ts), read by the
// live ledger, the seed and the replay of a history. A copy of the rule written again in one of them, and
// drifting, shows here: a mutation seeded at a time shows the expiredDate the same mutation booked live
// then shows, and the lots the live ledger keeps are the lots a replay of its history gives.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, loadSeed, type Fake } from '../../mocks/create-fake';
import { CREATES_LOT, lotTime, replayLots, type ReplayedMutation } from '../../mocks/domain/lots';
import { MUTATION_TYPES } from '../../mocks/domain/records';
import type { Seed, SeedMutation } from '../../mocks/store/seed-types';
import { seedClient, signedRequest, wholeHistoryInCore } from './signed';

const POS = seedClient('GramediaPOS');
const OUTLET = 'MVAPP00001';
const AT = '2025-03-10T03:00:00Z';
const LIVE = 'VLOT01';
const SEEDED = 'VLOT02';

/** The shipped seed plus two users: LIVE with no history, SEEDED with `history`; on a clock standing at AT. */
function fakeWith(history: SeedMutation[] = []): Fake {
  const shipped = loadSeed();
  const users = [...shipped.users, { valueID: LIVE, firstName: 'Eka', email: 'eka.lots@example.test' }, { valueID: SEEDED, firstName: 'Dwi', email: 'dwi.lots@example.test', history }];
  return createFakeMyValue({ seed: { ...shipped, users } as Seed, clock: { now: () => new Date(0) }, startAt: AT });
}

let refs = 0;
function ok(fake: Fake, rule: string, fields: Record<string, unknown>): void {
  const res = fake.handle(signedRequest(rule, POS, { ...fields, outletID: OUTLET, valueID: LIVE }));
  expect(res.status, `${rule}: ${JSON.stringify(res.body)}`).toBe(200);
}
/** One mutation of each type a partner books, on LIVE: an earn, a redeem, a part of each given back. */
function bookEachType(fake: Fake): void {
  const earn = `LOT-E${++refs}`;
  const spend = `LOT-R${++refs}`;
  ok(fake, 'point.earn', { amount: 100, referenceNo: earn, exchangeRate: 1 });
  ok(fake, 'point.redeem', { amount: 30, referenceNo: spend });
  ok(fake, 'point.adjustment', { amount: 10, referenceNo: `LOT-C${++refs}`, exchangeRate: 0, adjustedReferenceNo: spend, adjustmentType: 'CANCEL_REDEEM' });
  ok(fake, 'point.adjustment', { amount: 20, referenceNo: `LOT-T${++refs}`, exchangeRate: 0, adjustedReferenceNo: earn, adjustmentType: 'RETURN_EARN' });
}

const expiredDates = (fake: Fake, valueID: string): Map<string, string> =>
  new Map(wholeHistoryInCore((r) => fake.handle(r), POS, valueID).entries.map((e) => [e.mutationTypeName, e.expiredDate]));

/** The live lots holding points, and those a replay of the whole history (seeded at AT) gives. */
function liveAndReplayed(fake: Fake): { live: unknown[]; replayed: unknown[] } {
  const db = fake.deps.store.db;
  const live = db.prepare('SELECT sno, user_id AS userId, remaining, expires_at AS expiresAt FROM point_lots WHERE remaining > 0 ORDER BY sno').all();
  const history = db.prepare('SELECT sno, user_id AS userId, type, point, adjusted_sno AS adjustedSno, expired_at AS expiredAt FROM mutations ORDER BY sno').all() as ReplayedMutation[];
  const replayed = replayLots(history, lotTime(new Date(AT))).filter((lot) => lot.remaining > 0).sort((a, b) => a.sno - b.sno);
  return { live, replayed };
}

describe('which mutations create a lot: one table for the live ledger, the seed and the replay', () => {
  it('the table names every mutation type, and an earn and a cancelled redeem are the ones that create a lot', () => {
    expect(Object.keys(CREATES_LOT).sort()).toEqual([...MUTATION_TYPES].sort());
    expect(MUTATION_TYPES.filter((type) => CREATES_LOT[type])).toEqual(['EARNING', 'CANCEL_REDEEM']);
  });

  it('a mutation seeded at a time shows the expiredDate the same mutation booked live then shows, for every type', () => {
    const seeded: SeedMutation[] = [
      { referenceNo: 'SEED-LOT-E', type: 'EARNING', point: 100, amount: 100, outletID: OUTLET, clientID: POS.clientId, createdAt: AT },
      { referenceNo: 'SEED-LOT-R', type: 'REDEEM', point: -30, amount: 30, outletID: OUTLET, clientID: POS.clientId, createdAt: AT },
      { referenceNo: 'SEED-LOT-C', type: 'CANCEL_REDEEM', point: 10, amount: 10, outletID: OUTLET, clientID: POS.clientId, createdAt: AT },
      { referenceNo: 'SEED-LOT-T', type: 'RETURN_EARN', point: -20, amount: 20, outletID: OUTLET, clientID: POS.clientId, createdAt: AT },
    ];
    const fake = fakeWith(seeded);
    bookEachType(fake);
    const live = expiredDates(fake, LIVE);
    expect([...live.keys()].sort()).toEqual(seeded.map((m) => m.type).sort());
    expect(expiredDates(fake, SEEDED)).toEqual(live);
    // What the table says, seen from outside: the earn and the cancel expire at the end of the month plus 24.
    expect(live.get('EARNING')).toBe('2027-03-31T17:00:00Z');
    expect(live.get('CANCEL_REDEEM')).toBe('2027-03-31T17:00:00Z');
    expect(live.get('REDEEM')).toBe('');
    fake.close();
  });

  it('the lots the live ledger keeps are the lots a replay of its history gives, before and after expiries and spends', () => {
    const fake = fakeWith();
    bookEachType(fake);
    expect(liveAndReplayed(fake).live.length).toBeGreaterThan(0);
    fake.clock.set('2027-04-01T00:00:00Z');
    bookEachType(fake);
    ok(fake, 'point.redeem', { amount: 50, referenceNo: `LOT-R${++refs}` });
    const { live, replayed } = liveAndReplayed(fake);
    expect(replayed).toEqual(live);
    fake.close();
  });
});
