// `myvalue gate`: one run with contract checks and variations; gate.md per endpoint; exit 0 only when all passed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGate, type GateOptions, type GateResult } from '../../src/run/gate';
import { SIGN_RULES } from '../../src/signing/index';
import { runCli } from '../helpers/cli';
import { shardGateRun, wholeGateRun } from '../helpers/shared-runs';
import { tempDir as makeTempDir } from '../helpers/temp-dir';

const tempDir = (): string => makeTempDir('myvalue-gate-');

/** A gate run isolated from the machine's environment and .env, its console kept. */
async function gate(options: Partial<GateOptions> = {}): Promise<GateResult & { md: string; console: string }> {
  const cwd = tempDir();
  let console = '';
  const result = await runGate({ cwd, env: {}, target: 'msw', ...options, write: (t) => (console += t), log: (l) => (console += `${l}\n`) });
  const file = join(result.reportsDir, 'gate.md');
  return { ...result, md: existsSync(file) ? readFileSync(file, 'utf8') : '', console };
}

/** Rows of gate.md's endpoint table: endpoint -> cells. */
function rows(md: string): Map<string, string[]> {
  const table = md.split('\n## ')[0] ?? '';
  const lines = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Endpoint'));
  return new Map(lines.map((l) => l.slice(2, -2).split(' | ')).map((cells) => [cells[0] ?? '', cells.slice(1)]));
}

describe('myvalue gate against the fake', () => {
  it('passes the shipped collection: exit 0, gate.md with one PASS row per endpoint beside the other reports', async () => {
    // The whole collection's gate, shared with the merge and variations tests (which only read it too).
    const shared = await wholeGateRun();
    const file = join(shared.result.reportsDir, 'gate.md');
    const r = { ...shared.result, md: existsSync(file) ? readFileSync(file, 'utf8') : '', console: shared.console };
    expect(r.exitCode).toBe(0);
    expect(r.md).toMatch(/^# MyValue gate: PASS\n/);
    const table = rows(r.md);
    const rules = [...table.values()].map((cells) => cells[0]);
    // Every signing rule is an endpoint of the shipped collection, and the Auth API's token and introspect.
    for (const rule of [...SIGN_RULES.map((s) => s.name), 'auth.token', 'auth.introspect']) expect(rules, rule).toContain(rule);
    for (const [endpoint, cells] of table) expect(cells[5], endpoint).toBe('PASS');
    const earn = table.get('POST /service/point/earn/');
    expect(earn?.slice(0, 2)).toEqual(['point.earn', '4']);
    // Requests in the table and the fake's setup requests add up to the run's requests (variations are counted apart).
    const counted = [...table.values()].reduce((n, cells) => n + Number(cells[1]), 0);
    expect(r.gate?.setup).toEqual([{ key: 'POST /__admin/authorize', requests: 1 }]);
    expect(counted + 1).toBe(r.summary?.requests.filter((q) => !(q as { variation?: unknown }).variation).length);
    expect(r.md).not.toContain('## Failures');
    for (const file of ['gate.md', 'junit.xml', 'run.json', 'report.html']) expect(existsSync(join(r.reportsDir, file)), file).toBe(true);
    expect(r.console).toContain(`gate: PASS; ${join(r.reportsDir, 'gate.md')}`);
  });

  it('fails with a fault injected into the fake: exit 1, and gate.md says which endpoint, request and assertion', async () => {
    // The two folders the assertions look at (the earn that fails, the promos that pass), not the whole collection.
    const r = await gate({ fake: { faults: ['point.earn:status=503'] }, folders: ['Points', 'Promos & vouchers'] });
    expect(r.exitCode).toBe(1);
    expect(r.md).toMatch(/^# MyValue gate: FAIL\n/);
    expect(rows(r.md).get('POST /service/point/earn/')?.[5]).toBe('FAIL');
    expect(rows(r.md).get('GET /v1/service/promos')?.[5]).toBe('PASS');
    const failures = r.md.split('\n## Failures\n')[1] ?? '';
    expect(failures).toMatch(/^\| Points \/ Earn points \| POST \/service\/point\/earn\/ \| assertion "status 200" \| .*ErrServiceUnavailable.*expected 503 to equal 200 \|$/m);
    expect(r.console).toMatch(/gate: FAIL, failed: .*POST \/service\/point\/earn\//);
  });

  it('names the shard in gate.md and in its console line', async () => {
    // Shard 2/3, shared with the merge test (which only reads it too).
    const shared = await shardGateRun(2, 3);
    const r = { ...shared.result, md: readFileSync(join(shared.result.reportsDir, 'gate.md'), 'utf8'), console: shared.console };
    expect(r.exitCode).toBe(0);
    expect(r.md).toContain('MyValue partner API against msw (shard 2/3)');
    expect(r.md).toContain('- shard 2/3 ran: Users, Negative');
    expect(r.console).toContain('gate (shard 2/3): PASS');
  });
});

describe('myvalue gate on the command line', () => {
  it('refuses production in one line, exit 2, and writes nothing', async () => {
    const out = join(tempDir(), 'reports');
    for (const target of ['production', 'https://external.myvalue.id']) {
      const cli = await runCli(['gate', '--target', target, '--client-id', 'MyPOS', '--client-secret', 'made-up-secret-1', '--out', out]);
      expect(cli.code).toBe(2);
      expect(cli.err).toEqual(['myvalue: the gate does not run against production (its variations send refused and state-changing requests): use --target sandbox']);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a bad --shard in one line, exit 2', async () => {
    const cli = await runCli(['gate', '--target', 'msw', '--shard', '3/2']);
    expect(cli.code).toBe(2);
    expect(cli.err).toEqual(['myvalue: --shard takes i/n with 1 <= i <= n <= 256, e.g. --shard 2/3; got "3/2"']);
  });

  it('gate --target mock (the fake on a port) exits 0 and writes gate.md', async () => {
    const out = join(tempDir(), 'reports');
    // One folder over the port is enough to show the transport; the whole collection runs against msw above.
    const cli = await runCli(['gate', '--target', 'mock', '--client-id', 'MyPOS', '--client-secret', 'made-up-secret-1', '--folder', 'Points', '--out', out]);
    expect(cli.code).toBe(0);
    expect(readFileSync(join(out, 'gate.md'), 'utf8')).toMatch(/^# MyValue gate: PASS\n/);
    expect(cli.err.at(-2)).toBe(`gate: PASS; ${join(out, 'gate.md')}`);
    expect(cli.err.at(-1)).toMatch(new RegExp(`^PASS: \\d+ requests, \\d+ assertions, 0 failed \\(reports: ${out}\\)$`));
    expect([...cli.out, ...cli.err].join('\n')).not.toContain('made-up-secret-1');
  });
});
