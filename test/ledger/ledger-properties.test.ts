// Ledger invariants under random sequences of operations, driven through the core with signed
// requests and moves of the fake's clock: balance = sum of history = points left in the live lots, which
// are the lots a replay of the history gives; never negative, refusals change nothing, a referenceNo is
// applied at most once per client, an accepted change moves the balance by what it reported, and a clock
// move only expires points.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, loadSeed, type Fake, type FakeRequest, type FakeResponse } from '../../mocks/create-fake';
import { lotTime, replayLots, type ReplayedMutation } from '../../mocks/domain/lots';
import { postRequest, seedClient, signedFields, signedRequest, wholeHistoryInCore, type Credentials } from './signed';

const SEED = loadSeed();
const CLIENTS: readonly Credentials[] = [seedClient('GramediaPOS'), seedClient('KompasCom')];
const USERS = ['VR8EPN', 'VB60VS', 'VS4NTK', 'NOSUCH'] as const;
const KNOWN_USERS = USERS.slice(0, 3);
const OUTLETS = ['MVAPP00001', '10000', '10106', 'NOPE0000'] as const;
const PROMOS = [13063, 13064, 13065, 13066, 13067, 99999] as const;

/** Which referenceNo an operation sends: a fresh one, or one accepted earlier (by any client). */
type RefPick = { reuse: number | null };
/**
 * Which earlier referenceNo an adjustment names: one this client accepted for this user with the
 * right type ('match'), any accepted one ('any', mostly the wrong one), or one never used.
 */
type TargetPick = { mode: 'match' | 'any' | 'unknown'; index: number; amount: number | 'rest' };

type Op =
  | { kind: 'earn'; client: number; user: number; outlet: number; amount: number; exchangeRate: number; ref: RefPick }
  | { kind: 'redeem'; client: number; user: number; outlet: number; amount: number; ref: RefPick }
  | { kind: 'CANCEL_REDEEM' | 'RETURN_EARN'; client: number; user: number; target: TargetPick; ref: RefPick }
  | { kind: 'buy'; client: number; user: number; promo: number }
  | { kind: 'bad'; client: number; user: number; endpoint: BadEndpoint; variant: BadVariant }
  | { kind: 'clock'; by: string };

const BAD_ENDPOINTS = ['point.earn', 'point.redeem', 'point.adjustment', 'promo.buy'] as const;
type BadEndpoint = (typeof BAD_ENDPOINTS)[number];

/** Bad input and the error a partner gets for it. */
const BAD_VARIANTS = {
  malformedJson: { status: 400, id: 'ErrMalformedJSON' },
  jsonArray: { status: 400, id: 'ErrMalformedJSON' },
  wrongSign: { status: 401, id: 'ErrAuthorizationInvalidSign' },
  noSign: { status: 401, id: 'ErrAuthorizationInvalidSign' },
  unknownClient: { status: 400, id: 'InvalidClient' },
  amountText: { status: 400, id: 'ErrValidation' },
  amountFraction: { status: 400, id: 'ErrValidation' },
  amountZero: { status: 400, id: 'ErrValidation' },
  amountNegative: { status: 400, id: 'ErrValidation' },
  missingValueId: { status: 400, id: 'ErrValidation' },
} as const;
type BadVariant = keyof typeof BAD_VARIANTS;

