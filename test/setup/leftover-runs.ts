// What a test file may leave running in a worker that the next file shares (isolate: false): a Newman
// run its test gave up on (the hang guard fired) goes on, and while it does its MSW server answers the
// next file's requests and its fake reports contract drift into the next file's tests. Files that run
// Newman in their own process wait for both to end after their last test (test/setup/drain-runs.ts),
// so the next file starts clean, and fail, naming what is left, when they do not end.

/** Newman's entry as Module._load sees it: by name (require) or by resolved path (import). */
export const NEWMAN_MODULE = /(^|[\\/]node_modules[\\/])newman([\\/]index\.js)?$/;

export interface NewmanLike {
  run(options: unknown, callback: (...args: unknown[]) => void): unknown;
}

export interface RunTracker {
  /** Newman runs started and not yet ended. */
  pending(): number;
}

/** Wraps `newman.run` (once per module object) so the runs not yet ended are counted. */
export function trackRuns(newman: NewmanLike): RunTracker {
  const key = Symbol.for('myvalue-harness.tracked-runs');
  const tracked = newman as NewmanLike & { [key]?: RunTracker };
  if (tracked[key]) return tracked[key];
  let pending = 0;
  const run = newman.run.bind(newman);
  newman.run = (options, callback) => {
    pending += 1;
    return run(options, (...args) => {
      pending -= 1;
      callback(...args);
    });
  };
  tracked[key] = { pending: () => pending };
  return tracked[key];
}

export interface Leftovers {
  runs: RunTracker;
  /** Whether an MSW server still intercepts requests in this process. */
  intercepting(): boolean;
}

/**
 * Waits until no Newman run is going and no MSW server intercepts, `rounds` waits at most (a hang
 * guard); resolves to undefined then, or to the line saying what is still there.
 */
export async function drainLeftovers(left: Leftovers, wait: () => Promise<void>, rounds: number): Promise<string | undefined> {
  for (let round = 0; round < rounds; round += 1) {
    if (left.runs.pending() === 0 && !left.intercepting()) return undefined;
    await wait();
  }
  const what = [
    ...(left.runs.pending() > 0 ? [`${left.runs.pending()} Newman run(s) still going`] : []),
    ...(left.intercepting() ? ['an MSW server still intercepting requests'] : []),
  ];
  return what.length === 0 ? undefined : `this file left ${what.join(' and ')} after its last test (a test gave up on its run?): the next file in this worker would see them`;
}
