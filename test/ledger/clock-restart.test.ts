// The fake's clock over a restart with --data: it goes on from where it was left (moves, --clock, a reset),
// never starts before the newest ledger entry of the file, and a --clock before the file's time is refused.
import Database from 'better-sqlite3';
import http from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMyValue, FakeConfigError } from '../../mocks/create-fake';
import { spawnMock, type MockProcess } from '../helpers/spawn-mock';
import { tempDir } from '../helpers/temp-dir';
import { httpRequest, signedHttp, signedRequest, signedUrl, wholeHistory, type HistoryEntry } from './signed';

/** Made-up credentials, given with --client. */
const CREDS = { clientId: 'ClockTestPOS', clientSecret: 'made-up-secret-for-clock-tests' };
const VALUE_ID = 'VS4NTK';
const OUTLET = 'MVAPP00001';

describe('the clock over a restart with --data', () => {
  const running: MockProcess[] = [];
  const agent = new http.Agent({ keepAlive: false });
  afterEach(async () => {
    for (const mock of running.splice(0)) await mock.stop();
  });

  const start = async (dataFile: string, ...more: string[]): Promise<MockProcess> => {
    const mock = await spawnMock(['--data', dataFile, '--quiet', '--client', `${CREDS.clientId}:${CREDS.clientSecret}`, ...more]);
    running.push(mock);
    return mock;
  };
  const clockOf = async (mock: MockProcess): Promise<Date> => new Date(((await (await fetch(`${mock.url}/__admin/clock`)).json()) as { now: string }).now);
  const earn = (mock: MockProcess, referenceNo: string): Promise<{ status: number; body: unknown }> =>
    signedHttp(agent, mock.url, 'point.earn', CREDS, { amount: 10_000, referenceNo, exchangeRate: 0, outletID: OUTLET, valueID: VALUE_ID });
  const history = async (mock: MockProcess): Promise<HistoryEntry[]> =>
    (await wholeHistory((url) => httpRequest(agent, url, 'GET'), signedUrl(mock.url, 'point.history', CREDS, { valueID: VALUE_ID, limit: 100 }))).entries;

  it('myvalue mock --data: advanced 30 months, stopped and started again, it goes on from there; the history stays newest first', async () => {
    const dataFile = join(tempDir('myvalue-clock-'), 'state.sqlite');
    const first = await start(dataFile);
    expect((await earn(first, 'CLOCK-BEFORE')).status).toBe(200);
    const moved = await fetch(`${first.url}/__admin/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: 'P30M' }) });
    expect(((await moved.json()) as { expiredLots: number }).expiredLots).toBeGreaterThanOrEqual(1);
    const left = await clockOf(first);
    expect(await first.stop()).toBe(0);

    const second = await start(dataFile);
    expect((await clockOf(second)).getTime()).toBeGreaterThanOrEqual(left.getTime());
    expect((await earn(second, 'CLOCK-AFTER')).status).toBe(200);
    const entries = await history(second);
    expect(entries[0]?.referenceNo).toBe('CLOCK-AFTER');
    const times = entries.map((e) => Date.parse(e.createdDate));
    expect(times, 'newest first').toEqual([...times].sort((a, b) => b - a));
    const before = entries.find((e) => e.referenceNo === 'CLOCK-BEFORE');
    const expired = entries.find((e) => e.referenceNo === `EXPIRED-${before?.pointMutationSNO}`);
    expect(expired).toMatchObject({ mutationTypeName: 'EXPIRED', point: -(before?.point ?? 0) });
    expect(before?.isExpired, 'the earn beside its EXPIRED entry').toBe(true);
  });

  it('a --clock start and a reset survive a restart: the fake goes on from the --clock, and says so', async () => {
    const dataFile = join(tempDir('myvalue-clock-'), 'state.sqlite');
    const first = await start(dataFile, '--clock', '2022-11-01T00:00:00+07:00');
    expect((await fetch(`${first.url}/__admin/reset`, { method: 'POST' })).status).toBe(200);
    await first.stop();
    const second = await start(dataFile);
    // Where --clock put it, run on by the seconds between (never today's date).
    expect((await clockOf(second)).getTime() - Date.parse('2022-10-31T17:00:00Z')).toBeLessThan(3_600_000);
    expect(second.output()).toMatch(/ {2}clock: started at 2022-10-31T1\d:\d\d:\d\d\.\d{3}Z/);
  });

  it('a --clock after the file\'s time starts there; one before it is refused in one line, exit 2, the file kept', async () => {
    const dataFile = join(tempDir('myvalue-clock-'), 'state.sqlite');
    createFakeMyValue({ dataFile, startAt: '2023-01-01T00:00:00Z' }).close();
    const later = await start(dataFile, '--clock', '2024-01-01T00:00:00Z');
    expect((await clockOf(later)).getTime() - Date.parse('2024-01-01T00:00:00Z')).toBeLessThan(3_600_000);
    await later.stop();
    // A child process, as a user runs it: it exits with the one line, or (wrongly) listens and is stopped.
    const args = ['--quiet', '--data', dataFile, '--clock', '2023-06-01T00:00:00Z'];
    const outcome = await spawnMock(args).then(
      (mock) => {
        running.push(mock);
        return 'started';
      },
      (error: Error) => error.message,
    );
    const escaped = dataFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(outcome).toMatch(
      new RegExp(`^mock exited with 2: myvalue: the clock's start 2023-06-01T00:00:00\\.000Z is before the state in ${escaped}, whose clock is at 2024-01-01T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z: the clock never moves back; start without one to go on from there, or delete the file to start over\\n$`),
    );
    const again = createFakeMyValue({ dataFile });
    expect(again.clock.now().getTime() - Date.parse('2024-01-01T00:00:00Z')).toBeLessThan(3_600_000);
    again.close();
  });
});

describe('the clock of a --data file opened again in code', () => {
  const base = { now: (): Date => new Date('2025-06-01T00:00:00Z') };

  it('a file an older fake left with no saved clock: the clock starts at its newest ledger entry, not before', () => {
    const dataFile = join(tempDir('myvalue-clock-'), 'state.sqlite');
    const first = createFakeMyValue({ dataFile, clock: base, clients: [CREDS] });
    first.clock.advance('P30M');
    const earned = first.handle(signedRequest('point.earn', CREDS, { amount: 10_000, referenceNo: 'CLOCK-LAST', exchangeRate: 0, outletID: OUTLET, valueID: VALUE_ID }));
    expect(earned.status).toBe(200);
    const newest = first.clock.now();
    first.close();
    // What a fake that saved no clock leaves: the ledger only.
    const db = new Database(dataFile);
    db.prepare("DELETE FROM meta WHERE key NOT IN ('schema_version', 'seed_sha256')").run();
    db.close();
    const again = createFakeMyValue({ dataFile, clock: base, clients: [CREDS] });
    expect(again.clock.now().getTime()).toBeGreaterThanOrEqual(newest.getTime());
    again.close();
  });

  it('startAt before the file\'s clock is a FakeConfigError, and the file keeps its state', () => {
    const dataFile = join(tempDir('myvalue-clock-'), 'state.sqlite');
    const first = createFakeMyValue({ dataFile, clock: base, clients: [CREDS] });
    first.clock.advance('P1Y');
    first.close();
    expect(() => createFakeMyValue({ dataFile, clock: base, clients: [CREDS], startAt: '2025-06-02T00:00:00Z' })).toThrow(FakeConfigError);
    const again = createFakeMyValue({ dataFile, clock: base, clients: [CREDS] });
    expect(again.clock.now().toISOString()).toBe('2026-06-01T00:00:00.000Z');
    again.close();
  });
});
