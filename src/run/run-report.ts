// run.json: what happened per request (name, method, URL, status, assertions, failures), built
// from Newman's summary as the bridge reads it. No environment or globals dump: those hold the run's variables.
import type { Execution, ItemEvent, ScriptError } from './newman-bridge';
import type { VariationInfo } from '../collection/variations';
import type { AssertionReport, RequestExtras, RequestReport, RunReport, SkipNote } from '../reports/run-json';

/** An item as Newman started it (beforeItem), sent or not. */
export type StartedItem = ItemEvent;

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

function scriptErrors(list: readonly ScriptError[], kind: string): string[] {
  return list.map((error) => `${kind} script error: ${error.name ?? 'Error'}: ${error.message}`);
}

function requestReport(execution: Execution, context: ReportContext): RequestReport {
  const assertions: AssertionReport[] = execution.assertions.map((a) => ({
    name: a.name,
    passed: a.passed,
    ...(a.skipped ? { skipped: true } : {}),
    ...(a.passed ? {} : { error: a.error }),
  }));
  const failures = [
    ...(execution.requestError !== undefined ? [`request error: ${execution.requestError}`] : []),
    ...scriptErrors(execution.prerequestErrors, 'pre-request'),
    ...assertions.filter((a) => !a.passed).map((a) => `${a.name}: ${a.error ?? 'failed'}`),
    ...scriptErrors(execution.testErrors, 'test'),
  ];
  const report: RequestReport = { name: execution.item.name, iteration: execution.iteration, assertions, failures };
  const folder = context.folderOf(execution.item.id);
  if (folder) report.folder = folder;
  const sent = execution.response !== undefined || execution.requestError !== undefined;
  if (execution.request && sent) {
    report.method = execution.request.method;
    report.url = execution.request.url;
  }
  if (execution.response) {
    report.status = execution.response.code;
    report.statusText = execution.response.status;
    report.responseTimeMs = execution.response.responseTime;
  }
  if (!sent) report.skipped = context.skipReasons.get(execution.ref) ?? 'not sent';
  return withExtras(report, execution.item.id, execution.ref, context);
}

function withExtras(report: RequestReport, itemId: string, ref: string, context: ReportContext): RequestReport {
  const extras = context.extras?.get(ref);
  const variation = context.variationOf?.(itemId);
  if (extras?.rule) report.rule = extras.rule;
  if (extras?.contract) report.contract = extras.contract;
  if (variation) report.variation = variation;
  if (extras?.retries) report.retries = extras.retries;
  if (extras?.signExplain) report.signExplain = extras.signExplain;
  if (extras?.warnings) report.warnings = extras.warnings;
  return report;
}

function skippedReport(started: StartedItem, context: ReportContext): RequestReport {
  const { ref, iteration, item } = started;
  const report: RequestReport = { name: item.name, iteration, assertions: [], failures: [], skipped: context.skipReasons.get(ref) ?? 'not sent' };
  const folder = context.folderOf(item.id);
  return withExtras(folder ? { ...report, folder } : report, item.id, ref, context);
}

/** The JSON summary of a finished run. */
export function buildRunReport(summary: { collection: string; executions: readonly Execution[] }, context: ReportContext): RunReport {
  const byRef = new Map(summary.executions.map((e) => [e.ref, e]));
  const requests = context.started.map((item) => {
    const execution = byRef.get(item.ref);
    return execution ? requestReport(execution, context) : skippedReport(item, context);
  });
  const assertions = requests.flatMap((r) => r.assertions);
  return {
    collection: summary.collection,
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
