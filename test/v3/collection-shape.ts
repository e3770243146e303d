// What a user would notice of a v2.1 collection (shape), and generated v2.1 collections (collection):
// shared by the round trip through this project's writer and the one through Postman's own migrate.
import fc from 'fast-check';
import sdk from 'postman-collection';

export type Json = Record<string, any>;

const kv = (entries: Json[] | undefined, fields: string[]) =>
  (entries ?? []).map((e) => Object.fromEntries([['key', e.key], ['value', e.value ?? ''], ...fields.filter((f) => e[f] !== undefined && e[f] !== false && e[f] !== '').map((f) => [f, typeof e[f] === 'object' && e[f] ? e[f].content : e[f]])]));

function body(b: Json | undefined): unknown {
  if (!b || !b.mode) return undefined;
  if (b.mode === 'raw') return { raw: b.raw ?? '', language: b.options?.raw?.language ?? 'text' };
  if (b.mode === 'formdata') return { formdata: kv(b.formdata, ['type', 'src', 'disabled', 'description']) };
  if (b.mode === 'urlencoded') return { urlencoded: kv(b.urlencoded, ['disabled', 'description']) };
  return b;
}

const events = (list: Json[] | undefined) => (list ?? []).map((e) => [e.listen, Array.isArray(e.script?.exec) ? e.script.exec.join('\n') : (e.script?.exec ?? '')]).sort((a, b) => (a[0] === b[0] ? 0 : a[0] === 'prerequest' ? -1 : 1));

const descriptionOf = (d: unknown): unknown => (typeof d === 'object' && d !== null ? (d as Json).content : d) ?? null;

/** What a user would notice of a collection: names and order, scripts, variables, requests. */
export function shape(json: Json): unknown {
  const node = (n: Json): unknown =>
    Array.isArray(n.item)
      ? { folder: n.name, events: events(n.event), auth: n.auth ?? null, items: n.item.map(node) }
      : {
          name: n.name,
          events: events(n.event),
          method: n.request.method,
          url: new sdk.Url({ ...n.request.url, variable: [] }).toString(),
          query: kv(n.request.url?.query, ['disabled', 'description']),
          variable: kv(n.request.url?.variable, ['description']),
          header: kv(n.request.header, ['disabled', 'description']),
          body: body(n.request.body) ?? null,
          auth: n.request.auth ?? null,
          description: descriptionOf(n.request.description),
          examples: (n.response ?? []).map((r: Json) => ({ name: r.name, code: r.code, status: r.status, header: kv(r.header, []), body: r.body ?? '' })),
        };
  return { name: json.info?.name, events: events(json.event), variable: kv(json.variable, ['description', 'disabled']), auth: json.auth ?? null, items: (json.item ?? []).map(node) };
}

export const word = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
const value = fc.oneof(fc.stringMatching(/^[A-Za-z0-9 _.,-]{0,10}$/), word.map((w) => `{{${w}}}`));
// Names a user writes, separators, case twins and dots included: the writer makes file names of them.
const NAMES = ['Balance', 'balance', 'BALANCE', 'a/b', 'x:y', '.resources', '..', ' ', 'Ünïcode ✓', 'trailing.'];
const code = fc.array(fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ' ')), { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));
const event = fc.record({ listen: fc.constantFrom('prerequest', 'test'), script: code.map((c) => ({ type: 'text/javascript', exec: c.split('\n') })) });
const pairOf = (key: fc.Arbitrary<string>) => (extra: Json = {}) => fc.record({ key, value, ...extra });
/**
 * Generated v2.1 collections: folders three deep, scripts at every level, query, path variables,
 * headers, bodies and auth. Only names `named` accepts are given (Postman's own writer cannot place
 * some), and `keys` are the keys of variables, query parameters, headers and form fields.
 */
