// What a run says when it ends, for a log: the failed requests with their reason (all --quiet prints of
// them) and the one plain closing line `PASS|FAIL: N requests, M assertions, K failed (reports: DIR)`. Pure.
import { oneLine } from '../shared/text';
import { hasIterations, requestLabel, signExplainText } from './report-cases';
import type { RequestReport, RunReport } from './run-json';

export type Verdict = 'PASS' | 'FAIL';

export interface FailedRequest {
  /** "Points / Earn points" (with its iteration when the run had several). */
  label: string;
  status?: number;
  /** The first failure, with how many more. */
  reason: string;
  request: RequestReport;
}

/** A failed request's reason in one line: its first failure, "(+N more)" after. */
function reasonOf(r: RequestReport): string {
  const more = r.failures.length > 1 ? ` (+${r.failures.length - 1} more)` : '';
  return `${oneLine(r.failures[0] ?? 'failed', 300)}${more}`;
}

/**
 * The requests that failed, in run order.
 * @example failedRequests(report).map((f) => `${f.label}: ${f.reason}`)
 */
export function failedRequests(report: RunReport): FailedRequest[] {
  const iterations = hasIterations(report);
  return report.requests
    .filter((r) => r.failures.length > 0)
    .map((r) => ({ label: requestLabel(r, iterations), ...(r.status !== undefined ? { status: r.status } : {}), reason: reasonOf(r), request: r }));
}

/** The failed requests as log lines: one per request, its sign explanation under it. */
export function failureLines(report: RunReport): string[] {
  return failedRequests(report).flatMap((f) => [
    `failed: ${f.label}${f.status !== undefined ? ` (${f.status})` : ''}: ${f.reason}`,
    ...(f.request.signExplain ? [`  ${signExplainText(f.request.signExplain)}`] : []),
  ]);
}

/**
 * The run's last line: plain text, no colour, the same words in a terminal and in a CI log.
 * @example summaryLine('PASS', report, 'reports') // 'PASS: 45 requests, 212 assertions, 0 failed (reports: reports)'
 */
export function summaryLine(verdict: Verdict, report: RunReport, reportsDir: string): string {
  const { requests, assertions, failedRequests: failed } = report.totals;
  return `${verdict}: ${requests} request${requests === 1 ? '' : 's'}, ${assertions} assertion${assertions === 1 ? '' : 's'}, ${failed} failed (reports: ${reportsDir})`;
}
