// `myvalue mock --pid-file FILE`: the pid of the node process that listens, for `kill "$(cat FILE)"` in a
// CI script. `npx` runs myvalue under `npm exec`, which does not pass signals on: killing the background
// job stops npm and leaves the fake holding its port. The file names the process that really listens.
import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { processRuns } from '../shared/process-group';
import type { Result } from '../shared/result';

/**
 * Checks, before anything starts, that the pid file can be written: its directory exists and it is no
 * directory itself, and it does not name a running process (another fake's file, which would be lost).
 */
export function checkPidFile(file: string): Result<undefined> {
  const dir = dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { ok: false, error: `--pid-file ${file}: no directory ${dir}` };
  if (!existsSync(file)) return { ok: true, value: undefined };
  if (statSync(file).isDirectory()) return { ok: false, error: `--pid-file ${file}: it is a directory` };
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processRuns(pid)) {
    return { ok: false, error: `--pid-file ${file} holds pid ${pid}, which is running: stop that fake first, or remove the file` };
  }
  return { ok: true, value: undefined };
}

/** Writes this process's pid, whole or not at all (a reader never sees a half-written file). */
export function writePidFile(file: string): Result<undefined> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${process.pid}\n`);
    renameSync(temporary, file);
    return { ok: true, value: undefined };
  } catch (error) {
    return { ok: false, error: `--pid-file ${file}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}

/** Removes the pid file if it still names this process (another may have taken it over meanwhile). */
export function removePidFile(file: string): void {
  try {
    if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
  } catch {
    // already gone: nothing to remove
  }
}
