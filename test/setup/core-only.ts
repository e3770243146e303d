// Setup file of the `core` project (vitest.config.ts): installs test/setup/core-guard.ts in each core worker.
import { afterEach, expect } from 'vitest';
import { installCoreGuard, takeCoreViolations } from './core-guard';

installCoreGuard();

// A refusal is an exception that the code under test may catch (the CLI prints it as an unexpected error
// and exits 1); this fails the test with the refusal's own line, whatever the code did with it.
afterEach(() => {
  expect(takeCoreViolations(), 'core tests do not load Newman or a browser, spawn, or listen').toEqual([]);
});
