// Global setup of the projects whose files share expensive runs within a worker (newman and spawn:
// vitest.config.ts): a directory for this test run, removed when it ends. The shared runs keep their
// reports in it (test/helpers/temp-dir.ts processTempDir); a worker is ended without its exit handlers.
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
  const dir = mkdtempSync(join(tmpdir(), `myvalue-run-${project.name}-`));
  project.provide('runDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
