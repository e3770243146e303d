// --retries: a GET recovers from a single 503 (and a dropped connection, and a timeout) with the reason
// in every report; without retries the run fails; a POST is never retried. Faults without retries are
// reported as failures, not crashes.
import { describe, afterEach, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { request, run, serveFake, type ServedFake } from './served-fake';

const servers: ServedFake[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function served(faults: string[]): Promise<ServedFake> {
  const s = await serveFake({ faults });
  servers.push(s);
  return s;
}

/** Folders enough for a balance read and an earn (the user they act on is created in Users). */
const FOLDERS = ['Users', 'Points'];
const BALANCE = 'Get balance (before earn)';

describe('a single 503 on point.get', () => {
  it.each(['mock', 'msw'])('--retries 1 against %s: passes, and the report says why it retried', async (target) => {
    const r = await run({ target, folders: FOLDERS, retries: 1, fake: { faults: ['point.get:status=503,times=1'] } });
    expect(r.exitCode).toBe(0);
    const message = 'retried GET /service/point/ once: 503 Service Unavailable';
    expect(request(r, BALANCE)).toMatchObject({ status: 200, failures: [], retries: { count: 1, reasons: ['503 Service Unavailable'], recovered: true, message } });
    expect(r.summary?.requests.filter((q) => q.retries).map((q) => q.name)).toEqual([BALANCE]);
    expect(r.console).toContain(`"${BALANCE}": ${message}`);
    const runJson = JSON.parse(r.files['run.json'] ?? '{}') as { requests: Array<{ name: string; retries?: { message: string } }> };
    expect(runJson.requests.find((q) => q.name === BALANCE)?.retries?.message).toBe(message);
    expect(r.files['junit.xml']).toMatch(new RegExp(`<testsuite name="Points / Get balance \\(before earn\\)"[^]*?<system-out>iteration 1: ${message}</system-out>\\s*</testsuite>`));
  }, 180_000);

  it('without retries the run fails on it', async () => {
    const r = await run({ target: 'msw', folders: FOLDERS, fake: { faults: ['point.get:status=503,times=1'] } });
    expect(r.exitCode).toBe(1);
    expect(request(r, BALANCE).status).toBe(503);
    expect(request(r, BALANCE).retries).toBeUndefined();
  });

  it('a POST answered 503 is not retried, even with --retries 2', async () => {
    const fake = await served(['point.earn:status=503,times=1']);
    const r = await run({ target: fake.url, folders: FOLDERS, retries: 2 });
    expect(r.exitCode).toBe(1);
    expect(request(r, 'Earn points')).toMatchObject({ status: 503 });
    expect(request(r, 'Earn points').retries).toBeUndefined();
    expect(fake.fake.journal.count({ rule: 'point.earn' })).toBe(1);
  });
});

describe('dropped connections and timeouts', () => {
  it('are failures in the report, not crashes, without retries', async () => {
    const dropped = await served(['point.get:drop,times=1']);
    const d = await run({ target: dropped.url, folders: FOLDERS });
    expect(d.exitCode).toBe(1);
    expect(request(d, BALANCE).failures[0]).toMatch(/^request error: /);
    expect(d.files['junit.xml']).toContain('Points / Get balance (before earn)');

    const slow = await served(['point.get:latency=5000,times=1']);
    const t = await run({ target: slow.url, folders: FOLDERS, timeoutRequest: 300 });
    expect(t.exitCode).toBe(1);
    expect(request(t, BALANCE).failures[0]).toMatch(/^request error: .*(TIMEDOUT|timeout)/i);
    expect(request(t, 'Get user by value ID').failures).toEqual([]);
  }, 180_000);

  it('are retried for a GET with --retries 1, each with its reason', async () => {
    const dropped = await served(['point.get:drop,times=1']);
    const d = await run({ target: dropped.url, folders: FOLDERS, retries: 1 });
    expect(d.exitCode).toBe(0);
    expect(request(d, BALANCE).retries?.message).toMatch(/^retried GET \/service\/point\/ once: connection dropped \(.+\)$/);

    const slow = await served(['point.get:latency=5000,times=1']);
    const t = await run({ target: slow.url, folders: FOLDERS, retries: 1, timeoutRequest: 300 });
    expect(t.exitCode).toBe(0);
    expect(request(t, BALANCE).retries?.message).toBe('retried GET /service/point/ once: no answer within 300 ms');
  }, 180_000);
});

describe('myvalue run --retries', () => {
  it.each(['abc', '-1', '1.5', '11'])('--retries %s: exit 2, one line', async (value) => {
    const cli = await runCli(['run', '--target', 'msw', `--retries=${value}`]);
    expect(cli.code).toBe(2);
    expect(cli.err).toEqual([`myvalue: --retries takes a whole number from 0 to 10, got "${value}"`]);
  });
});
