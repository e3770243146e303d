// A request body read from a file (v3 `body: {type: file, src}`, v2.1 `mode: file` or a form-data field
// of type file) is read only inside the collection's directory: a path that leaves it is refused in one
// line, exit 2, before anything is sent (a collection could otherwise send any file the user can read).
// A file inside is sent.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { V21_SCHEMA } from '../../src/collection/v3/v3-to-v21';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { startCaptureServer, type CaptureServer } from './capture-server';

const OUTSIDE = 'made-up-outside-file-content-51c7e2';
const INSIDE = 'made-up-inside-file-content-0b94aa';

let server: CaptureServer;
beforeEach(async () => {
  server = await startCaptureServer();
});
afterEach(() => server.close());

/** A directory with a file outside the collection (`outside.txt`) and the collection's own directory `collection/`. */
function layout(): { dir: string; collection: string; outside: string } {
  const dir = tempDir('myvalue-file-body-');
  const collection = join(dir, 'collection');
  mkdirSync(join(collection, 'files'), { recursive: true });
  writeFileSync(join(dir, 'outside.txt'), OUTSIDE);
  writeFileSync(join(collection, 'files', 'inside.txt'), INSIDE);
  return { dir, collection, outside: join(dir, 'outside.txt') };
}

/** A v3 collection of one request whose body is `body` (YAML). */
function v3(root: string, body: string): string {
  mkdirSync(join(root, '.resources'), { recursive: true });
  writeFileSync(join(root, '.resources', 'definition.yaml'), '$kind: collection\nname: Files\n');
  writeFileSync(join(root, 'Upload.request.yaml'), `$kind: http-request\nname: Upload\nmethod: POST\nurl: "{{externalBaseUrl}}/upload"\nbody:\n${body}\n`);
  return root;
}

/** A v2.1 collection file in `root` of one request whose body is `body`. */
function v21(root: string, body: object): string {
  const file = join(root, 'files.postman_collection.json');
  writeFileSync(file, JSON.stringify({ info: { name: 'Files', schema: V21_SCHEMA }, item: [{ name: 'Upload', request: { method: 'POST', url: '{{externalBaseUrl}}/upload', body } }] }));
  return file;
}

const run = (collection: string, dir: string): ReturnType<typeof runCli> =>
  runCli(['run', '--collection', collection, '--target', server.url, '--client-id', 'MADEUP', '--client-secret', 'made-up-secret-9d2c', '--no-contract', '--out', join(dir, 'reports')]);

const sent = (): string => server.requests.map((r) => r.body).join('\n');

describe('a file outside the collection', () => {
  it.each([
    ['v3 body type file, an absolute path', (l: ReturnType<typeof layout>) => v3(l.collection, `  type: file\n  content:\n    src: ${JSON.stringify(l.outside)}`)],
    ['v3 body type file, ../ out of the directory', (l: ReturnType<typeof layout>) => v3(l.collection, '  type: file\n  content:\n    src: ../outside.txt')],
    ['v3 form-data field of type file', (l: ReturnType<typeof layout>) => v3(l.collection, `  type: formdata\n  content:\n    - key: upload\n      type: file\n      src: ${JSON.stringify(l.outside)}`)],
    ['v2.1 mode file', (l: ReturnType<typeof layout>) => v21(l.collection, { mode: 'file', file: { src: l.outside } })],
    ['v2.1 form-data src as a list', (l: ReturnType<typeof layout>) => v21(l.collection, { mode: 'formdata', formdata: [{ key: 'upload', type: 'file', src: ['files/inside.txt', '../outside.txt'] }] })],
    ['a symbolic link inside pointing outside', (l: ReturnType<typeof layout>) => {
      symlinkSync(l.outside, join(l.collection, 'files', 'link.txt'));
      return v21(l.collection, { mode: 'file', file: { src: 'files/link.txt' } });
    }],
  ])('%s: one line naming the request and the file, exit 2, nothing sent', async (_name, make) => {
    const l = layout();
    const result = await run(make(l), l.dir);
    expect(sent()).not.toContain(OUTSIDE);
    expect(result.code).toBe(2);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^myvalue: request "Upload" reads the file .*(?:outside|link)\.txt.* for its body, outside the collection's directory .*collection: a run reads files only inside it/);
    expect(server.requests).toEqual([]);
  });
});

describe('a file inside the collection', () => {
  it('v3 body type file, relative to the collection root: sent as the body', async () => {
    const l = layout();
    const result = await run(v3(l.collection, '  type: file\n  content:\n    src: files/inside.txt'), l.dir);
    expect(result.code, result.err.join('\n')).toBe(0);
    expect(sent()).toBe(INSIDE);
  });

  it('v2.1 form-data field, relative to the collection file\'s directory: sent', async () => {
    const l = layout();
    const result = await run(v21(l.collection, { mode: 'formdata', formdata: [{ key: 'upload', type: 'file', src: 'files/inside.txt' }] }), l.dir);
    expect(result.code, result.err.join('\n')).toBe(0);
    expect(sent()).toContain(INSIDE);
  });
});

describe('a file a script asks for at run time', () => {
  it('Newman reads nothing outside the collection (workingDir, insecureFileRead: false): not sent, and its warning printed', async () => {
    const l = layout();
    const script = `pm.request.body.update({ mode: 'file', file: { src: ${JSON.stringify(l.outside)} } });`;
    const file = join(l.collection, 'script.postman_collection.json');
    writeFileSync(file, JSON.stringify({ info: { name: 'Files', schema: V21_SCHEMA }, item: [{ name: 'Upload', event: [{ listen: 'prerequest', script: { exec: [script] } }], request: { method: 'POST', url: '{{externalBaseUrl}}/upload', body: { mode: 'raw', raw: 'x' } } }] }));
    const result = await run(file, l.dir);
    expect(sent()).not.toContain(OUTSIDE);
    // Newman's own warning, in the run's output (its CLI reporter wraps it).
    expect(result.out.join('\n')).toMatch(/Binary file load error: PPERM/);
  });
});
