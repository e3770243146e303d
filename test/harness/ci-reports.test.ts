// What a CI reads of a run: junit.xml parsed as a CI tool parses it, its counts those of run.json;
// ctrf.json valid by the `ctrf` package's own validator; the job summary appended to
// $GITHUB_STEP_SUMMARY; the console's last line; --quiet, --reporters, --iteration-count and colour.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate, type CTRFReport } from 'ctrf';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/reports/run-json';
import { CLI } from '../helpers/spawn-mock';
import { fileTempDir, tempDir } from '../helpers/temp-dir';
import { run, type Run } from './served-fake';

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });
const FOLDERS = ['Users', 'Points'];
const work = fileTempDir('myvalue-ci-reports-');
/** Earn answered 503 once: its assertions fail, the run goes on. */
const FAULTY = { faults: ['point.earn:status=503,times=1'] };

function junitCounts(xml: string): { root: Node; suites: Node[]; cases: Node[] } {
  const root = (parser.parse(xml) as { testsuites: Node & { testsuite?: Node[] } }).testsuites;
  const suites = root.testsuite ?? [];
  return { root, suites, cases: suites.flatMap((s) => (s.testcase as Node[] | undefined) ?? []) };
}

/** What run.json says, counted as a CI tool counts cases. */
function expectedCounts(report: RunReport): Record<string, number> {
  const assertions = report.requests.flatMap((r) => r.assertions);
  const assertionFailures = new Set(report.requests.flatMap((r) => r.assertions.filter((a) => !a.passed).map((a) => `${r.name}|${a.name}: ${a.error ?? 'failed'}`)));
  const errors = report.requests.flatMap((r) => r.failures.filter((f) => !assertionFailures.has(`${r.name}|${f}`))).length;
  const skipped = assertions.filter((a) => a.skipped).length + report.totals.skipped;
  return { tests: assertions.length + errors + report.totals.skipped, failures: report.totals.failedAssertions, errors, skipped };
}

