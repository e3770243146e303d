// --shard i/n and `myvalue report merge`: three shards merged equal the unsharded run; incomplete,
// overlapping or broken sets are refused in one line.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate, type CTRFReport } from 'ctrf';
import { runGate, type GateOptions } from '../../src/run/gate';
import { junitSuites } from '../../src/reports/junit';
import type { MergedRunReport } from '../../src/reports/merge';
import type { RunReport } from '../../src/reports/run-json';
import { runCli } from '../helpers/cli';
import { shardGateRun, wholeGateRun } from '../helpers/shared-runs';

let root = '';
const dir = (name: string): string => join(root, name);

async function gateInto(name: string, options: Partial<GateOptions> = {}): Promise<number> {
  const result = await runGate({ cwd: root, env: {}, target: 'msw', out: name, write: () => undefined, log: () => undefined, ...options });
  return result.exitCode;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const suites = (file: string): string[] => {
  const parsed = junitSuites(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value.map((s) => s.name);
};
/** gate.md's endpoint table, without the header lines that name the scope. */
const table = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter((l) => /^\| [A-Z]+ \//.test(l)).sort();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'myvalue-merge-'));
  for (const i of [1, 3]) expect(await gateInto(`shard-${i}`, { shard: { index: i, total: 3 } })).toBe(0);
  // Shard 3/3 (Promos & vouchers, Auth & SSO) again, with the token endpoint failing.
  expect(await gateInto('shard-3-faulty', { shard: { index: 3, total: 3 }, fake: { faults: ['POST /auth/token/:status=503'] } })).toBe(1);
  // Shard 2/3 and the whole collection's gate are shared with the gate test (and the whole one with the
  // variations test), which only read them too; they are linked in as root/shard-2 and root/whole, and
  // asked for last, when the gate test's worker has likely made them.
  const linked = { 'shard-2': await shardGateRun(2, 3), whole: await wholeGateRun() };
  for (const [name, shared] of Object.entries(linked)) {
    expect(shared.result.exitCode, name).toBe(0);
    symlinkSync(shared.result.reportsDir, dir(name));
  }
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('shards 1/3, 2/3 and 3/3', () => {
  it('each name their shard in run.json and junit.xml', () => {
    for (const i of [1, 2, 3]) {
      const report = readJson<RunReport>(join(dir(`shard-${i}`), 'run.json'));
      expect(report.shard?.index).toBe(i);
      expect(report.shard?.total).toBe(3);
      expect(report.collection).toBe(`MyValue partner API (shard ${i}/3)`);
      expect(readFileSync(join(dir(`shard-${i}`), 'junit.xml'), 'utf8')).toContain(`<testsuites name="MyValue partner API (shard ${i}/3)"`);
    }
  });

  it('merged equal the unsharded run: same requests, same testsuites, same endpoint table, same verdict', async () => {
    const cli = await runCli(['report', 'merge', dir('shard-1'), dir('shard-2'), dir('shard-3'), '--out', dir('merged')]);
    expect(cli.err).toEqual([]);
    expect(cli.code).toBe(0);
    const whole = readJson<RunReport>(join(dir('whole'), 'run.json'));
    const merged = readJson<MergedRunReport>(join(dir('merged'), 'run.json'));
    expect(merged.totals.requests).toBe(whole.totals.requests);
    expect(merged.totals.assertions).toBe(whole.totals.assertions);
    expect(merged.requests.map((r) => `${r.folder} / ${r.name}`).sort()).toEqual(whole.requests.map((r) => `${r.folder} / ${r.name}`).sort());
    expect(merged.exitCode).toBe(whole.exitCode);
    expect(merged.collection).toBe('MyValue partner API');
    expect(merged.merged.map((m) => [m.index, m.total, m.verdict])).toEqual([
      [1, 3, 'PASS'],
      [2, 3, 'PASS'],
      [3, 3, 'PASS'],
    ]);
    expect(suites(join(dir('merged'), 'junit.xml')).sort()).toEqual(suites(join(dir('whole'), 'junit.xml')).sort());
    // ctrf.json of the merged gate: valid, and counting what the unsharded gate counts.
    const ctrf = readJson<CTRFReport>(join(dir('merged'), 'ctrf.json'));
    expect(validate(ctrf)).toEqual({ valid: true, errors: [] });
    const { start: _s, stop: _t, duration: _d, ...counts } = ctrf.results.summary;
    const { start: _ws, stop: _wt, duration: _wd, ...wholeCounts } = readJson<CTRFReport>(join(dir('whole'), 'ctrf.json')).results.summary;
    expect(counts).toEqual(wholeCounts);
    expect(readFileSync(join(dir('merged'), 'report.html'), 'utf8')).toContain('<span class="verdict">PASS</span>MyValue partner API against msw');
    expect(table(join(dir('merged'), 'gate.md'))).toEqual(table(join(dir('whole'), 'gate.md')));
    expect(readFileSync(join(dir('merged'), 'gate.md'), 'utf8')).toMatch(/^# MyValue gate: PASS\n\nMyValue partner API against msw \(shards 1\/3, 2\/3, 3\/3 merged\)/);
    // Counted as gate.md counts them: requests apart from variations, the fake's setup requests apart.
    const counted = /; (\d+) requests, .* variations (\d+)\/(\d+)\./.exec(readFileSync(join(dir('whole'), 'gate.md'), 'utf8'));
    expect(cli.out[0]).toBe(`merged 3 gate shards (1/3 PASS, 2/3 PASS, 3/3 PASS): ${counted?.[1]} requests (0 failed), ${counted?.[3]} variations (0 failed); PASS`);
  });

  it('merged with one failing shard: exit 1, and gate.md says where', async () => {
    const cli = await runCli(['report', 'merge', dir('shard-3-faulty'), dir('shard-2'), dir('shard-1'), '--out', dir('merged-failing')]);
    expect(cli.code).toBe(1);
    expect(cli.out[0]).toMatch(/^merged 3 gate shards \(1\/3 PASS, 2\/3 PASS, 3\/3 FAIL\): \d+ requests \([1-9]\d* failed\), \d+ variations \(\d+ failed\); FAIL$/);
    const md = readFileSync(join(dir('merged-failing'), 'gate.md'), 'utf8');
    expect(md).toMatch(/^# MyValue gate: FAIL\n/);
    expect(md).toContain('- shard 3/3: FAIL, Promos & vouchers, Auth & SSO');
    expect(md).toMatch(/^\| Auth & SSO \/ Exchange the code for tokens \| POST \/auth\/token\/ \| assertion "status 200" \| .*503/m);
  });
});

describe('report merge refuses sets that are not 1..n exactly once (one line, exit 2)', () => {
  it.each([
    ['a missing shard', ['shard-1', 'shard-3'], 'myvalue: incomplete set of shards: missing 2/3 (have 1/3, 3/3)'],
    ['a shard twice', ['shard-1', 'shard-2', 'shard-3', 'shard-3-faulty'], `myvalue: overlapping shards: shard 3/3 is both ${join('ROOT', 'shard-3')} and ${join('ROOT', 'shard-3-faulty')}`],
    ['an unsharded run among shards', ['whole', 'shard-2'], `myvalue: the shards do not agree on n: ${join('ROOT', 'whole')} is shard 1/1, ${join('ROOT', 'shard-2')} is shard 2/3`],
    ['a directory without reports', ['shard-1', 'nowhere'], `myvalue: ${join('ROOT', 'nowhere')}: no such directory`],
  ])('%s', async (_what, inputs, message) => {
    const cli = await runCli(['report', 'merge', ...inputs.map(dir), '--out', dir('never')]);
    expect(cli.code).toBe(2);
    expect(cli.err).toEqual([message.replaceAll('ROOT', root)]);
  });

  it('a broken run.json, and --out pointing at an input; a shard\'s own junit.xml is not read (every file is written from run.json)', async () => {
    cpSync(dir('shard-1'), dir('broken-json'), { recursive: true });
    writeFileSync(join(dir('broken-json'), 'run.json'), '{"requests": [');
    cpSync(dir('shard-1'), dir('broken-xml'), { recursive: true });
    writeFileSync(join(dir('broken-xml'), 'junit.xml'), '<testsuites><testsuite name="a"></testsuites>');
    const badJson = await runCli(['report', 'merge', dir('broken-json'), dir('shard-2'), dir('shard-3'), '--out', dir('never')]);
    expect(badJson.code).toBe(2);
    expect(badJson.err).toHaveLength(1);
    expect(badJson.err[0]).toMatch(/^myvalue: .*broken-json\/run\.json is not JSON: /);
    const badXml = await runCli(['report', 'merge', dir('broken-xml'), dir('shard-2'), dir('shard-3'), '--out', dir('merged-from-json')]);
    expect(badXml.err).toEqual([]);
    expect(badXml.code).toBe(0);
    expect(suites(join(dir('merged-from-json'), 'junit.xml')).sort()).toEqual(suites(join(dir('whole'), 'junit.xml')).sort());
    const intoInput = await runCli(['report', 'merge', dir('shard-1'), dir('shard-2'), dir('shard-3'), '--out', dir('shard-1')]);
    expect(intoInput.code).toBe(2);
    expect(intoInput.err).toEqual([`myvalue: --out ${dir('shard-1')} is one of the inputs: merge into another directory`]);
  });
});
