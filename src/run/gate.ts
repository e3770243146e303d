// `myvalue gate` as a function: the collection with contract checks and variations in one run,
// against any target but production, then gate.md beside run.json, junit.xml, ctrf.json and report.html,
// and the gate's verdict in the job summary and on the last line.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { endpointResolver } from '../reports/endpoints';
import { gateMarkdown, summarizeGate, type GateSummary } from '../reports/gate-report';
import { oneLine } from '../shared/text';
import { runCollection, type RunOptions, type RunResult } from './run-collection';
import { isProductionTarget, parseTarget } from './run-target';
import { shardLabel } from '../collection/shard';
import { displayDir, finishRun } from './finish-run';

export type GateOptions = Omit<RunOptions, 'allowProductionWrites'>;

export interface GateResult extends RunResult {
  gate?: GateSummary;
  /** Path of gate.md when it was written. */
  gateFile?: string;
}

/** Why a target may not be gated, or undefined when it may. */
export function refuseTarget(target: string): string | undefined {
  const parsed = parseTarget(target);
  if (!parsed.ok) return parsed.error;
  if (isProductionTarget(parsed.spec)) {
    return 'the gate does not run against production (its variations send refused and state-changing requests): use --target sandbox';
  }
  return undefined;
}

/**
 * Runs the gate; exit 0 only when every request, contract check and variation passed.
 * @example const { exitCode, gateFile } = await runGate({ target: 'sandbox', out: 'reports' });
 */
export async function runGate(options: GateOptions): Promise<GateResult> {
  const refused = refuseTarget(options.target);
  if (refused) return { exitCode: 2, error: refused, reportsDir: options.out ?? 'reports' };
  // The gate checks the contract (the shipped one, or the file given with --contract) unless --no-contract.
  const contractOff = options.contract === false;
  // The run ends without its summary line: the gate's verdict is the one said last.
  const checked: RunOptions = { ...options, contract: contractOff ? false : typeof options.contract === 'string' ? options.contract : true, variations: true, summary: false };
  const result = await runCollection(checked);
  if (result.exitCode === 2 || !result.summary) return result;
  const report = result.summary;
  // The endpoint table follows the contract the run checked against (--contract FILE), loaded once.
  const gate = summarizeGate(report, endpointResolver([report.externalBaseUrl, report.authBaseUrl], result.contract));
  const gateFile = join(result.reportsDir, 'gate.md');
  const scope = report.shard ? shardLabel(report.shard) : undefined;
  const notes = [
    ...(report.shard ? [`${shardLabel(report.shard)} ran: ${report.shard.units.join(', ') || 'nothing (more shards than independent units)'}`] : []),
    ...(contractOff ? ['contract checks were off (--no-contract): responses were not checked against the OpenAPI contract'] : []),
  ];
  try {
    await writeFile(gateFile, gateMarkdown(report, gate, { ...(scope ? { scope } : {}), notes }));
  } catch (error) {
    return { ...result, exitCode: 2, error: `cannot write ${gateFile}: ${oneLine((error as Error).message)}` };
  }
  const write = options.write ?? ((text: string): void => void process.stdout.write(text));
  const log = options.log ?? ((line: string): void => write(`${line}\n`));
  const failedRows = gate.rows.filter((row) => row.verdict === 'FAIL').map((row) => row.key);
  const gateLine = `gate${scope ? ` (${scope})` : ''}: ${gate.verdict}${failedRows.length > 0 ? `, failed: ${failedRows.join(', ')}` : ''}; ${gateFile}`;
  log(gateLine);
  const reportsDir = displayDir(result.reportsDir, options.cwd ?? process.cwd());
  await finishRun(report, { title: 'MyValue gate', verdict: gate.verdict, reportsDir, ...(options.env ? { env: options.env } : {}), notes: failedRows.length > 0 ? [`Failed endpoints: ${failedRows.join(', ')}`] : [], log });
  return { ...result, exitCode: gate.verdict === 'PASS' ? 0 : 1, gate, gateFile };
}