const clientArb = fc.integer({ min: 0, max: CLIENTS.length - 1 });
// Mostly known users; now and then one that does not exist.
const userArb = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 2 }), weight: 9 }, { arbitrary: fc.constant(3), weight: 1 });
const outletArb = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 2 }), weight: 9 }, { arbitrary: fc.constant(3), weight: 1 });
const refArb: fc.Arbitrary<RefPick> = fc.record({ reuse: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.nat(), weight: 1 }) });
const targetArb: fc.Arbitrary<TargetPick> = fc.record({
  mode: fc.constantFrom('match', 'match', 'match', 'any', 'unknown'),
  index: fc.nat(),
  amount: fc.oneof(fc.constant('rest' as const), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 300_000 })),
});

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('earn' as const), client: clientArb, user: userArb, outlet: outletArb, amount: fc.integer({ min: 1, max: 500_000 }), exchangeRate: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 })), ref: refArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('redeem' as const), client: clientArb, user: userArb, outlet: outletArb, amount: fc.oneof(fc.integer({ min: 1, max: 1_500 }), fc.integer({ min: 1, max: 50_000 })), ref: refArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('CANCEL_REDEEM' as const), client: clientArb, user: userArb, target: targetArb, ref: refArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('RETURN_EARN' as const), client: clientArb, user: userArb, target: targetArb, ref: refArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('buy' as const), client: clientArb, user: userArb, promo: fc.integer({ min: 0, max: PROMOS.length - 1 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('clock' as const), by: fc.constantFrom('1d', '30d', 'P1M', 'P6M', 'P1Y', 'P2Y', 'P25M', 'PT1S') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bad' as const), client: clientArb, user: userArb, endpoint: fc.constantFrom(...BAD_ENDPOINTS), variant: fc.constantFrom(...(Object.keys(BAD_VARIANTS) as BadVariant[])) }) },
);

/** What the model remembers of each accepted mutation that carried a referenceNo. */
interface Accepted {
  client: string;
  referenceNo: string;
  type: 'EARNING' | 'REDEEM' | 'CANCEL_REDEEM' | 'RETURN_EARN';
  valueId: string;
  amount: number;
  point: number;
}

/** Everything a request could change, read straight from SQLite. */
function snapshot(fake: Fake): unknown {
  const db = fake.deps.store.db;
  return {
    users: db.prepare('SELECT value_id, point FROM users ORDER BY value_id').all(),
    mutations: db.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(sno), 0) AS last, COALESCE(SUM(point), 0) AS total FROM mutations').get(),
    vouchers: db.prepare('SELECT COUNT(*) AS n FROM vouchers').get(),
    promos: db.prepare('SELECT id, sold FROM promos ORDER BY id').all(),
  };
}

function balances(fake: Fake): Map<string, number> {
  const rows = fake.deps.store.db.prepare('SELECT value_id, point FROM users').all() as Array<{ value_id: string; point: number }>;
  return new Map(rows.map((r) => [r.value_id, r.point]));
}

function mutationCount(fake: Fake): number {
  return (fake.deps.store.db.prepare('SELECT COUNT(*) AS n FROM mutations').get() as { n: number }).n;
}

/** Where the stepping clock starts: the seed is applied a few of its seconds later, with no expiry between. */
const CLOCK_START = '2025-06-01T03:00:00Z';

/** A clock that moves one second per reading, inside the seed promos' sale window. */
function steppingClock(): { now(): Date } {
  let t = Date.parse(CLOCK_START);
  return { now: () => new Date((t += 1000)) };
}

class Runner {
  readonly fake = createFakeMyValue({ seed: SEED, clock: steppingClock() });
  readonly accepted: Accepted[] = [];
  private fresh = 0;

  private pickRef(ref: RefPick): string {
    if (ref.reuse === null || this.accepted.length === 0) return `PROP-${++this.fresh}`;
    return (this.accepted[ref.reuse % this.accepted.length] as Accepted).referenceNo;
  }

  private used(client: string, referenceNo: string): boolean {
    return this.accepted.some((a) => a.client === client && a.referenceNo === referenceNo);
  }

  /** A clock move: balances only go down, by the EXPIRED entries it booked, and nothing else is written. */
  private move(by: string): void {
    const balanceBefore = balances(this.fake);
    const last = (this.fake.deps.store.db.prepare('SELECT COALESCE(MAX(sno), 0) FROM mutations').pluck().get() as number);
    this.fake.clock.advance(by);
    const booked = this.fake.deps.store.db.prepare('SELECT value_id AS valueId, type, point FROM mutations WHERE sno > ?').all(last) as Array<{ valueId: string; type: string; point: number }>;
    for (const row of booked) {
      expect(row.type, `after advancing ${by}`).toBe('EXPIRED');
      expect(row.point, `after advancing ${by}`).toBeLessThan(0);
    }
    for (const [user, point] of balances(this.fake)) {
      const expired = booked.filter((r) => r.valueId === user).reduce((sum, r) => sum + r.point, 0);
      expect(point, `${user} after advancing ${by}`).toBe((balanceBefore.get(user) ?? 0) + expired);
    }
  }

