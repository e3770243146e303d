import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The packed tarball in a fresh project: `npm run test:package` (vitest.package.config.ts).
    exclude: [...configDefaults.exclude, 'test/package/**'],
    setupFiles: ['test/setup/contract-everywhere.ts'],
    // Hang guards, not timings: a gate run of the shipped collection takes ~10-15 s alone and up to
    // ~27 s with both workers on a busy shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
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
