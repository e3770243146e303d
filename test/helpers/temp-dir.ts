// A fresh temporary directory for the running test, removed when that test finishes; one for a test
// file's shared work (a batch several tests read), removed after the file's last test; or one for a run
// the files of a worker share (test/helpers/shared-runs.ts), removed when the test run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, inject, onTestFinished } from 'vitest';

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
 * A directory for what the test files of this worker process share: inside the test run's own directory
 * (test/setup/run-dir.ts), removed when the run ends; in a project that has none, removed when the
 * process exits normally.
 */
export function processTempDir(prefix = 'myvalue-test-'): string {
  const runDir = inject('runDir');
  const dir = mkdtempSync(join(runDir ?? tmpdir(), prefix));
  if (runDir === undefined) process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
