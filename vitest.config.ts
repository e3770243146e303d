// `npm test` runs every project below; `npm run test:core` (vitest run --project core) the fast loop.
// Which file is in which project: test/projects.ts. Why each project isolates or not: beside it here.
// docs/testing.md says which to run when, and how the suite was measured.
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { browserGate } from './test/setup/browser-gate.ts';
import { BROWSER_FILES, LISTED_FILES, NEWMAN_FILES, SERVER_FILES, SPAWN_FILES } from './test/projects.ts';
import { FileOrderSequencer } from './test/setup/file-order-sequencer.ts';

const CORES = availableParallelism();
/**
 * vitest runs one group of projects after another; a group's projects share its workers. First the files
 * that mostly wait (spawn: on the children they start, Chromium among them), with one worker more than
 * there are cores; then the newman files, which keep a core busy each, and the short server and core
 * files, which fill the workers to the end. Measured in docs/testing.md ("Third round", "Two groups").
 */
const FIRST = { sequence: { groupOrder: 0 }, maxWorkers: CORES + 1 };
/** The newman, server and core projects: the second group, one worker per core. */
const BUSY = { sequence: { groupOrder: 1 } };

const browser = browserGate();
if (browser.notice) console.warn(browser.notice);

/** Checks every fake a test creates against the OpenAPI contract (all projects). */
const CONTRACT = 'test/setup/contract-everywhere.ts';
/** After each file, waits for the Newman runs and MSW servers it left (projects that run Newman in process). */
const DRAIN = 'test/setup/drain-runs.ts';
/** A directory for the run, removed at its end: where the runs shared within a worker keep their reports. */
const RUN_DIR = 'test/setup/run-dir.ts';

export default defineConfig({
  test: {
    // Hang guards, not timings: a gate run of the shipped collection takes ~10-15 s on an idle
    // 2-core machine and up to ~70 s with both workers busy on a shared one (load average 7).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One worker per core (vitest's default leaves one core to its main process, which idles here: on 2
    // cores that was a single worker); the first group has one more (FIRST).
    maxWorkers: CORES,
    // vi.stubEnv is undone after each test, so a stub cannot reach a later file in the same worker.
    unstubEnvs: true,
    // Transformed modules kept on disk (node_modules/.experimental-vitest-cache): shared by the projects,
    // each of which transforms the source in a Vite server of its own, and by the next run.
    experimental: { fsModuleCache: true },
    // Within a group: the browser files spread among the spawn files, the short files last (test/setup/file-order.ts).
    sequence: { sequencer: FileOrderSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          ...BUSY,
          include: ['test/**/*.test.ts'],
          // The packed tarball in a fresh project: `npm run test:package` (vitest.package.config.ts).
          exclude: [...configDefaults.exclude, 'test/package/**', ...LISTED_FILES],
          setupFiles: [CONTRACT, 'test/setup/core-only.ts'],
          // Files share a worker: no fresh process and module graph (msw, the fake, the compiled
          // contract) per file. Safe here because the guard keeps out what outlives a test (a run,
          // a port, a child); test/setup/contract-everywhere.ts keeps one observer list per process.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          ...BUSY,
          include: [...SERVER_FILES],
          setupFiles: [CONTRACT],
          // Shared workers: a server left open holds a port of its own (port 0), which no other
          // file can reach by mistake.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'newman',
          ...BUSY,
          include: [...NEWMAN_FILES],
          setupFiles: [CONTRACT, DRAIN],
          globalSetup: [RUN_DIR],
          // Shared workers: a fresh process per file cost ~2 s of CPU each (Newman, MSW, the fake and
          // the contract loaded again; measured in docs/testing.md), and whole-collection runs are
          // shared within a worker (test/helpers/shared-runs.ts). What isolation would have guarded
          // against, a run a test gave up on answering the next file's requests through its MSW
          // server, DRAIN waits out after each file, and fails the file when it does not end.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'spawn',
          ...FIRST,
          // The browser files too: Chromium is a child process as well, and vitest keeps a worker for the
          // next file only within a project. As a project of their own, each browser file spread among the
          // spawn files cost two worker starts: this group started 11-13 workers instead of three, which
          // spent 86-90 s of CPU against 63-67 s, loading the same modules again (docs/testing.md,
          // "Fourth round").
          include: [...SPAWN_FILES, ...BROWSER_FILES],
          exclude: [...configDefaults.exclude, ...browser.exclude],
          setupFiles: [CONTRACT, DRAIN],
          // The CLI the children run, bundled once per run (test/helpers/spawn-mock.ts CLI).
          globalSetup: [RUN_DIR, 'test/setup/build-cli.ts'],
          // Shared workers: the children are processes of their own (test/helpers/ci-process.ts checks
          // none is left); each browser file launches and closes its own Chromium, and the file order
          // spreads them among the spawn files, so two seldom start together (test/setup/file-order.ts);
          // a file that also runs Newman in process is drained as in newman.
          isolate: false,
        },
      },
    ],
  },
});
