// `myvalue diff` as a function: the same collection against two targets, one after the other (MSW
// patches the process's HTTP, so two runs at once would meet), each answer captured masked, then
// drift.json and drift.md. Production is read-only here: the run's production guard is never lifted.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadSeed, type FakeMyValueOptions } from '../../mocks/index';
import { buildDrift, driftMarkdown, type DriftReport, type Exchange, type NotSent } from '../reports/drift-report';
import { oneLine } from '../shared/text';
import { runCollection } from './run-collection';
import type { RunOptions } from './run-options';
import { isFakeTarget, parseTarget } from './run-target';

/** One side of a diff: its target and, for mock and msw, its own seed and faults. */
export interface DiffSide {
  target: string;
  seedFile?: string;
  /** Fault rules (TARGET:SPEC) for the fake. */
  faults?: string[];
}

export type DiffOptions = Omit<RunOptions, 'target' | 'allowProductionWrites' | 'variations' | 'fake' | 'shard' | 'onExchange' | 'reporters'> & {
  a: DiffSide;
  b: DiffSide;
};

export interface DiffResult {
  /** 0 the shapes agree, 1 they differ, 2 a usage error (then `error`). */
  exitCode: 0 | 1 | 2;
  error?: string;
  report?: DriftReport;
  files: string[];
}

/** A side as drift.md names it: 'msw', 'mock (seed other.json; faults point.get:status=503)'. */
function labelOf(side: DiffSide): string {
  const extras = [...(side.seedFile ? [`seed ${side.seedFile}`] : []), ...(side.faults && side.faults.length > 0 ? [`faults ${side.faults.join(' ')}`] : [])];
  return extras.length > 0 ? `${side.target} (${extras.join('; ')})` : side.target;
}

/** Why a side cannot be run, or undefined: checked for both sides before either runs. */
function refuseSide(side: DiffSide, flag: string, cwd: string): string | undefined {
  const parsed = parseTarget(side.target);
  if (!parsed.ok) return parsed.error.replace('--target', flag);
  const fake = isFakeTarget(parsed.spec);
  if (!fake && (side.seedFile || (side.faults ?? []).length > 0)) return `${flag} ${side.target}: a seed or faults need a fake started here (mock or msw); a running fake takes its own (myvalue mock --seed, --fault)`;
  if (side.seedFile) {
    try {
      loadSeed(resolve(cwd, side.seedFile));
    } catch (error) {
      if ((error as Error).name !== 'SeedError') throw error;
      return `${flag}-seed: ${oneLine((error as Error).message)}`;
    }
  }
  return undefined;
}

async function runSide(side: DiffSide, name: 'A' | 'B', options: DiffOptions, out: string): Promise<{ ok: true; exchanges: Exchange[]; notSent: NotSent[] } | { ok: false; error: string }> {
  const byRef = new Map<string, Exchange>();
  const fake: FakeMyValueOptions = { ...(side.seedFile ? { seedFile: resolve(options.cwd ?? process.cwd(), side.seedFile) } : {}), ...(side.faults ? { faults: side.faults } : {}) };
  let result;
  try {
    result = await runCollection({
      ...options,
      target: side.target,
      out,
      fake,
      contract: options.contract ?? false,
      reporters: { cli: false, junit: false, html: false, ctrf: false },
      // The diff ends with its own verdict, not each side's.
      summary: false,
      // The last request of an item wins: a retried or script-sent request before it is not the item's answer.
      onExchange: ({ ref, ...exchange }) => void byRef.set(ref, exchange),
      // The run's notes (a folder left out, the production guard) say which side they are about.
      ...(options.log ? { log: (line: string) => options.log?.(`${name} (${side.target}): ${line}`) } : {}),
    });
  } catch (error) {
    // A seed the fake cannot read is the user's mistake; anything else is a bug and goes on up.
    const named = (error as Error).name;
    if (named === 'SeedError' || named === 'FakeConfigError' || named === 'FaultRuleError') return { ok: false, error: `${name} (${side.target}): ${oneLine((error as Error).message)}` };
    throw error;
  }
  if (result.exitCode === 2 || !result.summary) return { ok: false, error: `${name} (${side.target}): ${result.error ?? 'the run did not finish'}` };
  // A side that could not be reached has nothing to compare: that is the one line, not a drift of every request.
  if (result.summary.stopped !== undefined) return { ok: false, error: `${name} (${side.target}): ${result.summary.stopped}` };
  // Requests the production guard held back, and folders the run left out (Auth & SSO without a code).
  const notSent: NotSent[] = [
    ...result.summary.requests.filter((r) => r.skipped !== undefined).map((r) => ({ folder: r.folder ?? '', name: r.name, iteration: r.iteration, reason: r.skipped ?? '' })),
    ...result.summary.skipped.map((note) => ({ name: note.name, reason: note.reason })),
  ];
  return { ok: true, exchanges: [...byRef.values()], notSent };
}

/**
 * Runs the collection against both sides and writes drift.json and drift.md under `out`.
 * @example const { exitCode, report } = await runDiff({ a: { target: 'mock' }, b: { target: 'msw', faults: ['point.history:status=503,times=1'] } });
 */
export async function runDiff(options: DiffOptions): Promise<DiffResult> {
  const cwd = options.cwd ?? process.cwd();
  const refused = refuseSide(options.a, '--target', cwd) ?? refuseSide(options.b, '--against', cwd);
  if (refused) return { exitCode: 2, error: refused, files: [] };
  const out = resolve(cwd, options.out ?? 'reports');
  // Each side's run.json beside drift.md, so a difference can be looked up in the run that saw it.
  const a = await runSide(options.a, 'A', options, join(out, 'diff-a'));
  if (!a.ok) return { exitCode: 2, error: a.error, files: [] };
  const b = await runSide(options.b, 'B', options, join(out, 'diff-b'));
  if (!b.ok) return { exitCode: 2, error: b.error, files: [] };
  const report = buildDrift({ label: labelOf(options.a), ...a }, { label: labelOf(options.b), ...b });
  const files = [join(out, 'drift.json'), join(out, 'drift.md')];
  try {
    await mkdir(out, { recursive: true });
    await writeFile(files[0] as string, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(files[1] as string, driftMarkdown(report));
  } catch (error) {
    return { exitCode: 2, error: `cannot write the drift report to ${options.out ?? 'reports'}: ${oneLine((error as Error).message)}`, files: [] };
  }
  return { exitCode: report.totals.differing === 0 ? 0 : 1, report, files };
}
