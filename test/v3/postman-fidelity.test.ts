// Field by field against Postman's own writer: `myvalue convert --to v3` and `postman collection migrate`
// of one v2.1 collection that holds the cases real collections showed (auth of every shape, form fields,
// settings, GraphQL, empty query pairs, a disabled body, an unnamed request, a number as a path variable).
// Both directories pass Postman's lint, and each file says the same once the forms either writer may
// choose are made one (a map or a list of pairs, a name given by the file name, quoting). Where this
// project writes something else on purpose, the test names it: that is what Newman sends.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sdk from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/collection/v3/v3-yaml';
import { runCli } from '../helpers/cli';
import { noticeSkipped, postmanCli, postmanLintEach, skipPostmanCli } from '../helpers/postman-cli';
import { tempDir } from '../helpers/temp-dir';

noticeSkipped('test/v3/postman-fidelity.test.ts');
type Json = Record<string, any>;
const url = (raw: string, extra: Json = {}): Json => {
  const parsed = sdk.Url.parse(raw) as Json;
  return { ...parsed, raw, ...extra };
};

/** Only what Postman's migrate accepts (it refuses numbers as header, query or form values). */
const COLLECTION = {
  info: { name: 'Fidelity', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  auth: { type: 'basic', basic: [{ key: 'username', value: 'u', type: 'string' }, { key: 'password', value: 'made-up', type: 'string' }] },
  variable: [{ key: 'clientID', value: 'x', type: 'string', description: 'd' }, { key: 'off', value: 'y', disabled: true }],
  item: [
    { name: 'Disabled body', request: { method: 'POST', url: 'http://postman-echo.com/post', body: { mode: 'urlencoded', urlencoded: [{ key: 'foo', value: 'bar' }], disabled: true } } },
    { name: '', request: { method: 'GET', url: 'http://postman-echo.com/get?unnamed=1' } },
    { name: 'Ampersands', request: { method: 'GET', url: 'http://postman-echo.com/get?foo=bar&&&bar=baz' } },
    { name: 'Ampersands object', request: { method: 'GET', url: url('http://postman-echo.com/get?foo=bar&&&bar=baz', { query: [{ key: 'foo', value: 'bar' }, { key: null, value: null }, { key: null, value: null }, { key: 'bar', value: 'baz' }] }) } },
    {
      name: 'GraphQL',
      event: [{ listen: 'prerequest', script: { exec: ["pm.variables.set('a', 1);"] } }, { listen: 'test', script: { exec: ["pm.test('x', function () {});"] } }],
      request: { method: 'POST', url: 'http://postman-echo.com/post', header: [{ key: 'X-H', value: '1' }], auth: { type: 'noauth' }, body: { mode: 'graphql', graphql: { query: 'query { hello }', variables: '{"a":1}' } } },
    },
    { name: 'Numeric path variable', request: { method: 'GET', url: url('http://postman-echo.com/anything/:id', { variable: [{ key: 'id', value: 42 }] }) } },
    { name: 'Path variables', request: { method: 'GET', url: url('http://postman-echo.com/:a/:b', { variable: [{ key: 'a', value: 'x', description: 'desc' }, { key: 'b', value: '' }] }) } },
    {
      name: 'Form data',
      request: {
        method: 'POST',
        url: 'http://postman-echo.com/post',
        body: { mode: 'formdata', formdata: [{ key: 'a', value: '1', type: 'text' }, { key: 'f', type: 'file', src: '/tmp/x.txt' }, { key: 'g', type: 'file', src: ['/tmp/a.txt', '/tmp/b.txt'] }, { key: 'n', type: 'file', src: null }, { key: 't', value: 'v' }, { key: 'd', value: 'x', type: 'text', disabled: true, contentType: 'text/plain', description: 'why' }] },
      },
    },
    { name: 'Settings', protocolProfileBehavior: { disableBodyPruning: true, followRedirects: false, strictSSL: false, disabledSystemHeaders: { 'user-agent': true, accept: true, 'cache-control': false } }, request: { method: 'GET', url: 'http://postman-echo.com/get', body: { mode: 'raw', raw: 'sent with GET' } } },
    { name: 'Basic', request: { method: 'GET', url: 'http://postman-echo.com/basic-auth', auth: { type: 'basic', basic: [{ key: 'username', value: 'postman', type: 'string' }, { key: 'password', value: 'made-up', type: 'string' }, { key: 'showPassword', value: false, type: 'boolean' }] } } },
    { name: 'OAuth2', request: { method: 'GET', url: 'http://postman-echo.com/get', auth: { type: 'oauth2', oauth2: [{ key: 'accessToken', value: 'made-up', type: 'string' }, { key: 'addTokenTo', value: 'header', type: 'string' }, { key: 'tokenOptions', value: { a: 1 }, type: 'any' }] } } },
    { name: 'API key', request: { method: 'GET', url: 'http://postman-echo.com/get', auth: { type: 'apikey', apikey: [{ key: 'key', value: 'X-K', type: 'string' }, { key: 'value', value: 'v', type: 'string' }, { key: 'in', value: 'header', type: 'string' }] } } },
    { name: 'Headers and query', request: { method: 'GET', header: [{ key: 'X-A', value: '1' }, { key: 'X-A', value: '2' }, { key: 'X-Off', value: '3', disabled: true }], url: url('http://postman-echo.com/get?a=1', { query: [{ key: 'a', value: '1', description: 'the a' }, { key: 'b', value: '2', disabled: true }, { key: 'flag', value: null }] }) } },
    { name: 'Raw and file bodies', request: { method: 'POST', url: 'http://postman-echo.com/post', body: { mode: 'raw', raw: 'hello' } } },
    { name: 'File body', request: { method: 'POST', url: 'http://postman-echo.com/post', body: { mode: 'file', file: { src: '/tmp/x.txt' } } } },
  ],
};

/** A directory's YAML files by `order` (requests) or 'definition', parsed. */
function filesOf(dir: string): Map<string, Json> {
  const out = new Map<string, Json>();
  const definition = parseYaml(readFileSync(join(dir, '.resources', 'definition.yaml'), 'utf8'), 'definition.yaml');
  out.set('definition', definition.ok ? (definition.value as Json) : {});
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.request.yaml'))) {
    const parsed = parseYaml(readFileSync(join(dir, file), 'utf8'), file);
    if (!parsed.ok) throw new Error(parsed.error);
    const doc = parsed.value as Json;
    out.set(String(doc.order), { ...doc, name: doc.name ?? file.replace(/\.request\.yaml$/, '') });
  }
  return out;
}

