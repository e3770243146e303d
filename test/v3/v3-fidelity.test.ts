// convert keeps what a collection means, both ways: what Newman sends from the v2.1 source is what it
// sends from the v3 files and from the v2.1 read back, in the cases real collections showed (a disabled
// body, an unnamed request, `?foo=bar&&&bar=baz`, a GraphQL body, a number as a path variable), and the
// v3 files have the shapes Postman's own writer gives them (auth credentials as a map, form fields typed
// text or file, settings.disabledSystemHeaders as a list, text values).
import sdk from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { v21ToV3 } from '../../src/collection/v3/v21-to-v3';
import { v3ToV21 } from '../../src/collection/v3/v3-to-v21';
import { parseYaml } from '../../src/collection/v3/v3-yaml';

type Json = Record<string, any>;
const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** The parts of the SDK's Item these tests read (the project's typings of postman-collection are smaller). */
interface SdkItem {
  name?: string;
  request: { method: string; url: { toString(): string }; body?: { disabled?: boolean; isEmpty(): boolean; toString(): string; toJSON(): Json }; auth?: { toJSON(): Json } };
  events: { all(): Array<{ listen: string }> };
}
const Item = (sdk as unknown as { Item: new (definition: object) => SdkItem }).Item;

/** The v3 files of a one-request collection (as convert --to v3 gives them, after the SDK), parsed. */
function toV3(item: Json): Map<string, Json> {
  const json = new sdk.Collection({ info: { name: 'Fidelity', schema: SCHEMA }, item: [item] }).toJSON();
  return new Map([...v21ToV3(json)].map(([path, text]) => {
    const parsed = parseYaml(text, path);
    if (!parsed.ok) throw new Error(parsed.error);
    return [path, parsed.value as Json];
  }));
}

/** The request file among them. */
const requestOf = (files: Map<string, Json>): Json => [...files].find(([path]) => path.endsWith('.request.yaml'))?.[1] as Json;

/** v3 files (path -> YAML text) read back as an SDK request item. */
function back(files: Record<string, string>): SdkItem {
  const read = v3ToV21(new Map(Object.entries({ '.resources/definition.yaml': '$kind: collection\nname: Fidelity\n', ...files })), 'Fidelity');
  if (!read.ok) throw new Error(read.error);
  expect(read.value.warnings).toEqual([]);
  return new sdk.Collection(read.value.collection).items.all()[0] as unknown as SdkItem;
}

/** v2.1 -> v3 -> v2.1 of one request item, through the YAML text the writer writes. */
function roundTrip(item: Json): SdkItem {
  const json = new sdk.Collection({ info: { name: 'Fidelity', schema: SCHEMA }, item: [item] }).toJSON();
  const files = v21ToV3(json);
  return back(Object.fromEntries([...files].filter(([path]) => path !== '.resources/definition.yaml')));
}

/** What Newman sends of a request, as far as the collection decides it: method, URL, body. */
const sent = (item: SdkItem): Json => ({ method: item.request.method, url: item.request.url.toString(), body: item.request.body && !item.request.body.disabled && !item.request.body.isEmpty() ? item.request.body.toString() : undefined });

describe('convert keeps what Newman sends', () => {
  it('a disabled body: no body in v3 (as Postman writes it), none sent after the round trip', () => {
    const item = { name: 'Disabled body', request: { method: 'POST', url: 'http://postman-echo.com/post', body: { mode: 'urlencoded', urlencoded: [{ key: 'foo', value: 'bar' }], disabled: true } } };
    expect(requestOf(toV3(item)).body).toBeUndefined();
    expect(sent(roundTrip(item))).toEqual({ method: 'POST', url: 'http://postman-echo.com/post', body: undefined });
  });

  it('an unnamed request stays unnamed (pm.info.requestName, --folder), in v3 and back', () => {
    const item = { name: '', request: { method: 'GET', url: 'http://postman-echo.com/get?unnamed=1' } };
    const files = toV3(item);
    expect(requestOf(files).name).toBe('');
    // Newman's SDK holds "" as no name: what scripts and --folder see, before and after.
    const unnamed = new Item(item).name;
    expect(roundTrip(item).name).toBe(unnamed);
    // And a v3 file that names its request "" (Postman writes that) reads as unnamed, not as its file name.
    expect(back({ 'http-request.request.yaml': '$kind: http-request\nname: ""\nurl: http://postman-echo.com/get\nmethod: GET\n' }).name).toBe(unnamed);
  });

  it('?foo=bar&&&bar=baz: convert reads its own output and Postman\'s, and the same URL is sent', () => {
    const item = { name: 'Ampersands', request: { method: 'GET', url: 'http://postman-echo.com/get?foo=bar&&&bar=baz' } };
    expect(sent(roundTrip(item)).url).toBe('http://postman-echo.com/get?foo=bar&&&bar=baz');
    // What postman collection migrate writes for the same request, with an object url.
    const postman = '$kind: http-request\nurl: http://postman-echo.com/get?foo=bar&&&bar=baz\nmethod: GET\nqueryParams:\n  - key: foo\n    value: bar\n  - key: null\n    value: null\n  - key: null\n    value: null\n  - key: bar\n    value: baz\norder: 1000\n';
    expect(sent(back({ 'Amp.request.yaml': postman })).url).toBe('http://postman-echo.com/get?foo=bar&&&bar=baz');
  });

  it('a GraphQL body: written as $kind graphql-request (http-request has no graphql body type), read back as the POST Newman sends', () => {
    const item = {
      name: 'GraphQL',
      event: [{ listen: 'prerequest', script: { exec: ["pm.variables.set('a', 1);"] } }, { listen: 'test', script: { exec: ["pm.test('ok', function () {});"] } }],
      request: { method: 'POST', url: 'http://postman-echo.com/post', header: [{ key: 'X-H', value: '1' }], body: { mode: 'graphql', graphql: { query: 'query { hello }', variables: '{"a":1}' } } },
    };
    const request = requestOf(toV3(item));
    expect(request).toMatchObject({ $kind: 'graphql-request', url: 'http://postman-echo.com/post', query: 'query { hello }', variables: '{"a":1}' });
    expect(request.scripts.map((s: Json) => s.type)).toEqual(['beforeQuery', 'afterResponse']);
    const read = roundTrip(item);
    expect(sent(read)).toMatchObject({ method: 'POST', url: 'http://postman-echo.com/post' });
    expect(read.request.body?.toJSON()).toMatchObject({ mode: 'graphql', graphql: { query: 'query { hello }', variables: '{"a":1}' } });
    expect(read.events.all().map((e) => e.listen)).toEqual(['prerequest', 'test']);
    // What postman collection migrate writes for it (no method, beforeQuery) runs as that POST too.
    const postman = '$kind: graphql-request\nurl: http://postman-echo.com/post\nquery: "{ a }"\nheaders:\n  X-H: "1"\nscripts:\n  - type: beforeQuery\n    code: pm.variables.set(\'a\', 1);\norder: 1000\n';
    const fromPostman = back({ 'GraphQL.request.yaml': postman });
    expect(sent(fromPostman)).toMatchObject({ method: 'POST', url: 'http://postman-echo.com/post' });
    expect(fromPostman.request.body?.toJSON()).toMatchObject({ mode: 'graphql', graphql: { query: '{ a }' } });
    expect(fromPostman.events.all().map((e) => e.listen)).toEqual(['prerequest']);
  });

  it('a number as a path variable: Newman sends :id as written, and so it is after the round trip', () => {
    const item = { name: 'Numeric', request: { method: 'GET', url: { raw: 'http://postman-echo.com/anything/:id', protocol: 'http', host: ['postman-echo', 'com'], path: ['anything', ':id'], variable: [{ key: 'id', value: 42 }] } } };
    const source = new Item(item);
    expect(sent(source).url).toBe('http://postman-echo.com/anything/:id');
    expect(requestOf(toV3(item)).pathVariables).toEqual([{ key: 'id', value: '' }]);
    expect(sent(roundTrip(item)).url).toBe(sent(source).url);
  });
});

