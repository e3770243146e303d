// Contract checks in every run: a fake that breaks the contract fails the run, named as a contract
// failure with the JSON path, in the console, junit.xml, run.json and report.html; --no-contract and
// --contract FILE change what is checked.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import jsYaml from 'js-yaml';
import sdk from 'postman-collection';
import { DEFAULT_CONTRACT_FILE } from '../../src/contract/index';
import { CONTRACT_EVENT_ID, injectContractCheck } from '../../src/collection/contract-check';
import { DEFAULT_COLLECTION } from '../../src/harness/index';
import { runCli } from '../helpers/cli';
import { oneRequestCollection, request, run, serveFake, unescapeXml, type ServedFake } from './served-fake';

const servers: ServedFake[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function served(...args: Parameters<typeof serveFake>): Promise<ServedFake> {
  const s = await serveFake(...args);
  servers.push(s);
  return s;
}

/** One signed balance request for a seed user, with no test of its own: only the contract can fail it. */
function balanceCollection(dir: string): string {
  const file = join(dir, 'balance.postman_collection.json');
  const collection = oneRequestCollection('Balance', { method: 'GET', url: '{{externalBaseUrl}}/service/point/?valueID=VR8EPN&clientID={{clientID}}&sign={{SIGN}}' });
  writeFileSync(file, JSON.stringify(collection));
  return file;
}

const testcases = (junit: string): string[] => [...junit.matchAll(/<testcase name="([^"]+)"/g)].map((m) => unescapeXml(m[1] ?? ''));

describe('a fake that breaks the contract', () => {
  it('earn answering {"Point": "160"}: exit 1, a contract failure naming /Point in the console, junit.xml, run.json and report.html', async () => {
    const fake = await served({}, {
      response: (req, res) => (req.path.replace(/\/+$/, '') === '/service/point/earn' && res.status === 200 ? { ...res, body: { Point: String((res.body as { Point: number }).Point) } } : res),
    });
    const r = await run({ target: fake.url, folders: ['Users', 'Points'] });
    expect(r.exitCode).toBe(1);
    const earn = request(r, 'Earn points');
    expect(earn.rule).toBe('point.earn');
    expect(earn.contract).toEqual([expect.stringMatching(/^\/Point must be integer \(got "\d+"\)$/)]);
    expect(earn.failures).toContainEqual(expect.stringMatching(/^contract: POST \/service\/point\/earn\/ 200: \/Point must be integer \(got "\d+"\)$/));
    // The other responses keep the contract: checked, and clean.
    expect(request(r, 'Estimate earn').contract).toEqual([]);

    const junit = r.files['junit.xml'] ?? '';
    expect(testcases(junit)).toContain('contract: POST /service/point/earn/ 200');
    expect(unescapeXml(junit)).toMatch(/<testcase name="contract: POST \/service\/point\/earn\/ 200"[^>]*>\s*<failure type="AssertionFailure" message="\/Point must be integer \(got "\d+"\)">/);
    const runJson = JSON.parse(r.files['run.json'] ?? '{}') as { requests: Array<{ name: string; contract?: string[] }> };
    expect(runJson.requests.find((q) => q.name === 'Earn points')?.contract?.[0]).toMatch(/^\/Point must be integer/);
    const html = unescapeXml((r.files['report.html'] ?? '').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '='));
    expect(html).toContain('contract: POST /service/point/earn/ 200');
    expect(html).toMatch(/\/Point must be integer \(got "\d+"\)/);
    expect(r.console).toContain('contract: POST /service/point/earn/ 200');
    expect(r.console).toMatch(/\/Point must be integer \(got "\d+"\)/);
  });

  it('an undocumented status (418) fails the run only through the contract; --no-contract lets it pass', async () => {
    const fake = await served({}, { response: (req, res) => (req.path === '/service/point/' ? { ...res, status: 418 } : res) });
    const collection = balanceCollection((await import('node:os')).tmpdir());
    const checked = await run({ target: fake.url, collection });
    expect(checked.exitCode).toBe(1);
    expect(request(checked, 'Balance').assertions).toEqual([
      { name: 'contract: GET /service/point/ 418', passed: false, error: 'status 418 is not documented for GET /service/point/ (documented: 200, 400, 401, 404, 405, 413)' },
    ]);
    expect(testcases(checked.files['junit.xml'] ?? '')).toEqual(['contract: GET /service/point/ 418']);

    const unchecked = await run({ target: fake.url, collection, contract: false });
    expect(unchecked.exitCode).toBe(0);
    expect(request(unchecked, 'Balance').assertions).toEqual([]);
    expect(request(unchecked, 'Balance').contract).toBeUndefined();
  });

  it('--contract FILE checks against another OpenAPI file', async () => {
    const fake = await served();
    const dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'myvalue-contract-'));
    const doc = jsYaml.load(readFileSync(DEFAULT_CONTRACT_FILE, 'utf8'), { schema: jsYaml.CORE_SCHEMA }) as { components: { schemas: Record<string, { properties: Record<string, object> }> } };
    const balance = doc.components.schemas.PointBalance;
    expect(balance?.properties.point).toBeDefined();
    if (balance) balance.properties.point = { type: 'string' };
    const contractFile = join(dir, 'stricter.openapi.yaml');
    writeFileSync(contractFile, jsYaml.dump(doc));
    const r = await run({ target: fake.url, collection: balanceCollection(dir), contract: contractFile });
    expect(r.exitCode).toBe(1);
    expect(request(r, 'Balance').contract).toEqual([expect.stringMatching(/^\/point must be string \(got \d+\)$/)]);
    (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
  });
});

