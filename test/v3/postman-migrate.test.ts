// What Postman's own writer makes, the harness reads: `postman collection migrate` (the Postman CLI; it
// writes collection schema 3.0.0 offline, as the Postman app v12 does) turns v2.1 collections into v3
// directories, and the harness reads them back as the same collections. That is the shipped collection,
// run to the same results as its JSON, and generated ones with folders, scripts at every level, bodies,
// query, headers and auth. Postman's writer writes maps (variables, headers, form fields) where it can,
// folded (`>-`) script code, auth as a list of `credentials`, and leaves out a name its file name gives.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import sdk from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { loadCollection } from '../../src/collection/load-collection';
import { shippedFile } from '../../src/shared/package-files';
import { runCli } from '../helpers/cli';
import { shippedRun } from '../helpers/shared-runs';
import { noticeSkipped, postmanCli, skipPostmanCli } from '../helpers/postman-cli';
import { tempDir } from '../helpers/temp-dir';
import { collectionOf, shape, word, type Json } from './collection-shape';

noticeSkipped('test/v3/postman-migrate.test.ts');
const SHIPPED = shippedFile('collections/myvalue-partner.postman_collection.json');

/** `postman collection migrate FILE -o DIR`; the directory it wrote. */
async function migrate(file: string): Promise<string> {
  const out = join(tempDir('myvalue-migrate-'), 'v3');
  const result = await postmanCli(['collection', 'migrate', file, '-o', out]);
  expect(result, result.stderr).toMatchObject({ code: 0 });
  expect(existsSync(join(out, '.resources', 'definition.yaml'))).toBe(true);
  return out;
}

/** The collection the harness reads from `dir`, as v2.1 JSON; no warning. */
async function read(dir: string): Promise<Json> {
  const loaded = await loadCollection(dir);
  if (!loaded.ok) throw new Error(loaded.error);
  expect(loaded.version).toBe('3.0.0');
  expect(loaded.warnings).toEqual([]);
  return loaded.collection.toJSON() as Json;
}

/**
 * What Postman's writer keeps of a v2.1 collection, found by running it: it drops empty scripts and the
 * descriptions of collection variables (it writes them as a map). The harness cannot read what is not
 * in the files.
 */
function keptByPostman(json: Json): Json {
  const node = (n: Json): Json => ({
    ...n,
    event: (n.event ?? []).filter((e: Json) => [e.script?.exec ?? []].flat().join('\n') !== ''),
    ...(Array.isArray(n.item) ? { item: n.item.map(node) } : {}),
  });
  const { info, variable, ...rest } = node(json);
  return { ...rest, info, variable: (variable ?? []).map(({ description: _, ...v }: Json) => v) };
}

const v21 = (json: unknown): Json => new sdk.Collection(JSON.parse(JSON.stringify(json))).toJSON() as Json;

describe.skipIf(skipPostmanCli)("postman collection migrate (Postman's own v3 writer), read by the harness", () => {
  it('the shipped collection: the same requests, scripts, variables and order, run to the same results as its JSON', async () => {
    const json = v21(JSON.parse(readFileSync(SHIPPED, 'utf8')));
    const dir = await migrate(SHIPPED);
    // Postman's writer really wrote its own forms: a header map, folded script code, no name a file gives.
    const exchange = readFileSync(join(dir, 'Auth & SSO', 'Exchange the code for tokens.request.yaml'), 'utf8');
    expect(exchange).toMatch(/^headers:\n {2}Content-Type: application\/json$/m);
    expect(exchange).toMatch(/^ {4}code: >-$/m);
    expect(exchange).not.toMatch(/^name:/m);
    expect(shape(await read(dir))).toEqual(shape(keptByPostman(json)));

    // One after the other: a run against msw intercepts this process's requests for its duration. The
    // JSON's is `myvalue run --target msw` of the shipped collection, shared in this worker.
    const runs = [];
    for (const collection of [SHIPPED, dir]) {
      const shared = collection === SHIPPED ? await shippedRun() : undefined;
      const out = shared?.reportsDir ?? join(tempDir('myvalue-migrate-run-'), 'reports');
      const cli = shared ?? (await runCli(['run', '--collection', collection, '--target', 'msw', '--out', out]));
      expect(cli.code, cli.err.join('\n')).toBe(0);
      const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { totals: { assertions: number; failedAssertions: number }; requests: Array<{ folder?: string; name: string; status?: number; assertions: Array<{ name: string; passed: boolean }> }> };
      runs.push({ totals: report.totals, requests: report.requests.map((r) => [r.folder, r.name, r.status, r.assertions.map((a) => [a.name, a.passed])]) });
    }
    const [fromJson, fromMigrated] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(fromJson.totals.failedAssertions).toBe(0);
    expect(fromJson.totals.assertions).toBeGreaterThan(150);
    expect(fromMigrated).toEqual(fromJson);
  }, 60_000);

  // What Postman's writer cannot write is left out of what it is given here (this project's writer handles
  // it all: test/v3/v3-round-trip.test.ts). It places a folder named ".resources" in the collection's own
  // .resources directory, one named ".." above it, and one named "." in its parent's own directory, whose
  // definition it overwrites (the parent loses its name and scripts); it drops a name's end spaces when the
  // file name (which cannot end in one) gives the rest; it writes maps as JS objects, which put keys like
  // "87" first.
  const named = (name: string): boolean => !['.resources', '..', '.'].includes(name) && (name.trim() === name || name.trim() === '');
  const generated = collectionOf({ named, keys: word.filter((key) => !/^(0|[1-9]\d*)$/.test(key)) });

  it('generated collections: every request, script, variable, header, body and the order', async () => {
    await fc.assert(
      fc.asyncProperty(generated, async (collection) => {
        const json = v21(collection);
        const file = join(tempDir('myvalue-migrate-src-'), 'generated.postman_collection.json');
        writeFileSync(file, JSON.stringify(json));
        expect(shape(await read(await migrate(file)))).toEqual(shape(keptByPostman(json)));
      }),
      // Each run is a migrate of about 2 s: the first counterexample is reported as found, not shrunk.
      { numRuns: 8, endOnFailure: true },
    );
  }, 120_000);
});
