// A collection schema 3.0.0 directory, given as its files in memory, converted to a v2.1 collection
// (what Newman runs). Pure: no I/O. Each problem a user can cause is one line naming the file;
// requests Newman cannot run (graphql-request, grpc-request, ...) are skipped with a warning each.
import { posix } from 'node:path';
import sdk from 'postman-collection';
import type { Result } from '../../shared/result';
import { isObject } from '../../shared/text';
import { examplesDir, readExamples, type V3Files } from './v3-examples';
import { authToV21, bodyToV21, keyValues, listenOf, settingsToV21, type KeyValue } from './v3-shapes';
import { parseYaml } from './v3-yaml';

export const V21_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** Id of the prerequest event that carries a folder's variables (v2.1 folders have none of their own). */
export const FOLDER_VARIABLES_EVENT_ID = 'myvalue-v3-folder-variables';

export interface V3Conversion {
  collection: Record<string, unknown> & { item: object[] };
  /** One line per file skipped (a $kind Newman cannot run, a script of another protocol). */
  warnings: string[];
}

const REQUEST_FILE = /\.request\.ya?ml$/i;

/** What to do with a collection in the older v3 layout (collection.yaml, `type: http` requests). */
export const LEGACY_ADVICE = 'open it in Postman v12 and save it (it writes .resources/definition.yaml and $kind: http-request), or export it from Postman as a v2.1 collection (JSON) and give that file';

interface Ctx {
  files: V3Files;
  label: (path: string) => string;
  warnings: string[];
}

interface Sorted {
  name: string;
  order: number;
  item: object;
}

const byOrderThenName = (a: Sorted, b: Sorted): number => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const orderOf = (doc: Record<string, unknown>): number => (typeof doc.order === 'number' && Number.isFinite(doc.order) ? doc.order : Number.POSITIVE_INFINITY);

/** Two entries of one directory whose names differ only in case, if any. */
function caseClash(paths: Iterable<string>): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i += 1) {
      const entry = parts.slice(0, i).join('/');
      const key = entry.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined && other !== entry) return [other, entry];
      seen.set(key, entry);
    }
  }
  return undefined;
}

/** The request kinds Newman can send: a graphql-request is sent as the POST of its query (what Postman's migrate writes a v2.1 GraphQL body as). */
const RUNNABLE = new Set(['http-request', 'graphql-request']);

function events(scripts: unknown, where: string, ctx: Ctx, graphql = false): Result<object[]> {
  if (scripts === undefined || scripts === null) return { ok: true, value: [] };
  if (!Array.isArray(scripts)) return { ok: false, error: `${where}: "scripts" must be a list of {type, code}` };
  const out: object[] = [];
  for (const script of scripts) {
    if (!isObject(script)) return { ok: false, error: `${where}: a script is not {type, code}` };
    const listen = listenOf(script.type, graphql);
    if (!listen) {
      ctx.warnings.push(`skipped a ${String(script.type)} script in ${where}: Newman runs only ${graphql ? 'beforeQuery and afterResponse scripts of a graphql-request' : 'beforeRequest and afterResponse (http:) scripts'}`);
      continue;
    }
    if (typeof script.code !== 'string') {
      ctx.warnings.push(`skipped a ${String(script.type)} script in ${where}: it has no "code"`);
      continue;
    }
    out.push({ listen, script: { type: 'text/javascript', exec: script.code.split('\n') } });
  }
  return { ok: true, value: out };
}

function variables(field: unknown, where: string): Result<KeyValue[]> {
  const parsed = keyValues(field, false);
  return parsed.ok ? parsed : { ok: false, error: `${where}: variables: ${parsed.error}` };
}

function definitionOf(dir: string, ctx: Ctx): Result<Record<string, unknown> | undefined> {
  const path = [posix.join(dir, '.resources/definition.yaml'), posix.join(dir, '.resources/definition.yml')].find((p) => ctx.files.has(p));
  if (!path) return { ok: true, value: undefined };
  const parsed = parseYaml(ctx.files.get(path) ?? '', ctx.label(path));
  if (!parsed.ok) return parsed;
  const doc = parsed.value ?? {};
  if (!isObject(doc) || (doc.$kind !== undefined && doc.$kind !== 'collection' && doc.$kind !== 'folder')) {
    return { ok: false, error: `${ctx.label(path)}: not a collection definition (expected $kind: collection)` };
  }
  return { ok: true, value: doc };
}

