// A v3 collection written by the Postman app, from a public repository (test/fixtures/v3/public/README.md):
// it loads, converts to v2.1 and back, and its environment reads. Skipped when the copy is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCollection } from '../../src/collection/load-collection';
import { readV3Environment } from '../../src/collection/v3/v3-environment';
import { v21ToV3 } from '../../src/collection/v3/v21-to-v3';
import { v3ToV21 } from '../../src/collection/v3/v3-to-v21';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const DIR = fileURLToPath(new URL('../fixtures/v3/public/library-api', import.meta.url));
const ENV = fileURLToPath(new URL('../fixtures/v3/public/library-api.environment.yaml', import.meta.url));
const present = existsSync(join(DIR, '.resources', 'definition.yaml'));
if (!present) console.warn('skipping test/v3/v3-public.test.ts (a v3 collection written by the Postman app): its copy is absent, as its repository has no licence to commit it; test/fixtures/v3/public/README.md says how to get it');

describe.skipIf(!present)('DannyDainton/library-api "Library API" (v3, written by Postman v12)', () => {
  it('loads: six requests in order, named by their files, with their examples and the collection test script', async () => {
    const loaded = await loadCollection(DIR);
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.version).toBe('3.0.0');
    expect(loaded.warnings).toEqual([]);
    const json = loaded.collection.toJSON() as { item: Array<{ name: string; request: { method: string }; response: unknown[] }>; event: Array<{ listen: string }>; variable: Array<{ key: string; value: unknown }> };
    expect(json.item.map((i) => [i.name, i.request.method, i.response.length])).toEqual([
      ['Get Book', 'GET', 1],
      ['Search Books', 'GET', 1],
      ['Get All Books', 'GET', 1],
      ['Create Book', 'POST', 1],
      ['Update Book', 'PUT', 1],
      ['Delete Book', 'DELETE', 1],
    ]);
    expect(json.event.map((e) => e.listen)).toEqual(['test']);
    expect(json.variable).toMatchObject([{ key: 'bookId', value: '119-7876' }]);
    expect(loaded.collection.toJSON().item?.length).toBe(6);
  });

  it('converts to v2.1 and back to v3 with the same requests, and its environment reads', async () => {
    const out = join(tempDir('myvalue-v3-public-'), 'library.postman_collection.json');
    const cli = await runCli(['convert', DIR, '--to', 'v2.1', '--out', out]);
    expect(cli.out).toEqual([`wrote ${out} (v2.1, one file): 6 requests from v3.0.0`]);
    const again = v3ToV21(v21ToV3(JSON.parse(readFileSync(out, 'utf8'))), 'Library API');
    if (!again.ok) throw new Error(again.error);
    expect(again.value.collection.item.map((i) => (i as { name: string }).name)).toEqual(['Get Book', 'Search Books', 'Get All Books', 'Create Book', 'Update Book', 'Delete Book']);
    expect(readV3Environment(readFileSync(ENV, 'utf8'), ENV)).toEqual({ ok: true, value: { name: 'Library API Environment', values: [{ key: 'baseUrl', value: 'http://localhost:4500', type: 'default', enabled: true }] } });
  });
});

it.runIf(!present)('the public v3 fixture is not here: see test/fixtures/v3/public/README.md to fetch it', () => {
  expect(present).toBe(false);
});
