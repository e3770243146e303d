// What Postman's own tooling says of the v3 directories this project writes: `postman collection lint`
// (the Postman CLI, npm postman-cli; it lints offline, without a login) finds no error in the shipped v3
// collection, the partner-style fixture, what `myvalue inject DIR` writes or what `myvalue convert --to v3`
// makes of the shipped JSON. A broken file shows the linter can fail. The CLI is not a dependency (its
// other platforms' binaries are not on the npm registry, which breaks `npm ci`): MYVALUE_POSTMAN_CLI names
// it, .ci/run installs it; without it the tests are skipped, saying so, unless MYVALUE_REQUIRE_POSTMAN_CLI=1.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const require = createRequire(import.meta.url);

/** The Postman CLI's entry: MYVALUE_POSTMAN_CLI, else one installed beside the project; undefined when none. */
function postmanCli(): string | undefined {
  const given = process.env.MYVALUE_POSTMAN_CLI;
  if (given !== undefined && given !== '') return existsSync(given) ? given : undefined;
  try {
    return require.resolve('postman-cli/bin/postman.js');
  } catch {
    return undefined;
  }
}

const POSTMAN = postmanCli();
const REQUIRED = process.env.MYVALUE_REQUIRE_POSTMAN_CLI === '1';
if (POSTMAN === undefined && !REQUIRED) {
  console.warn('skipping test/v3/postman-lint.test.ts (Postman\'s own linter): no Postman CLI; install it with `npm install --no-save --prefix /tmp/postman-cli postman-cli@1.34.0` and set MYVALUE_POSTMAN_CLI=/tmp/postman-cli/node_modules/postman-cli/bin/postman.js');
}
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

/** `postman collection lint DIR -r json`, offline (HOME of its own, so no stored login is read). */
function lint(dir: string): Lint {
  const home = tempDir('myvalue-postman-home-');
  if (POSTMAN === undefined) throw new Error('no Postman CLI: set MYVALUE_POSTMAN_CLI (see .ci/run)');
  const result = spawnSync(process.execPath, [POSTMAN, 'collection', 'lint', dir, '-r', 'json'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, HOME: home, POSTMAN_API_KEY: '' } });
  const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as Omit<Lint, 'code'>;
  return { code: result.status, ...report };
}

const clean = (report: Lint): void => {
  expect(report.diagnostics).toEqual([]);
  expect(report).toMatchObject({ code: 0, errorCount: 0, warningCount: 0 });
};

describe.skipIf(POSTMAN === undefined && !REQUIRED)('postman collection lint (the Postman CLI) on the v3 this project writes', () => {
  it('the shipped v3 collection: no error, no warning, every file scanned', () => {
    const report = lint(SHIPPED_V3);
    clean(report);
    expect(report.filesScanned).toBeGreaterThanOrEqual(45);
  });

  it('the partner-style fixture, and what myvalue inject DIR writes of it (the signing hook in each beforeRequest)', async () => {
    clean(lint(PARTNER));
    const out = join(tempDir('myvalue-lint-inject-'), 'signed');
    expect((await runCli(['inject', PARTNER, '--out', out])).code).toBe(0);
    clean(lint(out));
  });

  it('what myvalue convert --to v3 makes of the shipped JSON', async () => {
    const out = join(tempDir('myvalue-lint-convert-'), 'v3');
    expect((await runCli(['convert', SHIPPED_JSON, '--to', 'v3', '--out', out])).code).toBe(0);
    clean(lint(out));
  });

  it('a request whose method is a number is an error, exit 1: the linter can fail', () => {
    const dir = join(tempDir('myvalue-lint-broken-'), 'broken');
    cpSync(SHIPPED_V3, dir, { recursive: true });
    const folder = join(dir, readdirSync(dir).find((name) => !name.startsWith('.')) as string);
    const file = join(folder, readdirSync(folder).find((name) => name.endsWith('.request.yaml')) as string);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^method: .*$/m, 'method: 12'));
    const report = lint(dir);
    expect(report.code).toBe(1);
    expect(report.errorCount).toBe(1);
    expect(report.diagnostics[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('/method'), filePath: file });
  });
});
