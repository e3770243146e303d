// `myvalue certify` as a CI job meets it: usage errors in one line (exit 2), the command's output in a
// masked log per scenario, its crash a fail of command-succeeded (in baseline only), nothing of it left
// running (at its end, at the time bound, on SIGTERM to certify), and certify.md in the job summary.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CertifyReport } from '../../src/reports/certify-report';
import { runCli } from '../helpers/cli';
import { CLI } from '../helpers/spawn-mock';
import { tempDir } from '../helpers/temp-dir';

const NODE = process.execPath;
const reportOf = (dir: string): CertifyReport => JSON.parse(readFileSync(join(dir, 'certify.json'), 'utf8')) as CertifyReport;
const rule = (report: CertifyReport, scenario: string, id: string) => report.scenarios.find((s) => s.name === scenario)?.rules.find((r) => r.id === id);

/** Whether a process of this pid still runs (a zombie waiting for init to reap it has ended: /proc says so). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (!existsSync(`/proc/${pid}/stat`)) return existsSync('/proc/self/stat') ? false : true;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
}

async function until(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((done) => setTimeout(done, 20));
}

describe('myvalue certify: usage errors, one line and exit 2', () => {
  it.each([
    [['certify'], 'myvalue: certify needs a command after --, e.g. myvalue certify -- npm run test:integration'],
    [['certify', '--'], 'myvalue: certify needs a command after --, e.g. myvalue certify -- npm run test:integration'],
    [['certify', '--scenario', 'chaos', '--', NODE, '-e', '0'], 'myvalue: unknown scenario "chaos": use baseline, lost-response, server-error, slow-response'],
    [['certify', '--max-wait', '10s', '--', NODE, '-e', '0'], 'myvalue: --max-wait must be a whole number from 100 to 300000 ms, got "10s"'],
    [['certify', '--max-wait', '99', '--', NODE, '-e', '0'], 'myvalue: --max-wait must be a whole number from 100 to 300000 ms, got "99"'],
    [['certify', '--max-attempts', '0', '--', NODE, '-e', '0'], 'myvalue: --max-attempts must be a whole number from 1 to 100, got "0"'],
    [['certify', '--scenario-timeout', '-1', '--', NODE, '-e', '0'], 'myvalue: --scenario-timeout must be a whole number from 1000 to 86400000 ms, got "-1"'],
    [['certify', '--client', 'MyPOS', '--', NODE, '-e', '0'], 'myvalue: --client takes ID:SECRET, e.g. --client MyPOS:my-test-secret'],
  ])('%j', async (args, line) => {
    expect(await runCli(args)).toEqual({ code: 2, out: [], err: [line] });
  });

  it('a command that cannot be started', async () => {
    const dir = join(tempDir('myvalue-certify-'), 'reports');
    const ran = await runCli(['certify', '--out', dir, '--', 'no-such-partner-command-42']);
    expect(ran.code).toBe(2);
    expect(ran.err).toEqual(['myvalue: cannot start "no-such-partner-command-42": not found (ENOENT)']);
    expect(existsSync(join(dir, 'certify.json'))).toBe(false);
  });
});

describe('myvalue certify: the command', () => {
  it('gets the fake and the scenario in its environment; its output goes to a log per scenario with the secret masked', async () => {
    const dir = join(tempDir('myvalue-certify-'), 'reports');
    const script = "console.log(process.env.MYVALUE_SCENARIO, process.env.MYVALUE_CLIENT_ID, process.env.MYVALUE_EXTERNAL_BASE_URL === process.env.MYVALUE_AUTH_BASE_URL); console.error('the secret is ' + process.env.MYVALUE_CLIENT_SECRET)";
    const ran = await runCli(['certify', '--out', dir, '--client', 'MyPOS:made-up-certify-secret-31', '--scenario', 'baseline', '--scenario', 'server-error', '--', NODE, '-e', script]);
    expect(readFileSync(join(dir, 'baseline.log'), 'utf8').split('\n').sort()).toEqual(['', 'baseline MyPOS true', 'the secret is [masked]']);
    expect(readFileSync(join(dir, 'server-error.log'), 'utf8')).toContain('server-error MyPOS true');
    // It sent nothing to the fake: nothing was certified, so the verdict cannot pass.
    expect(ran.code).toBe(1);
    expect(reportOf(dir).problems).toEqual([
      'baseline: the command sent no request to the fake (does it read MYVALUE_EXTERNAL_BASE_URL?)',
      'server-error: the command sent no request to the fake (does it read MYVALUE_EXTERNAL_BASE_URL?)',
    ]);
    for (const file of ['certify.json', 'certify.md', 'junit.xml', 'baseline.log']) expect(readFileSync(join(dir, file), 'utf8')).not.toContain('made-up-certify-secret-31');
    expect(ran.out.join('\n')).not.toContain('made-up-certify-secret-31');
  });

  it("the command's crash fails command-succeeded in baseline and is reported under faults", async () => {
    const dir = join(tempDir('myvalue-certify-'), 'reports');
    const ran = await runCli(['certify', '--out', dir, '--scenario', 'baseline', '--scenario', 'lost-response', '--', NODE, '-e', "console.log('about to fail'); process.exit(3)"]);
    expect(ran.code).toBe(1);
    const report = reportOf(dir);
    expect(report.scenarios.map((s) => s.exitCode)).toEqual([3, 3]);
    expect(rule(report, 'baseline', 'command-succeeded')).toMatchObject({ status: 'fail', message: 'The command exited 3 with no fault injected.' });
    expect(rule(report, 'lost-response', 'command-succeeded')).toMatchObject({ status: 'n/a', message: 'The command exited 3: reported, not judged under faults.' });
    // The last lines of its output are shown where the job's log is read.
    expect(ran.out).toContain('  | about to fail');
  });

  it('nothing the command started is left running, and a command past --scenario-timeout is stopped', async () => {
    const dir = tempDir('myvalue-certify-');
    const pidFile = join(dir, 'pid');
    // Starts a process that would run for ever, notes its pid, and exits 0 itself.
    const leaver = "const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); require('node:fs').writeFileSync(process.argv[1], String(c.pid)); process.exit(0);";
    const left = await runCli(['certify', '--out', join(dir, 'a'), '--scenario', 'baseline', '--', NODE, '-e', leaver, pidFile]);
    expect(left.code).toBe(1);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(false);

    const hanger = "require('node:fs').writeFileSync(process.argv[1], String(process.pid)); setInterval(() => {}, 1000)";
    const hung = await runCli(['certify', '--out', join(dir, 'b'), '--scenario', 'baseline', '--scenario-timeout', '1000', '--', NODE, '-e', hanger, pidFile]);
    expect(hung.code).toBe(1);
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    expect(rule(reportOf(join(dir, 'b')), 'baseline', 'command-succeeded')?.message).toBe("The command was stopped after the scenario's time bound with no fault injected.");
    expect(hung.out.find((l) => l.startsWith('baseline:'))).toMatch(/^baseline: stopped after 1000 ms in [\d.]+ s, 0 requests; FAIL command-succeeded$/);
  });

  it('SIGTERM to certify stops the command and the fake, and exits 143', async () => {
    const dir = tempDir('myvalue-certify-');
    const noteFile = join(dir, 'note');
    const waiter = "require('node:fs').writeFileSync(process.argv[1], JSON.stringify({ pid: process.pid, url: process.env.MYVALUE_EXTERNAL_BASE_URL })); setInterval(() => {}, 1000)";
    const certify = spawn(NODE, [...CLI, 'certify', '--out', join(dir, 'reports'), '--', NODE, '-e', waiter, noteFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    certify.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((done) => certify.once('exit', (code) => done(code)));
    await until(() => existsSync(noteFile) && readFileSync(noteFile, 'utf8').endsWith('}'));
    const note = JSON.parse(readFileSync(noteFile, 'utf8')) as { pid: number; url: string };
    expect((await fetch(`${note.url}/__admin/health`)).status).toBe(200);
    certify.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(err.trim()).toBe('myvalue: SIGTERM: stopped the command and the fake during baseline; no verdict');
    expect(alive(note.pid)).toBe(false);
    await expect(fetch(`${note.url}/__admin/health`)).rejects.toThrow();
  });

  it('appends certify.md to the GitHub job summary', async () => {
    const dir = tempDir('myvalue-certify-');
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '## Earlier step\n');
    vi.stubEnv('GITHUB_STEP_SUMMARY', summary);
    await runCli(['certify', '--out', join(dir, 'reports'), '--scenario', 'baseline', '--', NODE, '-e', '0']);
    const markdown = readFileSync(join(dir, 'reports', 'certify.md'), 'utf8');
    expect(readFileSync(summary, 'utf8')).toBe(`## Earlier step\n${markdown}`);
  });
});
