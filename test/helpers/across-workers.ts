// One value for every worker of a test run: the first worker to ask makes it, the others read it. For runs
// several test files only read (test/helpers/shared-runs.ts), which workers would otherwise each make.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processRuns } from '../../src/shared/process-group';

/** How often a worker waiting for another's value looks for it. */
const POLL_MS = 100;

/** What the maker leaves in `<key>.json`: the value, or why there is none. */
type Saved<T> = { value: T } | { error: string };

/**
 * What `make` returns, made once under `runDir` (a directory of this test run, test/setup/run-dir.ts) and
 * read by every process that asks for `key`. The first to make the directory `<runDir>/<key>` (mkdir is
 * atomic) writes its pid there, runs `make` in it and leaves the value as JSON in `<key>.json`, written
 * whole (a rename); the others wait for that file. Every caller, the maker too, gets the value as JSON
 * gives it back, so a test reads the same whichever worker made it. A failed `make` fails every caller
 * with its message; a maker that ended without a value fails the waiting ones at once.
 * @example const gate = await madeOnce(inject('runDir'), 'whole-gate', (dir) => runGate({ cwd: dir, ... }));
 */
export async function madeOnce<T>(runDir: string, key: string, make: (dir: string) => Promise<T>): Promise<T> {
  const dir = join(runDir, key);
  const file = `${dir}.json`;
  const maker = join(dir, '.maker');
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    for (;;) {
      if (existsSync(file)) return valueOf(key, readFileSync(file, 'utf8'));
      const pid = existsSync(maker) ? Number(readFileSync(maker, 'utf8')) : undefined;
      // The maker may have written its value just before it ended: look once more before failing.
      if (pid !== undefined && !processRuns(pid) && !existsSync(file)) throw new Error(`the process making "${key}" (pid ${pid}) ended without it`);
      await sleep(POLL_MS);
    }
  }
  writeFileSync(maker, String(process.pid));
  let record: Saved<T>;
  try {
    record = { value: await make(dir) };
  } catch (error) {
    record = { error: error instanceof Error ? error.message : String(error) };
  }
  const text = JSON.stringify(record);
  writeFileSync(`${file}.${process.pid}`, text);
  renameSync(`${file}.${process.pid}`, file);
  return valueOf(key, text);
}

function valueOf<T>(key: string, text: string): T {
  const record = JSON.parse(text) as Saved<T>;
  if ('error' in record) throw new Error(`making "${key}" failed: ${record.error}`);
  return record.value;
}
