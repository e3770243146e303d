// `myvalue run` as a function: load, inject the signing hook, pick the target, run Newman with
// CLI/JUnit/HTML reporters, mask secrets everywhere the run writes, and turn the outcome into an exit code.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import newman, { type NewmanEmitter, type NewmanSummary } from 'newman';
import sdk, { type Collection, type CollectionDefinition } from 'postman-collection';
import { resolveCredentials } from '../config';
import type { FakeMyValueOptions } from '../../mocks/index';
import { captureOutput, type Sink } from './capture-output';
import { GUARD_LOG_PREFIX, GUARD_VARIABLE, SECRET_VARIABLE } from './hook-script';
import { injectHook } from './inject-hook';
import { loadCollection, oneLine } from './load-collection';
import { createMasker, findTokens, MIN_SECRET_LENGTH, type Masker } from './masker';
import { buildRunReport, type RunReport, type SkipNote, type StartedItem } from './run-report';
import { CONTRACT_VARIABLE, injectContractCheck } from './contract-check';
import { startRunChecks } from './run-checks';
import { addVariations, ORIGINAL_VARIABLE, type VariationInfo } from './variations';
import { selectShard, shardLabel, type Shard, type ShardInfo } from './shard';
import { DEMO_CLIENT_ID, parseTarget, seedSecret, startTarget, type TargetSession, type TargetSpec } from './run-target';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The shipped collection, the default of --collection. */
export const DEFAULT_COLLECTION = join(ROOT, 'collections/myvalue-partner.postman_collection.json');

/** Folder that needs an SSO authorization code against MyValue's own hosts. */
export const AUTH_FOLDER = 'Auth & SSO';

export interface RunOptions {
  /** File or http(s) URL; default: the shipped collection. */
  collection?: string;
  /** mock, msw, sandbox, production or a base URL. */
  target: string;
  clientId?: string;
  clientSecret?: string;
  /** Where .env is looked for; default: process.cwd(). */
  cwd?: string;
  /** Environment variables to read credentials from; default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Reports directory; default: reports/ under cwd. */
  out?: string;
  folders?: string[];
  bail?: boolean;
  timeoutRequest?: number;
  delayRequest?: number;
  iterationData?: string;
  envVars?: Array<{ key: string; value: string }>;
  insecure?: boolean;
  /** A Postman environment file whose values the run starts from. */
  environment?: string;
  allowProductionWrites?: boolean;
  /** Receives Newman's CLI progress, masked; default: process.stdout. */
  write?: Sink;
  /** Receives the harness's own one-line notes (skips, warnings), masked; default: the same as write. */
  log?: (line: string) => void;
  /** Reporters to use; default: all three. */
  reporters?: { cli?: boolean; junit?: boolean; html?: boolean };
  /** Options for the fake behind mock and msw (seed, clock...). */
  fake?: FakeMyValueOptions;
  /** Run only shard `index` of `total` (see shard.ts); cannot be combined with `folders`. */
  shard?: Shard;
  /** Check every response against the OpenAPI contract (default true); a string is another contract file. */
  contract?: boolean | string;
  /** Add generated negative tests after every signed request (wrong sign, unknown client, each required field left out). */
  variations?: boolean;
  /** Retry GETs up to this many times on a 5xx, a dropped connection or a timeout (0 to MAX_RETRIES). */
  retries?: number;
}

export interface RunResult {
  exitCode: 0 | 1 | 2;
  /** One-line reason when exitCode is 2. */
  error?: string;
  summary?: RunReport;
  reportsDir: string;
}

type Step<T> = { ok: true; value: T } | { ok: false; error: string };

function credentialsFor(spec: TargetSpec, options: RunOptions): Step<{ clientId: string; clientSecret: string }> {
  const creds = resolveCredentials({ clientId: options.clientId, clientSecret: options.clientSecret }, options.cwd ?? process.cwd(), options.env ?? process.env);
  if (spec.kind === 'sandbox' || spec.kind === 'production') {
    if (!creds.clientId) return { ok: false, error: `no client ID for ${spec.kind}: give --client-id, or set MYVALUE_CLIENT_ID (environment or .env)` };
    if (!creds.clientSecret) return { ok: false, error: `no client secret for ${spec.kind}: give --client-secret, or set MYVALUE_CLIENT_SECRET (environment or .env)` };
    return { ok: true, value: { clientId: creds.clientId, clientSecret: creds.clientSecret } };
  }
  const clientId = creds.clientId ?? DEMO_CLIENT_ID;
  const clientSecret = creds.clientSecret ?? seedSecret(clientId, options.fake?.seedFile);
  if (!clientSecret) return { ok: false, error: `no client secret for ${clientId}: give --client-secret, or set MYVALUE_CLIENT_SECRET (environment or .env)` };
  return { ok: true, value: { clientId, clientSecret } };
}