describe('the v3 files have the shapes Postman writes (its lint rejects the others, FMT015)', () => {
  it('auth credentials as a map of their values, typed as they are', () => {
    const item = { name: 'Basic', request: { method: 'GET', url: 'http://postman-echo.com/basic-auth', auth: { type: 'basic', basic: [{ key: 'username', value: 'postman', type: 'string' }, { key: 'password', value: 'made-up', type: 'string' }, { key: 'showPassword', value: false, type: 'boolean' }] } } };
    expect(requestOf(toV3(item)).auth).toEqual({ type: 'basic', credentials: { username: 'postman', password: 'made-up', showPassword: false } });
    expect(roundTrip(item).request.auth?.toJSON()).toEqual(new Item(item).request.auth?.toJSON());
  });

  it('form fields typed text (value) or file (src, "" when none); text values as text', () => {
    const formdata = [{ key: 'a', value: 5, type: 'text' }, { key: 'b', value: 'v' }, { key: 'f', type: 'file', src: '/tmp/x.txt' }, { key: 'g', type: 'file' }, { key: 'h', type: 'file', src: ['/tmp/a', '/tmp/b'] }, { key: 'd', value: 'x', type: 'text', disabled: true, contentType: 'text/plain', description: 'why' }];
    const item = { name: 'Form', request: { method: 'POST', url: 'http://postman-echo.com/post', body: { mode: 'formdata', formdata } } };
    expect(requestOf(toV3(item)).body.content).toEqual([
      { key: 'a', value: '5', type: 'text' },
      { key: 'b', value: 'v', type: 'text' },
      { key: 'f', type: 'file', src: '/tmp/x.txt' },
      { key: 'g', type: 'file', src: '' },
      { key: 'h', type: 'file', src: ['/tmp/a', '/tmp/b'] },
      { key: 'd', value: 'x', type: 'text', contentType: 'text/plain', description: 'why', disabled: true },
    ]);
  });

  it('settings.disabledSystemHeaders as the list of names, read back as the object Newman takes', () => {
    const item = { name: 'Settings', protocolProfileBehavior: { disableBodyPruning: true, disabledSystemHeaders: { 'user-agent': true, accept: false } }, request: { method: 'GET', url: 'http://postman-echo.com/get' } };
    expect(requestOf(toV3(item)).settings).toEqual({ disableBodyPruning: true, disabledSystemHeaders: ['user-agent'] });
    expect((roundTrip(item) as unknown as { protocolProfileBehavior: Json }).protocolProfileBehavior).toEqual({ disableBodyPruning: true, disabledSystemHeaders: { 'user-agent': true } });
  });

  it('header values as the text Newman sends; a query value that is not text as none (Newman sends ?n)', () => {
    const item = { name: 'Numbers', request: { method: 'GET', header: [{ key: 'X-N', value: 5 }], url: { raw: 'http://postman-echo.com/get?n=5', protocol: 'http', host: ['postman-echo', 'com'], path: ['get'], query: [{ key: 'n', value: 5 }] } } };
    const request = requestOf(toV3(item));
    expect(request.headers).toEqual([{ key: 'X-N', value: '5' }]);
    expect(request.queryParams).toEqual([{ key: 'n', value: null }]);
    expect(sent(roundTrip(item)).url).toBe(sent(new Item(item)).url);
  });
});
