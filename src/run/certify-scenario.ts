// One scenario of `myvalue certify`: a fresh fake with the scenario's faults on a free loopback port, the
// partner's command run against it (its output to a masked log), then the grade, and everything stopped.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createExpressApp, listen } from '../../mocks/express';
import { createFakeMyValue, grade, type Grade, type Scenario } from '../../mocks/index';
import { ENV } from '../config';
import { lineSink } from './capture-output';
import { runChildCommand } from './child-command';
import type { Masker } from '../shared/masker';

export interface ScenarioOptions {
  command: readonly string[];
  client: { clientId: string; clientSecret: string };
  maxWaitMs: number;
  maxAttempts: number;
  timeoutMs: number;
  journalSize: number;
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** The command's output, masked, goes here. */
  logFile: string;
  masker: Masker;
  signal?: AbortSignal;
}

export type ScenarioRun =
  | { started: false; code: string; message: string }
  | { started: true; exitCode: number | null; signal: string | null; timedOut: boolean; stopped: boolean; durationMs: number; grade: Grade; lastLines: string[] };

/** Lines of output kept to show when the command fails. */
const TAIL_LINES = 15;

/** A held answer's timer that never keeps certify alive after the scenario (a client that gave up leaves it pending). */
const unrefWait = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms).unref());

/**
 * Runs the command once under `scenario` and grades what the fake saw.
 * @example const ran = await runScenario(findScenario('lost-response')!, options);
 */
export async function runScenario(scenario: Scenario, options: ScenarioOptions): Promise<ScenarioRun> {
  const fake = createFakeMyValue({ clients: [options.client], faults: scenario.faults({ maxWaitMs: options.maxWaitMs }), journalSize: options.journalSize });
  const server = await listen(createExpressApp(fake, { wait: unrefWait }), 0, '127.0.0.1');
  const log = createWriteStream(options.logFile);
  // A log that cannot be written (the disk filled) costs the log, not the run: the reports say the rest.
  log.on('error', () => undefined);
  const tail: string[] = [];
  const lines = lineSink((line) => {
    const masked = options.masker.mask(line);
    log.write(`${masked}\n`);
    tail.push(masked);
    if (tail.length > TAIL_LINES) tail.shift();
  });
  try {
    const [command, ...args] = options.command as [string, ...string[]];
    const ran = await runChildCommand({
      command,
      args,
      cwd: options.cwd,
      env: {
        ...options.env,
        [ENV.externalBaseUrl]: server.url,
        [ENV.authBaseUrl]: server.url,
        [ENV.clientId]: options.client.clientId,
        [ENV.clientSecret]: options.client.clientSecret,
        [ENV.scenario]: scenario.name,
      },
      output: lines.write,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    lines.flush();
    if (!ran.started) return ran;
    const graded = grade(fake, {
      maxWaitMs: options.maxWaitMs,
      maxAttempts: options.maxAttempts,
      scenario: scenario.name,
      command: { exitCode: ran.exitCode, signal: ran.signal, timedOut: ran.timedOut },
    });
    return { ...ran, grade: graded, lastLines: tail };
  } finally {
    if (!log.destroyed) {
      log.end();
      await once(log, 'close').catch(() => undefined);
    }
    await server.close();
    fake.close();
  }
}
