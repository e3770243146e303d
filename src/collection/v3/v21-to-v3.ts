// A v2.1 collection (JSON) as a collection schema 3.0.0 directory, in memory: path -> YAML text.
// Pure: what `myvalue convert --to v3` and `myvalue inject DIR` write. Every name is kept in the
// file's `name`, so file names only need to be safe and unique (case-insensitively) per directory.
import sdk from 'postman-collection';
import { isObject } from '../../shared/text';
import { AS_TEXT, authToV3, bodyToV3, keyValueList, type KeyValue } from './v3-shapes';
import { FOLDER_VARIABLES_EVENT_ID } from './v3-to-v21';
import { dumpYaml } from './v3-yaml';

interface EventJson {
  id?: string;
  listen?: string;
  disabled?: boolean;
  script?: { exec?: string[] | string };
}
interface NodeJson {
  name?: string;
  description?: unknown;
  item?: NodeJson[];
  event?: EventJson[];
  auth?: unknown;
  variable?: KeyValue[];
  request?: Record<string, unknown> | string;
  response?: Array<Record<string, unknown>>;
  protocolProfileBehavior?: unknown;
}

const ORDER_STEP = 1000;

const descriptionText = (d: unknown): string | undefined => (typeof d === 'string' ? d : isObject(d) && typeof d.content === 'string' ? d.content : undefined);
const code = (event: EventJson): string => {
  const exec: unknown = event.script?.exec;
  return Array.isArray(exec) ? exec.join('\n') : typeof exec === 'string' ? exec : '';
};

/** A name as a file name: no separators or characters Windows refuses, not reserved, not empty. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '-').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '');
  if (cleaned === '' || cleaned === '.resources') return cleaned === '' ? 'untitled' : '_resources';
  return cleaned.startsWith('.') ? `_${cleaned.slice(1)}` : cleaned;
}

/** Hands out names unique in one directory, ignoring case (`Name`, `Name 2`, ...). */
function namer(): (name: string, suffix: string) => string {
  const used = new Set<string>(['.resources']);
  return (name, suffix) => {
    const base = safeFileName(name);
    for (let n = 1; ; n += 1) {
      const candidate = n === 1 ? base : `${base} ${n}`;
      if (!used.has(`${candidate}${suffix}`.toLowerCase())) {
        used.add(`${candidate}${suffix}`.toLowerCase());
        return candidate;
      }
    }
  };
}

/** Where a node is, as warnings name it: `folder "Points / Earn"`, `request "Points / Earn"`, `the collection`. */
type Where = string;

/** Why an event is not written as a v3 script, or undefined when it is. */
function dropped(event: EventJson, where: Where): string | undefined {
  if (event.listen !== 'prerequest' && event.listen !== 'test') return `skipped an event of ${where} listening to ${JSON.stringify(event.listen ?? null)}: v3 keeps only prerequest and test scripts (beforeRequest, afterResponse)`;
  if (event.disabled) return `skipped a disabled ${event.listen} script of ${where}: a v3 script cannot be disabled`;
  return undefined;
}

/** A node's events as a list of objects (Postman's SDK makes them so; v21ToV3 may be given raw JSON). */
function eventList(events: unknown, where: Where, warnings: string[]): EventJson[] {
  const all: unknown[] = Array.isArray(events) ? events : events === undefined || events === null ? [] : [events];
  return all.filter((e): e is EventJson => {
    if (!isObject(e)) warnings.push(`skipped an event of ${where} that is not an object: ${String(JSON.stringify(e)).slice(0, 60)}`);
    return isObject(e);
  });
}

/** Script types of an http-request (and, `http:` prefixed, of a definition) and of a graphql-request, as Postman writes them. */
const SCRIPT_TYPES = { http: { prerequest: 'beforeRequest', test: 'afterResponse' }, graphql: { prerequest: 'beforeQuery', test: 'afterResponse' } } as const;

function scripts(events: readonly EventJson[], prefix: '' | 'http:', where: Where, warnings: string[], kind: keyof typeof SCRIPT_TYPES = 'http'): Array<Record<string, unknown>> | undefined {
  const kept = events.filter((e) => {
    const why = dropped(e, where);
    if (why) warnings.push(why);
    return why === undefined;
  });
  // beforeRequest first, as the app shows them; the order within each type is the order they run in.
  const out = [...kept.filter((e) => e.listen === 'prerequest'), ...kept.filter((e) => e.listen === 'test')]
    .map((e) => ({ type: `${prefix}${SCRIPT_TYPES[kind][e.listen as 'prerequest' | 'test']}`, code: code(e), language: 'text/javascript' }));
  return out.length > 0 ? out : undefined;
}