  /** Runs one operation and checks what it did (or, refused, that it did nothing). */
  step(op: Op): void {
    if (op.kind === 'clock') return this.move(op.by);
    let creds = CLIENTS[op.client] as Credentials;
    let valueID = USERS[op.user] as string;
    const before = snapshot(this.fake);
    const balanceBefore = balances(this.fake);
    const mutationsBefore = mutationCount(this.fake);
    let req: FakeRequest;
    let expectation: { status?: number; id?: string } = {};
    let record: Omit<Accepted, 'point'> | undefined;

    switch (op.kind) {
      case 'earn': {
        const referenceNo = this.pickRef(op.ref);
        const fields = { amount: op.amount, referenceNo, exchangeRate: op.exchangeRate, outletID: OUTLETS[op.outlet], valueID };
        req = signedRequest('point.earn', creds, fields);
        const wellFormed = op.user < 3 && op.outlet < 3;
        if (wellFormed) expectation = this.used(creds.clientId, referenceNo) ? { status: 400, id: 'ErrDuplicateReferenceNo' } : { status: 200 };
        record = { client: creds.clientId, referenceNo, type: 'EARNING', valueId: valueID, amount: op.amount };
        break;
      }
      case 'redeem': {
        const referenceNo = this.pickRef(op.ref);
        req = signedRequest('point.redeem', creds, { amount: op.amount, referenceNo, outletID: OUTLETS[op.outlet], valueID });
        if (op.user < 3 && op.outlet < 3) {
          if (this.used(creds.clientId, referenceNo)) expectation = { status: 400, id: 'ErrDuplicateReferenceNo' };
          else if ((balanceBefore.get(valueID) ?? 0) < op.amount) expectation = { status: 400, id: 'ErrInsufficientPoint' };
          else expectation = { status: 200 };
        }
        record = { client: creds.clientId, referenceNo, type: 'REDEEM', valueId: valueID, amount: op.amount };
        break;
      }
      case 'CANCEL_REDEEM':
      case 'RETURN_EARN': {
        const referenceNo = this.pickRef(op.ref);
        const wanted = op.kind === 'CANCEL_REDEEM' ? 'REDEEM' : 'EARNING';
        const pool = op.target.mode === 'unknown' ? [] : op.target.mode === 'any' ? this.accepted : this.accepted.filter((a) => a.type === wanted);
        const target = pool.length === 0 ? undefined : pool[op.target.index % pool.length];
        if (target && op.target.mode === 'match') {
          // Adjust it as its own client would: same client, same user.
          creds = CLIENTS.find((c) => c.clientId === target.client) as Credentials;
          valueID = target.valueId;
        }
        const adjustedReferenceNo = target?.referenceNo ?? 'NO-SUCH-REFERENCE';
        const amount = op.target.amount === 'rest' ? (target ? (op.kind === 'CANCEL_REDEEM' ? Math.max(1, -target.point) : Math.max(1, target.amount)) : 1) : op.target.amount;
        req = signedRequest('point.adjustment', creds, { amount, referenceNo, exchangeRate: 0, outletID: 'MVAPP00001', adjustedReferenceNo, adjustmentType: op.kind, valueID });
        if ((KNOWN_USERS as readonly string[]).includes(valueID)) {
          if (this.used(creds.clientId, referenceNo)) expectation = { status: 400, id: 'ErrDuplicateReferenceNo' };
          else {
            // The original is looked up by this client's referenceNo (another client may have used the same one).
            const original = this.accepted.find((a) => a.client === creds.clientId && a.referenceNo === adjustedReferenceNo);
            if (!original || original.type !== wanted || original.valueId !== valueID) expectation = { status: 400, id: 'ErrInvalidAdjustedRefCode' };
          }
        }
        record = { client: creds.clientId, referenceNo, type: op.kind, valueId: valueID, amount };
        break;
      }
      case 'buy': {
        req = signedRequest('promo.buy', creds, { id: PROMOS[op.promo], valueID });
        break;
      }
      case 'bad': {
        req = badRequest(op, creds, valueID, this.pickRef({ reuse: null }));
        expectation = BAD_VARIANTS[op.variant];
        break;
      }
    }

    const res = this.fake.handle(req);
    const body = res.body as Record<string, unknown>;
    const where = `${op.kind} ${JSON.stringify(op)} -> ${res.status} ${JSON.stringify(body)}`;
    expect(res.status, where).toBeLessThan(500);
    if (expectation.status !== undefined) expect(res.status, where).toBe(expectation.status);
    if (expectation.id !== undefined) expect(body.id, where).toBe(expectation.id);

    if (res.status !== 200) {
      // MyValue's error shape, and nothing changed anywhere.
      expect(Object.keys(body).sort(), where).toEqual(['detail', 'errorCode', 'id']);
      expect(body.errorCode, where).toBe(res.status);
      expect(snapshot(this.fake), where).toEqual(before);
      return;
    }

    // Accepted: one new mutation, only this user's balance moved, and by what the response said.
    const delta = op.kind === 'buy' ? -(body.pointUsed as number) : (body.Point as number);
    expect(Number.isInteger(delta), where).toBe(true);
    expect(mutationCount(this.fake), where).toBe(mutationsBefore + 1);
    const after = balances(this.fake);
    for (const [user, point] of after) {
      expect(point, `${user} after ${where}`).toBe((balanceBefore.get(user) ?? 0) + (user === valueID ? delta : 0));
      expect(point, `${user} after ${where}`).toBeGreaterThanOrEqual(0);
    }
    if (op.kind === 'redeem') expect(delta, where).toBe(-op.amount);
    if (op.kind === 'earn' || op.kind === 'CANCEL_REDEEM') expect(delta, where).toBeGreaterThanOrEqual(0);
    if (op.kind === 'RETURN_EARN') expect(delta, where).toBeLessThanOrEqual(0);
    if (record) this.accepted.push({ ...record, point: delta });
  }

