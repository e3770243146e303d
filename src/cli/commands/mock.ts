// `myvalue mock`: the fake MyValue on a local port (External API, Auth API and the SSO page).
// The fake and Express are loaded when the command runs, not when the CLI starts.
import type { RunningServer } from '../../../mocks/express';
import type { FaultSpec, Logger, Parsed, RequestLogRecord } from '../../../mocks/index';
import { UsageError } from '../errors';
import { collect } from '../shared-options';
import { COLLECTION_REDIRECT_URI } from '../../shared/hosts';
import { printableJson, printableLine } from '../../shared/text';
import { shippedFile } from '../../shared/package-files';
import type { CliIO } from '../io';
import type { Register } from '../command';
import { checkPidFile } from '../pid-file';
import { serveFake } from './mock-serve';

function parsePort(value: string, flag: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new UsageError(`${flag} must be a port number 0-65535, got "${value}"`);
  return port;
}

/** "ID:SECRET" -> client; the secret may itself hold ':'. */
export function parseClientFlag(value: string): { clientId: string; clientSecret: string } {
  const at = value.indexOf(':');
  if (at <= 0 || at === value.length - 1) throw new UsageError('--client takes ID:SECRET, e.g. --client MyPOS:my-test-secret');
  return { clientId: value.slice(0, at), clientSecret: value.slice(at + 1) };
}

function parseRedirectFlag(value: string): { clientId: string; uri: string } {
  const at = value.indexOf('=');
  const uri = value.slice(at + 1);
  if (at <= 0) throw new UsageError('--redirect-uri takes CLIENT_ID=URI, e.g. --redirect-uri GramediaPOS=http://127.0.0.1:5173/callback');
  try {
    const parsed = new URL(uri);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new UsageError(`--redirect-uri ${value}: "${uri}" is not an http(s) URL`);
  }
  return { clientId: value.slice(0, at), uri };
}

/** --fault TARGET:SPEC (what a fault rule of the admin API holds), e.g. "point.earn:status=503,times=1" or "*:latency=100-300"; the parser comes with the fake. */
function parseFaultFlag(value: string, parseFaultRule: (text: string) => Parsed<FaultSpec>): FaultSpec {
  const parsed = parseFaultRule(value);
  if (!parsed.ok) throw new UsageError(`--fault "${value}": ${parsed.detail}`);
  return parsed.value;
}

function parseJournalSize(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 1_000_000) throw new UsageError(`--journal-size must be a whole number 0-1000000, got "${value}"`);
  return Number(value);
}

export type LogFormat = 'text' | 'json';

function parseLogFormat(value: string): LogFormat {
  if (value !== 'text' && value !== 'json') throw new UsageError(`--log-format must be text or json, got "${value}"`);
  return value;
}

/**
 * Where the fake's lines go: text, one line a request after an ISO time; or JSON, one object a line
 * (the listening line too), for log collectors and scripts. Lines carry what clients sent (paths,
 * referenceNos in a sign's explanation): written here, once, with control characters escaped, so none
 * forges a line or reaches the terminal.
 */
export function mockLogger(io: CliIO, format: LogFormat, quiet: boolean): Logger & { event(event: string, fields: Record<string, unknown>, text: string): void } {
  const time = (): string => new Date().toISOString();
  if (format === 'json') {
    const put = (object: Record<string, unknown>): void => io.out(printableJson({ time: time(), ...object }));
    return {
      info: (message) => put({ level: 'info', message }),
      warn: (message) => put({ level: 'warn', message }),
      request: (record: RequestLogRecord) => {
        if (!quiet || record.level === 'warn') put({ event: 'request', ...record });
      },
      event: (event, fields) => put({ level: 'info', event, ...fields }),
    };
  }
  const put = (line: string): void => io.out(`${time()} ${printableLine(line)}`);
  return {
    info: quiet ? () => undefined : put,
    warn: put,
    // The banner's own lines stay lines; what is in them is escaped as any other.
    event: (_event, _fields, text) => io.out(text.split('\n').map(printableLine).join('\n')),
  };
}

/** 127.0.0.1, ::1, localhost and the rest of 127/8: only this machine reaches them. */
const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

interface MockOptions {
  port: string;
  host: string;
  authPort?: string;
  data?: string;
  seed?: string;
  client: string[];
  redirectUri: string[];
  quiet?: boolean;
  fault: string[];
  journalSize: string;
  logFormat: string;
  adminToken?: string;
  clock?: string;
  duplicateReference: string;
  pidFile?: string;
}

/**
 * The command after `--`, which must be there when one is given: without it a stray word would run as a
 * command, and the command's own options would be read as the fake's.
 */
