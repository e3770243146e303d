// Everything a run needs before Newman starts: credentials, the collection (sharded, the Auth & SSO
// folder skipped without a code, variations added, signing hook and contract check injected), notes.
// The collection is serialised once, when loaded; every step after is a pure function over that JSON,
// which goes to Newman as it is (Newman builds its own SDK collection from it).
import { resolve } from 'node:path';
import type { CollectionDefinition } from 'postman-collection';
import { missingCredential, resolveCredentials } from '../config';
import { shippedFile } from '../shared/package-files';
import { retriesProblem } from './run-limits';
import { retargetHosts } from '../collection/retarget-hosts';
import { hookedDefinition } from '../collection/inject-hook';
import { loadCollection } from '../collection/load-collection';
import { collectionDir, fileBodyProblem } from '../collection/file-bodies';
import { isYamlFile, readV3Environment } from '../collection/v3/v3-environment';
import { readTextFile } from '../shared/decode-text';
import { jsonErrorAt, jsonProblem, oneLine } from '../shared/text';
import { MIN_SECRET_LENGTH } from '../shared/secret-forms';
import type { SkipNote } from '../reports/run-json';
import type { RunOptions } from './run-options';
import { withContractCheck } from '../collection/contract-check';
import { addVariations, type VariationInfo } from '../collection/variations';
import { selectShard, shardLabel, type ShardInfo } from '../collection/shard';
import { DEMO_CLIENT_ID, fakeSecret, isFakeTarget, isHostedTarget, isProductionTarget, parseTarget, type TargetSpec } from './run-target';
import type { Result } from '../shared/result';

/** The shipped collection, the default of --collection. */
export const DEFAULT_COLLECTION: string = shippedFile('collections/myvalue-partner.postman_collection.json');

/** Folder that needs an SSO authorization code against MyValue's own hosts. */
export const AUTH_FOLDER = 'Auth & SSO';

/** Where the run's secret came from, in the header's words (never the secret itself). */
const SECRET_SOURCES = { flag: '--client-secret', env: 'MYVALUE_CLIENT_SECRET in the environment', '.env': 'MYVALUE_CLIENT_SECRET in .env', seed: "the fake's seed" } as const;

type RunCreds = { clientId: string; clientSecret: string; secretSource: keyof typeof SECRET_SOURCES };

function credentialsFor(spec: TargetSpec, options: RunOptions): Result<RunCreds> {
  const creds = resolveCredentials({ clientId: options.clientId, clientSecret: options.clientSecret }, options.cwd ?? process.cwd(), options.env ?? process.env);
  if (isHostedTarget(spec)) {
    if (!creds.clientId) return { ok: false, error: missingCredential('clientId', spec.kind) };
    if (!creds.clientSecret) return { ok: false, error: missingCredential('clientSecret', spec.kind) };
    return { ok: true, value: { clientId: creds.clientId, clientSecret: creds.clientSecret, secretSource: creds.source.clientSecret ?? 'flag' } };
  }
  const clientId = creds.clientId ?? DEMO_CLIENT_ID;
  const clientSecret = creds.clientSecret ?? fakeSecret(clientId, options.fake);
  if (!clientSecret) return { ok: false, error: missingCredential('clientSecret', clientId) };
  return { ok: true, value: { clientId, clientSecret, secretSource: creds.source.clientSecret ?? 'seed' } };
}

/**
 * The header line of a run against a fake, where a wrong secret would otherwise pass unnoticed: which
 * client, and where its secret came from. A client the fake does not know is added with that secret.
 */
function clientHeader(spec: TargetSpec, creds: RunCreds, options: RunOptions): string | undefined {
  if (!isFakeTarget(spec)) return undefined;
  const line = `client ${creds.clientId}, secret from ${SECRET_SOURCES[creds.secretSource]}`;
  if (fakeSecret(creds.clientId, options.fake) !== undefined) return line;
  return `${line} (${creds.clientId} is not in the fake's seed: the run adds it with this secret, so any secret passes)`;
}

