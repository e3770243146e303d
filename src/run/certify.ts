// `myvalue certify` as a function: the partner's command once per scenario, each against a fresh fake
// under that scenario's faults, graded by the rules; then certify.json, certify.md, junit.xml and one log
// per scenario, the secret masked in all of them. Bad input is a value (exit 2), never a throw.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_WAIT_MS, findScenario } from '../../mocks/index';
import { ENV } from '../config';
import { oneLine } from '../shared/text';
import { certifyJunit } from '../reports/certify-junit';
import { appendStepSummary } from '../reports/step-summary';
import { certifyMarkdown, type CertifyReport, type CertifyScenarioReport } from '../reports/certify-report';
import { runScenario } from './certify-scenario';
import { checkCertifyOptions, DEFAULT_JOURNAL_SIZE, DEFAULT_SCENARIO_TIMEOUT_MS, type CertifyOptions } from './certify-options';
import { createMasker } from '../shared/masker';

export type { CertifyOptions } from './certify-options';

export interface CertifyResult {
  /** 0 pass, 1 a rule failed, 2 usage (a bad option, a command that cannot start), 128+n interrupted by signal n. */
  exitCode: number;
  /** Why, in one line, when certify could not give a verdict. */
  error?: string;
  report?: CertifyReport;
  reportsDir: string;
}

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** The command as a person would type it: words that need it are quoted. */
const shown = (command: readonly string[]): string => command.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : JSON.stringify(w))).join(' ');

/**
 * Certifies a command: every scenario (or those asked for), then the reports.
 * @example const { exitCode } = await runCertify({ command: ['npm', 'run', 'test:integration'], out: 'reports/certify' });
 */
export async function runCertify(options: CertifyOptions): Promise<CertifyResult> {
  const reportsDir = options.out ?? join('reports', 'certify');
  const checked = checkCertifyOptions(options);
  if (!checked.ok) return { exitCode: 2, error: checked.error, reportsDir };
  const { command, scenarios, client, maxWaitMs = DEFAULT_MAX_WAIT_MS, maxAttempts = DEFAULT_MAX_ATTEMPTS } = checked.value;
  const log = options.log ?? ((line: string): void => void process.stdout.write(`${line}\n`));
  const masker = createMasker([client.clientSecret], [`${client.clientId}:${client.clientSecret}`]);
  try {
    await mkdir(reportsDir, { recursive: true });
  } catch (error) {
    return { exitCode: 2, error: `cannot write reports to ${reportsDir}: ${oneLine((error as Error).message)}`, reportsDir };
  }
  const startedAt = new Date();
  log(masker.mask(`certify: ${shown(command)}, ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'} (${scenarios.join(', ')}); reports in ${reportsDir}`));
  const reports: CertifyScenarioReport[] = [];
  for (const name of scenarios) {
    const scenario = findScenario(name);
    if (scenario === undefined) continue;
    const logName = `${name}.log`;
    const ran = await runScenario(scenario, {
      command, client, maxWaitMs, maxAttempts, masker,
      timeoutMs: options.scenarioTimeoutMs ?? DEFAULT_SCENARIO_TIMEOUT_MS,
      journalSize: options.journalSize ?? DEFAULT_JOURNAL_SIZE,
      env: options.env ?? process.env,
      cwd: options.cwd,
      logFile: join(reportsDir, logName),
      signal: options.signal,
    });
    if (!ran.started) {
      const why = ran.code === 'ENOENT' ? 'not found' : ran.code === 'EACCES' ? 'permission denied' : oneLine(ran.message);
      return { exitCode: 2, error: masker.mask(`cannot start ${JSON.stringify(command[0])}: ${why} (${ran.code})`), reportsDir };
    }
    if (ran.stopped) {
      const signal = String(options.signal?.reason ?? 'SIGTERM');
      return { exitCode: SIGNAL_EXIT[signal] ?? 130, error: `${signal}: stopped the command and the fake during ${name}; no verdict`, reportsDir };
    }
    const report: CertifyScenarioReport = {
      name, description: scenario.description, exitCode: ran.exitCode, signal: ran.signal, timedOut: ran.timedOut, durationMs: ran.durationMs,
      requests: ran.grade.requests, dropped: ran.grade.dropped, log: logName, verdict: ran.grade.verdict, rules: ran.grade.rules,
    };
    reports.push(report);
    const failed = ran.grade.failed;
    const exit = ran.timedOut ? `stopped after ${options.scenarioTimeoutMs ?? DEFAULT_SCENARIO_TIMEOUT_MS} ms` : ran.signal !== null ? `ended by ${ran.signal}` : `exit ${ran.exitCode}`;
    log(`${name}: ${exit} in ${(ran.durationMs / 1000).toFixed(1)} s, ${ran.grade.requests} requests; ${failed.length === 0 ? 'pass' : `FAIL ${failed.join(', ')}`}`);
    if (failed.includes('command-succeeded')) for (const line of ran.lastLines) log(`  | ${line}`);
  }
  const problems = reports.filter((r) => r.requests === 0).map((r) => `${r.name}: the command sent no request to the fake (does it read ${ENV.externalBaseUrl}?)`);
  const report: CertifyReport = {
    verdict: reports.every((r) => r.verdict === 'pass') && problems.length === 0 ? 'pass' : 'fail',
    command: masker.mask(shown(command)),
    clientId: client.clientId,
    maxWaitMs, maxAttempts,
    scenarioTimeoutMs: options.scenarioTimeoutMs ?? DEFAULT_SCENARIO_TIMEOUT_MS,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    problems,
    scenarios: reports,
  };
  for (const problem of problems) log(`warning: ${problem}`);
  const markdown = masker.mask(certifyMarkdown(report));
  const mdFile = join(reportsDir, 'certify.md');
  try {
    await writeFile(join(reportsDir, 'certify.json'), masker.mask(`${JSON.stringify(report, null, 2)}\n`));
    await writeFile(mdFile, markdown);
    await writeFile(join(reportsDir, 'junit.xml'), masker.mask(certifyJunit(report)));
  } catch (error) {
    return { exitCode: 2, error: `cannot write the reports: ${oneLine(masker.mask((error as Error).message))}`, report, reportsDir };
  }
  if (options.stepSummary !== undefined) {
    // The job summary is a courtesy: one that cannot be written is a warning, the verdict stands.
    const appended = await appendStepSummary(options.stepSummary, markdown, `the whole scorecard is ${mdFile}`);
    if (!appended.ok) log(`warning: ${masker.mask(appended.error)}`);
  }
  log(`verdict: ${report.verdict.toUpperCase()} (${mdFile})`);
  return { exitCode: report.verdict === 'pass' ? 0 : 1, report, reportsDir };
}
