// Global setup of the spawn project (vitest.config.ts): the CLI those tests start as a child process,
// bundled once from the source tree by the project's own build config (tsdown.config.ts, its `cli` entry)
// into node_modules/.cache. Started through tsx instead, each child spent ~0.7 s of CPU compiling and
// resolving the source before its first line (docs/testing.md); the bundle starts in ~0.1 s. It is built
// again before each rerun in watch mode, so it never runs older source than the tests.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'tsdown';
import type { TestProject } from 'vitest/node';
import config from '../../tsdown.config';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled CLI's entry (test/helpers/spawn-mock.ts `CLI`). */
    testCli: string;
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The build config's CLI entry (the one whose entry names `cli`). */
function cliConfig(): InlineConfig {
  const found = [config].flat().find((c) => typeof c.entry === 'object' && !Array.isArray(c.entry) && 'cli' in c.entry);
  if (!found) throw new Error('tsdown.config.ts has no `cli` entry to bundle for the spawn tests');
  return found as InlineConfig;
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  // Inside the project, so the bundle finds node_modules and the package's shipped files as dist/ does.
  const outDir = mkdtempSync(join(cache, 'myvalue-test-cli-'));
  const bundle = async (): Promise<void> => {
    await build({ ...cliConfig(), config: false, outDir, clean: true, logLevel: 'warn' });
  };
  await bundle();
  project.provide('testCli', join(outDir, 'cli.mjs'));
  project.onTestsRerun(bundle);
  return () => rmSync(outDir, { recursive: true, force: true });
}
