// The order `npm test` starts its files in (test/setup/file-order-sequencer.ts); vitest.config.ts runs the
// projects in two groups, each keeping this order for its files. vitest keeps a worker for the next file
// only when that file is of the same project, and its own sequencer runs one project after another: the
// six browser files started together, each Chromium slowing the others (docs/testing.md). Here they are
// spread among the spawn files, each costing one worker start; in the second group the newman files come
// first and the many short server and core files last, where they fill the workers to the end.
/** The first group's long files: spawn files, with the browser files placed evenly among them. */
const BACKBONE = 'spawn';
const SPREAD = 'browser';
/** Then these projects' files, in this order, before every other file. */
const NEXT = ['newman'] as const;

/**
 * `sorted` (vitest's order: one project after another, longest file first) reordered: the spawn files
 * with the browser files placed evenly among them, then the newman files, then every other file in the
 * order it came.
 */
export function fileOrder<T>(sorted: readonly T[], projectOf: (file: T) => string): T[] {
  const inProject = (name: string): T[] => sorted.filter((file) => projectOf(file) === name);
  const backbone = inProject(BACKBONE);
  const spread = inProject(SPREAD);
  const next = NEXT.flatMap(inProject);
  const placed = new Set([...backbone, ...spread, ...next]);
  const gap = Math.max(1, Math.ceil(backbone.length / Math.max(1, spread.length)));
  const ordered = backbone.flatMap((file, i) => {
    const between = i % gap === 0 ? spread.shift() : undefined;
    return between === undefined ? [file] : [between, file];
  });
  return [...ordered, ...spread, ...next, ...sorted.filter((file) => !placed.has(file))];
}