describe('a failing run against msw (earn answered 503)', () => {
  /** The run both tests read: the job summary goes to a file of its own, after an earlier step's. */
  let failing: Promise<{ r: Run; summary: string }> | undefined;
  const failingRun = (): NonNullable<typeof failing> =>
    (failing ??= (async () => {
      const summary = join(work(), 'summary.md');
      writeFileSync(summary, '## earlier step\n');
      return { r: await run({ target: 'msw', folders: FOLDERS, fake: FAULTY, env: { GITHUB_STEP_SUMMARY: summary } }), summary };
    })());

  it('junit.xml, read by fast-xml-parser, counts what run.json counts, and its failure says the status and the body', async () => {
    const { r } = await failingRun();
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.files['run.json'] ?? '') as RunReport;
    const { root, suites, cases } = junitCounts(r.files['junit.xml'] ?? '');
    expect(suites).toHaveLength(report.totals.requests);
    const counted = { tests: cases.length, failures: cases.filter((c) => c.failure).length, errors: cases.filter((c) => c.error).length, skipped: cases.filter((c) => c.skipped !== undefined).length };
    expect(counted).toEqual(expectedCounts(report));
    expect(counted.failures).toBeGreaterThan(0);
    for (const key of Object.keys(counted)) expect(Number(root[key]), key).toBe(counted[key as keyof typeof counted]);
    const earn = suites.find((s) => s.name === 'Points / Earn points');
    const failure = ((earn?.testcase as Node[]).find((c) => c.failure)?.failure ?? {}) as Record<string, string>;
    expect(failure['#text']).toContain('response: 503 Service Unavailable');
    expect(failure['#text']).toMatch(/response body:\n\{"id":/);
    expect(report.requests.find((q) => q.name === 'Earn points')?.responseExcerpt).toMatch(/^\{"id":/);
    expect((earn?.testcase as Node[])[0]?.classname).toBe('MyValue partner API.Points.Earn points');

    // ctrf.json: valid, the same cases, the failures with their request as context.
    const ctrf = JSON.parse(r.files['ctrf.json'] ?? '') as CTRFReport;
    expect(validate(ctrf)).toEqual({ valid: true, errors: [] });
    expect(ctrf.results.summary).toMatchObject({ tests: counted.tests, failed: counted.failures + counted.errors, skipped: counted.skipped });
    const failed = ctrf.results.tests.find((t) => t.status === 'failed' && t.name.startsWith('Points / Earn points › '));
    expect(failed).toMatchObject({ suite: ['MyValue partner API', 'Points', 'Earn points'], extra: { request: { method: 'POST', status: 503 } } });
    expect(failed?.message).toBeTruthy();
    expect(failed?.trace).toContain('response: 503');

    // The last line, plain.
    expect(r.console.trimEnd().split('\n').at(-1)).toBe(`FAIL: ${report.totals.requests} requests, ${report.totals.assertions} assertions, ${report.totals.failedRequests} failed (reports: reports)`);
  }, 120_000);

  it('appends a short job summary to $GITHUB_STEP_SUMMARY: the verdict, the counts, each failed request with its reason', async () => {
    const { r, summary: file } = await failingRun();
    expect(r.exitCode).toBe(1);
    const md = readFileSync(file, 'utf8');
    expect(md.startsWith('## earlier step\n### ❌ MyValue run: FAIL\n')).toBe(true);
    expect(md).toContain(`MyValue partner API against msw: ${r.summary?.totals.requests} requests`);
    expect(md).toMatch(/^\| Points \/ Earn points \| 503 \| contract: POST \/service\/point\/earn\/ 503: .+ \(\+\d+ more\) \|$/m);
    expect(Buffer.byteLength(md)).toBeLessThan(64 * 1024);
  }, 120_000);
});

describe('a passing run', () => {
  it('writes a valid ctrf.json and says PASS last', async () => {
    const r = await run({ target: 'msw', folders: ['Users'] });
    expect(r.exitCode).toBe(0);
    const ctrf = JSON.parse(r.files['ctrf.json'] ?? '') as CTRFReport;
    expect(validate(ctrf)).toEqual({ valid: true, errors: [] });
    expect(ctrf.results.summary.failed).toBe(0);
    expect(ctrf.results.summary.passed).toBe(r.summary?.totals.assertions);
    expect(r.console.trimEnd().split('\n').at(-1)).toMatch(/^PASS: \d+ requests, \d+ assertions, 0 failed \(reports: reports\)$/);
  }, 120_000);

  it('--reporters junit,json writes those two and prints no progress; --iteration-count 2 runs each request twice', async () => {
    const r = await run({ target: 'msw', folders: ['Users'], reporters: { cli: false, html: false, ctrf: false }, iterationCount: 2 });
    expect(r.exitCode).toBe(0);
    expect(Object.keys(r.files).sort()).toEqual(['junit.xml', 'run.json']);
    expect(r.console).not.toContain('↳');
    const report = JSON.parse(r.files['run.json'] ?? '') as RunReport;
    const once = report.requests.filter((q) => q.iteration === 0).map((q) => q.name);
    expect(report.requests.filter((q) => q.iteration === 1).map((q) => q.name)).toEqual(once);
    expect(junitCounts(r.files['junit.xml'] ?? '').suites.map((s) => s.name)).toContain(`Users / ${once[0]} (iteration 2)`);
  }, 120_000);
});

describe('the console', () => {
  /** The CLI as a CI job runs it: a child process, stdout and stderr not terminals. */
  function cli(args: string[], env: NodeJS.ProcessEnv): { status: number | null; out: string; err: string } {
    const dir = tempDir('myvalue-console-');
    const result = spawnSync(process.execPath, [...CLI, 'run', '--target', 'msw', '--folder', 'Users', '--out', join(dir, 'reports'), ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
    return { status: result.status, out: result.stdout, err: result.stderr };
  }
  const ESC = '\u001b[';

  it('--quiet prints the summary line and nothing of a passing run\'s progress', () => {
    const r = cli(['--quiet'], {});
    expect(r.status, r.err).toBe(0);
    expect(r.out).toBe('');
    expect(r.err.trimEnd().split('\n')).toEqual([expect.stringMatching(/^PASS: \d+ requests, \d+ assertions, 0 failed \(reports: \/.+\/reports\)$/)]);
  }, 120_000);

  // That the environment and the flag reach it; which wins over which (NO_COLOR, FORCE_COLOR=0, a
  // terminal) is test/shared/color.test.ts.
  it('has no colour off a terminal; FORCE_COLOR turns it on, --no-color keeps it off', () => {
    expect(cli([], {}).out).not.toContain(ESC);
    expect(cli([], { FORCE_COLOR: '1' }).out).toContain(ESC);
    const flagged = cli(['--no-color'], { FORCE_COLOR: '1' });
    expect(flagged.out).not.toContain(ESC);
    expect(flagged.err.trimEnd().split('\n').at(-1)).toMatch(/^PASS: /);
  }, 240_000);
});
