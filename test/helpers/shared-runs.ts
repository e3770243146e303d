// Expensive runs that several test files only read, made once per worker process (test files share a
// worker: vitest.config.ts `isolate: false`). Each has its own directory and its own fresh fake;
// nothing a test does can change it.
import { join } from 'node:path';
import { runGate, type GateResult } from '../../src/run/gate';
import { runCli, type CliResult } from './cli';
import { processTempDir } from './temp-dir';

export interface SharedGate {
  result: GateResult;
  /** The run's working directory; its reports are in result.reportsDir. */
  cwd: string;
  console: string;
}

let wholeGate: Promise<SharedGate> | undefined;

/** `myvalue gate --target msw` of the whole shipped collection, isolated from the machine's environment and .env. */
export function wholeGateRun(): Promise<SharedGate> {
  wholeGate ??= (async () => {
    const cwd = processTempDir('myvalue-shared-gate-');
    let console = '';
    const result = await runGate({ cwd, env: {}, target: 'msw', out: 'whole', write: (t) => (console += t), log: (l) => (console += `${l}\n`) });
    return { result, cwd, console };
  })();
  return wholeGate;
}

export interface SharedRun extends CliResult {
  /** Where its reports are (run.json, junit.xml, ...). */
  reportsDir: string;
}

let shippedJson: Promise<SharedRun> | undefined;

/**
 * `myvalue run --target msw` of the shipped collection (its JSON), in process: the baseline the v3 and
 * migrate tests compare a conversion's run with, and the run the shipped-collection test reads.
 */
export function shippedRun(): Promise<SharedRun> {
  shippedJson ??= (async () => {
    const reportsDir = join(processTempDir('myvalue-shared-run-'), 'reports');
    return { ...(await runCli(['run', '--target', 'msw', '--out', reportsDir])), reportsDir };
  })();
  return shippedJson;
}
