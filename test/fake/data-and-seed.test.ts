// --data FILE remembers which seed made it: opening it with another seed is refused in one line and
// keeps the state; with the same seed the state comes back as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, FakeConfigError } from '../../mocks/create-fake';
import { DEFAULT_SEED_FILE } from '../../mocks/store/seed';
import type { Seed } from '../../mocks/store/seed-types';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const shipped = (): Seed => JSON.parse(readFileSync(DEFAULT_SEED_FILE, 'utf8')) as Seed;
const users = (fake: ReturnType<typeof createFakeMyValue>): number => (fake.deps.store.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;

describe('--data with a seed', () => {
  it('another seed is refused and the state is kept; the same seed opens it as it was', () => {
    const dir = tempDir('myvalue-data-');
    const dataFile = join(dir, 'state.sqlite');
    const first = createFakeMyValue({ dataFile });
    first.deps.store.db.prepare("UPDATE users SET first_name = 'Changed' WHERE value_id = 'VR8EPN'").run();
    const count = users(first);
    first.close();
    const other = { ...shipped(), clients: [{ clientId: 'OtherPOS', clientSecret: 'made-up-other' }] };
    expect(() => createFakeMyValue({ dataFile, seed: other })).toThrow(FakeConfigError);
    expect(() => createFakeMyValue({ dataFile, seed: other })).toThrow(`the state in ${dataFile} was made from another seed: delete the file to start from this seed, or start with the seed that made it (the state is kept as it is)`);
    const again = createFakeMyValue({ dataFile });
    expect(users(again)).toBe(count);
    expect(again.deps.store.db.prepare("SELECT first_name AS name FROM users WHERE value_id = 'VR8EPN'").get()).toEqual({ name: 'Changed' });
    again.close();
  });

  it('a file made before tokens had families opens with them, its tokens kept, and the new rules apply', () => {
    const dir = tempDir('myvalue-data-');
    const dataFile = join(dir, 'state.sqlite');
    const old = createFakeMyValue({ dataFile });
    const db = old.deps.store.db;
    // The tokens table as the first schema had it: no family column.
    db.exec('DROP TABLE tokens; CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, kind TEXT NOT NULL, client_id TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES users(id), expires_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)');
    const user = db.prepare("SELECT id FROM users WHERE value_id = 'VR8EPN'").pluck().get() as string;
    db.prepare("INSERT INTO tokens VALUES ('old-token-hash', 'access', 'GramediaPOS', ?, 9999999999999, 0)").run(user);
    old.close();
    const reopened = createFakeMyValue({ dataFile });
    expect(reopened.deps.store.auth.tokenByHash('old-token-hash')).toMatchObject({ userId: user, family: '', revoked: false });
    // A family of '' is no family: revoking it touches no token made before families.
    expect(reopened.deps.store.auth.revokeFamily('')).toBe(0);
    reopened.close();
  });

  it('mock --data FILE --seed OTHER: one line, exit 2', async () => {
    const dir = tempDir('myvalue-data-');
    const dataFile = join(dir, 'state.sqlite');
    createFakeMyValue({ dataFile }).close();
    const seedFile = join(dir, 'other.json');
    writeFileSync(seedFile, JSON.stringify({ ...shipped(), clients: [{ clientId: 'OtherPOS', clientSecret: 'made-up-other' }] }));
    const result = await runCli(['mock', '--port', '0', '--data', dataFile, '--seed', seedFile, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([`myvalue: the state in ${dataFile} was made from another seed: delete the file to start from this seed, or start with the seed that made it (the state is kept as it is)`]);
  });

  it('a seed whose history sums to a negative balance: one line, exit 2', async () => {
    const seed = shipped();
    (seed.users[0] as Seed['users'][number]).history = [{ referenceNo: 'R1', type: 'REDEEM', point: -5, outletID: 'MVAPP00001', clientID: 'GramediaPOS', createdAt: '2024-01-01T00:00:00Z' }];
    const seedFile = join(tempDir('myvalue-seed-'), 'negative.json');
    writeFileSync(seedFile, JSON.stringify(seed));
    const result = await runCli(['mock', '--port', '0', '--seed', seedFile, '--quiet']);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([`myvalue: seed user ${seed.users[0]?.valueID}: history sums to a negative balance (-5)`]);
  });
});
