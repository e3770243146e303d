// The command of `myvalue mock -- COMMAND`: run in a process group of its own, so that stopping it also
// stops what it started (a test runner's workers, an app server); signals passed on; its end reported as
// a shell reports it (the exit code, or 128 + n for a signal; 127 when there is no such command).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { PROCESS_GROUPS, signalGroup, stopGroup } from '../shared/process-group';

/** How long a command, and whatever it left running, get after a signal before SIGKILL. */
export const STOP_GRACE_MS = 5_000;

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

/**
 * Starts the command with the given environment; its stdin, stdout and stderr are this process's.
 * @example const child = runChild(['npm', 'test'], env); process.on('SIGTERM', () => child.stop('SIGTERM')); const end = await child.done;
 */
export function runChild(argv: readonly string[], env: NodeJS.ProcessEnv): RunningChild {
  const [file = '', ...args] = argv;
  const child = spawn(file, args, { stdio: 'inherit', env, detached: PROCESS_GROUPS });
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
      // What the command left running once it ended: SIGTERM, then SIGKILL after the grace period.
      void stopGroup(child.pid as number, STOP_GRACE_MS).then(() => resolve(end));
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