describe('what is checked', () => {
  it('every response of the shipped Auth folder against msw, with its rule; the fake\'s /__admin/ is not checked', async () => {
    const r = await run({ target: 'msw', folders: ['Auth & SSO'] });
    expect(r.exitCode).toBe(0);
    const requests = r.summary?.requests ?? [];
    const admin = requests.filter((q) => q.url?.includes('/__admin/'));
    expect(admin.length).toBeGreaterThan(0);
    for (const q of admin) {
      expect(q.contract).toBeUndefined();
      expect(q.assertions.some((a) => a.name.startsWith('contract: '))).toBe(false);
    }
    const api = requests.filter((q) => !q.url?.includes('/__admin/'));
    expect(api.map((q) => q.rule)).toEqual(api.map((q) => (q.url?.includes('/auth/token/') ? 'auth.token' : 'auth.introspect')));
    for (const q of api) {
      expect(q.contract).toEqual([]);
      expect(q.assertions[0]).toEqual({ name: `contract: POST ${new URL(q.url ?? '').pathname} ${q.status}`, passed: true });
    }
  });

  it('a dropped connection gets no contract assertion, and the run reports it instead of crashing', async () => {
    const fake = await served({ faults: ['point.get:drop'] });
    const r = await run({ target: fake.url, collection: balanceCollection((await import('node:os')).tmpdir()) });
    expect(r.exitCode).toBe(1);
    const balance = request(r, 'Balance');
    expect(balance.failures).toEqual([expect.stringMatching(/^request error: /)]);
    expect(balance.assertions).toEqual([]);
    expect(balance.contract).toBeUndefined();
  });

  it('the injected test event is idempotent and runs before the collection\'s own tests', () => {
    const loaded = new sdk.Collection(JSON.parse(readFileSync(DEFAULT_COLLECTION, 'utf8')));
    const twice = injectContractCheck(injectContractCheck(loaded)).toJSON();
    const tests = (twice.event ?? []).filter((e) => e.listen === 'test');
    expect(tests.map((e) => e.id)).toEqual([CONTRACT_EVENT_ID, undefined]);
  });
});

describe('myvalue run flags', () => {
  it('--contract with a missing file: exit 2, one line', async () => {
    const cli = await runCli(['run', '--target', 'msw', '--contract', 'no/such.openapi.yaml', '--out', join((await import('node:os')).tmpdir(), 'myvalue-no-contract-out')]);
    expect(cli.code).toBe(2);
    expect(cli.err).toEqual([expect.stringMatching(/^myvalue: cannot read contract file \S*no\/such\.openapi\.yaml: /)]);
  });
});