/**
 * The listed entries (queryParams, pathVariables) in their order, then those only the url has. A query
 * pair is the same when key and value are; a path variable (`:id` in the url) when its key is.
 */
function merged(primary: KeyValue[], fromUrl: KeyValue[], byKey: boolean): KeyValue[] {
  const out = primary.map((entry) => ({ ...entry }));
  const matched = new Set<number>();
  for (const entry of fromUrl) {
    const i = out.findIndex((o, idx) => !matched.has(idx) && !o.disabled && o.key === entry.key && (byKey || (o.value ?? '') === (entry.value ?? '')));
    if (i >= 0) matched.add(i);
    else matched.add(out.push({ ...entry }) - 1);
  }
  return out;
}

/** A graphql-request's query, operationName and variables: the v2.1 GraphQL body (what postman-runtime sends). */
function graphqlContent(doc: Record<string, unknown>): Record<string, unknown> {
  const variables = typeof doc.variables === 'string' || doc.variables === undefined ? doc.variables : JSON.stringify(doc.variables);
  return { query: typeof doc.query === 'string' ? doc.query : '', ...(typeof doc.operationName === 'string' ? { operationName: doc.operationName } : {}), ...(variables !== undefined ? { variables } : {}) };
}

function request(path: string, doc: Record<string, unknown>, ctx: Ctx): Result<Sorted> {
  const where = ctx.label(path);
  const stem = posix.basename(path).replace(REQUEST_FILE, '');
  // A name written as "" stays "" (Postman writes that for an unnamed request); only a missing one is the file's.
  const name = typeof doc.name === 'string' ? doc.name : stem;
  const graphql = doc.$kind === 'graphql-request';
  if (typeof doc.url !== 'string') return { ok: false, error: `${where}: the request has no "url"` };
  const fields = { headers: keyValues(doc.headers, true), queryParams: keyValues(doc.queryParams, true, true), pathVariables: keyValues(doc.pathVariables, true) };
  for (const [field, parsed] of Object.entries(fields)) if (!parsed.ok) return { ok: false, error: `${where}: ${field}: ${parsed.error}` };
  const [headers, query, pathVariables] = [fields.headers, fields.queryParams, fields.pathVariables].map((r) => (r.ok ? r.value : []));
  const body = graphql ? bodyToV21({ type: 'graphql', content: graphqlContent(doc) }) : bodyToV21(doc.body);
  if (!body.ok) return { ok: false, error: `${where}: ${body.error}` };
  const auth = authToV21(doc.auth);
  if (!auth.ok) return { ok: false, error: `${where}: ${auth.error}` };
  const scripts = events(doc.scripts, where, ctx, graphql);
  if (!scripts.ok) return scripts;
  const examples = examplesDir(path, stem, doc.examples, ctx.label);
  if (!examples.ok) return examples;
  const responses = readExamples(ctx.files, examples.value, ctx.label);
  if (!responses.ok) return responses;
  const parsed = sdk.Url.parse(doc.url) as { query?: KeyValue[]; variable?: KeyValue[] } & Record<string, unknown>;
  const { raw: _raw, ...parts } = parsed;
  const url = { ...parts, query: merged(query ?? [], parsed.query ?? [], false), variable: merged(pathVariables ?? [], parsed.variable ?? [], true).map(({ disabled: _d, ...v }) => v) };
  const item = {
    name,
    event: scripts.value,
    request: {
      method: typeof doc.method === 'string' ? doc.method.toUpperCase() : graphql ? 'POST' : 'GET',
      header: headers,
      url,
      ...(body.value ? { body: body.value } : {}),
      ...(auth.value ? { auth: auth.value } : {}),
      ...(typeof doc.description === 'string' ? { description: doc.description } : {}),
    },
    response: responses.value,
    ...(isObject(doc.settings) ? { protocolProfileBehavior: settingsToV21(doc.settings) } : {}),
  };
  return { ok: true, value: { name, order: orderOf(doc), item } };
}

/** The prerequest event that sets a folder's variables for the requests under it. */
function folderVariablesEvent(vars: KeyValue[]): object {
  const exec = vars.filter((v) => !v.disabled).map((v) => `pm.variables.set(${JSON.stringify(v.key)}, ${JSON.stringify(v.value ?? '')});`);
  return { id: FOLDER_VARIABLES_EVENT_ID, listen: 'prerequest', script: { type: 'text/javascript', exec } };
}

