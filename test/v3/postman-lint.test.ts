// What Postman's own tooling says of the v3 directories this project writes: `postman collection lint`
// (the Postman CLI, npm postman-cli; it lints offline, without a login) finds no error in the shipped v3
// collection, the partner-style fixture, what `myvalue inject DIR` writes or what `myvalue convert --to v3`
// makes of the shipped JSON, or what the writer makes of generated collections. They are linted in one
// start of the CLI (about 2 s of CPU each; it names each diagnostic's file, so each test reads its own). A
// broken file, linted alone, shows the linter can fail. Where the CLI comes from, and when these tests are
// skipped: test/helpers/postman-cli.ts.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import sdk from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { v21ToV3 } from '../../src/collection/v3/v21-to-v3';
import { writeV3Collection } from '../../src/collection/v3/write-v3-collection';
import { runCli } from '../helpers/cli';
import { noticeSkipped, postmanLint, postmanLintEach, requestFiles, skipPostmanCli, type PostmanLintBatch } from '../helpers/postman-cli';
import { fileTempDir, tempDir } from '../helpers/temp-dir';
import { collectionOf } from './collection-shape';

noticeSkipped('test/v3/postman-lint.test.ts');
const ROOT = new URL('../../', import.meta.url).pathname;
const SHIPPED_V3 = join(ROOT, 'collections/v3/MyValue Partner');
const SHIPPED_JSON = join(ROOT, 'collections/myvalue-partner.postman_collection.json');
const PARTNER = join(ROOT, 'test/fixtures/v3/partner-style');
/** Generated collections, and the seed that makes them again. */
const GENERATED = 6;
const SEED = Date.now() % 2 ** 31;
const work = fileTempDir('myvalue-lint-');

interface Batch {
  lint: PostmanLintBatch;
  /** Exit codes of the commands that wrote a directory. */
  codes: Record<string, number>;
  generated: unknown[];
}

let batch: Promise<Batch> | undefined;
/** Writes every directory and lints them all, once for the file's tests. */
function linted(): Promise<Batch> {
  batch ??= (async () => {
    const dir = work();
    const inject = join(dir, 'inject');
    const convert = join(dir, 'convert');
    const codes = {
      inject: (await runCli(['inject', PARTNER, '--out', inject])).code,
      convert: (await runCli(['convert', SHIPPED_JSON, '--to', 'v3', '--out', convert])).code,
    };
    const generated = fc.sample(collectionOf(), { numRuns: GENERATED, seed: SEED });
    const dirs: Record<string, string> = { shipped: SHIPPED_V3, partner: PARTNER, inject, convert };
    for (const [i, collection] of generated.entries()) {
      const out = join(dir, `generated-${i}`);
      const written = await writeV3Collection(v21ToV3(new sdk.Collection(JSON.parse(JSON.stringify(collection))).toJSON()), out);
      codes[`generated-${i}` as keyof typeof codes] = written.ok ? 0 : 1;
      dirs[`generated-${i}`] = out;
    }
    return { lint: await postmanLintEach(dirs, join(dir, 'batch')), codes, generated };
  })();
  return batch;
}

describe.skipIf(skipPostmanCli)('postman collection lint (the Postman CLI) on the v3 this project writes', () => {
  it('the shipped v3 collection: no error, no warning, every file scanned', async () => {
    const { lint } = await linted();
    expect(lint.of.shipped).toEqual([]);
    expect(requestFiles(SHIPPED_V3)).toBeGreaterThanOrEqual(45);
    expect(lint.filesScanned).toBe(lint.requestFiles);
  });

  it('the partner-style fixture, and what myvalue inject DIR writes of it (the signing hook in each beforeRequest)', async () => {
    const { lint, codes } = await linted();
    expect(codes.inject).toBe(0);
    expect(lint.of.partner).toEqual([]);
    expect(lint.of.inject).toEqual([]);
    expect(requestFiles(join(lint.parent, 'inject'))).toBe(requestFiles(PARTNER));
  });

  it('what myvalue convert --to v3 makes of the shipped JSON', async () => {
    const { lint, codes } = await linted();
    expect(codes.convert).toBe(0);
    expect(lint.of.convert).toEqual([]);
    expect(requestFiles(join(lint.parent, 'convert'))).toBe(requestFiles(SHIPPED_V3));
  });

  it('what the writer makes of generated collections (the shapes the round trip covers: folders, scripts, bodies, auth, examples)', async () => {
    const { lint, codes, generated } = await linted();
    for (const [i, collection] of generated.entries()) {
      const why = `generated collection ${i} of fc.sample(collectionOf(), { numRuns: ${GENERATED}, seed: ${SEED} }): ${JSON.stringify(collection)}`;
      expect(codes[`generated-${i}`], why).toBe(0);
      expect(lint.of[`generated-${i}`], why).toEqual([]);
    }
  });

  it('one lint of them all: exit 0, no error, no warning', async () => {
    const { lint } = await linted();
    expect(lint.diagnostics).toEqual([]);
    expect(lint).toMatchObject({ code: 0, errorCount: 0, warningCount: 0 });
  });

  it('a request whose method is a number is an error, exit 1: the linter can fail', async () => {
    const dir = join(tempDir('myvalue-lint-broken-'), 'broken');
    cpSync(SHIPPED_V3, dir, { recursive: true });
    const folder = join(dir, readdirSync(dir).find((name) => !name.startsWith('.')) as string);
    const file = join(folder, readdirSync(folder).find((name) => name.endsWith('.request.yaml')) as string);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^method: .*$/m, 'method: 12'));
    const report = await postmanLint(dir);
    expect(report.code).toBe(1);
    expect(report.errorCount).toBe(1);
    expect(report.diagnostics[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('/method'), filePath: file });
  });
});