/** The --environment file's name and enabled values (the run keeps both: scripts read pm.environment.name). */
async function readEnvironment(file: string | undefined, cwd: string): Promise<Result<{ name?: string; values: Array<{ key: string; value: unknown; type?: string }> }>> {
  if (!file) return { ok: true, value: { values: [] } };
  let json: unknown;
  try {
    const text = await readTextFile(resolve(cwd, file));
    // A v3 environment (postman/environments/*.environment.yaml) holds the same values list, in YAML.
    if (isYamlFile(file)) {
      const v3 = readV3Environment(text, file);
      if (!v3.ok) return v3;
      json = v3.value;
    } else json = JSON.parse(text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `cannot read environment ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? oneLine((error as Error).message))}` };
  }
  const { values, name } = json as { values?: unknown; name?: unknown };
  if (!Array.isArray(values)) return { ok: false, error: `${file} is not a Postman environment (no "values" list)` };
  return { ok: true, value: { ...(typeof name === 'string' ? { name } : {}), values: values.filter((v): v is { key: string; value: unknown } => typeof v?.key === 'string' && v.enabled !== false) } };
}

/** How deeply an iteration data row may nest (a row is variables: text and numbers, a JSON value at most). */
const MAX_DATA_DEPTH = 32;

/**
 * --iteration-data checked before Newman reads it: Newman reads a JSON file it cannot parse as CSV,
 * so a broken file would run one iteration of nonsense. JSON (a .json file, or text starting with
 * [ or {) must be a list of objects; CSV needs a header and a row. JSON rows go to Newman as read here
 * (decodeText), so both read one text; CSV goes by its path, to Newman's own CSV parser.
 */
