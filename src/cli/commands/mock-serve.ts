// What `myvalue mock` does once its servers listen: write the pid file, print the first line, then serve
// until SIGINT or SIGTERM, or, given `-- COMMAND`, run the command against the fake and stop when it ends
// (one CI step: fake up, tests, fake down, the tests' exit code). The fake always stops and the pid file goes.
import { basename } from 'node:path';
import type { RunningServer } from '../../../mocks/express';
import { removePidFile, writePidFile } from '../pid-file';
import { runChild } from '../run-child';

/** What the command is given: where the fake's External API and Auth API listen (the real ports, also for --port 0). */
export const FAKE_URL_ENV = { externalBaseUrl: 'MYVALUE_EXTERNAL_BASE_URL', authBaseUrl: 'MYVALUE_AUTH_BASE_URL' } as const;

export interface ServeOptions {
  servers: readonly RunningServer[];
  /** Frees the fake once its servers are closed. */
  closeFake(): void;
  externalBaseUrl: string;
  authBaseUrl: string;
  /** A line of the fake's log: text, or a JSON object with --log-format json. */
  event(event: string, fields: Record<string, unknown>, text: string): void;
  /** Prints the first line (fake MyValue listening on ...), once the pid file is there. */
  announce(): void;
  pidFile?: string;
  /** The command after `--`, when one was given. */
  command?: readonly string[];
}

/** The exit code, and a one-line error when the command could not start or the pid file not be written. */
export interface Served {
  exitCode: number;
  error?: string;
}

/** Signals that stop the fake; with a command they are passed on to it (a closed terminal's SIGHUP too). */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
const COMMAND_SIGNALS: readonly NodeJS.Signals[] = [...STOP_SIGNALS, 'SIGHUP'];

/**
 * Serves until stopped, or for as long as the command runs; resolves once everything is stopped.
 * @example const { exitCode } = await serveFake({ servers, closeFake: () => fake.close(), ..., command: ['npm', 'test'] });
 */
export async function serveFake(options: ServeOptions): Promise<Served> {
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const listener = (signal: NodeJS.Signals): void => onSignal(signal);
  const signals = options.command ? COMMAND_SIGNALS : STOP_SIGNALS;
  for (const signal of signals) process.on(signal, listener);
  try {
    if (options.pidFile) {
      const written = writePidFile(options.pidFile);
      if (!written.ok) return { exitCode: 2, error: written.error };
    }
    options.announce();
    if (!options.command) {
      await new Promise<void>((resolve) => {
        onSignal = (signal) => {
          onSignal = () => undefined;
          options.event('stopping', { signal }, `${signal}: shutting down`);
          resolve();
        };
      });
      return { exitCode: 0 };
    }
    const name = basename(options.command[0] ?? '');
    const env = { ...process.env, [FAKE_URL_ENV.externalBaseUrl]: options.externalBaseUrl, [FAKE_URL_ENV.authBaseUrl]: options.authBaseUrl };
    options.event('command', { command: name, env: { [FAKE_URL_ENV.externalBaseUrl]: options.externalBaseUrl, [FAKE_URL_ENV.authBaseUrl]: options.authBaseUrl } },
      `running ${name} with ${FAKE_URL_ENV.externalBaseUrl}=${options.externalBaseUrl} ${FAKE_URL_ENV.authBaseUrl}=${options.authBaseUrl}; the fake stops when it ends`);
    const child = runChild(options.command, env);
    let told = false;
    onSignal = (signal) => {
      if (!told) options.event('stopping', { signal }, `${signal}: stopping the command (${name}) and the fake`);
      told = true;
      child.stop(signal);
    };
    const end = await child.done;
    onSignal = () => undefined;
    if (!end.ok) return { exitCode: end.exitCode, error: end.error };
    const how = end.signal ? `was killed by ${end.signal} (exit ${end.exitCode})` : `exited with ${end.exitCode}`;
    options.event('command-exit', { command: name, exitCode: end.exitCode, ...(end.signal ? { signal: end.signal } : {}) }, `the command (${name}) ${how}; stopping the fake`);
    return { exitCode: end.exitCode };
  } finally {
    await Promise.all(options.servers.map((s) => s.close()));
    options.closeFake();
    if (options.pidFile) removePidFile(options.pidFile);
    for (const signal of signals) process.off(signal, listener);
  }
}