async function readEnvironment(file: string | undefined): Promise<Step<Array<{ key: string; value: unknown; type?: string }>>> {
  if (!file) return { ok: true, value: [] };
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `cannot read environment ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? oneLine((error as Error).message))}` };
  }
  const values = (json as { values?: unknown }).values;
  if (!Array.isArray(values)) return { ok: false, error: `${file} is not a Postman environment (no "values" list)` };
  return { ok: true, value: values.filter((v): v is { key: string; value: unknown } => typeof v?.key === 'string' && v.enabled !== false) };
}

const normalName = (name: string | undefined): string => (name ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/** Names of every folder and request, at any depth (what Newman's --folder accepts). */
function itemNames(items: readonly unknown[], into: Set<string> = new Set()): Set<string> {
  for (const item of items) {
    const { name, item: children } = item as { name?: string; item?: unknown[] };
    if (name) into.add(name);
    if (Array.isArray(children)) itemNames(children, into);
  }
  return into;
}

/** Removes folders named `name` at any depth; returns how many went. */
function removeFolders(json: CollectionDefinition, name: string): number {
  let removed = 0;
  const walk = (items: object[] | undefined): object[] | undefined =>
    items
      ?.filter((item) => {
        const folder = Array.isArray((item as { item?: unknown }).item);
        if (folder && normalName((item as { name?: string }).name) === normalName(name)) {
          removed += 1;
          return false;
        }
        return true;
      })
      .map((item) => (Array.isArray((item as { item?: unknown }).item) ? { ...item, item: walk((item as { item: object[] }).item) } : item));
  json.item = walk(json.item);
  return removed;
}

/** Folder path of every request item, by id, for the report. */
function folderIndex(collection: Collection): Map<string, string> {
  const index = new Map<string, string>();
  collection.forEachItem((item) => {
    const names: string[] = [];
    let parent = item.parent();
    while (parent && !sdk.Collection.isCollection(parent)) {
      names.unshift(parent.name);
      parent = parent.parent();
    }
    if (names.length > 0) index.set(item.id, names.join(' / '));
  });
  return index;
}

function maskExports(emitter: NewmanEmitter, masker: Masker): void {
  for (const entry of emitter.exports) {
    entry.content = typeof entry.content === 'string' ? masker.mask(entry.content) : JSON.parse(masker.mask(JSON.stringify(entry.content ?? null)));
  }
}

function learnTokens(masker: Masker, o: { response?: { stream?: Buffer }; request?: { headers?: { toString(): string }; body?: { toString(): string } } }): void {
  const texts = [o.response?.stream?.toString('utf8'), o.request?.headers?.toString(), o.request?.body?.toString()];
  for (const text of texts) if (text) for (const token of findTokens(text)) masker.add(token);
}

interface Prepared {
  spec: TargetSpec;
  creds: { clientId: string; clientSecret: string };
  collection: Collection;
  baseValues: Array<{ key: string; value: unknown; type?: string }>;
  skipped: SkipNote[];
  notes: string[];
  shard?: ShardInfo;
  /** Items --variations added: what each is, and its original's id. */
  variations: Map<string, VariationInfo>;
  originals: Map<string, string>;
}

/** Most retries --retries accepts (with the backoff, 10 already means minutes on a dead host). */
export const MAX_RETRIES = 10;


async function prepare(options: RunOptions): Promise<Step<Prepared>> {
  if (options.retries !== undefined && !(Number.isInteger(options.retries) && options.retries >= 0 && options.retries <= MAX_RETRIES)) {
    return { ok: false, error: `--retries takes a whole number from 0 to ${MAX_RETRIES}, got "${options.retries}"` };
  }
  const target = parseTarget(options.target);
  if (!target.ok) return target;
  const spec = target.spec;
  const creds = credentialsFor(spec, options);
  if (!creds.ok) return creds;
  const loaded = await loadCollection(options.collection ?? DEFAULT_COLLECTION);
  if (!loaded.ok) return loaded;
  const environment = await readEnvironment(options.environment);
  if (!environment.ok) return environment;
  const skipped: SkipNote[] = [];
  const notes: string[] = [];
  const json = loaded.collection.toJSON();
  let shard: ShardInfo | undefined;
  if (options.shard) {
    if (options.folders && options.folders.length > 0) return { ok: false, error: '--shard cannot be combined with --folder: a shard runs its own share of the whole collection' };
    const picked = selectShard(json.item ?? [], options.shard);
    json.item = picked.items;
    json.info = { ...json.info, name: `${json.info?.name ?? 'collection'} (${shardLabel(options.shard)})` };
    shard = picked.info;
    const links = picked.plan.links.map((l) => `"${l.from}" reads ${l.variables.join(', ')} set by "${l.to}"`);
    if (links.length > 0) notes.push(`shard: kept in one unit because they share variables: ${links.join('; ')}`);
    notes.push(`${shardLabel(options.shard)}: ${shard.units.length > 0 ? shard.units.join(', ') : `no requests (the collection splits into ${picked.plan.units.length} independent units)`}`);
  }
  const hasAuthCode = (options.envVars ?? []).some((v) => v.key === 'authCode' && v.value !== '') || environment.value.some((v) => v.key === 'authCode' && v.value);
  if ((spec.kind === 'sandbox' || spec.kind === 'production') && !hasAuthCode && removeFolders(json, AUTH_FOLDER) > 0) {
    const reason = `needs an SSO authorization code against ${spec.kind}: open the mapping page (${AUTH_FOLDER} in the partner guide: GET /authorize/mapping on the SSO host), sign in, copy the "code" from the redirect, then pass --env-var authCode=<code>`;
    skipped.push({ name: AUTH_FOLDER, reason });
    notes.push(`skipped folder "${AUTH_FOLDER}": it ${reason}`);
  }
  const missing = (options.folders ?? []).find((name) => !itemNames(json.item ?? []).has(name));
  if (missing !== undefined) {
    const auth = skipped.find((note) => normalName(note.name) === normalName(missing));
    if (auth) return { ok: false, error: `--folder "${missing}" ${auth.reason}` };
    const top = (json.item ?? []).map((item) => (item as { name?: string }).name).filter(Boolean).join(', ');
    return { ok: false, error: `--folder "${missing}": no folder or request of that name; top level: ${top}` };
  }
  const added = options.variations ? addVariations(json.item ?? []) : { items: json.item ?? [], variations: new Map<string, VariationInfo>(), originals: new Map<string, string>() };
  json.item = added.items;
  if (options.variations) notes.push(`variations: ${added.variations.size} generated negative tests after ${new Set(added.originals.values()).size} signed requests`);
  if (creds.value.clientSecret.length < MIN_SECRET_LENGTH) notes.push(`warning: the client secret is shorter than ${MIN_SECRET_LENGTH} characters and cannot be masked in reports`);
  const hooked = injectHook(new sdk.Collection(json));
  const collection = options.contract === false ? hooked : injectContractCheck(hooked);
  return { ok: true, value: { spec, creds: creds.value, collection, baseValues: environment.value, skipped, notes, variations: added.variations, originals: added.originals, ...(shard ? { shard } : {}) } };
}

function runNewman(options: Record<string, unknown>, attach: (emitter: NewmanEmitter) => void): Promise<{ error: Error | null; summary: NewmanSummary }> {
  return new Promise((done) => {
    const emitter = newman.run(options, (error, summary) => done({ error, summary }));
    attach(emitter);
  });
}

/**
 * Runs a collection against a target and writes junit.xml, report.html and run.json.
 * @example const { exitCode, summary } = await runCollection({ target: 'mock', out: 'reports' });
 */
export async function runCollection(options: RunOptions): Promise<RunResult> {
  const reportsDir = resolve(options.cwd ?? process.cwd(), options.out ?? 'reports');
  const prepared = await prepare(options);
  if (!prepared.ok) return { exitCode: 2, error: prepared.error, reportsDir };
  const { spec, creds, collection, baseValues, skipped, notes, shard, variations, originals } = prepared.value;
  const masker = createMasker([creds.clientSecret]);
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const write: Sink = options.write ?? ((text) => void stdoutWrite(text));
  const log = (line: string): void => (options.log ? options.log(masker.mask(line)) : write(`${masker.mask(line)}\n`));
  for (const note of notes) log(note);

  let session: TargetSession;
  try {
    session = await startTarget(spec, creds, options.fake);
  } catch (error) {
    return { exitCode: 2, error: `cannot start the ${spec.kind} target: ${oneLine((error as Error).message)}`, reportsDir };
  }
  const guard = session.production && !options.allowProductionWrites;
  const values = [
    ...baseValues,
    { key: 'clientID', value: creds.clientId, type: 'default' },
    { key: 'externalBaseUrl', value: session.externalBaseUrl, type: 'default' },
    { key: 'authBaseUrl', value: session.authBaseUrl, type: 'default' },
    ...(options.envVars ?? []).map((v) => ({ ...v, type: 'default' })),
    { key: SECRET_VARIABLE, value: creds.clientSecret, type: 'secret' },
    { key: GUARD_VARIABLE, value: guard ? 'true' : 'false', type: 'default' },
  ];
  const reporters = { cli: true, junit: true, html: true, ...options.reporters };
  const startedAt = new Date();
  const started: StartedItem[] = [];
  const skipReasons = new Map<string, string>();
  const contract = typeof options.contract === 'string' ? resolve(options.cwd ?? process.cwd(), options.contract) : options.contract;
  const checked = startRunChecks({ session, contract, retries: options.retries, timeoutRequest: options.timeoutRequest, variations, originals, skipReasons, log });
  if (!checked.ok) {
    await session.stop();
    return { exitCode: 2, error: checked.error, reportsDir };
  }
  const checks = checked.value;
  await mkdir(reportsDir, { recursive: true });
  const restore = captureOutput((text) => masker.mask(text), write);
  let outcome: { error: Error | null; summary: NewmanSummary };
  try {
    outcome = await runNewman(
      {
        collection: collection.toJSON(),
        environment: { name: `myvalue ${session.kind}`, values },
        reporters: [reporters.cli && 'cli', reporters.junit && 'junit', reporters.html && 'htmlextra'].filter(Boolean),
        reporter: {
          junit: { export: join(reportsDir, 'junit.xml') },
          htmlextra: {
            export: join(reportsDir, 'report.html'),
            skipEnvironmentVars: [SECRET_VARIABLE, CONTRACT_VARIABLE, ORIGINAL_VARIABLE],
            skipGlobalVars: [SECRET_VARIABLE],
            title: `MyValue: ${collection.name} against ${session.kind === 'url' ? session.externalBaseUrl : session.kind}`,
            browserTitle: 'MyValue run report',
          },
        },
        color: options.write || !process.stdout.isTTY ? 'off' : 'on',
        folder: options.folders && options.folders.length > 0 ? options.folders : undefined,
        bail: options.bail ? true : undefined,
        timeoutRequest: checks.timeoutRequest,
        delayRequest: options.delayRequest,
        iterationData: options.iterationData ? resolve(options.cwd ?? process.cwd(), options.iterationData) : undefined,
        // MSW answers https in process, on a socket without a certificate: nothing to verify there.
        insecure: options.insecure || session.kind === 'msw' ? true : undefined,
      },
      (emitter) => {
        checks.attach(emitter);
        // Registered before the reporters (they attach once the collection is loaded), so tokens are
        // known before any reporter prints the response that carried them.
        emitter.on('beforeItem', (_err, o: { cursor: { ref: string; iteration: number }; item: { id: string; name: string } }) =>
          started.push({ ref: o.cursor.ref, id: o.item.id, name: o.item.name, iteration: o.cursor.iteration }),
        );
        emitter.on('request', (_err, o) => learnTokens(masker, o));
        emitter.on('console', (_err, o: { cursor: { ref: string }; messages: unknown[] }) => {
          const text = o.messages.map(String).join(' ');
          if (!text.startsWith(GUARD_LOG_PREFIX)) return;
          skipReasons.set(o.cursor.ref, `production guard: ${text.slice(GUARD_LOG_PREFIX.length).trim()} changes state; pass --allow-production-writes to send it`);
        });
        // Listeners added at `start` run after every reporter's own `beforeDone`: mask what they export.
        emitter.on('start', () =>
          emitter.on('beforeDone', () => {
            checks.annotateExports(emitter);
            maskExports(emitter, masker);
          }),
        );
      },
    );
  } finally {
    restore();
    checks.stop();
    await session.stop();
  }
  if (outcome.error) return { exitCode: 2, error: `newman could not run the collection: ${oneLine(outcome.error.message)}`, reportsDir };
  const failed = outcome.summary.run.failures.length > 0 || outcome.summary.run.error;
  const exitCode = failed ? 1 : 0;
  const folders = folderIndex(collection);
  const report = buildRunReport(outcome.summary, {
    target: session.kind === 'url' ? session.externalBaseUrl : session.kind,
    externalBaseUrl: session.externalBaseUrl,
    authBaseUrl: session.authBaseUrl,
    startedAt,
    exitCode,
    folderOf: (id) => folders.get(id),
    variationOf: (id) => variations.get(id),
    extras: checks.extras,
    started,
    skipReasons,
    skipped,
  });
  if (shard) report.shard = shard;
  const guarded = report.requests.filter((r) => r.skipped?.startsWith('production guard'));
  for (const r of guarded) report.skipped.push({ name: r.name, reason: r.skipped ?? '' });
  if (guarded.length > 0) log(`production guard: not sent (they change state): ${guarded.map((r) => r.name).join(', ')}; pass --allow-production-writes to send them`);
  await writeFile(join(reportsDir, 'run.json'), `${masker.mask(JSON.stringify(report, null, 2))}\n`);
  const written = [reporters.junit && 'junit.xml', reporters.html && 'report.html', 'run.json'].filter(Boolean).map((f) => join(reportsDir, String(f)));
  log(`reports: ${written.join(', ')}`);
  return { exitCode, summary: JSON.parse(masker.mask(JSON.stringify(report))) as RunReport, reportsDir };
}
