// What Newman reads, the harness reads: an environment, a collection or iteration data with a UTF-8 byte
// order mark or in UTF-16 (Newman's bom-in-environment-file and utf16-le-encoding-in-env), and a v2
// collection with its `name` at the top level and no `info` (Newman's inherited-entities).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCollection } from '../../src/collection/load-collection';
import { prepare } from '../../src/run/prepare-run';
import { decodeText } from '../../src/shared/decode-text';
import { tempDir } from '../helpers/temp-dir';

const ENVIRONMENT = { name: 'Staging', values: [{ key: 'serviceHostName', value: 'localhost', enabled: true }, { key: 'greeting', value: 'Halo, dunia é', enabled: true }], _postman_variable_scope: 'environment' };
const V3_ENVIRONMENT = 'name: Staging\nvalues:\n  - key: serviceHostName\n    value: localhost\n  - key: greeting\n    value: Halo, dunia é\n';

/** Text as bytes in one of the encodings Windows editors write. */
const ENCODINGS: Record<string, (text: string) => Buffer> = {
  'UTF-8 with a byte order mark': (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
  'UTF-16 LE (with its mark)': (text) => Buffer.from(`\uFEFF${text}`, 'utf16le'),
  'UTF-16 BE (with its mark)': (text) => Buffer.from(`\uFEFF${text}`, 'utf16le').swap16(),
};

function write(name: string, bytes: Buffer): string {
  const file = join(tempDir('myvalue-encoding-'), name);
  writeFileSync(file, bytes);
  return file;
}

describe('files in the encodings Newman reads', () => {
  it.each(Object.keys(ENCODINGS))('an environment file in %s gives its values to the run', async (encoding) => {
    const encode = ENCODINGS[encoding] as (text: string) => Buffer;
    for (const [name, text] of [['staging.postman_environment.json', JSON.stringify(ENVIRONMENT, null, 2)], ['Staging.environment.yaml', V3_ENVIRONMENT]] as const) {
      const prepared = await prepare({ target: 'mock', env: {}, environment: write(name, encode(text)) });
      if (!prepared.ok) throw new Error(prepared.error);
      expect(prepared.value.baseValues.map((v) => [v.key, v.value])).toEqual([
        ['serviceHostName', 'localhost'],
        ['greeting', 'Halo, dunia é'],
      ]);
    }
  });

  it.each(Object.keys(ENCODINGS))('a collection and iteration data in %s are read', async (encoding) => {
    const encode = ENCODINGS[encoding] as (text: string) => Buffer;
    const collection = { info: { name: 'Encoded é', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'Get', request: 'http://postman-echo.com/get?q={{greeting}}' }] };
    const file = write('encoded.postman_collection.json', encode(JSON.stringify(collection)));
    const loaded = await loadCollection(file);
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.collection.name).toBe('Encoded é');
    const data = write('rows.json', encode(JSON.stringify([{ greeting: 'halo' }])));
    const prepared = await prepare({ target: 'mock', env: {}, collection: file, iterationData: data });
    if (!prepared.ok) throw new Error(prepared.error);
    // Newman gets the rows as read here: it knows UTF-16 BE by its mark but cannot decode it.
    expect(prepared.value.iterationRows).toEqual([{ greeting: 'halo' }]);
  });

  it('decodes by the byte order mark, which is not part of the text; without one, UTF-8', () => {
    for (const encode of Object.values(ENCODINGS)) expect(decodeText(encode('{"a":"é"}'))).toBe('{"a":"é"}');
    expect(decodeText(Buffer.from('{"a":"é"}'))).toBe('{"a":"é"}');
  });
});

describe('a v2 collection with its name at the top level and no info (Newman runs it)', () => {
  const collection = {
    name: 'Inherited entities, our own',
    variable: [{ key: 'collection-var', value: 'collection level variable' }],
    auth: { type: 'basic', basic: [{ key: 'username', value: 'postman' }, { key: 'password', value: 'made-up-password' }] },
    event: [{ listen: 'prerequest', script: { exec: ["pm.environment.set('collectionScriptURL', 'http://postman-echo.com/get?test=collection_script');"] } }],
    item: [
      { name: 'Folder', item: [{ name: 'Variables', request: 'http://postman-echo.com/get?v={{collection-var}}' }] },
      { name: 'Auth override', request: { url: 'http://postman-echo.com/basic-auth', auth: { type: 'noauth' } } },
    ],
  };

  it('loads with its name, variables, auth, scripts and requests', async () => {
    const loaded = await loadCollection(write('inherited.postman_collection.json', Buffer.from(JSON.stringify(collection))));
    if (!loaded.ok) throw new Error(loaded.error);
    const json = loaded.collection.toJSON() as { info?: { name?: string }; variable?: Array<{ key: string; value: unknown }>; auth?: { type: string }; event?: unknown[]; item?: Array<{ name: string }> };
    expect(loaded.version).toBe('2.1.0');
    expect(json.info?.name).toBe('Inherited entities, our own');
    expect(json.variable?.map((v) => [v.key, v.value])).toEqual([['collection-var', 'collection level variable']]);
    expect(json.auth?.type).toBe('basic');
    expect(json.event).toHaveLength(1);
    expect(json.item?.map((i) => i.name)).toEqual(['Folder', 'Auth override']);
  });

  it('an object with an "item" list that is not a list of items is still refused in one line', async () => {
    const loaded = await loadCollection(write('odd.json', Buffer.from(JSON.stringify({ item: 'x' }))));
    expect(loaded).toEqual({ ok: false, error: expect.stringMatching(/is not a Postman collection \(expected an "item" list, or a v1 "requests" list\)$/) });
  });
});
