// Runs a user's command as a child in a process group of its own, so that it, and whatever it starts
// (a server, a test runner's workers), can be stopped as one: at its end, at a time bound, or on demand.
// Nothing of the group is left running when the promise resolves (but a process that moved itself to a
// group of its own, with setsid, is out of reach).
import { spawn } from 'node:child_process';
import { groupGone, signalGroup, stopGroup } from '../shared/process-group';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ChildCommandOptions {
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where the command's stdout and stderr go, as text (UTF-8, characters never split). */
  output(text: string): void;
  /** Stop the group after this long (SIGTERM, then SIGKILL after the grace). */
  timeoutMs?: number;
  /** Between SIGTERM and SIGKILL, in ms (default 2,000). */
  graceMs?: number;
  /** Stop the group when this aborts (SIGINT or SIGTERM to the caller). */
  signal?: AbortSignal;
}

export type ChildOutcome =
  | { started: true; exitCode: number | null; signal: string | null; timedOut: boolean; stopped: boolean; durationMs: number }
  /** The command could not be started: ENOENT (not found), EACCES (not executable), ... */
  | { started: false; code: string; message: string };

const DEFAULT_GRACE_MS = 2000;

/**
 * Runs the command to its end in a process group of its own, then stops what it left behind.
 * @example const ran = await runChildCommand({ command: 'npm', args: ['test'], env: process.env, output: (t) => log.write(t), timeoutMs: 60_000 });
 */
export function runChildCommand(options: ChildCommandOptions): Promise<ChildOutcome> {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(options.command, [...options.args], { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    let stopped = false;
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => (stopping ??= child.pid === undefined ? Promise.resolve() : stopGroup(child.pid, graceMs));
    child.once('error', (error: NodeJS.ErrnoException) => {
      // Only a spawn failure comes before 'spawn'; a kill that failed later is not the command's problem.
      if (child.pid === undefined) resolve({ started: false, code: error.code ?? 'EUNKNOWN', message: error.message });
    });
    child.once('spawn', () => {
      const pgid = child.pid as number;
      const streams = [child.stdout, child.stderr].filter((s) => s !== null);
      for (const stream of streams) stream.setEncoding('utf8').on('data', options.output);
      // The output is whole once every holder of the pipes is gone (a process that escaped the group may hold them: bounded).
      const drained = Promise.all(streams.map((s) => new Promise<void>((done) => s.once('close', () => done()))));
      const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
        timedOut = true;
        void stop();
      }, options.timeoutMs);
      const onAbort = (): void => {
        stopped = true;
        void stop();
      };
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
      child.once('exit', (exitCode, signal) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        // The leader is gone; what it started is not necessarily: stop the rest of the group.
        void (async () => {
          await stop();
          if (!(await groupGone(pgid, 0))) signalGroup(pgid, 'SIGKILL');
          await Promise.race([drained, sleep(graceMs)]);
          for (const stream of streams) stream.destroy();
          resolve({ started: true, exitCode, signal, timedOut, stopped, durationMs: Math.round(performance.now() - started) });
        })();
      });
    });
  });
}
