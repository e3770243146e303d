// The report files of a run or of merged shards, each written from one run.json: run.json itself,
// junit.xml, ctrf.json and report.html, as --reporters chose. One way to count for all of them.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_VERSION } from '../shared/package-files';
import { oneLine } from '../shared/text';
import type { Result } from '../shared/result';
import { ctrfReport } from './ctrf-report';
import { reportHtml, type RequestExchange } from './html-report';
import { junitXml } from './junit';
import type { RunReport } from './run-json';
import type { Verdict } from './run-summary';

/** What --reporters takes: the console's progress and the four files. */
export const REPORTERS = ['cli', 'junit', 'html', 'json', 'ctrf'] as const;

export type ReporterName = (typeof REPORTERS)[number];

/** Each file and what writes it, in the order they are listed. */
const FILES: ReadonlyArray<{ reporter: Exclude<ReporterName, 'cli'>; file: string; render(report: RunReport, options: WriteReportsOptions): string }> = [
  { reporter: 'json', file: 'run.json', render: (report) => `${JSON.stringify(report, null, 2)}\n` },
  { reporter: 'junit', file: 'junit.xml', render: (report) => junitXml(report) },
  { reporter: 'ctrf', file: 'ctrf.json', render: (report) => `${JSON.stringify(ctrfReport(report, PACKAGE_VERSION), null, 2)}\n` },
  { reporter: 'html', file: 'report.html', render: (report, options) => reportHtml(report, { verdict: options.verdict, ...(options.exchanges ? { exchanges: options.exchanges } : {}) }) },
];

export interface WriteReportsOptions {
  reporters: ReadonlySet<ReporterName>;
  verdict: Verdict;
  exchanges?: ReadonlyMap<number, RequestExchange>;
  /** A last pass over each file's text (the run's masker); the report is masked already. */
  mask?: (text: string) => string;
}

/**
 * Writes the chosen files into `dir` (which exists); their paths, or why one could not be written.
 * @example const written = await writeReports('reports', report, { reporters: new Set(REPORTERS), verdict: 'PASS' });
 */
export async function writeReports(dir: string, report: RunReport, options: WriteReportsOptions): Promise<Result<string[]>> {
  const written: string[] = [];
  for (const { reporter, file, render } of FILES) {
    if (!options.reporters.has(reporter)) continue;
    const path = join(dir, file);
    const text = render(report, options);
    try {
      await writeFile(path, options.mask ? options.mask(text) : text);
    } catch (error) {
      return { ok: false, error: `cannot write ${path}: ${oneLine((error as Error).message)}` };
    }
    written.push(path);
  }
  return { ok: true, value: written };
}

/**
 * --reporters as a set, or why the list is wrong.
 * @example parseReporters('cli,junit') // { ok: true, value: Set { 'cli', 'junit' } }
 */
export function parseReporters(list: string): Result<Set<ReporterName>> {
  const names = list.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const unknown = names.filter((n) => !(REPORTERS as readonly string[]).includes(n));
  if (unknown.length > 0) return { ok: false, error: `--reporters takes a comma-separated list of ${REPORTERS.join(', ')}; unknown: ${unknown.join(', ')}` };
  return { ok: true, value: new Set(names as ReporterName[]) };
}