export function collectionOf({ named = () => true, keys = word }: { named?: (name: string) => boolean; keys?: fc.Arbitrary<string> } = {}) {
  const name = fc.oneof(fc.constantFrom(...NAMES.filter(named)), fc.string({ minLength: 1, maxLength: 12 }).filter(named));
  const pair = pairOf(keys);
  const rawBody = fc.record({ mode: fc.constant('raw'), raw: fc.string({ maxLength: 40 }), options: fc.constantFrom('json', 'text', 'xml', 'html', 'javascript').map((language) => ({ raw: { language } })) });
  const bodyArb = fc.oneof(
    fc.constant(undefined),
    rawBody,
    fc.record({ mode: fc.constant('urlencoded'), urlencoded: fc.array(pair({ disabled: fc.boolean() }), { maxLength: 3 }) }),
    fc.record({ mode: fc.constant('formdata'), formdata: fc.array(pair({ type: fc.constant('text') }), { maxLength: 3 }) }),
  );
  const auth = fc.oneof(
    fc.constant(undefined),
    fc.constant({ type: 'noauth' }),
    value.map((token) => ({ type: 'bearer', bearer: [{ key: 'token', value: token, type: 'string' }] })),
    fc.tuple(value, value).map(([username, password]) => ({ type: 'basic', basic: [{ key: 'username', value: username, type: 'string' }, { key: 'password', value: password, type: 'string' }] })),
    fc.tuple(word, value, fc.constantFrom('header', 'query')).map(([key, v, place]) => ({ type: 'apikey', apikey: [{ key: 'key', value: key, type: 'string' }, { key: 'value', value: v, type: 'string' }, { key: 'in', value: place, type: 'string' }] })),
  );
  // Saved examples: what the server answered, a JSON or a text body.
  const example = fc.record({
    name,
    code: fc.constantFrom(200, 201, 400, 401, 404),
    status: fc.constantFrom('OK', 'Created', 'Bad Request', 'Unauthorized', 'Not Found'),
    header: fc.array(pair(), { maxLength: 2 }),
    body: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9 .,-]{1,20}$/), fc.dictionary(word, fc.oneof(fc.integer(), word), { maxKeys: 3 }).map((o) => JSON.stringify(o, null, 2))),
    originalRequest: fc.record({ method: fc.constantFrom('GET', 'POST'), url: fc.constant('{{externalBaseUrl}}/x'), header: fc.array(pair(), { maxLength: 1 }) }),
  });

  const request = fc.record({
    name,
    event: fc.array(event, { maxLength: 3 }),
    request: fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
      url: fc.record({
        host: fc.constant(['{{externalBaseUrl}}']),
        path: fc.array(word, { minLength: 1, maxLength: 3 }).map((p) => [...p, ':id']),
        query: fc.array(pair({ disabled: fc.boolean(), description: fc.constantFrom(undefined, 'why') }), { maxLength: 4 }),
        variable: fc.constant([{ key: 'id', value: '{{id}}' }]),
      }),
      header: fc.array(pair({ disabled: fc.boolean() }), { maxLength: 3 }),
      body: bodyArb,
      auth,
      description: fc.constantFrom(undefined, 'One line.', 'Two\nlines, **markdown**.'),
    }),
    response: fc.array(example, { maxLength: 2 }),
  });
  const folder = (depth: number): fc.Arbitrary<Json> =>
    fc.record({ name, event: fc.array(event, { maxLength: 2 }), item: fc.array(depth > 0 ? fc.oneof(request, folder(depth - 1)) : request, { maxLength: 3 }) });
  return fc.record({
    info: fc.record({ name: word, schema: fc.constant('https://schema.getpostman.com/json/collection/v2.1.0/collection.json') }),
    event: fc.array(event, { maxLength: 2 }),
    variable: fc.array(pair({ description: fc.constantFrom(undefined, 'a note') }), { maxLength: 3 }),
    auth,
    item: fc.array(fc.oneof(request, folder(2)), { maxLength: 4 }),
  });
}

