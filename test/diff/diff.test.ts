// `myvalue diff`: the same collection against two fakes; drift.json and drift.md name the requests
// whose status, error id or body shape differ. Exit 0 agree, 1 differ, 2 usage errors.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/reports/drift-report';
import { shippedFile } from '../../src/shared/package-files';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const SECRET = 'drift-test-secret-9f3k';
/** Both sides accept this client (the fake adds the run's credentials); the secret must not reach a report. */
const CREDS = ['--client-id', 'DriftPOS', '--client-secret', SECRET];

function reports(out: string): { json: DriftReport; md: string; all: string } {
  const json = JSON.parse(readFileSync(join(out, 'drift.json'), 'utf8')) as DriftReport;
  const md = readFileSync(join(out, 'drift.md'), 'utf8');
  const sides = ['diff-a', 'diff-b'].flatMap((d) => readdirSync(join(out, d)).map((f) => readFileSync(join(out, d, f), 'utf8')));
  return { json, md, all: [JSON.stringify(json), md, ...sides].join('\n') };
}

describe('myvalue diff between two fakes', () => {
  it('equal fakes (mock and msw, the shipped seed) agree: exit 0, drift.json says 0 differing', async () => {
    const out = tempDir('myvalue-diff-');
    const cli = await runCli(['diff', '--target', 'mock', '--against', 'msw', '--folder', 'Points', '--folder', 'Negative', ...CREDS, '--out', out]);
    // Each side says whose credentials it runs with (never the secret); nothing else (no side's summary line).
    const client = "client DriftPOS, secret from --client-secret (DriftPOS is not in the fake's seed: the run adds it with this secret, so any secret passes)";
    expect(cli.err, cli.err.join('\n')).toEqual([`A (mock): ${client}`, `B (msw): ${client}`]);
    expect(cli.code).toBe(0);
    const { json, md, all } = reports(out);
    expect(json.totals).toEqual({ requests: 24, differing: 0, agreeing: 24, notCompared: 0 });
    expect(json.differing).toEqual([]);
    expect(md).toMatch(/^# MyValue drift: shapes agree\n/);
    expect(md).toContain('24 requests agree.');
    expect(cli.out[0]).toBe('diff mock vs msw: 24 requests, 0 differ, 24 agree');
    expect(all).not.toContain(SECRET);
  });

  it('fakes that differ in one answer (a 503 on the first point history): exit 1, exactly that request with its differences', async () => {
    const out = tempDir('myvalue-diff-');
    const cli = await runCli(['diff', '--target', 'msw', '--against', 'msw', '--against-fault', 'point.history:status=503,times=1', '--folder', 'Points', ...CREDS, '--out', out]);
    expect(cli.code).toBe(1);
    const { json, md, all } = reports(out);
    expect(json.totals).toEqual({ requests: 13, differing: 1, agreeing: 12, notCompared: 0 });
    expect(json.differing).toHaveLength(1);
    const [row] = json.differing;
    expect(row?.name).toBe('Points / Point history');
    expect(row?.method).toBe('GET');
    // The collection's template, never the resolved URL with its clientID and sign.
    expect(row?.url).toBe('{{externalBaseUrl}}/service/point/history/?limit=10&page=1&valueID={{pointsValueID}}&clientID={{clientID}}&sign={{SIGN}}');
    expect(row?.a).toEqual({ status: 200 });
    expect(row?.b).toEqual({ status: 503, id: 'ErrServiceUnavailable' });
    expect(row?.differences.slice(0, 2)).toEqual(['status: 200 vs 503', 'id: - vs ErrServiceUnavailable']);
    expect(row?.differences).toContain('body /results: only in A');
    expect(row?.differences).toContain('body /errorCode: only in B');
    // The other history request (the fault fired once) agrees.
    expect(json.agreeing).toContain('Points / Point history (EARNING only)');
    expect(md).toMatch(/^# MyValue drift: 1 request differs\n/);
    const tableRows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Request') && !l.startsWith('| ---'));
    expect(tableRows).toHaveLength(1);
    expect(tableRows[0]).toContain('| Points / Point history | GET |');
    expect(tableRows[0]).toContain('| 200 | 503 ErrServiceUnavailable | status: 200 vs 503<br>');
    expect(cli.out[0]).toBe('diff msw vs msw (faults point.history:status=503,times=1): 13 requests, 1 differs, 12 agree: Points / Point history');
    expect(all).not.toContain(SECRET);
  });
});

describe('myvalue diff between fakes of two seeds', () => {
  it('a seed with other values only (user names, promo titles) agrees with the shipped one: exit 0', async () => {
    const dir = tempDir('myvalue-diff-seed-');
    const seed = JSON.parse(readFileSync(shippedFile('mocks/seed.json'), 'utf8')) as { promos: Array<{ title: string }>; users: Array<{ firstName: string }> };
    for (const [i, promo] of seed.promos.entries()) promo.title = `Another promo ${i}`;
    for (const user of seed.users) user.firstName = 'Someone Else';
    const file = join(dir, 'other-seed.json');
    writeFileSync(file, JSON.stringify(seed));
    const out = join(dir, 'reports');
    const cli = await runCli(['diff', '--target', 'msw', '--against', 'msw', '--against-seed', file, '--folder', 'Promos & vouchers', '--folder', 'Users', ...CREDS, '--out', out]);
    expect(cli.code, cli.err.join('\n')).toBe(0);
    const { json } = reports(out);
    expect(json.b).toBe(`msw (seed ${file})`);
    expect(json.totals).toMatchObject({ differing: 0, notCompared: 0 });
    expect(json.totals.agreeing).toBeGreaterThan(10);
  });
});

describe('myvalue diff usage errors: one line, exit 2, no stack trace', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['missing --against', ['diff', '--target', 'msw'], /required option '--against <target>' not specified/],
    ['an unknown target', ['diff', '--target', 'msw', '--against', 'staging'], /--against must be mock, msw, sandbox, production or an http\(s\) URL, got "staging"/],
    ['a collection file that does not exist', ['diff', '--target', 'msw', '--against', 'mock', '--collection', 'no-such.postman_collection.json'], /no-such\.postman_collection\.json/],
    ['a fault that does not parse', ['diff', '--target', 'msw', '--against', 'mock', '--against-fault', 'point.earn:status=999'], /--against-fault "point\.earn:status=999"/],
    ['a seed file that does not exist', ['diff', '--target', 'msw', '--against', 'msw', '--against-seed', '/nonexistent/seed.json'], /^myvalue: --against-seed: .*\/nonexistent\/seed\.json/],
    // The flags of how requests are sent are run's own, read by the same code: their mistakes read the same.
    ['--retries out of range', ['diff', '--target', 'msw', '--against', 'mock', '--retries', '99'], /^myvalue: --retries takes a whole number from 0 to 10, got "99"$/],
    ['--delay-request that is not milliseconds', ['diff', '--target', 'msw', '--against', 'mock', '--delay-request', '1s'], /^myvalue: --delay-request takes milliseconds \(a whole number\), got "1s"$/],
    ['an --env-var without =', ['diff', '--target', 'msw', '--against', 'mock', '--env-var', 'valueID'], /^myvalue: --env-var takes key=value/],
    ['a seed for a target the diff does not start', ['diff', '--target', 'msw', '--against', 'http://127.0.0.1:9', '--against-seed', 'seed.json'], /--against http:\/\/127\.0\.0\.1:9: a seed or faults need a fake started here/],
  ];
  it('a side that cannot be reached: exit 2, one line naming it, no drift report', async () => {
    const out = tempDir('myvalue-diff-usage-');
    // Port 9 (discard) on loopback: nothing listens there.
    const cli = await runCli(['diff', '--target', 'http://127.0.0.1:9', '--against', 'msw', '--folder', 'Users', ...CREDS, '--out', out]);
    expect(cli.code).toBe(2);
    const errors = cli.err.filter((l) => l.startsWith('myvalue: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^myvalue: A \(http:\/\/127\.0\.0\.1:9\): cannot reach 127\.0\.0\.1:9/);
    expect(readdirSync(out)).not.toContain('drift.json');
  });

  it.each(cases)('%s', async (_what, args, message) => {
    const out = tempDir('myvalue-diff-usage-');
    const cli = await runCli([...args, '--out', out]);
    expect(cli.code).toBe(2);
    expect(cli.err).toHaveLength(1);
    expect(cli.err[0]).toMatch(message);
    expect(cli.err[0]).not.toMatch(/\n|\s+at /);
    expect(readdirSync(out)).toEqual([]);
  });
});
