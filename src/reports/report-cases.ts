// A run's requests as test cases, counted one way for every CI format (JUnit, CTRF): one case per
// assertion, one per request or script error, one for a request that was not sent. Pure: run.json in.
import { baseCollectionName } from '../collection/shard';
import type { RequestReport, RunReport, SignExplainReport } from './run-json';

export type CaseStatus = 'passed' | 'failed' | 'error' | 'skipped';

export interface ReportCase {
  /** Its request's index in report.requests. */
  request: number;
  /** Collection, folders, then the request (with its iteration when the run had several). */
  path: string[];
  name: string;
  status: CaseStatus;
  /** The request's time, split over its cases so that they add up to it. */
  durationMs: number;
  /** One line: the assertion's error, the request or script error, why it was not sent. */
  message?: string;
}

/** The request as a label: "Points / Earn points", with "(iteration 2)" when the run had several. */
export function requestLabel(r: RequestReport, iterations: boolean): string {
  const name = r.folder ? `${r.folder} / ${r.name}` : r.name;
  return iterations ? `${name} (iteration ${r.iteration + 1})` : name;
}

/** Several iterations: each request's label and path say which one. */
export const hasIterations = (report: RunReport): boolean => report.requests.some((r) => r.iteration > 0);

/** Failures that are not a failed assertion (request, pre-request or test script errors), as kind and message. */
export function errorsOf(r: RequestReport): Array<{ kind: string; message: string }> {
  const assertionTexts = new Set(r.assertions.filter((a) => !a.passed).map((a) => `${a.name}: ${a.error ?? 'failed'}`));
  return r.failures
    .filter((f) => !assertionTexts.has(f))
    .map((f) => {
      const colon = f.indexOf(': ');
      return colon > 0 && colon < 40 ? { kind: f.slice(0, colon), message: f.slice(colon + 2) } : { kind: 'error', message: f };
    });
}

/** `total` milliseconds over `n` parts, whole numbers summing exactly to it. */
function split(total: number, n: number): number[] {
  const whole = Math.max(0, Math.round(total));
  return Array.from({ length: n }, (_, i) => Math.floor(whole / n) + (i < whole % n ? 1 : 0));
}

function casesOf(r: RequestReport, index: number, collection: string, iterations: boolean): ReportCase[] {
  const path = [collection, ...(r.folder ? r.folder.split(' / ') : []), iterations ? `${r.name} (iteration ${r.iteration + 1})` : r.name];
  const seen = new Map<string, number>();
  // GitLab drops a second case of the same name in a class: a repeated pm.test name gets " (2)".
  const unique = (name: string): string => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  };
  const cases: Array<Omit<ReportCase, 'durationMs'>> = [
    ...r.assertions.map((a) => ({
      request: index,
      path,
      name: unique(a.name),
      status: a.skipped ? ('skipped' as const) : a.passed ? ('passed' as const) : ('failed' as const),
      ...(a.passed || a.skipped ? {} : { message: a.error ?? 'failed' }),
    })),
    ...errorsOf(r).map((e) => ({ request: index, path, name: unique(e.kind), status: 'error' as const, message: e.message })),
    ...(r.skipped !== undefined ? [{ request: index, path, name: unique('request not sent'), status: 'skipped' as const, message: r.skipped }] : []),
  ];
  const times = split(r.responseTimeMs ?? 0, cases.length);
  return cases.map((c, i) => ({ ...c, durationMs: times[i] ?? 0 }));
}

/**
 * Every case of a run, in request order.
 * @example const failed = reportCases(report).filter((c) => c.status === 'failed');
 */
export function reportCases(report: RunReport): ReportCase[] {
  const collection = baseCollectionName(report.collection);
  const iterations = hasIterations(report);
  return report.requests.flatMap((r, i) => casesOf(r, i, collection, iterations));
}

/** The sign explanation in one line (the same words as under the request in the console). */
export function signExplainText(explain: SignExplainReport): string {
  if ('text' in explain) return `sign refused: ${explain.text}`;
  const parts = [`sign refused (${explain.rule}): the target hashes ${explain.order.map((o) => o.field).join(' + ')} = "${explain.maskedString}"`];
  if (explain.absent.length > 0) parts.push(`absent, hashed as "": ${explain.absent.join(', ')}`);
  if (explain.hint) parts.push(`hint: ${explain.hint}`);
  return parts.join('; ');
}

/** What a CI tool shows under a failure: the request, the response, the sign explanation, warnings, the body excerpt. */
export function requestContext(r: RequestReport): string {
  const lines = [
    ...(r.method && r.url ? [`request: ${r.method} ${r.url}`] : []),
    ...(r.status !== undefined ? [`response: ${r.status}${r.statusText ? ` ${r.statusText}` : ''}${r.responseTimeMs !== undefined ? `, ${r.responseTimeMs} ms` : ''}`] : []),
    ...(r.signExplain ? [signExplainText(r.signExplain)] : []),
    ...(r.warnings ?? []).map((w) => `warning: ${w}`),
    ...(r.retries ? [r.retries.message] : []),
    ...(r.responseExcerpt !== undefined ? ['response body:', r.responseExcerpt] : []),
  ];
  return lines.join('\n');
}

/** The full text of a failed or erroneous case: what failed, then the request's context. */
export function caseDetail(c: ReportCase, r: RequestReport): string {
  return [`${c.status === 'error' ? c.name : `assertion: ${c.name}`}`, `error: ${c.message ?? 'failed'}`, requestContext(r)].filter((l) => l !== '').join('\n');
}
