// What goes into a generated script from a sandbox program file: the code and its comments, not the
// file's header (// @ts-check included) nor JSDoc blocks written for tsc; a JSDoc cast inside code stays.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sandboxSource } from '../../src/shared/sandbox-source';
import { tempDir } from '../helpers/temp-dir';

const PROGRAM = `// @ts-check
// The header: what this file is.

/**
 * @param {string} a
 */
function f(a) {
  /** @type {Object<string, string>} */
  var o = {};
  // why this line is here
  /** @type {{ raw: string }} */ (o).raw = a;
  return o;
}
`;

describe('sandboxSource', () => {
  it('keeps the code and its line comments, drops the header and whole-line JSDoc, keeps casts', () => {
    const file = join(tempDir(), 'program.js');
    writeFileSync(file, PROGRAM);
    expect(sandboxSource(pathToFileURL(file))).toBe(`function f(a) {
  var o = {};
  // why this line is here
  /** @type {{ raw: string }} */ (o).raw = a;
  return o;
}`);
  });
});
