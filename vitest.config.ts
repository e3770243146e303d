import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { browserGate } from './test/setup/browser-gate.ts';

const browser = browserGate();
if (browser.notice) console.warn(browser.notice);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The packed tarball in a fresh project: `npm run test:package` (vitest.package.config.ts).
    exclude: [...configDefaults.exclude, 'test/package/**', ...browser.exclude],
    setupFiles: ['test/setup/contract-everywhere.ts'],
    // Hang guards, not timings: a gate run of the shipped collection takes ~10-15 s on an idle
    // 2-core machine and up to ~70 s with both workers busy on a shared one (load average 7).
    // A timed-out run keeps going and, in a shared worker, its MSW server disturbs the next file.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One worker per core (vitest's default leaves one core to its main process, which idles here:
    // on 2 cores that was a single worker).
    maxWorkers: availableParallelism(),
    // Test files share a worker: no fresh process and module graph (newman, msw, the contract) per
    // file. test/setup/contract-everywhere.ts keeps one observer list per process for this.
    isolate: false,
    // vi.stubEnv is undone after each test, so a stub cannot reach a later file in the same worker.
    unstubEnvs: true,
  },
});
