// Setup file of the projects whose files may run Newman in the test's own process (newman, and spawn
// with the browser files: vitest.config.ts). They share a worker between files rather than isolate each (a fresh
// process per file cost ~2 s of CPU a file, docs/testing.md); so after a file's last test this waits
// until its Newman runs ended and no MSW server intercepts fetch any more (test/setup/leftover-runs.ts).
import { afterAll } from 'vitest';
import { drainLeftovers, NEWMAN_MODULE, trackRuns, type NewmanLike, type RunTracker } from './leftover-runs';
import { aroundModuleLoad } from './module-load';

/**
 * This process's Newman runs, counted from when Newman is loaded (test/setup/module-load.ts); loading it
 * here instead would cost ~1-2 s in every worker, most of which never run it.
 */
function processRuns(): RunTracker {
  const key = Symbol.for('myvalue-harness.newman-runs');
  const store = globalThis as { [key]?: RunTracker };
  if (store[key]) return store[key];
  let tracker: RunTracker | undefined;
  aroundModuleLoad((request, load) => {
    const exports = load();
    if (!tracker && NEWMAN_MODULE.test(request)) tracker = trackRuns(exports as NewmanLike);
    return exports;
  });
  store[key] = { pending: () => tracker?.pending() ?? 0 };
  return store[key];
}
const runs = processRuns();

/** fetch as it was before any test of this process started an MSW server (which replaces it). */
function pristineFetch(): typeof fetch {
  const key = Symbol.for('myvalue-harness.pristine-fetch');
  const store = globalThis as { [key]?: typeof fetch };
  return (store[key] ??= globalThis.fetch);
}
const pristine = pristineFetch();

/** A hang guard: 600 waits of 100 ms, inside the 120 s hookTimeout. */
const WAIT_MS = 100;
const ROUNDS = 600;

afterAll(async () => {
  const left = await drainLeftovers({ runs, intercepting: () => globalThis.fetch !== pristine }, () => new Promise((resolve) => setTimeout(resolve, WAIT_MS)), ROUNDS);
  if (left) throw new Error(left);
});