async function checkIterationData(file: string | undefined, cwd: string): Promise<Result<object[] | undefined>> {
  if (file === undefined) return { ok: true, value: undefined };
  let text: string;
  try {
    text = await readTextFile(resolve(cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `cannot read --iteration-data ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? oneLine((error as Error).message))}` };
  }
  const trimmed = text.trim();
  if (/\.json$/i.test(file) || /^[[{]/.test(trimmed)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { ok: false, error: `--iteration-data ${file} is not valid JSON: ${jsonErrorAt(text, (error as Error).message)}` };
    }
    if (!Array.isArray(data) || data.length === 0 || !data.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))) {
      return { ok: false, error: `--iteration-data ${file} must be a JSON list of objects, one per iteration (e.g. [{"earnAmount": 20000}])` };
    }
    // Newman walks every row recursively: a row nested past the stack would end the run half-way.
    const row = data.findIndex((r) => jsonProblem(r, MAX_DATA_DEPTH) !== undefined);
    if (row >= 0) return { ok: false, error: `--iteration-data ${file}: row ${row + 1} is nested deeper than ${MAX_DATA_DEPTH} levels; a row's values are variables, text or numbers` };
    return { ok: true, value: data as object[] };
  }
  if (trimmed.split(/\r?\n/).filter((line) => line.trim() !== '').length < 2) {
    return { ok: false, error: `--iteration-data ${file} has no data row: a CSV file needs a header line and one line per iteration` };
  }
  return { ok: true, value: undefined };
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

/** The items without the folders named `name` at any depth, and how many went. */
function withoutFolders(items: object[] | undefined, name: string): { items: object[] | undefined; removed: number } {
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
  return { items: walk(items), removed };
}

export interface Prepared {
  spec: TargetSpec;
  creds: { clientId: string; clientSecret: string };
  /** The collection as Newman gets it (v2.1 JSON). */
  collection: CollectionDefinition;
  /** Where its body files are read from (Newman's workingDir); undefined for a collection from a URL. */
  workingDir?: string;
  baseValues: Array<{ key: string; value: unknown; type?: string }>;
  /** The --environment file's name, which the run keeps. */
  environmentName?: string;
  skipped: SkipNote[];
  notes: string[];
  /** The line that opens the run proper against a fake: its client and where the secret came from. */
  header?: string;
  shard?: ShardInfo;
  /** Items --variations added: what each is, and its original's id. */
  variations: Map<string, VariationInfo>;
  originals: Map<string, string>;
  /** For the run's opening lines: the collection as given, whether it is the shipped one, whether the client is the demo seed's. */
  source: { collection: string; shipped: boolean; demoClient: boolean };
  /** --iteration-data's rows when it is JSON (decoded here); CSV goes to Newman by its path. */
  iterationRows?: object[];
}

export async function prepare(options: RunOptions): Promise<Result<Prepared>> {
  const retries = options.retries === undefined ? undefined : retriesProblem(options.retries);
  if (retries !== undefined) return { ok: false, error: retries };
  const target = parseTarget(options.target);
  if (!target.ok) return target;
  const spec = target.spec;
  const creds = credentialsFor(spec, options);
  if (!creds.ok) return creds;
  // Every file option resolves against the run's cwd, as out, contract and iteration data do.
  const cwd = options.cwd ?? process.cwd();
  const loaded = await loadCollection(options.collection ?? DEFAULT_COLLECTION, cwd);
  if (!loaded.ok) return loaded;
  const environment = await readEnvironment(options.environment, cwd);
  if (!environment.ok) return environment;
  const iterationData = await checkIterationData(options.iterationData, cwd);
  if (!iterationData.ok) return iterationData;
  const skipped: SkipNote[] = [];
  const notes: string[] = [...loaded.warnings];
  const workingDir = collectionDir(loaded.source, loaded.version === '3.0.0', cwd);
  const original = loaded.collection.toJSON();
  const files = fileBodyProblem(original.item ?? [], workingDir);
  if (files !== undefined) return { ok: false, error: files };
  const retargeted = retargetHosts(original);
  let json = retargeted.collection;
  if (retargeted.rewritten > 0) {
    notes.push(`${retargeted.rewritten} request${retargeted.rewritten === 1 ? '' : 's'} name${retargeted.rewritten === 1 ? 's' : ''} MyValue's host${retargeted.hosts.length === 1 ? '' : 's'} ${retargeted.hosts.join(', ')} written out: sent to the target's ({{externalBaseUrl}} / {{authBaseUrl}}) instead`);
  }
  let shard: ShardInfo | undefined;
  if (options.shard) {
    if (options.folders && options.folders.length > 0) return { ok: false, error: '--shard cannot be combined with --folder: a shard runs its own share of the whole collection' };
    const picked = selectShard(json.item ?? [], options.shard);
    json = { ...json, item: picked.items, info: { ...json.info, name: `${json.info?.name ?? 'collection'} (${shardLabel(options.shard)})` } };
    shard = picked.info;
    const links = picked.plan.links.map((l) => `"${l.from}" reads ${l.variables.join(', ')} set by "${l.to}"`);
    if (links.length > 0) notes.push(`shard: kept in one unit because they share variables: ${links.join('; ')}`);
    notes.push(`${shardLabel(options.shard)}: ${shard.units.length > 0 ? shard.units.join(', ') : `no requests (the collection splits into ${picked.plan.units.length} independent units)`}`);
  }
  // A read-only production run of the shipped collection reads an existing user: without one its reads
  // would carry the literal {{valueID}} (signed over that text).
  const production = isProductionTarget(spec);
  const shipped = options.collection === undefined || resolve(cwd, options.collection) === DEFAULT_COLLECTION;
  /** A variable the run is given, by --env-var or the environment file, with a value. */
  const given = (key: string): boolean => (options.envVars ?? []).some((v) => v.key === key && v.value !== '') || environment.value.values.some((v) => v.key === key && Boolean(v.value));
  if (production && !options.allowProductionWrites && shipped && !given('existingValueID')) {
    return { ok: false, error: 'a read-only production run reads an existing user: pass --env-var existingValueID=<a value ID you own> (or --allow-production-writes to create one)' };
  }
  const withoutAuth = isHostedTarget(spec) && !given('authCode') ? withoutFolders(json.item, AUTH_FOLDER) : { items: json.item, removed: 0 };
  json = { ...json, item: withoutAuth.items };
  if (withoutAuth.removed > 0) {
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
  json = { ...json, item: added.items };
  if (options.variations) notes.push(`variations: ${added.variations.size} generated negative tests after ${new Set(added.originals.values()).size} signed requests`);
  if (creds.value.clientSecret.length < MIN_SECRET_LENGTH) notes.push(`warning: the client secret is shorter than ${MIN_SECRET_LENGTH} characters and cannot be masked in reports`);
  // The guard's decision goes into the hook's text: no variable a collection or its data sets can lift it.
  const hooked = hookedDefinition(json, 'event', { blockWrites: production && !options.allowProductionWrites });
  const collection = options.contract === false ? hooked : withContractCheck(hooked);
  const { clientId, clientSecret } = creds.value;
  const header = clientHeader(spec, creds.value, options);
  // The demo client: no secret was given, the seed's was taken.
  const source = { collection: options.collection ?? DEFAULT_COLLECTION, shipped, demoClient: creds.value.secretSource === 'seed' };
  return { ok: true, value: { spec, creds: { clientId, clientSecret }, ...(header === undefined ? {} : { header }), source, collection, ...(workingDir !== undefined ? { workingDir } : {}), baseValues: environment.value.values, ...(environment.value.name !== undefined ? { environmentName: environment.value.name } : {}), skipped, notes, variations: added.variations, originals: added.originals, ...(shard ? { shard } : {}), ...(iterationData.value ? { iterationRows: iterationData.value } : {}) } };
}
