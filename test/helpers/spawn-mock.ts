// Starts `myvalue mock` as a child process and waits for its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

/** The CLI's entry in the source tree. */
export const SOURCE_CLI: string = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));

/** The bundled CLI's entry, when this run built one (the spawn project: test/setup/build-cli.ts). */
export const CLI_BUNDLE: string | undefined = inject('testCli');

/** Node arguments that start the CLI: the bundle of the source tree, or the source through tsx in a run that built none. */
export const CLI: readonly string[] = CLI_BUNDLE ? [CLI_BUNDLE] : ['--import', 'tsx', SOURCE_CLI];

export interface MockProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function spawnMock(args: string[]): Promise<MockProcess> {
  const child = spawn(process.execPath, [...CLI, 'mock', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mock did not start: ${out}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      // Text: "fake MyValue listening on <url>"; --log-format json: {"event":"listening","url":...}.
      const match = /listening on (http:\/\/\S+)/.exec(out) ?? /"event":"listening","url":"(http:\/\/[^"]+)"/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1] as string,
          child,
          output: () => out,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mock exited with ${code}: ${out}`));
    });
  });
}
