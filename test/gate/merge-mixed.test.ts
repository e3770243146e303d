// `report merge` counts one way (as gate.md does) and refuses to mix gate shards with run shards.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/reports/run-json';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const BASE = 'https://external.ovaltech.id';

function shardDir(root: string, name: string, index: number, options: { gate: boolean; variations?: number }): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const request = (n: string, extra: object = {}) => ({ name: n, folder: 'Points', iteration: 0, method: 'GET', url: `${BASE}/service/point/?valueID=V1`, status: 200, assertions: [{ name: 'status 200', passed: true }], failures: [], ...extra });
  const requests = [
    request(`Balance ${index}`),
    ...Array.from({ length: options.variations ?? 0 }, (_, i) => request(`Balance ${index} [variation: wrong sign ${i}]`, { status: 401, variation: { kind: 'wrong-sign', of: `Balance ${index}` } })),
  ];
  const report: RunReport = {
    collection: `Tiny (shard ${index}/2)`, target: 'msw', externalBaseUrl: BASE, authBaseUrl: BASE, startedAt: '2026-01-02T03:04:05.000Z', durationMs: 10, exitCode: 0,
    totals: { requests: requests.length, sent: requests.length, failedRequests: 0, skipped: 0, assertions: requests.length, failedAssertions: 0 },
    requests, skipped: [], shard: { index, total: 2, units: [`Unit ${index}`] },
  } as RunReport;
  writeFileSync(join(dir, 'run.json'), JSON.stringify(report));
  writeFileSync(join(dir, 'junit.xml'), `<?xml version="1.0" encoding="UTF-8"?><testsuites name="Tiny (shard ${index}/2)"><testsuite name="Points / Balance ${index}" tests="1"><testcase name="status 200"/></testsuite></testsuites>`);
  if (options.gate) writeFileSync(join(dir, 'gate.md'), '# MyValue gate: PASS\n');
  return dir;
}

describe('report merge', () => {
  it('refuses a gate shard with a run shard, in one line, exit 2', async () => {
    const root = tempDir('myvalue-mixed-');
    const gate = shardDir(root, 'gate-1', 1, { gate: true });
    const run = shardDir(root, 'run-2', 2, { gate: false });
    const cli = await runCli(['report', 'merge', gate, run, '--out', join(root, 'merged')]);
    expect(cli.code).toBe(2);
    expect(cli.err).toEqual([`myvalue: cannot merge gate and run reports: ${gate} has a gate.md (myvalue gate), ${run} has none (myvalue run); merge the shards of one command`]);
  });

  it('counts requests apart from variations, as gate.md does', async () => {
    const root = tempDir('myvalue-mixed-');
    const cli = await runCli(['report', 'merge', shardDir(root, 'g1', 1, { gate: true, variations: 3 }), shardDir(root, 'g2', 2, { gate: true, variations: 2 }), '--out', join(root, 'merged')]);
    expect(cli.err).toEqual([]);
    expect(cli.out[0]).toBe('merged 2 gate shards (1/2 PASS, 2/2 PASS): 2 requests (0 failed), 5 variations (0 failed); PASS');
    expect(readFileSync(join(root, 'merged', 'gate.md'), 'utf8')).toContain('1/1 endpoints passed; 2 requests,');
  });

  it('says run shards when they are', async () => {
    const root = tempDir('myvalue-mixed-');
    const cli = await runCli(['report', 'merge', shardDir(root, 'r1', 1, { gate: false }), shardDir(root, 'r2', 2, { gate: false }), '--out', join(root, 'merged')]);
    expect(cli.out[0]).toBe('merged 2 run shards (1/2 PASS, 2/2 PASS): 2 requests (0 failed); PASS');
  });
});
