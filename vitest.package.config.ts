// `npm run test:package`: the packed tarball installed into a fresh partner project, as a partner
// uses it (npm install from the registry, one native build of better-sqlite3: minutes, not seconds).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 900_000,
    pool: 'forks',
    // One partner project, set up once in beforeAll; each test writes its own files into it.
    fileParallelism: false,
  },
});
