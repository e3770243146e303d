// certify.json's shape and certify.md: the scorecard a person reads at a glance (scenarios × rules), then
// each failure with what the backend did, what it should do, how to fix it, and the journal's evidence.
// Pure: report in, text out.
import { RULE_ADVICE, RULE_IDS, type Evidence, type RuleId, type RuleResult, type RuleStatus } from '../../mocks/index';
import { markdownText as md } from './markdown-text';

export interface CertifyScenarioReport {
  name: string;
  description: string;
  /** The command's exit code (null when a signal ended it). */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** Requests the fake journaled. */
  requests: number;
  /** Requests the journal dropped (its size), not judged. */
  dropped: number;
  /** The command's output, secret masked, beside this report. */
  log: string;
  verdict: 'pass' | 'fail';
  rules: RuleResult[];
}

export interface CertifyReport {
  verdict: 'pass' | 'fail';
  /** The command as given, secret masked. */
  command: string;
  clientId: string;
  maxWaitMs: number;
  maxAttempts: number;
  scenarioTimeoutMs: number;
  startedAt: string;
  durationMs: number;
  /** What makes the verdict fail besides a rule (a scenario the command sent nothing in). */
  problems: string[];
  scenarios: CertifyScenarioReport[];
}

const MARK: Record<RuleStatus, string> = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ **FAIL**', 'n/a': '➖ n/a' };

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** hh:mm:ss.mmm of an ISO time (the day is in the header). */
const clockTime = (iso: string | undefined): string => (iso === undefined ? '' : iso.slice(11, 23));

function exitText(s: CertifyScenarioReport): string {
  if (s.timedOut) return `stopped at the time bound`;
  if (s.signal !== null) return `ended by ${s.signal}`;
  return `exit ${s.exitCode}`;
}

function evidenceTable(evidence: readonly Evidence[]): string[] {
  if (evidence.length === 0) return [];
  return [
    '',
    '| Seq | Time | Request | referenceNo | Answer | Note |',
    '|---:|---|---|---|---|---|',
    ...evidence.map((e) => `| ${e.seq ?? ''} | ${clockTime(e.time)} | ${md(e.request ?? '')} | ${md(e.referenceNo ?? '')} | ${md(e.answer ?? '')} | ${md(e.note ?? '')} |`),
  ];
}

function failure(scenario: CertifyScenarioReport, rule: RuleResult): string[] {
  const advice = RULE_ADVICE[rule.id];
  return [
    '',
    `### ❌ ${rule.id}, in ${scenario.name}`,
    '',
    `- **What the backend did:** ${md(rule.message)}`,
    `- **What it should do:** ${md(advice.should)}`,
    `- **How to fix it:** ${md(advice.fix)}`,
    ...evidenceTable(rule.evidence),
  ];
}

/**
 * certify.md.
 * @example writeFileSync('reports/certify/certify.md', certifyMarkdown(report));
 */
export function certifyMarkdown(report: CertifyReport): string {
  const results = (id: RuleId): Array<RuleResult | undefined> => report.scenarios.map((s) => s.rules.find((r) => r.id === id));
  const failures = report.scenarios.flatMap((s) => s.rules.filter((r) => r.status === 'fail').map((r) => failure(s, r)));
  const warnings = report.scenarios.flatMap((s) => s.rules.filter((r) => r.status === 'warn').map((r) => `- **${r.id}**, in ${s.name}: ${md(r.message)}`));
  const failedCount = report.scenarios.reduce((n, s) => n + s.rules.filter((r) => r.status === 'fail').length, 0);
  const lines = [
    `# MyValue certification: ${report.verdict === 'pass' ? '✅ PASS' : '❌ FAIL'}`,
    '',
    `${md(report.command)}, run once per scenario against the fake (client ${md(report.clientId)}, --max-wait ${report.maxWaitMs} ms, --max-attempts ${report.maxAttempts}). Started ${report.startedAt}, took ${seconds(report.durationMs)}.`,
    '',
    report.verdict === 'pass'
      ? `**PASS**: no rule failed in ${report.scenarios.length} scenario${report.scenarios.length === 1 ? '' : 's'}.`
      : `**FAIL**: ${failedCount} rule result${failedCount === 1 ? '' : 's'} failed${report.problems.length > 0 ? `; ${report.problems.map(md).join('; ')}` : ''}.`,
    '',
    `| Rule | ${report.scenarios.map((s) => s.name).join(' | ')} |`,
    `|---|${report.scenarios.map(() => '---').join('|')}|`,
    ...RULE_IDS.map((id) => `| ${id} | ${results(id).map((r) => (r ? MARK[r.status] : '')).join(' | ')} |`),
    `| *requests* | ${report.scenarios.map((s) => String(s.requests)).join(' | ')} |`,
    `| *command* | ${report.scenarios.map(exitText).join(' | ')} |`,
    '',
    'n/a: nothing in that scenario to judge (no write retried, no answer held, ...). Each scenario starts from a fresh seed.',
  ];
  if (failures.length > 0) lines.push('', '## Failures', ...failures.flat());
  if (warnings.length > 0) lines.push('', '## Warnings', '', ...warnings);
  lines.push('', '## Scenarios', '');
  for (const s of report.scenarios) {
    lines.push(`- **${s.name}**: ${md(s.description)}. Command ${exitText(s)} after ${seconds(s.durationMs)}; ${s.requests} request${s.requests === 1 ? '' : 's'}${s.dropped > 0 ? ` (${s.dropped} more dropped by the journal)` : ''}; output in ${md(s.log)}.`);
  }
  lines.push('', '## The rules', '');
  for (const id of RULE_IDS) lines.push(`- **${id}**: ${md(RULE_ADVICE[id].checks)}.`);
  return `${lines.join('\n')}\n`;
}
