// A fresh temporary directory for the running test, removed when that test finishes; one for a test
// file's shared work (a batch several tests read), removed after the file's last test; or one for what a
// worker process shares, removed when it exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

export function tempDir(prefix = 'myvalue-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Call at a test file's top level: a directory made on first use, removed after the file's tests. */
export function fileTempDir(prefix = 'myvalue-test-'): () => string {
  let dir: string | undefined;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => (dir ??= mkdtempSync(join(tmpdir(), prefix)));
}

/**
 * A directory for what the test files of this worker process share, removed when the process exits
 * normally. The shared runs use it only where the test run has no run directory of its own
 * (test/helpers/shared-runs.ts): a worker is ended without its exit handlers.
 */
export function processTempDir(prefix = 'myvalue-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
