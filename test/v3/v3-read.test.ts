// The v3 reader: a collection schema 3.0.0 directory as the v2.1 collection Newman runs, and every
// bad input as one line (file, and line and column for YAML).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCollection } from '../../src/collection/load-collection';
import { readV3Collection } from '../../src/collection/v3/read-v3-collection';
import { readV3Environment } from '../../src/collection/v3/v3-environment';
import { v3ToV21 } from '../../src/collection/v3/v3-to-v21';
import { tempDir } from '../helpers/temp-dir';

const DEF = '$kind: collection\nname: Demo\n';

/** A collection directory on disk from path -> text. */
function onDisk(files: Record<string, string>): string {
  const root = join(tempDir('myvalue-v3-'), 'Demo');
  mkdirSync(root, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function convert(files: Record<string, string>) {
  const result = v3ToV21(new Map(Object.entries(files)), 'Demo', (p) => `Demo/${p}`);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const req = (fields: string): string => `$kind: http-request\nmethod: GET\nurl: 'https://external.ovaltech.id/x'\n${fields}`;
type Node = { name: string; item?: Node[]; event?: Array<{ listen: string; script: { exec: string[] } }>; request?: Record<string, any>; response?: any[] };

describe('v3 -> v2.1', () => {
  it('orders folders and requests by order, then by name, and names requests by their file when they have no name', () => {
    const { collection } = convert({
      '.resources/definition.yaml': DEF,
      'b.request.yaml': req('order: 2000\n'),
      'a.request.yaml': req('order: 2000\n'),
      'z.request.yaml': req('order: 1000\n'),
      'no order.request.yaml': req(''),
      'Folder B/.resources/definition.yaml': '$kind: collection\norder: 1500\n',
      'Folder B/inner.request.yaml': req('name: Inner by name\n'),
      'Folder A/x.request.yaml': req(''),
    });
    const names = (collection.item as Node[]).map((i) => i.name);
    expect(names).toEqual(['z', 'Folder B', 'a', 'b', 'Folder A', 'no order']);
    expect((collection.item as Node[])[1]?.item?.[0]?.name).toBe('Inner by name');
  });

  it('keeps scripts at collection, folder and request level, both types, in their order', () => {
    const { collection } = convert({
      '.resources/definition.yaml': `${DEF}scripts:\n  - type: http:beforeRequest\n    code: c1\n  - type: http:afterResponse\n    code: c2\n`,
      'F/.resources/definition.yaml': '$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: |-\n      f1\n      f2\n',
      'F/r.request.yaml': req('scripts:\n  - type: beforeRequest\n    code: r1\n  - type: beforeRequest\n    code: r2\n  - type: afterResponse\n    code: r3\n'),
    });
    const events = (e: Node['event']) => (e ?? []).map((x) => [x.listen, x.script.exec.join('\n')]);
    expect(events(collection.event as Node['event'])).toEqual([['prerequest', 'c1'], ['test', 'c2']]);
    const folder = (collection.item as Node[])[0];
    expect(events(folder?.event)).toEqual([['prerequest', 'f1\nf2']]);
    expect(events(folder?.item?.[0]?.event)).toEqual([['prerequest', 'r1'], ['prerequest', 'r2'], ['test', 'r3']]);
  });

  it('reads variables as a list or a map, auth, and folder variables as a script that sets them', () => {
    const { collection } = convert({
      '.resources/definition.yaml': `${DEF}variables:\n  - key: a\n    value: '1'\n    description: one\n  - key: off\n    value: x\n    disabled: true\nauth:\n  type: bearer\n  credentials:\n    - key: token\n      value: '{{t}}'\n`,
      'F/.resources/definition.yaml': '$kind: collection\nvariables:\n  amount: 20000\n  name: "O\'Brien"\n',
      'F/r.request.yaml': req('auth:\n  type: noauth\n'),
    });
    expect(collection.variable).toEqual([{ key: 'a', value: '1', description: 'one' }, { key: 'off', value: 'x', disabled: true }]);
    expect(collection.auth).toEqual({ type: 'bearer', bearer: [{ key: 'token', value: '{{t}}', type: 'string' }] });
    const folder = (collection.item as Node[])[0];
    expect(folder?.event?.[0]?.script.exec).toEqual(['pm.variables.set("amount", 20000);', 'pm.variables.set("name", "O\'Brien");']);
    expect(folder?.item?.[0]?.request?.auth).toEqual({ type: 'noauth' });
  });

  it('converts every body type', () => {
    const bodies: Record<string, string> = {
      json: "body:\n  type: json\n  content: '{\"amount\": {{amount}}}'\n",
      text: 'body:\n  type: text\n  content: hello\n',
      xml: 'body:\n  type: xml\n  content: <a/>\n',
      html: 'body:\n  type: html\n  content: <p>hi</p>\n',
      javascript: 'body:\n  type: javascript\n  content: let a = 1;\n',
      formdata: 'body:\n  type: formdata\n  content:\n    - key: f\n      value: v\n    - key: up\n      type: file\n      src: ./a.png\n',
      urlencoded: 'body:\n  type: urlencoded\n  content:\n    - key: k\n      value: 1\n      disabled: true\n',
      file: 'body:\n  type: file\n  content:\n    src: ./data.bin\n',
      none: 'body:\n  type: none\n',
    };
    const files: Record<string, string> = { '.resources/definition.yaml': DEF };
    Object.entries(bodies).forEach(([type, body], i) => (files[`${type}.request.yaml`] = req(`order: ${i}\n${body}`)));
    const got = Object.fromEntries((convert(files).collection.item as Node[]).map((i) => [i.name, i.request?.body]));
    expect(got).toEqual({
      json: { mode: 'raw', raw: '{"amount": {{amount}}}', options: { raw: { language: 'json' } } },
      text: { mode: 'raw', raw: 'hello', options: { raw: { language: 'text' } } },
      xml: { mode: 'raw', raw: '<a/>', options: { raw: { language: 'xml' } } },
      html: { mode: 'raw', raw: '<p>hi</p>', options: { raw: { language: 'html' } } },
      javascript: { mode: 'raw', raw: 'let a = 1;', options: { raw: { language: 'javascript' } } },
      formdata: { mode: 'formdata', formdata: [{ key: 'f', value: 'v' }, { key: 'up', type: 'file', src: './a.png' }] },
      urlencoded: { mode: 'urlencoded', urlencoded: [{ key: 'k', value: '1', disabled: true }] },
      file: { mode: 'file', file: { src: './data.bin' } },
      none: undefined,
    });
  });

  it('takes query parameters from the url and from queryParams once each, and path variables', () => {
    const { collection } = convert({
      '.resources/definition.yaml': DEF,
      'r.request.yaml':
        "$kind: http-request\nmethod: get\nurl: '{{base}}/v1/promos/:ID?valueID={{v}}&page=1'\nqueryParams:\n  - key: page\n    value: '1'\n    description: first page\n  - key: debug\n    value: 'true'\n    disabled: true\npathVariables:\n  ID: 13063\nheaders:\n  Accept: application/json\n",
    });
    const request = (collection.item as Node[])[0]?.request;
    expect(request?.method).toBe('GET');
    expect(request?.url.query).toEqual([{ key: 'page', value: '1', description: 'first page' }, { key: 'debug', value: 'true', disabled: true }, { key: 'valueID', value: '{{v}}' }]);
    expect(request?.url.variable).toEqual([{ key: 'ID', value: '13063' }]);
    expect(request?.header).toEqual([{ key: 'Accept', value: 'application/json' }]);
  });

  it('reads examples from the examples path as saved responses', () => {
    const { collection } = convert({
      '.resources/definition.yaml': DEF,
      'r.request.yaml': req("examples: ./.resources/r.resources/examples\n"),
      '.resources/r.resources/examples/OK.example.yaml': '$kind: http-example\nrequest:\n  url: https://x/y\n  method: GET\nresponse:\n  statusCode: 200\n  statusText: OK\n  headers:\n    Content-Type: application/json\n  body:\n    type: json\n    content: \'{"a": 1}\'\n',
    });
    expect((collection.item as Node[])[0]?.response).toEqual([
      { name: 'OK', originalRequest: { method: 'GET', url: 'https://x/y', header: [] }, status: 'OK', code: 200, header: [{ key: 'Content-Type', value: 'application/json' }], body: '{"a": 1}' },
    ]);
  });

  it('reads a v3 environment (enabled flags and types kept)', () => {
    const env = readV3Environment("name: Sandbox\nvalues:\n  - key: a\n    value: '1'\n    enabled: true\n    type: default\n  - key: s\n    value: x\n    enabled: false\n    type: secret\n", 'Sandbox.environment.yaml');
    expect(env).toEqual({ ok: true, value: { name: 'Sandbox', values: [{ key: 'a', value: '1', type: 'default', enabled: true }, { key: 's', value: 'x', type: 'secret', enabled: false }] } });
    expect(readV3Environment('name: x\n', 'x.environment.yaml')).toEqual({ ok: false, error: 'x.environment.yaml is not a Postman environment (no "values" list)' });
  });
});

describe('bad input: one line each', () => {
  it('skips a $kind Newman cannot run with one line per file, never silently', async () => {
    const root = onDisk({
      '.resources/definition.yaml': DEF,
      'ok.request.yaml': req(''),
      'Tool.request.yaml': '$kind: mcp-request\nurl: https://x/mcp\n',
      'Stream.request.yaml': '$kind: grpc-request\nurl: grpc://x\n',
      'Live.request.yaml': '$kind: websocket-request\nurl: wss://x\n',
      'F/.resources/definition.yaml': '$kind: collection\nscripts:\n  - type: grpc:beforeInvoke\n    code: x\n',
    });
    const loaded = await loadCollection(root);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.version).toBe('3.0.0');
    expect(loaded.collection.items.count()).toBe(2);
    expect(loaded.warnings.map((w) => w.replace(root, 'ROOT'))).toEqual([
      'skipped ROOT/Live.request.yaml: $kind websocket-request cannot run in Newman (only http-request and graphql-request)',
      'skipped ROOT/Stream.request.yaml: $kind grpc-request cannot run in Newman (only http-request and graphql-request)',
      'skipped ROOT/Tool.request.yaml: $kind mcp-request cannot run in Newman (only http-request and graphql-request)',
      'skipped a grpc:beforeInvoke script in ROOT/F/.resources/definition.yaml: Newman runs only beforeRequest and afterResponse (http:) scripts',
    ]);
  });

  it('names the file, line and column of invalid YAML', async () => {
    const root = onDisk({ '.resources/definition.yaml': DEF, 'Broken.request.yaml': '$kind: http-request\nmethod: GET\nurl: {{base}}/x\n' });
    const read = await readV3Collection(root);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error).toMatch(new RegExp(`^${root}/Broken\\.request\\.yaml:3:\\d+: invalid YAML: `));
    expect(read.error).not.toContain('\n');
  });

  it('refuses a directory that is not a collection, a request file, and a folder of a collection', async () => {
    const empty = onDisk({ 'README.md': '# nothing here\n' });
    expect(await loadCollection(empty)).toEqual({ ok: false, error: `${empty} is not a Postman collection directory (no .resources/definition.yaml and no *.request.yaml files)` });
    const root = onDisk({ '.resources/definition.yaml': DEF, 'F/r.request.yaml': req('') });
    expect(await loadCollection(join(root, 'F/r.request.yaml'), '/')).toMatchObject({ ok: false, error: expect.stringMatching(/F\/r\.request\.yaml is one request of the collection .*Demo: give --collection that directory$/) });
    expect(await loadCollection(join(root, 'F'), '/')).toMatchObject({ ok: false, error: expect.stringMatching(/F is a folder of the collection .*Demo: give --collection that directory/) });
    const lone = join(onDisk({ 'lone.request.yaml': req('') }), 'lone.request.yaml');
    expect(await loadCollection(lone)).toEqual({ ok: false, error: `${lone} is a request file outside any collection (no .resources/definition.yaml above it): give the collection directory` });
  });

  it('refuses examples paths that leave the collection root', () => {
    for (const path of ['../../outside', '/etc', './../../x', 'C:/Windows']) {
      const result = v3ToV21(new Map([['.resources/definition.yaml', DEF], ['F/r.request.yaml', req(`examples: '${path}'\n`)]]), 'Demo', (p) => `Demo/${p}`);
      expect(result, path).toEqual({ ok: false, error: `Demo/F/r.request.yaml: examples path "${path}" leaves the collection root (refused)` });
    }
    // Inside the root, even up a level, is allowed.
    expect(v3ToV21(new Map([['.resources/definition.yaml', DEF], ['F/r.request.yaml', req("examples: '../.resources/x'\n")]]), 'Demo').ok).toBe(true);
  });

  it('refuses names that differ only in case', () => {
    const result = v3ToV21(new Map([['.resources/definition.yaml', DEF], ['Points/Balance.request.yaml', req('')], ['points/other.request.yaml', req('')]]), 'Demo', (p) => `Demo/${p}`);
    expect(result).toEqual({ ok: false, error: 'Demo/Points and Demo/points: names that differ only in case (a collection must check out the same on every file system)' });
    const files = v3ToV21(new Map([['.resources/definition.yaml', DEF], ['Balance.request.yaml', req('')], ['balance.request.yaml', req('')]]), 'Demo', (p) => `Demo/${p}`);
    expect(files).toMatchObject({ ok: false, error: expect.stringContaining('Demo/Balance.request.yaml and Demo/balance.request.yaml: names that differ only in case') });
  });

  it('refuses a definition of another kind, a request without $kind or url, and an unknown body type', () => {
    const one = (files: Record<string, string>) => v3ToV21(new Map(Object.entries(files)), 'Demo');
    expect(one({ '.resources/definition.yaml': '$kind: environment\n' })).toEqual({ ok: false, error: '.resources/definition.yaml: not a collection definition (expected $kind: collection)' });
    expect(one({ 'r.request.yaml': 'method: GET\n' })).toEqual({ ok: false, error: 'r.request.yaml: not a request (no $kind; expected $kind: http-request)' });
    expect(one({ 'r.request.yaml': '$kind: http-request\nmethod: GET\n' })).toEqual({ ok: false, error: 'r.request.yaml: the request has no "url"' });
    expect(one({ 'r.request.yaml': req('body:\n  type: protobuf\n') })).toMatchObject({ ok: false, error: expect.stringMatching(/^r\.request\.yaml: body type "protobuf" is not one of json, text/) });
  });
});
