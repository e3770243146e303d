// v3 collections end to end, in process: run signed against the fake behind MSW (nothing leaves the
// process, the sandbox host written out included), inject and convert through the CLI.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { myValueHandlers } from '../../mocks/msw';
import { HOOK_EVENT_ID } from '../../src/collection/hook-script';
import { loadCollection } from '../../src/collection/load-collection';
import { shippedFile } from '../../src/shared/package-files';
import { runCli } from '../helpers/cli';
import { fileTree } from '../helpers/file-tree';
import { shippedRun } from '../helpers/shared-runs';
import { tempDir } from '../helpers/temp-dir';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/v3/${name}`, import.meta.url));
const PARTNER = fixture('partner-style');
const SHIPPED = shippedFile('collections/myvalue-partner.postman_collection.json');

interface RunJson {
  exitCode: number;
  totals: { requests: number; assertions: number; failedAssertions: number };
  requests: Array<{ name: string; folder?: string; status?: number; url?: string; assertions: Array<{ name: string; passed: boolean }> }>;
}

/** `myvalue run` with its reports in a temporary directory; against msw unless args name a target. */
async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[]; report: RunJson }> {
  const out = join(tempDir('myvalue-v3-run-'), 'reports');
  const cli = await runCli(['run', ...(args.includes('--target') ? [] : ['--target', 'msw']), '--out', out, ...args]);
  const file = join(out, 'run.json');
  return { ...cli, report: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunJson) : ({ requests: [] } as unknown as RunJson) };
}

describe('myvalue run --collection DIR (v3)', () => {
  it.each([
    ['msw', /^https:\/\/external\.ovaltech\.id\/service\/point\/\?/],
    // The sandbox host written out goes to the target's, the fake on a port of its own, never to sandbox.
    ['mock', /^http:\/\/127\.0\.0\.1:\d+\/service\/point\/\?/],
  ])('runs the partner-style v3 collection signed against %s: exit 0, every assertion passing, in order', async (target, written) => {
    const r = await run(['--collection', PARTNER, '--target', target, '--environment', fixture('partner-style.environment.yaml')]);
    expect(r.err.filter((line) => !/^(?:PASS: \d+ requests|reports: )/.test(line))).toEqual([
      "1 request names MyValue's host external.ovaltech.id written out: sent to the target's ({{externalBaseUrl}} / {{authBaseUrl}}) instead",
      "client GramediaPOS, secret from the fake's seed",
    ]);
    expect(r.code).toBe(0);
    expect(r.report.requests.map((q) => [q.folder, q.name, q.status])).toEqual([
      ['Points', 'Balance before', 200],
      ['Points', 'Earn with variables set by the folder', 200],
      ['Points', 'Balance after (sandbox host written out)', 200],
      ['Points', 'History, query in url and in queryParams', 200],
      ['Points', 'Wrong sign written by the author', 401],
      ['Promos', 'Promo by path variable', 200],
      ['Promos', 'Buy a promo', 200],
      ['Health', 'Fake is up', 200],
    ]);
    expect(r.report.totals).toMatchObject({ requests: 8, failedAssertions: 0 });
    expect(r.report.totals.assertions).toBeGreaterThanOrEqual(27);
    expect(r.report.requests.flatMap((q) => q.assertions).every((a) => a.passed)).toBe(true);
    expect(r.report.requests[2]?.url).toMatch(written);
    expect(r.report.requests[2]?.url).toMatch(/\?valueID=VB60VS&clientID=GramediaPOS&sign=[0-9a-f]{64}$/);
  });

  it('fails with exit 1 when the secret is wrong (the fake answers 401 ErrAuthorizationInvalidSign)', async () => {
    // MyValue's sandbox hosts answered in process by a fake that knows the right secret (nothing leaves
    // the process); the msw target would instead accept whatever credentials the run is given.
    const fake = createFakeMyValue({ clients: [{ clientId: 'MyPOS', clientSecret: 'the-right-secret-v3' }] });
    const server = setupServer(...myValueHandlers(fake));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const sandbox = ['--collection', PARTNER, '--target', 'sandbox', '--insecure', '--client-id', 'MyPOS'];
      const right = await run([...sandbox, '--client-secret', 'the-right-secret-v3']);
      expect(right.code).toBe(0);
      const wrong = await run([...sandbox, '--client-secret', 'a-wrong-secret-v3']);
      expect(wrong.code).toBe(1);
      expect(wrong.report.requests[0]?.status).toBe(401);
      expect(wrong.report.totals.failedAssertions).toBeGreaterThan(0);
    } finally {
      server.close();
      fake.close();
    }
  });

  it('runs scripts in Postman order: collection, then folder, then request', async () => {
    const root = join(tempDir('myvalue-v3-order-'), 'Order');
    const files: Record<string, string> = {
      '.resources/definition.yaml': "$kind: collection\nname: Order\nscripts:\n  - type: http:beforeRequest\n    code: pm.variables.set('trail', 'collection');\n",
      'F/.resources/definition.yaml': "$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: pm.variables.set('trail', pm.variables.get('trail') + ',folder');\n",
      'F/Health.request.yaml':
        "$kind: http-request\nmethod: GET\nurl: '{{authBaseUrl}}/__admin/health'\nscripts:\n  - type: beforeRequest\n    code: pm.variables.set('trail', pm.variables.get('trail') + ',request');\n  - type: afterResponse\n    code: pm.test('trail', function () { pm.expect(pm.variables.get('trail')).to.equal('collection,folder,request'); });\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const r = await run(['--collection', root, '--no-contract']);
    expect(r.code).toBe(0);
    expect(r.report.requests[0]?.assertions).toEqual([{ name: 'trail', passed: true }]);
  });

  it('gates a v3 collection (contract checks and variations on top) and shards it', async () => {
    const out = join(tempDir('myvalue-v3-gate-'), 'gate');
    const gate = await runCli(['gate', '--collection', PARTNER, '--target', 'msw', '--out', out]);
    expect(gate.code).toBe(0);
    expect([...gate.out, ...gate.err]).toContain(`gate: PASS; ${join(out, 'gate.md')}`);
    const shard = await run(['--collection', PARTNER, '--shard', '1/2']);
    expect(shard.code).toBe(0);
    expect([...shard.out, ...shard.err]).toContain('shard 1/2: Points');
    expect(shard.report.requests.map((q) => q.folder)).toEqual(Array(5).fill('Points'));
  }, 60_000);

  it('exits 2 with one line for a directory that is not a collection', async () => {
    const dir = tempDir('myvalue-v3-empty-');
    const r = await run(['--collection', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`myvalue: ${dir} is not a Postman collection directory (no .resources/definition.yaml and no *.request.yaml files)`]);
  });
});

describe('myvalue inject DIR --out DIR2 (v3)', () => {
  it('writes a v3 directory with one beforeRequest script per request carrying the hook; it runs, and injecting again changes nothing', async () => {
    const base = tempDir('myvalue-v3-inject-');
    const once = join(base, 'once');
    const cli = await runCli(['inject', PARTNER, '--out', once]);
    expect(cli.code).toBe(0);
    expect(cli.out[0]).toBe(`wrote ${once}: signing hook on 8 requests (v3 directory, one beforeRequest script per request)`);
    const requests = Object.entries(fileTree(once)).filter(([path]) => path.endsWith('.request.yaml'));
    expect(requests).toHaveLength(8);
    for (const [path, text] of requests) {
      expect(text.match(/type: beforeRequest/g), path).toHaveLength(1);
      expect(text, path).toContain('// >>> myvalue signing hook');
    }
    const loaded = await loadCollection(once);
    expect(loaded.ok && loaded.version).toBe('3.0.0');
    expect(JSON.stringify(loaded.ok && loaded.collection.toJSON())).not.toContain(HOOK_EVENT_ID);
    const r = await run(['--collection', once]);
    expect(r.code).toBe(0);
    expect(r.report.totals.failedAssertions).toBe(0);
    const twice = join(base, 'twice');
    expect((await runCli(['inject', once, '--out', twice])).code).toBe(0);
    expect(fileTree(twice)).toEqual(fileTree(once));
  });
});

describe('myvalue convert', () => {
  it('converts v2.1 -> v3 -> v2.1 through the CLI, and the shipped collection runs to the same results as JSON, as its conversion and as collections/v3', async () => {
    const base = tempDir('myvalue-v3-convert-');
    const v3 = join(base, 'MyValue Partner');
    const to3 = await runCli(['convert', SHIPPED, '--to', 'v3', '--out', v3]);
    expect(to3.code).toBe(0);
    expect(to3.out[0]).toMatch(new RegExp(`^wrote ${v3} \\(v3, \\d+ files\\): \\d+ requests from v2\\.1\\.0$`));
    const back = join(base, 'back.postman_collection.json');
    const to21 = await runCli(['convert', v3, '--to', 'v2.1', '--out', back]);
    expect(to21.code).toBe(0);
    expect(to21.out[0]).toMatch(/from v3\.0\.0$/);
    const outcome = (r: RunJson) => r.requests.map((q) => [q.folder, q.name, q.status, q.assertions.map((a) => `${a.passed ? 'ok' : 'FAIL'} ${a.name}`)]);
    // The JSON's run is `myvalue run --target msw` of the shipped collection, shared in this worker.
    const shared = await shippedRun();
    const json = { ...shared, report: JSON.parse(readFileSync(join(shared.reportsDir, 'run.json'), 'utf8')) as RunJson };
    const [dir, committed] = [await run(['--collection', v3]), await run(['--collection', shippedFile('collections/v3/MyValue Partner')])];
    expect(json.code).toBe(0);
    expect(dir.code).toBe(0);
    expect(outcome(dir.report)).toEqual(outcome(json.report));
    expect(outcome(committed.report)).toEqual(outcome(json.report));
  }, 60_000);

  it('usage errors are one line and exit 2', async () => {
    const base = tempDir('myvalue-v3-usage-');
    expect(await runCli(['convert', SHIPPED, '--to', 'v4', '--out', join(base, 'x')])).toMatchObject({ code: 2, err: ['myvalue: --to takes v2.1 or v3, got "v4"'] });
    writeFileSync(join(base, 'taken'), 'x');
    expect(await runCli(['convert', SHIPPED, '--to', 'v3', '--out', base])).toMatchObject({ code: 2, err: [`myvalue: ${base} is not empty: give a new or empty directory for the v3 collection`] });
    expect(await runCli(['convert', join(base, 'missing.postman_collection.json'), '--to', 'v3', '--out', join(base, 'y')])).toMatchObject({ code: 2, err: [`myvalue: cannot read collection ${join(base, 'missing.postman_collection.json')}: no such file`] });
  });
});
