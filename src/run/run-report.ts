// run.json: what happened per request (name, method, URL, status, assertions, failures), built
// from Newman's summary. No environment or globals dump: those hold the run's variables.
import type { NewmanExecution, NewmanSummary } from 'newman';
import type { VariationInfo } from '../collection/variations';
import type { AssertionReport, RequestExtras, RequestReport, RunReport, SkipNote } from '../reports/run-json';

/** An item as Newman started it (beforeItem), sent or not. */
export interface StartedItem {
  ref: string;
  id: string;
  name: string;
  iteration: number;
}

export interface ReportContext {
  target: string;
  externalBaseUrl: string;
  authBaseUrl: string;
  startedAt: Date;
  exitCode: number;
  folderOf(itemId: string): string | undefined;
  /** The variation an item is, for items --variations added. */
  variationOf?(itemId: string): VariationInfo | undefined;
  /** Rule, contract outcome and retries per cursor ref. */
  extras?: ReadonlyMap<string, RequestExtras>;
  /** Every item Newman started, in order: items a script skipped have no execution in the summary. */
  started: readonly StartedItem[];
  /** Skip reason per cursor ref (production guard). */
  skipReasons: ReadonlyMap<string, string>;
  skipped: SkipNote[];
}

function scriptErrors(list: NewmanExecution['testScript'], kind: string): string[] {
  return (list ?? []).flatMap((s) => (s.error ? [`${kind} script error: ${s.error.name ?? 'Error'}: ${s.error.message}`] : []));
}

function requestReport(execution: NewmanExecution, context: ReportContext): RequestReport {
  const assertions: AssertionReport[] = (execution.assertions ?? []).map((a) => ({
    name: a.assertion,
    passed: !a.error,
    ...(a.skipped ? { skipped: true } : {}),
    ...(a.error ? { error: a.error.message } : {}),
  }));
  const failures = [
    ...(execution.requestError ? [`request error: ${execution.requestError.message}`] : []),
    ...scriptErrors(execution.prerequestScript, 'pre-request'),
    ...assertions.filter((a) => !a.passed).map((a) => `${a.name}: ${a.error ?? 'failed'}`),
    ...scriptErrors(execution.testScript, 'test'),
  ];
  const report: RequestReport = { name: execution.item.name, iteration: execution.cursor.iteration, assertions, failures };
  const folder = context.folderOf(execution.item.id);
  if (folder) report.folder = folder;
  const sent = execution.response !== undefined || execution.requestError !== undefined;
  if (execution.request && sent) {
    report.method = execution.request.method;
    report.url = execution.request.url.toString();
  }
  if (execution.response) {
    report.status = execution.response.code;
    report.statusText = execution.response.status;
    report.responseTimeMs = execution.response.responseTime;
  }
  if (!sent) report.skipped = context.skipReasons.get(execution.cursor.ref) ?? 'not sent';
  return withExtras(report, execution.item.id, execution.cursor.ref, context);
}

function withExtras(report: RequestReport, itemId: string, ref: string, context: ReportContext): RequestReport {
  const extras = context.extras?.get(ref);
  const variation = context.variationOf?.(itemId);
  if (extras?.rule) report.rule = extras.rule;
  if (extras?.contract) report.contract = extras.contract;
  if (variation) report.variation = variation;
  if (extras?.retries) report.retries = extras.retries;
  return report;
}

function skippedReport(item: StartedItem, context: ReportContext): RequestReport {
  const report: RequestReport = { name: item.name, iteration: item.iteration, assertions: [], failures: [], skipped: context.skipReasons.get(item.ref) ?? 'not sent' };
  const folder = context.folderOf(item.id);
  return withExtras(folder ? { ...report, folder } : report, item.id, item.ref, context);
}

/** The JSON summary of a finished run. */
export function buildRunReport(summary: NewmanSummary, context: ReportContext): RunReport {
  const byRef = new Map(summary.run.executions.map((e) => [e.cursor.ref, e]));
  const requests = context.started.map((item) => {
    const execution = byRef.get(item.ref);
    return execution ? requestReport(execution, context) : skippedReport(item, context);
  });
  const assertions = requests.flatMap((r) => r.assertions);
  return {
    collection: summary.collection.name,
    target: context.target,
    externalBaseUrl: context.externalBaseUrl,
    authBaseUrl: context.authBaseUrl,
    startedAt: context.startedAt.toISOString(),
    durationMs: Date.now() - context.startedAt.getTime(),
    exitCode: context.exitCode,
    totals: {
      requests: requests.length,
      sent: requests.filter((r) => r.skipped === undefined).length,
      failedRequests: requests.filter((r) => r.failures.length > 0).length,
      skipped: requests.filter((r) => r.skipped !== undefined).length,
      assertions: assertions.length,
      failedAssertions: assertions.filter((a) => !a.passed).length,
    },
    requests,
    skipped: context.skipped,
  };
}
