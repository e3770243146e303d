// Whether the console gets colour (src/config.ts colorWanted): the order of --no-color, NO_COLOR,
// FORCE_COLOR and the terminal. The CLI as a CI job runs it (a child process) is in
// test/harness/ci-reports.test.ts.
import { describe, expect, it } from 'vitest';
import { colorWanted } from '../../src/config';

describe('colorWanted', () => {
  it('--no-color wins over FORCE_COLOR and a terminal', () => {
    expect(colorWanted(false, { FORCE_COLOR: '1' }, true)).toBe(false);
  });

  it('NO_COLOR with any value turns it off, over FORCE_COLOR and a terminal; set but empty, it is ignored (no-color.org)', () => {
    for (const value of ['1', 'true', '0', 'anything']) expect(colorWanted(undefined, { NO_COLOR: value, FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted(undefined, { NO_COLOR: '' }, true)).toBe(true);
    expect(colorWanted(undefined, { NO_COLOR: '', FORCE_COLOR: '1' }, false)).toBe(true);
  });

  it('FORCE_COLOR turns it on off a terminal, except 0 and false, which turn it off on one; empty, it is ignored', () => {
    for (const value of ['1', '2', '3', 'true']) expect(colorWanted(undefined, { FORCE_COLOR: value }, false)).toBe(true);
    for (const value of ['0', 'false']) expect(colorWanted(undefined, { FORCE_COLOR: value }, true)).toBe(false);
    expect(colorWanted(undefined, { FORCE_COLOR: '' }, false)).toBe(false);
    expect(colorWanted(undefined, { FORCE_COLOR: '' }, true)).toBe(true);
  });

  it('otherwise colour only on a terminal; --color (true) does not force it', () => {
    expect(colorWanted(undefined, {}, true)).toBe(true);
    expect(colorWanted(undefined, {}, false)).toBe(false);
    expect(colorWanted(true, {}, false)).toBe(false);
  });
});
