// The text of a Postman sandbox program (an ES5 `.js` file beside the TypeScript that composes it), as
// it goes into the generated scripts: without its header comment (`// @ts-check` included) and its
// JSDoc blocks, which are for tsc. Read from the file in the source tree (tsx, vitest); the build
// (tsdown.config.ts) writes the text in place of each call, so dist/ reads no file.
import { readFileSync } from 'node:fs';

/** A line that opens a JSDoc block, one that is a whole block, and one that closes a block. */
const JSDOC_START = /^\s*\/\*\*(?!.*\*\/)/;
const JSDOC_LINE = /^\s*\/\*\*(?:(?!\*\/).)*\*\/\s*$/;
const JSDOC_END = /\*\/\s*$/;

/**
 * The program's text. Call it as `sandboxSource(new URL('./x.js', import.meta.url))`, with a string
 * literal: that is the form the build inlines (it fails on any other).
 * @example const SUFFIX_MATCH_ES5 = sandboxSource(new URL('./suffix-match.js', import.meta.url));
 */
export function sandboxSource(file: URL): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  // The leading run of line comments is the file's header (what the file is, for its readers).
  let start = 0;
  while (start < lines.length && /^\s*(\/\/.*)?$/.test(lines[start] as string)) start++;
  const kept: string[] = [];
  let inJsdoc = false;
  for (const line of lines.slice(start)) {
    // Only blocks that fill whole lines go: a cast, /** @type {T} */ (x), stays as written.
    if (inJsdoc) inJsdoc = !JSDOC_END.test(line);
    else if (JSDOC_START.test(line)) inJsdoc = true;
    else if (!JSDOC_LINE.test(line)) kept.push(line);
  }
  return kept.join('\n').trimEnd();
}