function commandAfterDashes(operands: string[], raw: readonly string[]): string[] | undefined {
  // Commander puts everything after the first `--` into the operands: they end the raw arguments.
  const dashes = raw.length > operands.length && raw[raw.length - operands.length - 1] === '--';
  if (operands.length > 0 && !dashes) throw new UsageError(`mock runs a command only after --, e.g. myvalue mock --port 0 -- npm test; got "${operands[0]}" before it`);
  if (operands.length === 0 && raw.at(-1) === '--') throw new UsageError('nothing after --: give the command to run, e.g. myvalue mock --port 0 -- npm test');
  return operands.length > 0 ? operands : undefined;
}

export const registerMock: Register = (program, ctx) => {
  program
    .command('mock')
    .description('serve the fake MyValue (External API, Auth API, SSO mapping page) on a local port; with -- COMMAND, run the command against it and stop')
    .usage('[options] [-- command...]')
    .argument('[command...]', 'after --: run this command once the fake listens (MYVALUE_EXTERNAL_BASE_URL and MYVALUE_AUTH_BASE_URL give its URLs), stop the fake when it ends and exit with its code')
    .option('--port <port>', 'port for the External and Auth APIs (0: a free port)', '4010')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--auth-port <port>', 'also serve the Auth API and SSO page on a second port')
    .option('--data <file>', 'keep state in this SQLite file (survives restarts); default: in memory')
    .option('--seed <file>', 'seed data (JSON or YAML) replacing the shipped demo seed')
    .option('--client <id:secret>', 'add or override a client (repeatable)', collect, [])
    .option('--redirect-uri <clientId=uri>', 'register an SSO redirect URI for a client (repeatable)', collect, [])
    .option('--quiet', 'no log line per request')
    .option('--fault <rule>', 'inject a fault, TARGET:SPEC, e.g. "point.earn:status=503,times=1", "*:latency=100-300" (repeatable)', collect, [])
    .option('--journal-size <n>', 'requests the journal keeps (GET /__admin/requests)', '1000')
    .option('--log-format <format>', 'text (one line a request) or json (one JSON object a line, the listening line too)', 'text')
    .option('--duplicate-reference <mode>', 'a referenceNo used before: refuse (400 ErrDuplicateReferenceNo, as documented) or replay (200 with the first answer, nothing applied twice)', 'refuse')
    .option('--clock <iso>', "start the fake's clock at this instant (ISO 8601 with its zone, e.g. 2022-11-01T00:00:00+07:00); it runs on from there, POST /__admin/clock moves it")
    .option('--admin-token <token>', 'require this token (header x-myvalue-admin-token) on the admin API /__admin/...; default: MYVALUE_ADMIN_TOKEN')
    .option('--pid-file <file>', 'write the pid of the process that listens to this file once listening (for kill "$(cat FILE)"); removed on exit')
    .action(async (operands: string[], opts: MockOptions) => {
      const command = commandAfterDashes(operands, ctx.argv);
      if (opts.pidFile !== undefined) {
        const usable = checkPidFile(opts.pidFile);
        if (!usable.ok) throw new UsageError(usable.error);
      }
      const port = parsePort(opts.port, '--port');
      const authPort = opts.authPort === undefined ? undefined : parsePort(opts.authPort, '--auth-port');
      const redirectUris = opts.redirectUri.map(parseRedirectFlag);
      const adminToken = opts.adminToken ?? (await import('../../config')).adminTokenFromEnv();
      // A client given here without --redirect-uri gets the shipped collection's loopback one, so
      // `run --target <this fake> --client-id ID` passes its Auth & SSO folder; the banner says so.
      const defaulted: string[] = [];
      const clients = opts.client.map(parseClientFlag).map((c) => {
        if (redirectUris.some((r) => r.clientId === c.clientId)) return c;
        defaulted.push(c.clientId);
        return { ...c, redirectUris: [COLLECTION_REDIRECT_URI] };
      });
      const journalSize = parseJournalSize(opts.journalSize);
      if (opts.duplicateReference !== 'refuse' && opts.duplicateReference !== 'replay') {
        throw new UsageError(`--duplicate-reference must be refuse or replay, got "${opts.duplicateReference}"`);
      }
      const duplicateReference: 'refuse' | 'replay' = opts.duplicateReference;
      const logger = mockLogger(ctx.io, parseLogFormat(opts.logFormat), opts.quiet === true);
      const [{ createFakeMyValue, FakeConfigError, FaultRuleError, SeedError, parseFaultRule }, { createExpressApp, listen }] = await Promise.all([
        import('../../../mocks/index'),
        import('../../../mocks/express'),
      ]);
      const faults = opts.fault.map((rule) => parseFaultFlag(rule, parseFaultRule));
      let fake;
      try {
        fake = createFakeMyValue({
          seedFile: opts.seed,
          dataFile: opts.data,
          clients,
          redirectUris,
          faults: faults.map((f) => f.text),
          journalSize,
          logger,
          ...(adminToken ? { adminToken } : {}),
          ...(opts.clock !== undefined ? { startAt: opts.clock } : {}),
          settings: { duplicateReference },
        });
      } catch (error) {
        if (error instanceof SeedError || error instanceof FakeConfigError || error instanceof FaultRuleError) throw new UsageError(error.message);
        const code = (error as { code?: unknown }).code;
        if (opts.data && ((typeof code === 'string' && code.startsWith('SQLITE_')) || /Cannot open database/.test((error as Error).message))) {
          throw new UsageError(`cannot use --data ${opts.data}: ${(error as Error).message}`);
        }
        throw error;
      }
      // The admin API answers under the host given here too (a browser may use it), besides the loopback names.
      const app = createExpressApp(fake, { host: opts.host });
      const servers: RunningServer[] = [];
      const ports: Array<[number, string]> = [[port, '--port'], ...(authPort === undefined ? [] : [[authPort, '--auth-port'] as [number, string]])];
      for (const [p, flag] of ports) {
        try {
          servers.push(await listen(app, p, opts.host));
        } catch (error) {
          for (const s of servers) await s.close();
          fake.close();
          const code = (error as NodeJS.ErrnoException).code;
          const why = code === 'EADDRINUSE' ? 'port already in use' : code === 'EACCES' ? 'permission denied' : (code ?? (error as Error).message);
          throw new UsageError(`cannot listen on ${opts.host}:${p} (${flag}): ${why}`);
        }
      }
      const [main, auth] = servers as [RunningServer, RunningServer | undefined];
      const authUrl = (auth ?? main).url;
      const state = opts.data ?? 'in memory';
      const faultTexts = faults.map((f) => f.text);
      const dashboard = `${main.url}/__admin/ui`;
      const secretsFile = opts.seed ?? shippedFile('mocks/seed.json');
      // The first line is the stable one a script reads: "fake MyValue listening on <url>" (the real port, also with --port 0).
      const banner = [
        `fake MyValue listening on ${main.url}`,
        `  External API: ${main.url}   Auth API and SSO page: ${authUrl}`,
        `  clients: ${fake.clientIds().join(', ')}   state: ${state}`,
        // Where the secrets are, never the secrets: the demo seed's are made up, and `sign --demo` uses them.
        `  client secrets: ${opts.seed === undefined ? `made up, in ${secretsFile} ("clients"); myvalue sign --demo RULE field=value ... signs as GramediaPOS` : `in ${secretsFile} ("clients")`}${clients.length > 0 ? ' and your --client flags' : ''}`,
        // The token never goes in this URL: the page asks for it (or takes it from a #token= fragment, which no server sees).
        `  dashboard: ${dashboard}${adminToken ? '   (asks for the admin token once, kept in the browser tab)' : ''}`,
        ...(duplicateReference === 'replay' ? ['  duplicate referenceNo: replayed (200 with the first answer, nothing applied twice)'] : []),
        // Also when --data brought back a clock moved before the restart: say it is not the machine's time.
        ...(opts.clock !== undefined || Math.abs(fake.clock.now().getTime() - Date.now()) > 60_000 ? [`  clock: started at ${fake.clock.now().toISOString()} (GET /__admin/clock)`] : []),
        ...(!isLoopback(opts.host) ? [`  warning: listening on ${opts.host}, beyond this machine: ${adminToken ? 'the admin API needs its token' : 'anyone who reaches it can use the admin API (reset, faults, authorize); give --admin-token'}`] : []),
        ...(defaulted.length > 0 ? [`  redirect URI ${COLLECTION_REDIRECT_URI} (the shipped collection's) registered for ${defaulted.join(', ')}; --redirect-uri ID=URI registers others instead`] : []),
        ...(faultTexts.length > 0 ? [`  faults: ${faultTexts.join('  ')}`] : []),
      ].join('\n');
      const served = serveFake({
        servers,
        closeFake: () => fake.close(),
        externalBaseUrl: main.url,
        authBaseUrl: authUrl,
        event: logger.event,
        announce: () => logger.event('listening', { url: main.url, externalApi: main.url, authApi: authUrl, dashboard, clients: fake.clientIds(), clientSecretsFile: secretsFile, state, faults: faultTexts, ...(defaulted.length > 0 ? { defaultRedirectUri: { uri: COLLECTION_REDIRECT_URI, clients: defaulted } } : {}) }, banner),
        ...(opts.pidFile !== undefined ? { pidFile: opts.pidFile } : {}),
        ...(command ? { command } : {}),
      });
      ctx.keepAlive(
        served.then(({ exitCode, error }) => {
          if (error !== undefined) throw new UsageError(error, exitCode);
          ctx.setExit(exitCode);
        }),
      );
    });
};
