// What Postman's own tooling says of the v3 directories this project writes: `postman collection lint`
// (the Postman CLI, npm postman-cli; it lints offline, without a login) finds no error in the shipped v3
// collection, the partner-style fixture, what `myvalue inject DIR` writes or what `myvalue convert --to v3`
// makes of the shipped JSON. A broken file shows the linter can fail. Where the CLI comes from, and when
// these tests are skipped: test/helpers/postman-cli.ts.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import sdk from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { v21ToV3 } from '../../src/collection/v3/v21-to-v3';
import { writeV3Collection } from '../../src/collection/v3/write-v3-collection';
import { runCli } from '../helpers/cli';
import { noticeSkipped, postmanCli, skipPostmanCli } from '../helpers/postman-cli';
import { tempDir } from '../helpers/temp-dir';
import { collectionOf } from './collection-shape';

noticeSkipped('test/v3/postman-lint.test.ts');
const ROOT = new URL('../../', import.meta.url).pathname;
const SHIPPED_V3 = join(ROOT, 'collections/v3/MyValue Partner');
const SHIPPED_JSON = join(ROOT, 'collections/myvalue-partner.postman_collection.json');
const PARTNER = join(ROOT, 'test/fixtures/v3/partner-style');

interface Lint {
  code: number | null;
  errorCount: number;
  warningCount: number;
  filesScanned: number;
  diagnostics: Array<{ ruleId: string; severity: string; message: string; filePath: string }>;
}

/** `postman collection lint DIR -r json`, offline. */
async function lint(dir: string): Promise<Lint> {
  const result = await postmanCli(['collection', 'lint', dir, '-r', 'json']);
  const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as Omit<Lint, 'code'>;
  return { code: result.code, ...report };
}

const clean = (report: Lint): void => {
  expect(report.diagnostics).toEqual([]);
  expect(report).toMatchObject({ code: 0, errorCount: 0, warningCount: 0 });
};

describe.skipIf(skipPostmanCli)('postman collection lint (the Postman CLI) on the v3 this project writes', () => {
  it('the shipped v3 collection: no error, no warning, every file scanned', async () => {
    const report = await lint(SHIPPED_V3);
    clean(report);
    expect(report.filesScanned).toBeGreaterThanOrEqual(45);
  });

  it('the partner-style fixture, and what myvalue inject DIR writes of it (the signing hook in each beforeRequest)', async () => {
    clean(await lint(PARTNER));
    const out = join(tempDir('myvalue-lint-inject-'), 'signed');
    expect((await runCli(['inject', PARTNER, '--out', out])).code).toBe(0);
    clean(await lint(out));
  });

  it('what myvalue convert --to v3 makes of the shipped JSON', async () => {
    const out = join(tempDir('myvalue-lint-convert-'), 'v3');
    expect((await runCli(['convert', SHIPPED_JSON, '--to', 'v3', '--out', out])).code).toBe(0);
    clean(await lint(out));
  });

  it('what the writer makes of generated collections (the shapes the round trip covers: folders, scripts, bodies, auth, examples)', async () => {
    await fc.assert(
      fc.asyncProperty(collectionOf(), async (generated) => {
        const out = join(tempDir('myvalue-lint-generated-'), 'v3');
        const written = await writeV3Collection(v21ToV3(new sdk.Collection(JSON.parse(JSON.stringify(generated))).toJSON()), out);
        expect(written.ok).toBe(true);
        clean(await lint(out));
      }),
      // Each lint is a process of about 2 s: the first counterexample is reported as found, not shrunk.
      { numRuns: 6, endOnFailure: true },
    );
  }, 120_000);

  it('a request whose method is a number is an error, exit 1: the linter can fail', async () => {
    const dir = join(tempDir('myvalue-lint-broken-'), 'broken');
    cpSync(SHIPPED_V3, dir, { recursive: true });
    const folder = join(dir, readdirSync(dir).find((name) => !name.startsWith('.')) as string);
    const file = join(folder, readdirSync(folder).find((name) => name.endsWith('.request.yaml')) as string);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^method: .*$/m, 'method: 12'));
    const report = await lint(dir);
    expect(report.code).toBe(1);
    expect(report.errorCount).toBe(1);
    expect(report.diagnostics[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('/method'), filePath: file });
  });
});