  /** For every user: the balance the API reports equals the sum of the history it reports, and of the table. */
  checkUsers(): void {
    const db = this.fake.deps.store.db;
    for (const valueID of KNOWN_USERS) {
      const res = this.fake.handle(signedRequest('point.get', CLIENTS[0] as Credentials, { valueID }));
      expect(res.status).toBe(200);
      const balance = (res.body as { point: number }).point;
      const { entries, count } = wholeHistoryInCore((r) => this.fake.handle(r), CLIENTS[1] as Credentials, valueID);
      const table = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(point), 0) AS total FROM mutations WHERE value_id = ?').get(valueID) as { n: number; total: number };
      expect(balance, valueID).toBeGreaterThanOrEqual(0);
      expect(entries.length, `${valueID}: pages hold every entry`).toBe(count);
      expect(count, valueID).toBe(table.n);
      expect(new Set(entries.map((e) => e.pointMutationSNO)).size, `${valueID}: no entry on two pages`).toBe(count);
      expect(entries.reduce((sum, e) => sum + e.point, 0), `${valueID}: balance = sum of history`).toBe(balance);
      expect(table.total, valueID).toBe(balance);
    }
    // The balance is exactly the points left in lots not yet expired, and no lot's expiry is left unbooked.
    const now = this.fake.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const lots = db.prepare(`SELECT u.value_id AS valueId, u.point, COALESCE(SUM(l.remaining), 0) AS live FROM users u
      LEFT JOIN point_lots l ON l.user_id = u.id AND l.remaining > 0 AND (l.expires_at IS NULL OR l.expires_at > ?) GROUP BY u.id`).all(now) as Array<{ valueId: string; point: number; live: number }>;
    for (const row of lots) expect(row.live, `${row.valueId}: balance = points in live lots`).toBe(row.point);
    expect(db.prepare('SELECT COUNT(*) FROM point_lots WHERE remaining > 0 AND expires_at <= ?').pluck().get(now), 'expired lots left unbooked').toBe(0);
    // The lots the live ledger keeps are those a replay of its history gives (the seed's and an old --data file's way).
    const history = db.prepare('SELECT sno, user_id AS userId, type, point, adjusted_sno AS adjustedSno, expired_at AS expiredAt FROM mutations ORDER BY sno').all() as ReplayedMutation[];
    const replayed = replayLots(history, lotTime(new Date(CLOCK_START))).filter((lot) => lot.remaining > 0).sort((a, b) => a.sno - b.sno);
    expect(replayed, 'live lots = a replay of the history').toEqual(db.prepare('SELECT sno, user_id AS userId, remaining, expires_at AS expiresAt FROM point_lots WHERE remaining > 0 ORDER BY sno').all());
    // A referenceNo is applied at most once per client.
    const dupes = db.prepare('SELECT client_id, reference_no, COUNT(*) AS n FROM mutations GROUP BY client_id, reference_no HAVING n > 1').all();
    expect(dupes).toEqual([]);
    // Adjustments never give back more than was redeemed, nor take back more than was earned.
    const adjusted = db
      .prepare(`SELECT o.reference_no AS ref, o.type, o.point, SUM(a.point) AS adjusted FROM mutations o JOIN mutations a ON a.adjusted_sno = o.sno GROUP BY o.sno`)
      .all() as Array<{ ref: string; type: string; point: number; adjusted: number }>;
    for (const row of adjusted) {
      if (row.type === 'REDEEM') expect(row.adjusted, `cancelled of ${row.ref}`).toBeLessThanOrEqual(-row.point);
      else expect(-row.adjusted, `returned of ${row.ref}`).toBeLessThanOrEqual(row.point);
    }
  }
}

