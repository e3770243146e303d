// `myvalue run`: the collection, signed by the injected hook, through Newman against a target.
import { lineSink } from '../../harness/capture-output';
import { runCollection } from '../../harness/run-collection';
import { UsageError } from '../errors';
import type { Register } from './index';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

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

interface RunFlags {
  collection?: string;
  target: string;
  clientId?: string;
  clientSecret?: string;
  out?: string;
  folder: string[];
  bail?: boolean;
  timeoutRequest?: string;
  delayRequest?: string;
  iterationData?: string;
  envVar: string[];
  insecure?: boolean;
  environment?: string;
  allowProductionWrites?: boolean;
}

export const registerRun: Register = (program, ctx) => {
  program
    .command('run')
    .description('run a Postman collection, signed by the injected hook, through Newman; reports in reports/')
    .option('--collection <file|url>', 'collection file or http(s) URL (default: the shipped collections/myvalue-partner.postman_collection.json)')
    .option('--target <target>', 'mock (fake on a free port), msw (fake in process), sandbox, production, or a base URL', 'mock')
    .option('--client-id <id>', 'client ID (default: MYVALUE_CLIENT_ID or .env; mock/msw: the demo client)')
    .option('--client-secret <secret>', 'client secret (default: MYVALUE_CLIENT_SECRET or .env)')
    .option('--out <dir>', 'reports directory', 'reports')
    .option('--folder <name>', 'run only this folder or request (repeatable)', collect, [])
    .option('--bail', 'stop at the first failure')
    .option('--timeout-request <ms>', 'request timeout in milliseconds')
    .option('--delay-request <ms>', 'delay between requests in milliseconds')
    .option('--iteration-data <file>', 'CSV or JSON data file, one iteration per row')
    .option('--env-var <key=value>', 'set an environment variable (repeatable)', collect, [])
    .option('--insecure', 'do not verify TLS certificates')
    .option('--environment <file>', 'Postman environment file to start from')
    .option('--allow-production-writes', 'against production, also send requests that change state (earn, redeem, ...)')
    .action(async (flags: RunFlags) => {
      const lines = lineSink(ctx.io.out);
      const result = await runCollection({
        collection: flags.collection,
        target: flags.target,
        clientId: flags.clientId,
        clientSecret: flags.clientSecret,
        out: flags.out,
        folders: flags.folder,
        bail: flags.bail,
        timeoutRequest: parseMs(flags.timeoutRequest, '--timeout-request'),
        delayRequest: parseMs(flags.delayRequest, '--delay-request'),
        iterationData: flags.iterationData,
        envVars: flags.envVar.map(parseEnvVar),
        insecure: flags.insecure,
        environment: flags.environment,
        allowProductionWrites: flags.allowProductionWrites,
        write: lines.write,
        log: (line) => {
          lines.flush();
          ctx.io.err(line);
        },
      });
      lines.flush();
      if (result.error !== undefined) throw new UsageError(result.error, result.exitCode);
      ctx.setExit(result.exitCode);
    });
};
