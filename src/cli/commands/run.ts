// `myvalue run`: the collection, signed by the injected hook, through Newman against a target.
// The runner (Newman and the rest) is loaded when the command runs, not when the CLI starts.
import type { Command } from 'commander';
import { lineSink, type Sink } from '../../run/capture-output';
import type { RunOptions } from '../../run/run-collection';
import { MAX_RETRIES, retriesProblem } from '../../run/run-limits';
import { parseShard, type Shard } from '../../collection/shard';
import { UsageError } from '../errors';
import { addCredentialOptions, collect } from '../shared-options';
import { colorWanted } from '../../config';
import { parseReporters, REPORTERS } from '../../reports/write-reports';
import type { CommandContext, Register } from '../command';

function parseMs(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes milliseconds (a whole number), got "${value}"`);
  return Number(value);
}

/** "key=value" -> { key, value }; the value may itself hold '='. */
export function parseEnvVar(pair: string): { key: string; value: string } {
  const at = pair.indexOf('=');
  if (at <= 0) throw new UsageError(`--env-var takes key=value, e.g. --env-var valueID=VR8EPN; got "${pair}"`);
  return { key: pair.slice(0, at), value: pair.slice(at + 1) };
}

/** --shard i/n, or undefined when not given. */
export function parseShardFlag(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const parsed = parseShard(value);
  if (!parsed.ok) throw new UsageError(parsed.error);
  return parsed.shard;
}

/** Flags of how requests are sent, shared by `run`, `gate` and `diff` (see addRequestOptions). */
export interface RequestFlags {
  collection?: string;
  clientId?: string;
  clientSecret?: string;
  out?: string;
  folder: string[];
  timeoutRequest?: string;
  delayRequest?: string;
  iterationData?: string;
  envVar: string[];
  insecure?: boolean;
  environment?: string;
  retries?: string;
}

/** Flags `run` and `gate` share (see addRunOptions). */
export interface RunFlags extends RequestFlags {
  bail?: boolean;
  shard?: string;
  /** --contract FILE (string); --no-contract (false, `run` only). */
  contract?: string | false;
  reporters?: string;
  quiet?: boolean;
  /** false with --no-color. */
  color?: boolean;
  iterationCount?: string;
}

/** --iteration-count N: a whole number from 1. */
export function parseIterationCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--iteration-count takes a whole number from 1, got "${value}"`);
  return Number(value);
}

/** --reporters as RunOptions' on/off per reporter. */
function reportersFrom(list: string | undefined): RunOptions['reporters'] {
  if (list === undefined) return undefined;
  const parsed = parseReporters(list);
  if (!parsed.ok) throw new UsageError(parsed.error);
  return Object.fromEntries(REPORTERS.map((r) => [r, parsed.value.has(r)]));
}

/** --retries N: a whole number from 0 to MAX_RETRIES. */
export function parseRetries(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const problem = retriesProblem(value);
  if (problem !== undefined) throw new UsageError(problem);
  return Number(value);
}

/** Options of how requests are sent: the collection, credentials, variables, timing and retries (not --out). */
export function addRequestOptions(command: Command): Command {
  return addCredentialOptions(command.option('--collection <file|url>', 'collection file or http(s) URL (default: the shipped collections/myvalue-partner.postman_collection.json)'), 'mock/msw: the demo client')
    .option('--folder <name>', 'run only this folder or request (repeatable)', collect, [])
    .option('--timeout-request <ms>', 'request timeout in milliseconds')
    .option('--delay-request <ms>', 'delay between requests in milliseconds')
    .option('--iteration-data <file>', 'CSV or JSON data file, one iteration per row')
    .option('--env-var <key=value>', 'set an environment variable (repeatable)', collect, [])
    .option('--insecure', 'do not verify TLS certificates')
    .option('--environment <file>', 'Postman environment file to start from')
    .option('--retries <n>', `retry GETs up to n times (0-${MAX_RETRIES}) on a 5xx, a dropped connection or a timeout; --timeout-request then limits each attempt`);
}