/** protocolProfileBehavior as v3 settings: disabledSystemHeaders is the list of the names disabled (Postman's schema). */
function settings(behavior: unknown): Record<string, unknown> | undefined {
  if (!isObject(behavior) || Object.keys(behavior).length === 0) return undefined;
  const { disabledSystemHeaders: headers, ...rest } = behavior;
  const names = isObject(headers) ? Object.keys(headers).filter((name) => headers[name] === true) : headers;
  return { ...rest, ...(names === undefined || (Array.isArray(names) && names.length === 0) ? {} : { disabledSystemHeaders: names }) };
}

/**
 * A GraphQL body as the fields of a graphql-request (what Postman's migrate writes: an http-request has no
 * graphql body type). postman-runtime sends query, operationName and variables, an empty text of variables as none.
 */
function graphqlFields(graphql: unknown): Record<string, unknown> {
  const g = isObject(graphql) ? graphql : {};
  const variables = typeof g.variables === 'string' ? g.variables : g.variables === undefined || g.variables === null ? '' : JSON.stringify(g.variables);
  return { query: typeof g.query === 'string' ? g.query : '', ...(typeof g.operationName === 'string' ? { operationName: g.operationName } : {}), ...(variables !== '' ? { variables } : {}) };
}

/** One line as the reader writes a folder variable, `pm.variables.set("key", value);`, or undefined for any other line. */
function variableLine(line: string): KeyValue | undefined {
  // `s`: a value may hold U+2028, which JSON.stringify leaves as it is and `.` would not match.
  const m = /^pm\.variables\.set\((.*)\);$/s.exec(line.trim());
  if (!m) return undefined;
  let args: unknown;
  try {
    args = JSON.parse(`[${m[1]}]`);
  } catch {
    return undefined;
  }
  return Array.isArray(args) && args.length === 2 && typeof args[0] === 'string' ? { key: args[0], value: args[1] } : undefined;
}

/**
 * A folder's variables, back from the event the reader made of them; `rest` is the folder's other
 * events. An event with any line the reader does not write (a hand edit) stays a script, said in a warning.
 */
function folderVariables(all: readonly EventJson[], where: Where, warnings: string[]): { variables: KeyValue[]; rest: EventJson[] } {
  const event = all.find((e) => e.id === FOLDER_VARIABLES_EVENT_ID && e.listen === 'prerequest' && !e.disabled);
  if (!event) return { variables: [], rest: [...all] };
  const lines = code(event).split('\n').filter((line) => line.trim() !== '');
  const variables = lines.map(variableLine);
  if (variables.every((v) => v !== undefined)) return { variables: variables as KeyValue[], rest: all.filter((e) => e !== event) };
  const line = lines[variables.findIndex((v) => v === undefined)] ?? '';
  warnings.push(`kept the variables script of ${where} as its first beforeRequest script, not as variables: its line ${JSON.stringify(line.trim().slice(0, 60))} is not pm.variables.set("key", value);`);
  return { variables: [], rest: [...all] };
}

/** A v2.1 folder's own `variable` list (Postman's SDK drops it; v21ToV3 may be given raw JSON): entries with a key. */
function ownVariables(list: unknown, where: Where, warnings: string[]): KeyValue[] {
  if (list === undefined || list === null) return [];
  const entries = Array.isArray(list) ? list : [list];
  return entries.filter((v): v is KeyValue => {
    const ok = isObject(v) && typeof v.key === 'string';
    if (!ok) warnings.push(`skipped a variable of ${where}: ${JSON.stringify(v)?.slice(0, 60) ?? String(v)} has no "key"`);
    return ok;
  });
}

