// Points are whole numbers computed exactly, also where a double would not be (past 2^53), and no
// balance goes past Number.MAX_SAFE_INTEGER: such an earn is refused and changes nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { DEFAULT_SEED_FILE } from '../../mocks/store/seed';
import type { Seed } from '../../mocks/store/seed-types';
import { coreRequest, signedWire } from '../helpers/signed-wire';
import { DEMO } from '../helpers/api';

const ORIGIN = 'http://127.0.0.1';
const shipped = (): Seed => JSON.parse(readFileSync(DEFAULT_SEED_FILE, 'utf8')) as Seed;
const call = (fake: Fake, rule: string, fields: Record<string, unknown>) => fake.handle(coreRequest(signedWire(rule, DEMO, fields), ORIGIN));
const balance = (fake: Fake, valueID: string): number => (call(fake, 'point.get', { valueID }).body as { point: number }).point;

describe('integer points', () => {
  it('a full RETURN_EARN of a Rp 862,784,939,160 earn at exchangeRate 1 takes back every point', () => {
    const fake = createFakeMyValue();
    const before = balance(fake, 'VR8EPN');
    const amount = 862_784_939_160;
    const earned = call(fake, 'point.earn', { amount, referenceNo: 'BIG-EARN', exchangeRate: 1, outletID: 'MVAPP00001', valueID: 'VR8EPN' });
    expect(earned.body).toEqual({ Point: amount });
    const returned = call(fake, 'point.adjustment', { amount, referenceNo: 'BIG-RETURN', exchangeRate: 1, outletID: 'MVAPP00001', adjustedReferenceNo: 'BIG-EARN', adjustmentType: 'RETURN_EARN', valueID: 'VR8EPN' });
    expect(returned.body).toEqual({ Point: -amount });
    expect(balance(fake, 'VR8EPN')).toBe(before);
  });

  it('an outlet rate whose product passes 2^53 still gives the exact floor', () => {
    const seed = shipped();
    seed.outlets.push({ id: 'RICH01', name: 'Rich outlet', earnPer10k: 99_997 });
    const fake = createFakeMyValue({ seed });
    const amount = 999_999_996_667; // a double gives 9999699966671, one point too many
    const res = call(fake, 'point.earn', { amount, referenceNo: 'RICH-1', exchangeRate: 0, outletID: 'RICH01', valueID: 'VR8EPN' });
    expect(res.body).toEqual({ Point: Number((BigInt(amount) * 99_997n) / 10_000n) });
  });

  it('an earn that would take a balance past Number.MAX_SAFE_INTEGER is 400 and books nothing; up to it is fine', () => {
    const seed = shipped();
    const user = seed.users.find((u) => u.valueID === 'VR8EPN') as Seed['users'][number];
    const start = Number.MAX_SAFE_INTEGER - 1_000_000;
    user.history = [{ referenceNo: 'NEAR-LIMIT', type: 'EARNING', point: start, outletID: 'MVAPP00001', clientID: 'GramediaPOS', createdAt: '2024-01-01T00:00:00Z' }];
    const fake = createFakeMyValue({ seed });
    expect(balance(fake, 'VR8EPN')).toBe(start);
    const over = call(fake, 'point.earn', { amount: 1_000_001, referenceNo: 'OVER', exchangeRate: 1, outletID: 'MVAPP00001', valueID: 'VR8EPN' });
    expect(over.status).toBe(400);
    expect(over.body).toEqual({ id: 'ErrValidation', errorCode: 400, detail: `this earn of 1000001 points would take the balance (${start}) past ${Number.MAX_SAFE_INTEGER}, the most points a balance holds exactly; nothing was changed` });
    expect(balance(fake, 'VR8EPN')).toBe(start);
    const upTo = call(fake, 'point.earn', { amount: 1_000_000, referenceNo: 'UP-TO', exchangeRate: 1, outletID: 'MVAPP00001', valueID: 'VR8EPN' });
    expect(upTo.body).toEqual({ Point: 1_000_000 });
    expect(balance(fake, 'VR8EPN')).toBe(Number.MAX_SAFE_INTEGER);
  });
});
