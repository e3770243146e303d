// The order `npm test` starts its files in (test/setup/file-order-sequencer.ts). vitest keeps a worker
// for the next file only when that file is of the same project, so its own sequencer runs one project
// after another; the browser project, which mostly waits on Chromium, then ran alone with one core idle
// (docs/testing.md). Here the browser files are spread among the CPU-bound files instead, each costing
// one worker start, and the many short files come last, where they fill both workers to the end.
/** Projects whose files keep the cores busy, longest files first within each: the backbone. */
const BACKBONE = ['spawn', 'newman'] as const;
/** Projects spread among the backbone's files. */
const SPREAD = ['browser'] as const;

/**
 * `sorted` (vitest's order: one project after another, longest file first) reordered: the backbone, the
 * spread files placed evenly among it, then every other file in the order it came.
 */
export function fileOrder<T>(sorted: readonly T[], projectOf: (file: T) => string): T[] {
  const inProjects = (names: readonly string[]): T[] => names.flatMap((name) => sorted.filter((file) => projectOf(file) === name));
  const backbone = inProjects(BACKBONE);
  const spread = inProjects(SPREAD);
  const placed = new Set([...backbone, ...spread]);
  const gap = Math.max(1, Math.ceil(backbone.length / Math.max(1, spread.length)));
  const ordered = backbone.flatMap((file, i) => {
    const next = i % gap === 0 ? spread.shift() : undefined;
    return next === undefined ? [file] : [next, file];
  });
  return [...ordered, ...spread, ...sorted.filter((file) => !placed.has(file))];
}
