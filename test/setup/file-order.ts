// The order `npm test` starts its files in (test/setup/file-order-sequencer.ts); vitest.config.ts runs the
// projects in two groups, each keeping this order for its files. vitest keeps a worker for the next file
// only when that file is of the same project, so the browser files are in the spawn project (Chromium is
// a child process too) and one worker runs spawn and browser files alike. Started together, the six
// browser files' Chromiums slowed each other (docs/testing.md): here they are spread evenly among the
// spawn files. In the second group the newman files come first and the many short server and core files
// last, where they fill the workers to the end.
/** The first group's long files: spawn files, with the browser files placed evenly among them. */
const BACKBONE = 'spawn';
/** What the kind of a browser file is called (the sequencer tells them apart by path). */
export const SPREAD = 'browser';
/** Then these projects' files, in this order, before every other file. */
const NEXT = ['newman'] as const;

/**
 * `sorted` (vitest's order: one project after another, longest file first) reordered: the spawn files
 * with the browser files placed evenly among them, then the newman files, then every other file in the
 * order it came. `kindOf` is a file's project, or SPREAD for a browser file.
 */
export function fileOrder<T>(sorted: readonly T[], kindOf: (file: T) => string): T[] {
  const ofKind = (name: string): T[] => sorted.filter((file) => kindOf(file) === name);
  const backbone = ofKind(BACKBONE);
  const spread = ofKind(SPREAD);
  const next = NEXT.flatMap(ofKind);
  const placed = new Set([...backbone, ...spread, ...next]);
  const gap = Math.max(1, Math.ceil(backbone.length / Math.max(1, spread.length)));
  const ordered = backbone.flatMap((file, i) => {
    const between = i % gap === 0 ? spread.shift() : undefined;
    return between === undefined ? [file] : [between, file];
  });
  return [...ordered, ...spread, ...next, ...sorted.filter((file) => !placed.has(file))];
}