/** Options `run` and `gate` share: everything but --target and what is particular to each. */
export function addRunOptions(command: Command): Command {
  return addRequestOptions(command.option('--out <dir>', 'reports directory', 'reports'))
    .option('--bail', 'stop at the first failure')
    .option('--contract <file>', 'check every response against this OpenAPI file (default: collections/openapi/myvalue.openapi.yaml)')
    .option('--shard <i/n>', 'run only shard i of n (top-level folders, chained ones kept together); merge with `myvalue report merge`')
    .option('--iteration-count <n>', 'run the collection n times (Newman -n)')
    .option('--reporters <list>', `what to write, comma-separated: ${REPORTERS.join(',')} (default: all; cli is the progress on the console)`)
    .option('--quiet', 'print only the failed requests and the summary')
    .option('--no-color', 'no colour on the console (also: NO_COLOR set; colour is only ever on a terminal)');
}

/** RunOptions from the request flags; throws UsageError on a bad value. */
export function requestOptionsFrom(flags: RequestFlags): Omit<RunOptions, 'target'> {
  return {
    collection: flags.collection,
    clientId: flags.clientId,
    clientSecret: flags.clientSecret,
    out: flags.out,
    folders: flags.folder,
    timeoutRequest: parseMs(flags.timeoutRequest, '--timeout-request'),
    delayRequest: parseMs(flags.delayRequest, '--delay-request'),
    iterationData: flags.iterationData,
    envVars: flags.envVar.map(parseEnvVar),
    insecure: flags.insecure,
    environment: flags.environment,
    ...(flags.retries !== undefined ? { retries: parseRetries(flags.retries) } : {}),
  };
}

/** RunOptions from the shared flags; throws UsageError on a bad value. */
export function runOptionsFrom(flags: RunFlags): Omit<RunOptions, 'target'> {
  return {
    ...requestOptionsFrom(flags),
    bail: flags.bail,
    shard: parseShardFlag(flags.shard),
    ...(flags.contract !== undefined ? { contract: flags.contract } : {}),
    ...(flags.reporters !== undefined ? { reporters: reportersFrom(flags.reporters) } : {}),
    ...(flags.quiet ? { quiet: true } : {}),
    ...(flags.iterationCount !== undefined ? { iterationCount: parseIterationCount(flags.iterationCount) } : {}),
    color: colorWanted(flags.color),
  };
}

/** Newman's progress to io.out line by line, the harness's notes to io.err. */
export function cliOutput(ctx: CommandContext): { write: Sink; log(line: string): void; flush(): void } {
  const lines = lineSink(ctx.io.out);
  return {
    write: lines.write,
    log: (line) => {
      lines.flush();
      ctx.io.err(line);
    },
    flush: () => lines.flush(),
  };
}

export const registerRun: Register = (program, ctx) => {
  addRunOptions(
    program
      .command('run')
      .description('run a Postman collection, signed by the injected hook, through Newman; reports in reports/')
      .option('--target <target>', 'mock (fake on a free port), msw (fake in process), sandbox, production, or a base URL', 'mock'),
  )
    .option('--allow-production-writes', 'against production, also send requests that change state (earn, redeem, ...)')
    .option('--no-contract', 'do not check responses against the OpenAPI contract')
    .option('--variations', 'after every signed request also send it with a wrong sign, an unknown clientID and each required field left out, expecting refusals that change nothing')
    .action(async (flags: RunFlags & { target: string; allowProductionWrites?: boolean; variations?: boolean }) => {
      const options = runOptionsFrom(flags);
      const { runCollection } = await import('../../run/run-collection');
      const output = cliOutput(ctx);
      const result = await runCollection({
        ...options,
        target: flags.target,
        allowProductionWrites: flags.allowProductionWrites,
        variations: flags.variations,
        write: output.write,
        log: output.log,
        // --quiet keeps to the failures and the summary: no opening lines.
        ...(flags.quiet ? {} : { announce: (lines: readonly string[]) => lines.forEach((line) => ctx.io.out(line)) }),
      });
      output.flush();
      if (result.error !== undefined) throw new UsageError(result.error, result.exitCode);
      ctx.setExit(result.exitCode);
    });
};
