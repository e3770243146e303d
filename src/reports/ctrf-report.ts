// ctrf.json (Common Test Report Format), from run.json: the cases JUnit counts, each with its status,
// duration, message and the request as context, typed and summed by the `ctrf` package. Pure.
import { calculateSummary, CURRENT_SPEC_VERSION, REPORT_FORMAT, type CTRFReport, type Test } from 'ctrf';
import { caseDetail, reportCases, type CaseStatus, type ReportCase } from './report-cases';
import type { RequestReport, RunReport } from './run-json';

/** CTRF has no "error" status: a request or script error is failed, with its raw status kept. */
const STATUS: Readonly<Record<CaseStatus, Test['status']>> = { passed: 'passed', failed: 'failed', error: 'failed', skipped: 'skipped' };

/** The request a case belongs to, as CTRF's free-form context. */
function requestOf(r: RequestReport): Record<string, unknown> {
  return {
    ...(r.method ? { method: r.method } : {}),
    ...(r.url ? { url: r.url } : {}),
    ...(r.status !== undefined ? { status: r.status } : {}),
    ...(r.responseTimeMs !== undefined ? { responseTimeMs: r.responseTimeMs } : {}),
    iteration: r.iteration + 1,
    ...(r.rule ? { rule: r.rule } : {}),
    ...(r.variation ? { variation: r.variation } : {}),
    ...(r.signExplain ? { signExplain: r.signExplain } : {}),
    ...(r.skipped !== undefined ? { notSent: r.skipped } : {}),
  };
}

function testOf(c: ReportCase, report: RunReport): Test {
  const r = report.requests[c.request] as RequestReport;
  const failed = c.status === 'failed' || c.status === 'error';
  return {
    name: `${c.path.slice(1).join(' / ')} › ${c.name}`,
    status: STATUS[c.status],
    duration: c.durationMs,
    suite: c.path,
    ...(c.status === 'error' ? { rawStatus: 'error' } : {}),
    ...(c.message !== undefined ? { message: c.message } : {}),
    ...(failed ? { trace: caseDetail(c, r) } : {}),
    ...(r.retries ? { retries: r.retries.count, flaky: r.retries.recovered && !failed } : {}),
    type: r.variation ? 'negative' : 'api',
    extra: { request: requestOf(r) },
  };
}

/**
 * The CTRF document of a run (or of shards merged).
 * @example await writeFile('reports/ctrf.json', JSON.stringify(ctrfReport(report, '0.1.0'), null, 2));
 */
export function ctrfReport(report: RunReport, toolVersion: string): CTRFReport {
  const tests = reportCases(report).map((c) => testOf(c, report));
  const start = Date.parse(report.startedAt);
  const stop = start + report.durationMs;
  return {
    reportFormat: REPORT_FORMAT,
    specVersion: CURRENT_SPEC_VERSION,
    timestamp: new Date(stop).toISOString(),
    generatedBy: 'myvalue-harness',
    results: {
      tool: { name: 'myvalue-harness', version: toolVersion },
      summary: calculateSummary(tests, { start, stop }),
      tests,
      environment: { testEnvironment: report.target, extra: { collection: report.collection, externalBaseUrl: report.externalBaseUrl, authBaseUrl: report.authBaseUrl } },
      extra: { exitCode: report.exitCode, ...(report.stopped ? { stopped: report.stopped } : {}), ...(report.shard ? { shard: report.shard } : {}) },
    },
  };
}