/** Pairs as a list of {key, value, ...}, from a map or a list; `disabled: false` is no information. */
const pairs = (field: unknown): Json[] | undefined =>
  field === undefined ? undefined : Array.isArray(field) ? field.map(({ disabled, ...rest }: Json) => ({ ...rest, ...(disabled === true ? { disabled } : {}) })) : Object.entries(field as Json).map(([key, value]) => ({ key, value }));

/** One file with the forms either writer may choose made one: pairs as lists, the query from the url when not listed. */
function normal(doc: Json): Json {
  const { language: _l, ...rest } = doc;
  const out: Json = { ...rest };
  for (const field of ['headers', 'queryParams', 'pathVariables', 'variables']) if (field in doc) out[field] = pairs(doc[field]);
  if (typeof doc.url === 'string') {
    out.url = doc.url.replace(/\?.*$/, '');
    out.queryParams = out.queryParams ?? ((sdk.Url.parse(doc.url) as Json).query ?? []);
    if (out.queryParams.length === 0) delete out.queryParams;
  }
  if (doc.body && Array.isArray(doc.body.content)) out.body = { ...doc.body, content: pairs(doc.body.content) };
  if (Array.isArray(doc.auth)) out.auth = doc.auth[0];
  if (out.auth) {
    const { id: _id, name: _name, ...auth } = out.auth;
    out.auth = auth;
  }
  if (Array.isArray(doc.scripts)) out.scripts = doc.scripts.map(({ language: _lang, ...script }: Json) => script);
  return out;
}

describe.skipIf(skipPostmanCli)('convert --to v3 field by field against postman collection migrate', () => {
  it('both pass Postman\'s lint, and every file says the same but where this project keeps what Newman sends', async () => {
    const dir = tempDir('myvalue-fidelity-');
    const source = join(dir, 'fidelity.postman_collection.json');
    writeFileSync(source, JSON.stringify(COLLECTION));
    const ours = join(dir, 'ours');
    const theirs = join(dir, 'theirs');
    const converted = await runCli(['convert', source, '--to', 'v3', '--out', ours]);
    expect(converted.code, converted.err.join('\n')).toBe(0);
    const migrated = await postmanCli(['collection', 'migrate', source, '-o', theirs]);
    expect(migrated.code, migrated.stderr).toBe(0);
    // Both in one start of the linter (it names each diagnostic's file).
    const lint = await postmanLintEach({ ours, theirs }, join(dir, 'lint'));
    expect(lint.of).toEqual({ ours: [], theirs: [] });
    expect(lint.code).toBe(0);
    expect(lint.filesScanned).toBe(lint.requestFiles);
    const [mine, postman] = [filesOf(ours), filesOf(theirs)];
    expect([...mine.keys()].sort()).toEqual([...postman.keys()].sort());

    // On purpose, and why (docs/decisions/v3-collections.md):
    const numeric = '6000';
    // Newman puts only a text in the path: 42 (a number) leaves :id as written, and so does "", not "42".
    expect([mine.get(numeric)?.pathVariables, postman.get(numeric)?.pathVariables]).toEqual([[{ key: 'id', value: '' }], { id: '42' }]);
    // disableBodyPruning decides whether a GET sends its body: Postman's writer drops it.
    const settings = '9000';
    expect([mine.get(settings)?.settings.disableBodyPruning, postman.get(settings)?.settings.disableBodyPruning]).toEqual([true, undefined]);
    // Collection variables: this writer keeps their type and description, which Postman's drops.
    expect(mine.get('definition')?.variables[0]).toEqual({ key: 'clientID', value: 'x', type: 'string', description: 'd' });

    for (const [key, doc] of mine) {
      const other = postman.get(key) as Json;
      const [a, b] = [normal(doc), normal(other)];
      if (key === numeric) [a.pathVariables, b.pathVariables] = [undefined, undefined];
      if (key === settings) delete a.settings.disableBodyPruning;
      if (key === 'definition') a.variables = a.variables.map(({ type: _t, description: _d, ...v }: Json) => v);
      expect(a, `${key} ${doc.name ?? ''}`).toEqual(b);
    }
  }, 120_000);
});
