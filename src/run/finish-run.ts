// How `run` and `gate` end: their section of the GitHub job summary when $GITHUB_STEP_SUMMARY is set,
// then the one plain summary line, always the last line of the output.
import { isAbsolute, relative } from 'node:path';
import { stepSummaryFile } from '../config';
import type { RunReport } from '../reports/run-json';
import { summaryLine, type Verdict } from '../reports/run-summary';
import { appendStepSummary, runSummaryMarkdown } from '../reports/step-summary';

/** The reports directory as a log names it: relative to where the user ran, absolute outside it. */
export function displayDir(reportsDir: string, cwd: string): string {
  const rel = relative(cwd, reportsDir);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? reportsDir : rel;
}

export interface FinishOptions {
  /** "MyValue run" or "MyValue gate". */
  title: string;
  verdict: Verdict;
  /** The reports directory as displayDir names it. */
  reportsDir: string;
  /** Where GITHUB_STEP_SUMMARY is read from; default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Lines under the counts in the job summary. */
  notes?: string[];
  log(line: string): void;
}

/**
 * Appends the job summary (a file that cannot be written is one warning line) and logs the summary line.
 * @example await finishRun(report, { title: 'MyValue run', verdict: 'PASS', reportsDir: 'reports', log });
 */
export async function finishRun(report: RunReport, options: FinishOptions): Promise<void> {
  const file = stepSummaryFile(options.env ?? process.env);
  if (file !== undefined) {
    const markdown = runSummaryMarkdown(report, { title: options.title, verdict: options.verdict, reportsDir: options.reportsDir, ...(options.notes ? { notes: options.notes } : {}) });
    const appended = await appendStepSummary(file, markdown);
    if (!appended.ok) options.log(`warning: ${appended.error}`);
  }
  options.log(summaryLine(options.verdict, report, options.reportsDir));
}