/** A request with one thing wrong; everything else right (fresh referenceNo, known outlet). */
function badRequest(op: Extract<Op, { kind: 'bad' }>, creds: Credentials, valueID: string, referenceNo: string): FakeRequest {
  const base: Record<BadEndpoint, Record<string, unknown>> = {
    'point.earn': { amount: 10_000, referenceNo, exchangeRate: 0, outletID: 'MVAPP00001', valueID },
    'point.redeem': { amount: 1, referenceNo, outletID: 'MVAPP00001', valueID },
    'point.adjustment': { amount: 1, referenceNo, exchangeRate: 0, outletID: 'MVAPP00001', adjustedReferenceNo: 'SEED-OPENING-VR8EPN', adjustmentType: 'RETURN_EARN', valueID },
    'promo.buy': { id: 13064, valueID },
  };
  const path = { 'point.earn': '/service/point/earn/', 'point.redeem': '/service/point/redeem/', 'point.adjustment': '/service/point/adjustment/', 'promo.buy': '/v1/service/promos/buy' }[op.endpoint];
  const fields = { ...base[op.endpoint] };
  const amountKey = op.endpoint === 'promo.buy' ? 'id' : 'amount';
  switch (op.variant) {
    case 'malformedJson':
      return postRequest(path, JSON.stringify(signedFields(op.endpoint, creds, fields)).slice(0, -3));
    case 'jsonArray':
      return postRequest(path, JSON.stringify([signedFields(op.endpoint, creds, fields)]));
    case 'wrongSign':
      return postRequest(path, { ...signedFields(op.endpoint, creds, fields), sign: 'f'.repeat(64) });
    case 'noSign': {
      const { sign: _sign, ...rest } = signedFields(op.endpoint, creds, fields);
      return postRequest(path, rest);
    }
    case 'unknownClient':
      return postRequest(path, signedFields(op.endpoint, { clientId: 'NoSuchPOS', clientSecret: 'made-up-secret' }, fields));
    case 'amountText':
      return postRequest(path, signedFields(op.endpoint, creds, { ...fields, [amountKey]: 'ten' }));
    case 'amountFraction':
      return postRequest(path, signedFields(op.endpoint, creds, { ...fields, [amountKey]: 1.5 }));
    case 'amountZero':
      return postRequest(path, signedFields(op.endpoint, creds, { ...fields, [amountKey]: 0 }));
    case 'amountNegative':
      return postRequest(path, signedFields(op.endpoint, creds, { ...fields, [amountKey]: -100 }));
    case 'missingValueId': {
      const { valueID: _v, ...rest } = fields;
      return postRequest(path, signedFields(op.endpoint, creds, rest));
    }
  }
}

describe('points ledger under random operations', () => {
  it('keeps balance = sum of history, never negative; refusals change nothing; a referenceNo applies once per client', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40, size: 'max' }), (ops) => {
        const runner = new Runner();
        try {
          for (const op of ops) runner.step(op);
          runner.checkUsers();
        } finally {
          runner.fake.close();
        }
      }),
      { numRuns: 80 },
    );
  });

  it('the seed itself satisfies the invariants', () => {
    const runner = new Runner();
    runner.checkUsers();
    runner.fake.close();
  });
});
