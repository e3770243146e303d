// Runs a command as a CI step does: in a session of its own (`setsid`), no terminal, stdin from /dev/null,
// stdout and stderr to pipes (or to files, as `> step.log` would). Finds out afterwards whether anything it started, in its session or in
// another (a command myvalue started in a session of its own), is still alive.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { onTestFinished } from 'vitest';

export interface CiProcess {
  child: ChildProcess;
  /** The session's id: setsid made the spawned process its leader, so it is also its process group. */
  pid: number;
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Resolves once the output matches (a hang guard rejects after 60 s: never a timing assertion). */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** The exit code, or 128 + n when a signal ended it (as a shell reports it). */
  exited: Promise<number>;
  /** Processes it started, at any depth, that are still alive. */
  leftovers(): number[];
}

/** An environment variable every process of one spawn inherits: how its leftovers are found. */
const MARK = 'MYVALUE_TEST_CI_MARK';

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

export interface CiOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Write stdout and stderr to files in this directory instead of pipes; `exited` then resolves when the
   * process exits, even if something it left running still holds the files (waitFor is not available).
   */
  logDir?: string;
}

export function ciSpawn(command: string, args: readonly string[], options: CiOptions = {}): CiProcess {
  const mark = randomUUID();
  const logs = options.logDir === undefined ? undefined : ([join(options.logDir, 'stdout.log'), join(options.logDir, 'stderr.log')] as const);
  const fds = logs?.map((file) => openSync(file, 'w'));
  const child = spawn('setsid', [command, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env, [MARK]: mark }, stdio: ['ignore', fds?.[0] ?? 'pipe', fds?.[1] ?? 'pipe'] });
  for (const fd of fds ?? []) closeSync(fd);
  const pid = child.pid as number;
  let out = '';
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  const onData = (into: 'out' | 'err') => (chunk: Buffer): void => {
    const text = chunk.toString();
    out += text;
    if (into === 'out') stdout += text;
    else stderr += text;
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout?.on('data', onData('out'));
  child.stderr?.on('data', onData('err'));
  // With pipes 'close': once every process holding its stdout or stderr is gone, so whatever it left
  // running keeps this open. With files 'exit': what it wrote is in them by then.
  const exited = new Promise<number>((resolve) => child.once(logs ? 'exit' : 'close', (code, signal) => resolve(code ?? 128 + (SIGNALS[signal ?? ''] ?? 0))));
  const read = (file: string): string => readFileSync(file, 'utf8');
  // Whatever a test leaves behind goes.
  onTestFinished(() => {
    for (const member of marked(mark)) {
      try {
        process.kill(member, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  });
  return {
    child,
    pid,
    leftovers: () => marked(mark),
    output: () => (logs ? read(logs[0]) + read(logs[1]) : out),
    stdout: () => (logs ? read(logs[0]) : stdout),
    stderr: () => (logs ? read(logs[1]) : stderr),
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const guard = setTimeout(() => reject(new Error(`no ${pattern} in: ${out}`)), 60_000);
        const check = (): void => {
          const match = pattern.exec(out);
          if (match) {
            clearTimeout(guard);
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(guard);
            reject(new Error(`exited before ${pattern}: ${out}`));
          } else waiters.push(check);
        };
        child.once('exit', () => setImmediate(check));
        check();
      }),
  };
}

/** Live processes (zombies are dead: this machine's init may never reap them) whose environment holds the mark. */
function marked(mark: string): number[] {
  const live: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ...; comm may hold spaces and parentheses: the state follows the last ')'.
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      if (readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').includes(`${MARK}=${mark}`)) live.push(Number(name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return live;
}

/** True when nothing listens at the URL's port any more (a connection is refused). */
export function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
