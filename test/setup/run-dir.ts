// Global setup of the projects whose files share expensive runs (newman and spawn: vitest.config.ts): a
// directory for this test run, removed when it ends. The shared runs are made and kept in it, once for all
// the project's workers (test/helpers/shared-runs.ts); a worker is ended without its exit handlers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A directory for this run of the project, removed at its end. */
    runDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  let dir: string | undefined;
  const fresh = (): void => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), `myvalue-run-${project.name}-`));
    project.provide('runDir', dir);
  };
  fresh();
  // Each rerun in watch mode gets a directory of its own, so its shared runs are made again, from the
  // source as it is now.
  project.onTestsRerun(fresh);
  return () => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  };
}
