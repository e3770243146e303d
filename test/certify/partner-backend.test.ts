// `myvalue certify` grading a partner backend written independently of this project (partner-backend.mjs:
// plain Node, its own signing): the correct one passes every rule in every scenario, and each variant with
// one flaw fails, with the rule that names its flaw among the failed ones, in the scenario that exposes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CertifyReport } from '../../src/reports/certify-report';
import { junitSuites } from '../../src/reports/junit';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const BACKEND = fileURLToPath(new URL('./partner-backend.mjs', import.meta.url));
/** The backend's own timeout sits well under --max-wait, and well over an answer's time on a busy machine. */
const LIMITS = ['--max-wait', '3000'];
const backend = (flaw: string): string[] => ['env', 'PARTNER_TIMEOUT_MS=2000', process.execPath, BACKEND, flaw];

async function certify(flaw: string, scenarios: string[] = []): Promise<{ code: number; out: string[]; err: string[]; dir: string; report: CertifyReport }> {
  const dir = join(tempDir('myvalue-certify-'), 'reports');
  const ran = await runCli(['certify', ...LIMITS, '--out', dir, ...scenarios.flatMap((s) => ['--scenario', s]), '--', ...backend(flaw)]);
  const report = JSON.parse(readFileSync(join(dir, 'certify.json'), 'utf8')) as CertifyReport;
  return { ...ran, dir, report };
}

describe('a partner backend under myvalue certify', () => {
  it('the correct one passes every rule in every scenario: no false alarm', async () => {
    const { code, out, dir, report } = await certify('none');
    expect(code, out.join('\n')).toBe(0);
    expect(report.verdict).toBe('pass');
    expect(report.scenarios.map((s) => s.name)).toEqual(['baseline', 'lost-response', 'server-error', 'slow-response']);
    for (const scenario of report.scenarios) {
      expect(scenario.rules.filter((r) => r.status === 'fail' || r.status === 'warn').map((r) => `${scenario.name} ${r.id}: ${r.message}`)).toEqual([]);
      expect(scenario.exitCode).toBe(0);
    }
    // Each scenario judged what it is for: the retries under faults, the held answer in slow-response.
    const status = (scenario: string, id: string): string | undefined => report.scenarios.find((s) => s.name === scenario)?.rules.find((r) => r.id === id)?.status;
    expect([status('lost-response', 'retry-same-reference'), status('server-error', 'retry-bounded'), status('slow-response', 'timeout'), status('baseline', 'command-succeeded')]).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(readFileSync(join(dir, 'certify.md'), 'utf8')).toMatch(/^# MyValue certification: ✅ PASS$/m);
    const suites = junitSuites(readFileSync(join(dir, 'junit.xml'), 'utf8'));
    expect(suites.ok && suites.value.map((s) => [s.name, s.tests, s.failures])).toEqual([['baseline', 10, 0], ['lost-response', 10, 0], ['server-error', 10, 0], ['slow-response', 10, 0]]);
    expect(readFileSync(join(dir, 'baseline.log'), 'utf8')).toMatch(/partner backend \(none\): customer V\w+, balance 220, 3 entries: ok/);
  });

  it.each([
    ['new-reference', 'lost-response', ['retry-same-reference', 'no-double-booking']],
    ['no-retry', 'server-error', ['write-completed']],
    ['no-pause', 'server-error', ['retry-bounded']],
    ['retry-4xx', 'baseline', ['no-retry-on-client-error']],
    ['sign-order', 'baseline', ['sign-valid']],
    ['secret-header', 'baseline', ['secret-not-sent']],
    ['no-timeout', 'slow-response', ['timeout']],
  ])('the flaw %s fails in %s, naming %j', async (flaw, scenario, rules) => {
    const { code, report, dir } = await certify(flaw, [scenario]);
    expect(code).toBe(1);
    expect(report.verdict).toBe('fail');
    const failed = report.scenarios[0]?.rules.filter((r) => r.status === 'fail').map((r) => r.id) ?? [];
    expect(failed).toEqual(expect.arrayContaining(rules));
    const markdown = readFileSync(join(dir, 'certify.md'), 'utf8');
    for (const id of rules) expect(markdown).toContain(`### ❌ ${id}, in ${scenario}`);
  });

  it('the sign flaw is named: the fake recognised the two fields swapped', async () => {
    const { report } = await certify('sign-order', ['baseline']);
    const sign = report.scenarios[0]?.rules.find((r) => r.id === 'sign-valid');
    expect(sign?.message).toMatch(/point\.earn: fields "amount" and "referenceNo" seem swapped; the order is amount, referenceNo, exchangeRate, outletID/);
  });
});
