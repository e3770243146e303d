// Expensive runs that several test files only read, made once per test run by the first worker of the
// project to ask and read by the others (madeOnce, test/helpers/across-workers.ts), as JSON. Each has its
// own directory and its own fresh fake; nothing a test does can change it.
import { join } from 'node:path';
import { inject } from 'vitest';
import { runGate, type GateOptions, type GateResult } from '../../src/run/gate';
import { madeOnce } from './across-workers';
import { runCli, type CliResult } from './cli';
import { processTempDir } from './temp-dir';

/** What `make` returns, made once in this test run (madeOnce), and asked for once per process. */
function acrossWorkers<T>(key: string, make: (dir: string) => Promise<T>): Promise<T> {
  let made = inProcess.get(key) as Promise<T> | undefined;
  if (made === undefined) {
    const runDir = inject('runDir');
    // Without a run directory (a file run under another config), each worker makes its own, read as JSON too.
    made = runDir === undefined ? make(processTempDir(`myvalue-${key}-`)).then((value) => JSON.parse(JSON.stringify(value)) as T) : madeOnce(runDir, key, make);
    inProcess.set(key, made);
  }
  return made;
}

/** What this process asked for, by key: read once. */
const inProcess = new Map<string, Promise<unknown>>();

export interface SharedGate {
  /** The gate's result, without the compiled contract (it is not data: the reports are what the tests read). */
  result: Omit<GateResult, 'contract'>;
  /** The run's working directory; its reports are in result.reportsDir. */
  cwd: string;
  console: string;
}

/** `myvalue gate --target msw` in `cwd`, isolated from the machine's environment and .env, its console kept. */
async function gateIn(cwd: string, out: string, options: Partial<GateOptions> = {}): Promise<SharedGate> {
  let console = '';
  const { contract: _contract, ...result } = await runGate({ cwd, env: {}, target: 'msw', out, ...options, write: (t) => (console += t), log: (l) => (console += `${l}\n`) });
  return { result, cwd, console };
}

/** `myvalue gate --target msw` of the whole shipped collection: read by the gate, merge and variations tests. */
export function wholeGateRun(): Promise<SharedGate> {
  return acrossWorkers('whole-gate', (dir) => gateIn(dir, 'whole'));
}

/** `myvalue gate --target msw --shard INDEX/TOTAL`: read by the gate and merge tests. */
export function shardGateRun(index: number, total: number): Promise<SharedGate> {
  return acrossWorkers(`gate-shard-${index}-of-${total}`, (dir) => gateIn(dir, `shard-${index}`, { shard: { index, total } }));
}

export interface SharedRun extends CliResult {
  /** Where its reports are (run.json, junit.xml, ...). */
  reportsDir: string;
}

/**
 * `myvalue run --target msw` of the shipped collection (its JSON), in the process that makes it: the
 * baseline the v3 and migrate tests compare a conversion's run with, and the run the shipped-collection
 * test reads.
 */
export function shippedRun(): Promise<SharedRun> {
  return acrossWorkers('shipped-run', async (dir) => {
    const reportsDir = join(dir, 'reports');
    return { ...(await runCli(['run', '--target', 'msw', '--out', reportsDir])), reportsDir };
  });
}
