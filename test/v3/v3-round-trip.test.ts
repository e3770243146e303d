// v2.1 -> v3 -> v2.1 keeps every request, script, variable, header, body and the order: over
// generated collections (fast-check) and over the shipped collection.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import sdk from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { v21ToV3 } from '../../src/collection/v3/v21-to-v3';
import { v3ToV21 } from '../../src/collection/v3/v3-to-v21';
import { shippedFile } from '../../src/shared/package-files';
import { parseYaml } from '../../src/collection/v3/v3-yaml';

type Json = Record<string, any>;

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

/** What a user would notice of a collection: names and order, scripts, variables, requests. */
function shape(json: Json): unknown {
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
        };
  return { name: json.info?.name, events: events(json.event), variable: kv(json.variable, ['description', 'disabled']), auth: json.auth ?? null, items: (json.item ?? []).map(node) };
}

function roundTrip(json: Json): Json {
  const files = v21ToV3(json);
  // Every file is YAML the reader parses.
  for (const [path, text] of files) expect(parseYaml(text, path).ok, path).toBe(true);
  const back = v3ToV21(files, 'x');
  if (!back.ok) throw new Error(back.error);
  expect(back.value.warnings).toEqual([]);
  return new sdk.Collection(back.value.collection).toJSON() as Json;
}

const word = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
const value = fc.oneof(fc.stringMatching(/^[A-Za-z0-9 _.,-]{0,10}$/), word.map((w) => `{{${w}}}`));
// Names a user writes, separators, case twins and dots included: the writer makes file names of them.
const name = fc.oneof(fc.constantFrom('Balance', 'balance', 'BALANCE', 'a/b', 'x:y', '.resources', '..', ' ', 'Ünïcode ✓', 'trailing.'), fc.string({ minLength: 1, maxLength: 12 }));
const code = fc.array(fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ' ')), { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));
const event = fc.record({ listen: fc.constantFrom('prerequest', 'test'), script: code.map((c) => ({ type: 'text/javascript', exec: c.split('\n') })) });
const pair = (extra: Json = {}) => fc.record({ key: word, value, ...extra });
const rawBody = fc.record({ mode: fc.constant('raw'), raw: fc.string({ maxLength: 40 }), options: fc.constantFrom('json', 'text', 'xml', 'html', 'javascript').map((language) => ({ raw: { language } })) });
const bodyArb = fc.oneof(
  fc.constant(undefined),
  rawBody,
  fc.record({ mode: fc.constant('urlencoded'), urlencoded: fc.array(pair({ disabled: fc.boolean() }), { maxLength: 3 }) }),
  fc.record({ mode: fc.constant('formdata'), formdata: fc.array(pair({ type: fc.constant('text') }), { maxLength: 3 }) }),
);
const auth = fc.oneof(fc.constant(undefined), fc.constant({ type: 'noauth' }), value.map((token) => ({ type: 'bearer', bearer: [{ key: 'token', value: token, type: 'string' }] })));

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
  }),
});
const folder = (depth: number): fc.Arbitrary<Json> =>
  fc.record({ name, event: fc.array(event, { maxLength: 2 }), item: fc.array(depth > 0 ? fc.oneof(request, folder(depth - 1)) : request, { maxLength: 3 }) });
const collection = fc.record({
  info: fc.record({ name: word, schema: fc.constant('https://schema.getpostman.com/json/collection/v2.1.0/collection.json') }),
  event: fc.array(event, { maxLength: 2 }),
  variable: fc.array(pair({ description: fc.constantFrom(undefined, 'a note') }), { maxLength: 3 }),
  auth,
  item: fc.array(fc.oneof(request, folder(2)), { maxLength: 4 }),
});

describe('v2.1 -> v3 -> v2.1', () => {
  it('keeps every request, script, variable, header, body and the order of generated collections', () => {
    fc.assert(
      fc.property(collection, (generated) => {
        const json = new sdk.Collection(JSON.parse(JSON.stringify(generated))).toJSON() as Json;
        expect(shape(roundTrip(json))).toEqual(shape(json));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the shipped collection', () => {
    const json = new sdk.Collection(JSON.parse(readFileSync(shippedFile('collections/myvalue-partner.postman_collection.json'), 'utf8'))).toJSON() as Json;
    const back = roundTrip(json);
    expect(shape(back)).toEqual(shape(json));
    const count = (items: Json[]): number => items.reduce((n, i) => n + (Array.isArray(i.item) ? count(i.item) : 1), 0);
    expect(count(back.item)).toBe(count(json.item as Json[]));
  });
});
