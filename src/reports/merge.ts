// `myvalue report merge` as a function: the run.json of n shards (and their gate.md) become one
// run.json, and from it one junit.xml, ctrf.json, report.html and gate.md, and one verdict. The shards
// must form the complete set 1..n exactly once, from one collection.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { endpointResolver } from './endpoints';
import { gateMarkdown, summarizeGate, type GateRequest, type GateSummary } from './gate-report';
import { REPORTERS, writeReports } from './write-reports';
import { oneLine } from '../shared/text';
import type { RunReport } from './run-json';
import { baseCollectionName, shardLabel, type ShardInfo } from '../collection/shard';
import type { Result } from '../shared/result';

export interface MergeInput {
  dir: string;
  report: RunReport;
  /** The input came from `myvalue gate` (it has a gate.md). */
  gate: boolean;
}

export interface MergedShard extends ShardInfo {
  dir: string;
  exitCode: number;
  verdict: 'PASS' | 'FAIL';
}

/** run.json of merged shards: a RunReport plus where each part came from. */
export interface MergedRunReport extends RunReport {
  merged: MergedShard[];
}

export interface MergeResult {
  exitCode: 0 | 1 | 2;
  /** One line, when exitCode is 2. */
  error?: string;
  report?: MergedRunReport;
  /** The merged requests counted as gate.md counts them (also for run shards). */
  gate?: GateSummary;
  /** The shards came from `myvalue gate`: gate.md was written and decides the verdict. */
  gated?: boolean;
  files: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function asRunReport(json: unknown): RunReport | undefined {
  if (!isRecord(json) || !Array.isArray(json.requests) || !isRecord(json.totals) || typeof json.collection !== 'string' || typeof json.exitCode !== 'number') return undefined;
  return json as unknown as RunReport;
}

async function readInput(dir: string): Promise<Result<MergeInput>> {
  const runFile = join(dir, 'run.json');
  if (!existsSync(dir)) return { ok: false, error: `${dir}: no such directory` };
  if (!existsSync(runFile)) return { ok: false, error: `${dir} has no run.json: is it a reports directory of myvalue run or gate?` };
  let json: unknown;
  try {
    json = JSON.parse(await readFile(runFile, 'utf8'));
  } catch (error) {
    return { ok: false, error: `${runFile} is not JSON: ${oneLine((error as Error).message)}` };
  }
  const report = asRunReport(json);
  if (!report) return { ok: false, error: `${runFile} is not a myvalue run report (no collection, totals, requests or exitCode)` };
  return { ok: true, value: { dir, report, gate: existsSync(join(dir, 'gate.md')) } };
}

const shardOf = (input: MergeInput): ShardInfo => input.report.shard ?? { index: 1, total: 1, units: ['(whole collection)'] };

/** Why the inputs are not one complete set of shards 1..n of one collection, or undefined when they are. */
export function checkShardSet(inputs: readonly MergeInput[]): string | undefined {
  if (inputs.length === 0) return 'no reports directories to merge';
  const first = inputs[0] as MergeInput;
  const collection = baseCollectionName(first.report.collection);
  const other = inputs.find((i) => baseCollectionName(i.report.collection) !== collection);
  if (other) return `the reports come from different collections: "${collection}" (${first.dir}) and "${baseCollectionName(other.report.collection)}" (${other.dir})`;
  const total = shardOf(first).total;
  const mismatch = inputs.find((i) => shardOf(i).total !== total);
  if (mismatch) return `the shards do not agree on n: ${first.dir} is ${shardLabel(shardOf(first))}, ${mismatch.dir} is ${shardLabel(shardOf(mismatch))}`;
  const seen = new Map<number, string>();
  for (const input of inputs) {
    const { index } = shardOf(input);
    const before = seen.get(index);
    if (before !== undefined) return `overlapping shards: ${shardLabel(shardOf(input))} is both ${before} and ${input.dir}`;
    seen.set(index, input.dir);
  }
  const units = new Map<string, string>();
  for (const input of inputs) {
    for (const unit of shardOf(input).units) {
      const before = units.get(unit);
      if (before !== undefined) return `overlapping shards: "${unit}" ran in both ${before} and ${input.dir}`;
      units.set(unit, input.dir);
    }
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) return `incomplete set of shards: missing ${missing.map((i) => `${i}/${total}`).join(', ')} (have ${[...seen.keys()].sort((a, b) => a - b).map((i) => `${i}/${total}`).join(', ')})`;
  return undefined;
}

const failedRequests = (report: RunReport): boolean => (report.requests as GateRequest[]).some((r) => r.failures.length > 0 || (r.contract?.length ?? 0) > 0);

function sumTotals(reports: readonly RunReport[]): RunReport['totals'] {
  const totals: Record<string, number> = {};
  for (const report of reports) {
    for (const [key, value] of Object.entries(report.totals)) if (typeof value === 'number') totals[key] = (totals[key] ?? 0) + value;
  }
  return totals as RunReport['totals'];
}

/** One run report from the shards, in shard order. Pure. */
export function mergeRunReports(inputs: readonly MergeInput[]): MergedRunReport {
  const ordered = [...inputs].sort((a, b) => shardOf(a).index - shardOf(b).index);
  const reports = ordered.map((i) => i.report);
  const first = reports[0] as RunReport;
  const starts = reports.map((r) => Date.parse(r.startedAt)).filter(Number.isFinite);
  const ends = reports.map((r) => Date.parse(r.startedAt) + r.durationMs).filter(Number.isFinite);
  const distinct = (pick: (r: RunReport) => string): string => [...new Set(reports.map(pick))].join(', ');
  const merged: MergedShard[] = ordered.map((i) => {
    const failed = i.report.exitCode !== 0 || failedRequests(i.report);
    return { ...shardOf(i), dir: i.dir, exitCode: i.report.exitCode, verdict: failed ? 'FAIL' : 'PASS' };
  });
  const failed = merged.some((m) => m.verdict === 'FAIL');
  return {
    collection: baseCollectionName(first.collection),
    target: distinct((r) => r.target),
    externalBaseUrl: distinct((r) => r.externalBaseUrl),
    authBaseUrl: distinct((r) => r.authBaseUrl),
    startedAt: new Date(starts.length > 0 ? Math.min(...starts) : Date.now()).toISOString(),
    durationMs: starts.length > 0 && ends.length > 0 ? Math.max(...ends) - Math.min(...starts) : 0,
    exitCode: failed ? 1 : 0,
    totals: sumTotals(reports),
    requests: reports.flatMap((r) => r.requests),
    skipped: reports.flatMap((r) => r.skipped ?? []),
    merged,
  };
}

/**
 * Reads the shards' reports directories, checks they form one complete set, writes the merged reports.
 * @example const { exitCode } = await mergeReportDirs(['reports-1', 'reports-2', 'reports-3'], 'reports');
 */
export async function mergeReportDirs(dirs: readonly string[], out: string, cwd: string = process.cwd()): Promise<MergeResult> {
  const outDir = resolve(cwd, out);
  const absolute = dirs.map((d) => resolve(cwd, d));
  if (absolute.includes(outDir)) return { exitCode: 2, error: `--out ${out} is one of the inputs: merge into another directory`, files: [] };
  const inputs: MergeInput[] = [];
  for (const dir of absolute) {
    const input = await readInput(dir);
    if (!input.ok) return { exitCode: 2, error: input.error, files: [] };
    inputs.push(input.value);
  }
  const problem = checkShardSet(inputs);
  if (problem) return { exitCode: 2, error: problem, files: [] };
  const gated = inputs.filter((i) => i.gate);
  const plain = inputs.find((i) => !i.gate);
  if (gated.length > 0 && plain) {
    return { exitCode: 2, error: `cannot merge gate and run reports: ${(gated[0] as MergeInput).dir} has a gate.md (myvalue gate), ${plain.dir} has none (myvalue run); merge the shards of one command`, files: [] };
  }
  const report = mergeRunReports(inputs);
  // The same summary as gate.md's, for gate shards and run shards alike: one way to count.
  const gate = summarizeGate(report, endpointResolver(inputs.flatMap((i) => [i.report.externalBaseUrl, i.report.authBaseUrl])));
  const verdict = gated.length > 0 ? gate.verdict : report.exitCode === 0 ? 'PASS' : 'FAIL';
  const files: string[] = [];
  try {
    await mkdir(outDir, { recursive: true });
    // Every file from the merged run.json, as a run writes its own: the counts agree by construction.
    const written = await writeReports(outDir, report, { reporters: new Set(REPORTERS), verdict });
    if (!written.ok) return { exitCode: 2, error: written.error, files: [] };
    files.push(...written.value);
    if (gated.length > 0) {
      const scope = report.merged.length > 1 ? `shards ${report.merged.map((m) => `${m.index}/${m.total}`).join(', ')} merged` : undefined;
      const notes = report.merged.map((m) => `${shardLabel(m)}: ${m.verdict}, ${m.units.join(', ') || 'no requests'} (${m.dir})`);
      files.push(join(outDir, 'gate.md'));
      await writeFile(join(outDir, 'gate.md'), gateMarkdown(report, gate, { ...(scope ? { scope } : {}), notes }));
    }
  } catch (error) {
    return { exitCode: 2, error: `cannot write to ${outDir}: ${oneLine((error as Error).message)}`, files: [] };
  }
  return { exitCode: verdict === 'PASS' ? 0 : 1, report, gate, gated: gated.length > 0, files };
}