/** Only the fields that are set: YAML without empty lists and undefined keys. */
function compact(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

function urlString(url: unknown): string {
  if (typeof url === 'string') return url;
  if (!isObject(url)) return '';
  // Without its variables the SDK writes `:id` as it stands instead of substituting the value.
  return new sdk.Url({ ...url, variable: [] }).toString();
}

function examples(responses: NodeJson['response'], dir: string, files: Map<string, string>): void {
  const name = namer();
  (responses ?? []).forEach((response, i) => {
    const original = isObject(response.originalRequest) ? response.originalRequest : {};
    const exampleName = typeof response.name === 'string' ? response.name : `Example ${i + 1}`;
    const doc = compact({
      $kind: 'http-example',
      name: exampleName,
      request: compact({ url: urlString(original.url), method: typeof original.method === 'string' ? original.method : 'GET', headers: keyValueList(original.header as KeyValue[], undefined, AS_TEXT.text), body: bodyToV3(original.body) }),
      response: compact({
        statusCode: response.code,
        statusText: response.status,
        headers: keyValueList(response.header as KeyValue[], undefined, AS_TEXT.text),
        // Always there, "" when the example has none: Postman's schema requires it (its lint: FMT016), and its writer does so.
        body: typeof response.body === 'string' && response.body !== '' ? { type: /^\s*[[{]/.test(response.body) ? 'json' : 'text', content: response.body } : { type: 'text', content: '' },
      }),
      order: (i + 1) * ORDER_STEP,
    });
    files.set(`${dir}/${name(exampleName, '.example.yaml')}.example.yaml`, dumpYaml(doc));
  });
}

function request(node: NodeJson, order: number, where: Where, warnings: string[]): Record<string, unknown> {
  const req = isObject(node.request) ? node.request : { url: node.request ?? '' };
  const url = isObject(req.url) ? req.url : undefined;
  const method = typeof req.method === 'string' ? req.method : 'GET';
  const graphql = isObject(req.body) && req.body.mode === 'graphql' && req.body.disabled !== true;
  return compact({
    $kind: graphql ? 'graphql-request' : 'http-request',
    name: node.name ?? '',
    description: descriptionText(req.description) ?? descriptionText(node.description),
    // A graphql-request is a POST unless it says otherwise (Postman writes no method).
    method: graphql && method.toUpperCase() === 'POST' ? undefined : method,
    url: urlString(req.url),
    order,
    headers: keyValueList(req.header as KeyValue[], undefined, AS_TEXT.text),
    queryParams: keyValueList(url?.query as KeyValue[], undefined, AS_TEXT.query),
    pathVariables: keyValueList(url?.variable as KeyValue[], ['description'], AS_TEXT.path),
    ...(graphql ? graphqlFields((req.body as Record<string, unknown>).graphql) : { body: bodyToV3(req.body) }),
    auth: authToV3(req.auth),
    settings: settings(node.protocolProfileBehavior),
    scripts: scripts(eventList(node.event, where, warnings), '', where, warnings, graphql ? 'graphql' : 'http'),
  });
}

interface Out {
  files: Map<string, string>;
  warnings: string[];
}

function folder(nodes: NodeJson[], dir: string, names: readonly string[], out: Out): void {
  const { files, warnings } = out;
  const name = namer();
  nodes.forEach((node, i) => {
    const order = (i + 1) * ORDER_STEP;
    const at = (file: string): string => (dir === '' ? file : `${dir}/${file}`);
    const path = [...names, node.name ?? ''];
    if (Array.isArray(node.item)) {
      const sub = at(name(node.name ?? 'folder', ''));
      const where = `folder ${JSON.stringify(path.join(' / '))}`;
      const fromEvent = folderVariables(eventList(node.event, where, warnings), where, warnings);
      const vars = [...ownVariables(node.variable, where, warnings), ...fromEvent.variables];
      files.set(`${sub}/.resources/definition.yaml`, dumpYaml(compact({ $kind: 'collection', name: node.name ?? '', description: descriptionText(node.description), order, variables: keyValueList(vars), auth: authToV3(node.auth), scripts: scripts(fromEvent.rest, 'http:', where, warnings) })));
      folder(node.item, sub, path, out);
      return;
    }
    const stem = name(node.name ?? 'request', '.request.yaml');
    const doc = request(node, order, `request ${JSON.stringify(path.join(' / '))}`, warnings);
    if ((node.response ?? []).length > 0) {
      const examplesDir = `.resources/${stem}.resources/examples`;
      examples(node.response, at(examplesDir), files);
      doc.examples = `./${examplesDir}`;
    }
    files.set(at(`${stem}.request.yaml`), dumpYaml(doc));
  });
}

/**
 * The v3 files of a v2.1 collection: `.resources/definition.yaml`, one `*.request.yaml` per request,
 * a directory per folder, examples under `.resources/<request>.resources/examples/`. What v3 cannot
 * hold (a disabled script, an event other than prerequest and test) is left out with a line in `warnings`.
 * @example for (const [path, text] of v21ToV3(collection.toJSON())) writeFileSync(join(out, path), text);
 */
export function v21ToV3(collection: object, warnings: string[] = []): Map<string, string> {
  const root = collection as NodeJson & { info?: { name?: string; description?: unknown } };
  const files = new Map<string, string>();
  const definition = compact({
    $kind: 'collection',
    name: root.info?.name ?? 'collection',
    description: descriptionText(root.info?.description),
    variables: keyValueList(root.variable, ['type', 'description', 'disabled']),
    auth: authToV3(root.auth),
    scripts: scripts(eventList(root.event, 'the collection', warnings), 'http:', 'the collection', warnings),
  });
  files.set('.resources/definition.yaml', dumpYaml(definition));
  folder(root.item ?? [], '', [], { files, warnings });
  return files;
}
