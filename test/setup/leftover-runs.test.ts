// A file that runs Newman in a shared worker waits, after its last test, for what it left running.
import { describe, expect, it } from 'vitest';
import { drainLeftovers, trackRuns, type NewmanLike } from './leftover-runs';

/** A stand-in for newman: each run ends when the test calls its callback. */
function standIn(): NewmanLike & { ends: Array<() => void> } {
  const ends: Array<() => void> = [];
  return { ends, run: (_options, callback) => void ends.push(() => callback(null, { run: {} })) };
}

describe('trackRuns', () => {
  it('counts the runs not yet ended and hands each run its own callback', () => {
    const newman = standIn();
    const runs = trackRuns(newman);
    const seen: unknown[] = [];
    newman.run({}, (error) => seen.push(error));
    newman.run({}, (error) => seen.push(error));
    expect(runs.pending()).toBe(2);
    newman.ends[0]?.();
    expect([runs.pending(), seen]).toEqual([1, [null]]);
    newman.ends[1]?.();
    expect([runs.pending(), seen]).toEqual([0, [null, null]]);
  });

  it('wraps a module object once, however often a setup file runs', () => {
    const newman = standIn();
    const first = trackRuns(newman);
    expect(trackRuns(newman)).toBe(first);
    newman.run({}, () => undefined);
    expect(first.pending()).toBe(1);
  });
});

describe('drainLeftovers', () => {
  it('resolves once the run a test gave up on ends and its MSW server closes', async () => {
    const newman = standIn();
    const runs = trackRuns(newman);
    newman.run({}, () => undefined);
    let intercepting = true;
    // Each wait is a turn in which the run goes on: it ends, then its target stops.
    const turns = [
      (): void => newman.ends[0]?.(),
      (): void => {
        intercepting = false;
      },
    ];
    const left = await drainLeftovers({ runs, intercepting: () => intercepting }, async () => void turns.shift()?.(), 10);
    expect(left).toBeUndefined();
    expect(turns).toEqual([]);
  });

  it('fails naming what is left when it never ends', async () => {
    const newman = standIn();
    const runs = trackRuns(newman);
    newman.run({}, () => undefined);
    expect(await drainLeftovers({ runs, intercepting: () => true }, async () => undefined, 3)).toBe(
      'this file left 1 Newman run(s) still going and an MSW server still intercepting requests after its last test (a test gave up on its run?): the next file in this worker would see them',
    );
    expect(await drainLeftovers({ runs: { pending: () => 0 }, intercepting: () => true }, async () => undefined, 3)).toBe(
      'this file left an MSW server still intercepting requests after its last test (a test gave up on its run?): the next file in this worker would see them',
    );
  });
});
