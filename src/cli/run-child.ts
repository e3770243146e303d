// The command of `myvalue mock -- COMMAND`: run in a process group of its own, so that stopping it also
// stops what it started (a test runner's workers, an app server); signals passed on; its end reported as
// a shell reports it (the exit code, or 128 + n for a signal; 127 when there is no such command).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';

/** How long a command, and whatever it left running, get after a signal before SIGKILL. */
export const STOP_GRACE_MS = 5_000;

/** Windows has no process groups: there only the command itself is signalled. */
const GROUPS = process.platform !== 'win32';

export type ChildEnd = { ok: true; exitCode: number; signal?: NodeJS.Signals } | { ok: false; exitCode: 126 | 127; error: string };

export interface RunningChild {
  /** Resolves once the command has ended and nothing of its process group is left. */
  done: Promise<ChildEnd>;
  /** Passes a signal on to the command's group; a second call, or STOP_GRACE_MS passing, kills the group. */
  stop(signal: NodeJS.Signals): void;
}

/** A shell's exit code for a process a signal ended: 128 + the signal's number. */
export const signalExitCode = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 0);

/** Why the command could not start, with a shell's code: 127 not found, 126 found but not runnable. */
function spawnFailure(file: string, error: NodeJS.ErrnoException): ChildEnd {
  if (error.code === 'ENOENT') return { ok: false, exitCode: 127, error: `cannot run ${file}: command not found` };
  if (error.code === 'EACCES') return { ok: false, exitCode: 126, error: `cannot run ${file}: permission denied` };
  return { ok: false, exitCode: 126, error: `cannot run ${file}: ${error.code ?? error.message}` };
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(GROUPS ? -pid : pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * True while a process of the group is alive. On Linux an ended process not yet reaped does not count:
 * it holds no port, and in a container whose init never reaps, it would be there for good.
 */
function groupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (process.platform !== 'linux') return true;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') return true;
    } catch {
      // ended meanwhile
    }
  }
  return false;
}

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Waits until the group is gone, at most `ms`; true when it is. */
async function goneWithin(pgid: number, ms: number): Promise<boolean> {
  for (let waited = 0; groupAlive(pgid); waited += 50) {
    if (waited >= ms) return false;
    await pause(50);
  }
  return true;
}

/** What the command left running once it ended: SIGTERM, then SIGKILL after the grace period. */
async function clearGroup(pgid: number): Promise<void> {
  if (!GROUPS || !groupAlive(pgid)) return;
  signalGroup(pgid, 'SIGTERM');
  if (await goneWithin(pgid, STOP_GRACE_MS)) return;
  signalGroup(pgid, 'SIGKILL');
  await goneWithin(pgid, 1_000);
}

/**
 * Starts the command with the given environment; its stdin, stdout and stderr are this process's.
 * @example const child = runChild(['npm', 'test'], env); process.on('SIGTERM', () => child.stop('SIGTERM')); const end = await child.done;
 */
export function runChild(argv: readonly string[], env: NodeJS.ProcessEnv): RunningChild {
  const [file = '', ...args] = argv;
  const child = spawn(file, args, { stdio: 'inherit', env, detached: GROUPS });
  let stopping = false;
  let killer: NodeJS.Timeout | undefined;
  const kill = (): void => {
    if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
  };
  const done = new Promise<ChildEnd>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) resolve(spawnFailure(file, error));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      const end: ChildEnd = signal ? { ok: true, exitCode: signalExitCode(signal), signal } : { ok: true, exitCode: code ?? 0 };
      void clearGroup(child.pid as number).then(() => resolve(end));
    });
  });
  return {
    done,
    stop: (signal) => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      if (stopping) return kill();
      stopping = true;
      signalGroup(child.pid, signal);
      killer = setTimeout(kill, STOP_GRACE_MS);
    },
  };
}
