// The GitHub job summary ($GITHUB_STEP_SUMMARY): a short Markdown section appended by `run`, `gate`
// (and any command that ends with a verdict, such as `certify`). GitHub caps the file at 1 MiB a step,
// so one section is bounded to STEP_SUMMARY_LIMIT bytes whatever the run held.
import { appendFile } from 'node:fs/promises';
import { oneLine } from '../shared/text';
import type { Result } from '../shared/result';
import { cell } from './markdown';
import { baseCollectionName } from '../collection/shard';
import type { RunReport } from './run-json';
import { failedRequests, summaryLine, type Verdict } from './run-summary';

/** The most one section may take (bytes): several commands of one step stay far below GitHub's 1 MiB. */
export const STEP_SUMMARY_LIMIT = 64 * 1024;

/** Failed requests listed by name; the rest are counted. */
export const STEP_SUMMARY_ROWS = 50;

/**
 * Markdown cut at a line end to at most `limit` bytes, saying so on its last line.
 * @example boundMarkdown(text, STEP_SUMMARY_LIMIT, 'the rest is in reports/')
 */
export function boundMarkdown(markdown: string, limit: number, rest: string): string {
  if (Buffer.byteLength(markdown) <= limit) return markdown;
  const note = `\n\n_(cut to ${Math.floor(limit / 1024)} KiB: ${rest})_\n`;
  let text = Buffer.from(markdown).subarray(0, limit - Buffer.byteLength(note)).toString('utf8').replace(/\uFFFD+$/, '');
  text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  return `${text}${note}`;
}

export interface RunSummaryOptions {
  /** "MyValue run" or "MyValue gate". */
  title: string;
  verdict: Verdict;
  /** The reports directory as the log names it. */
  reportsDir: string;
  /** Lines under the counts (the gate's failed endpoints, the stop reason). */
  notes?: string[];
}

/**
 * A run's section of the job summary: the verdict, the counts, the failed requests with their reason.
 * @example await appendStepSummary(file, runSummaryMarkdown(report, { title: 'MyValue run', verdict: 'PASS', reportsDir: 'reports' }));
 */
export function runSummaryMarkdown(report: RunReport, options: RunSummaryOptions): string {
  const failed = failedRequests(report);
  const lines = [
    `### ${options.verdict === 'PASS' ? '✅' : '❌'} ${options.title}: ${options.verdict}`,
    '',
    `${cell(baseCollectionName(report.collection))} against ${cell(report.target)}${report.shard ? ` (shard ${report.shard.index}/${report.shard.total})` : ''}: ${cell(summaryLine(options.verdict, report, options.reportsDir).replace(/^\w+: /, ''))}; ${(report.durationMs / 1000).toFixed(1)} s.`,
    ...(report.stopped ? ['', `**The run stopped:** ${cell(report.stopped)}`] : []),
    ...(options.notes ?? []).flatMap((n) => ['', cell(n)]),
  ];
  if (failed.length > 0) {
    lines.push('', '| Failed request | Status | Reason |', '|---|---:|---|');
    for (const f of failed.slice(0, STEP_SUMMARY_ROWS)) lines.push(`| ${cell(f.label)} | ${f.status ?? '–'} | ${cell(oneLine(f.reason, 300))} |`);
    if (failed.length > STEP_SUMMARY_ROWS) lines.push('', `…and ${failed.length - STEP_SUMMARY_ROWS} more failed requests: see junit.xml or report.html in ${cell(options.reportsDir)}.`);
  }
  return boundMarkdown(`${lines.join('\n')}\n\n`, STEP_SUMMARY_LIMIT, `see ${options.reportsDir}`);
}

/**
 * Appends a section to the job summary file (bounded to STEP_SUMMARY_LIMIT); a file that cannot be
 * written is a value, for one warning line: the run's verdict does not depend on it.
 * @example const appended = await appendStepSummary(process.env.GITHUB_STEP_SUMMARY, markdown);
 */
export async function appendStepSummary(file: string, markdown: string, rest = 'see the reports'): Promise<Result<void>> {
  try {
    await appendFile(file, boundMarkdown(markdown, STEP_SUMMARY_LIMIT, rest));
    return { ok: true, value: undefined };
  } catch (error) {
    return { ok: false, error: `cannot append the job summary to ${file}: ${oneLine((error as Error).message)}` };
  }
}
