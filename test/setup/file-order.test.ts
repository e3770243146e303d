// The suite's file order: browser files among the spawn files, then newman, the short projects last, nothing lost.
import { describe, expect, it } from 'vitest';
import { fileOrder } from './file-order';

const files = (project: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${project}${i + 1}`);
/** A file's project, or 'browser' for a browser file (in the spawn project, told apart by its path). */
const kindOf = (file: string): string => file.replace(/\d+$/, '');

describe('fileOrder', () => {
  it('spreads the browser files evenly among the spawn files, then the newman files, then the rest in their order', () => {
    const sorted = [...files('browser', 2), ...files('core', 2), ...files('newman', 2), ...files('server', 1), ...files('spawn', 4)];
    expect(fileOrder(sorted, kindOf)).toEqual(['browser1', 'spawn1', 'spawn2', 'browser2', 'spawn3', 'spawn4', 'newman1', 'newman2', 'core1', 'core2', 'server1']);
  });

  it('puts browser files left over (more than spawn files) after the spawn files', () => {
    expect(fileOrder([...files('browser', 3), ...files('spawn', 1), ...files('core', 1)], kindOf)).toEqual(['browser1', 'spawn1', 'browser2', 'browser3', 'core1']);
  });

  it('keeps every file once, and each kind in the order vitest gave (longest first)', () => {
    const sorted = [...files('browser', 5), ...files('core', 4), ...files('newman', 3), ...files('spawn', 1), 'other1'];
    const ordered = fileOrder(sorted, kindOf);
    expect([...ordered].sort()).toEqual([...sorted].sort());
    for (const kind of ['browser', 'core', 'newman', 'spawn']) expect(ordered.filter((f) => kindOf(f) === kind)).toEqual(sorted.filter((f) => kindOf(f) === kind));
  });

  it('leaves a run of one kind as it was', () => {
    expect(fileOrder(files('core', 3), kindOf)).toEqual(files('core', 3));
    expect(fileOrder(files('browser', 3), kindOf)).toEqual(files('browser', 3));
  });
});