/** The items of one directory (folders and requests), sorted; `dir` is '' for the root. */
function items(dir: string, ctx: Ctx): Result<object[]> {
  const prefix = dir === '' ? '' : `${dir}/`;
  const subdirs = new Set<string>();
  const requests: string[] = [];
  for (const path of ctx.files.keys()) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash >= 0) {
      const sub = rest.slice(0, slash);
      if (sub !== '.resources') subdirs.add(sub);
    } else if (REQUEST_FILE.test(rest)) requests.push(path);
    else if (/\.ya?ml$/i.test(rest)) ctx.warnings.push(`skipped ${ctx.label(path)}: not a request (*.request.yaml); definitions belong in .resources/definition.yaml`);
  }
  const sorted: Sorted[] = [];
  for (const path of requests) {
    const parsed = parseYaml(ctx.files.get(path) ?? '', ctx.label(path));
    if (!parsed.ok) return parsed;
    const doc = parsed.value;
    if (isObject(doc) && doc.$kind === undefined && typeof doc.type === 'string') {
      return { ok: false, error: `${ctx.label(path)}: a request in the older v3 layout ("type: ${doc.type}", no $kind), which the harness does not read: ${LEGACY_ADVICE}` };
    }
    if (!isObject(doc) || typeof doc.$kind !== 'string') return { ok: false, error: `${ctx.label(path)}: not a request (no $kind; expected $kind: http-request)` };
    if (!RUNNABLE.has(doc.$kind)) {
      ctx.warnings.push(`skipped ${ctx.label(path)}: $kind ${doc.$kind} cannot run in Newman (only http-request and graphql-request)`);
      continue;
    }
    const converted = request(path, doc, ctx);
    if (!converted.ok) return converted;
    sorted.push(converted.value);
  }
  for (const sub of subdirs) {
    const path = `${prefix}${sub}`;
    const definition = definitionOf(path, ctx);
    if (!definition.ok) return definition;
    const doc = definition.value ?? {};
    const where = ctx.label(`${path}/.resources/definition.yaml`);
    const children = items(path, ctx);
    if (!children.ok) return children;
    const scripts = events(doc.scripts, where, ctx);
    if (!scripts.ok) return scripts;
    const vars = variables(doc.variables, where);
    if (!vars.ok) return vars;
    const auth = authToV21(doc.auth);
    if (!auth.ok) return { ok: false, error: `${where}: ${auth.error}` };
    const name = typeof doc.name === 'string' ? doc.name : sub;
    const event = vars.value.length > 0 ? [folderVariablesEvent(vars.value), ...scripts.value] : scripts.value;
    sorted.push({
      name,
      order: orderOf(doc),
      item: { name, item: children.value, event, ...(typeof doc.description === 'string' ? { description: doc.description } : {}), ...(auth.value ? { auth: auth.value } : {}) },
    });
  }
  return { ok: true, value: sorted.sort(byOrderThenName).map((s) => s.item) };
}

/**
 * The v2.1 collection of a v3 collection directory. `rootName` names the collection when its
 * definition has no name; `label` turns a path relative to the root into what messages show.
 * @example const converted = v3ToV21(new Map([['.resources/definition.yaml', '$kind: collection\nname: Demo\n']]), 'Demo');
 */
export function v3ToV21(files: V3Files, rootName: string, label: (path: string) => string = (p) => p): Result<V3Conversion> {
  const clash = caseClash(files.keys());
  if (clash) return { ok: false, error: `${label(clash[0])} and ${label(clash[1])}: names that differ only in case (a collection must check out the same on every file system)` };
  const ctx: Ctx = { files, label, warnings: [] };
  const definition = definitionOf('', ctx);
  if (!definition.ok) return definition;
  const doc = definition.value ?? {};
  const where = label('.resources/definition.yaml');
  const vars = variables(doc.variables, where);
  if (!vars.ok) return vars;
  const auth = authToV21(doc.auth);
  if (!auth.ok) return { ok: false, error: `${where}: ${auth.error}` };
  const scripts = events(doc.scripts, where, ctx);
  if (!scripts.ok) return scripts;
  const children = items('', ctx);
  if (!children.ok) return children;
  const info = { name: typeof doc.name === 'string' && doc.name !== '' ? doc.name : rootName, ...(typeof doc.description === 'string' ? { description: doc.description } : {}), schema: V21_SCHEMA };
  const collection = { info, item: children.value, event: scripts.value, variable: vars.value, ...(auth.value ? { auth: auth.value } : {}) };
  return { ok: true, value: { collection, warnings: ctx.warnings } };
}
