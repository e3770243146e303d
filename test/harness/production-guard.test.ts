// The production guard holds whatever a collection or a data file contains, since both come from outside
// the harness and once could lift or route around it: a data column or a script setting myvalueBlockWrites, a data column pointing the
// base URL at production, a target that answers a write with a redirect to production. Production is
// the fake behind MSW at MyValue's production host names; other targets are real servers on 127.0.0.1.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { createExpressApp, listen } from '../../mocks/express';
import { myValueHandlers } from '../../mocks/msw';
import { runCollection, type RunOptions } from '../../src/harness/index';
import { TARGET_HOSTS } from '../../src/shared/hosts';
import { tempDir } from '../helpers/temp-dir';
import { startCaptureServer } from './capture-server';

const CREDS = { clientId: 'ProdPOS', clientSecret: 'made-up-prod-secret-guard' };
const PRODUCTION = TARGET_HOSTS.production.externalBaseUrl;

let closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

/** MyValue's production hosts, played by a fake behind MSW; requests to 127.0.0.1 pass through to real servers. */
function production(): Fake {
  const fake = createFakeMyValue({ clients: [CREDS] });
  const server = setupServer(...myValueHandlers(fake, { baseUrls: [PRODUCTION, TARGET_HOSTS.production.authBaseUrl] }));
  server.listen({ onUnhandledRequest: 'bypass' });
  closers.push(() => server.close(), () => fake.close());
  return fake;
}

/** A fake MyValue on 127.0.0.1 (not production): the target of the non-production runs. */
async function localFake(): Promise<{ fake: Fake; url: string }> {
  const fake = createFakeMyValue({ clients: [CREDS] });
  const running = await listen(createExpressApp(fake), 0, '127.0.0.1');
  closers.push(running.close, () => fake.close());
  return { fake, url: running.url };
}

const earnsIn = (fake: Fake): number => fake.journal.list({ method: 'POST' }).filter((e) => e.rule === 'point.earn').length;

/** A collection with one signed earn (and the collection-level script given), written to a temp dir. */
function earnCollection(dir: string, prerequest: string[] = []): string {
  const file = join(dir, 'earn.postman_collection.json');
  const raw = JSON.stringify({ amount: 10000, exchangeRate: 0, outletID: 'MVAPP00001', referenceNo: 'GUARD-{{$randomUUID}}', valueID: 'VR8EPN', clientID: '{{clientID}}', sign: '{{SIGN}}' });
  writeFileSync(
    file,
    JSON.stringify({
      info: { name: 'Guard', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      ...(prerequest.length > 0 ? { event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: prerequest } }] } : {}),
      item: [{ name: 'Earn', request: { method: 'POST', header: [{ key: 'Content-Type', value: 'application/json' }], body: { mode: 'raw', raw }, url: '{{externalBaseUrl}}/service/point/earn/' } }],
    }),
  );
  return file;
}

async function run(options: Partial<RunOptions> & { target: string; collection: string }, lines: string[] = []): ReturnType<typeof runCollection> {
  return runCollection({ ...CREDS, insecure: true, contract: false, cwd: tempDir('myvalue-guard-run-'), write: () => undefined, log: (line) => lines.push(line), ...options });
}

describe('the production guard cannot be lifted by the collection or its data', () => {
  it('a data file column myvalueBlockWrites=false: the earn is not sent to production', async () => {
    const prod = production();
    const dir = tempDir('myvalue-guard-');
    writeFileSync(join(dir, 'data.csv'), 'myvalueBlockWrites,earnNote\nfalse,one\n');
    const result = await run({ target: 'production', collection: earnCollection(dir), iterationData: join(dir, 'data.csv') });
    expect(earnsIn(prod)).toBe(0);
    expect(result.summary?.skipped.map((s) => s.name)).toEqual(['Earn']);
  });

  it('a collection script setting myvalueBlockWrites to false in every scope: the earn is not sent to production', async () => {
    const prod = production();
    const dir = tempDir('myvalue-guard-');
    const scopes = ['variables', 'environment', 'collectionVariables', 'globals'].map((scope) => `pm.${scope}.set('myvalueBlockWrites', 'false');`);
    const result = await run({ target: 'production', collection: earnCollection(dir, scopes) });
    expect(earnsIn(prod)).toBe(0);
    expect(result.summary?.skipped.map((s) => s.name)).toEqual(['Earn']);
  });

  it('--allow-production-writes still sends the earn to production (with the same data file)', async () => {
    const prod = production();
    const dir = tempDir('myvalue-guard-');
    writeFileSync(join(dir, 'data.csv'), 'myvalueBlockWrites,earnNote\nfalse,one\n');
    const result = await run({ target: 'production', collection: earnCollection(dir), iterationData: join(dir, 'data.csv'), allowProductionWrites: true });
    expect(earnsIn(prod)).toBe(1);
    expect(result.exitCode, result.error).toBe(0);
  });

  it('a run against another target sends its earn there, and none to production', async () => {
    const prod = production();
    const local = await localFake();
    const dir = tempDir('myvalue-guard-');
    const result = await run({ target: local.url, collection: earnCollection(dir) });
    expect(result.exitCode, result.error).toBe(0);
    expect([earnsIn(local.fake), earnsIn(prod)]).toEqual([1, 0]);
  });
});

/** A target on 127.0.0.1 that answers every request with `status` and Location: `to` (its path kept when `to` ends with '/'). */
async function redirecting(status: number, to: string): Promise<{ url: string; seen: () => string[] }> {
  const server = await startCaptureServer((req) => ({ status, headers: { location: to.endsWith('/') ? `${to}${req.path.replace(/^\//, '')}${req.query.size > 0 ? `?${req.query.toString()}` : ''}` : to }, body: {} }));
  closers.push(server.close);
  return { url: server.url, seen: () => server.requests.map((r) => `${r.method} ${r.path}`) };
}

describe('redirects of writes are checked at every hop, outside the sandbox', () => {
  it('a target answering an earn with 307 to production: not followed, and the run names the redirect', async () => {
    const prod = production();
    const target = await redirecting(307, `${PRODUCTION}/`);
    const lines: string[] = [];
    const result = await run({ target: target.url, collection: earnCollection(tempDir('myvalue-guard-')) }, lines);
    expect(target.seen()).toEqual(['POST /service/point/earn/']);
    expect(earnsIn(prod)).toBe(0);
    expect(prod.journal.count({})).toBe(0);
    const said = lines.join('\n');
    expect(said).toContain(`${target.url}/service/point/earn/`);
    expect(said).toContain(`was redirected (307) to ${PRODUCTION}/service/point/earn/`);
    expect(said).toMatch(/production guard: .*Earn.* not followed/);
    expect(result.exitCode).toBe(1);
  });

  it('the same with a 308, a 302, and the host spelled in capitals with a trailing dot', async () => {
    const prod = production();
    for (const [status, to] of [[308, `${PRODUCTION}/`], [302, `${PRODUCTION}/`], [307, 'https://EXTERNAL.MyValue.id./service/point/earn/']] as const) {
      const target = await redirecting(status, to);
      const result = await run({ target: target.url, collection: earnCollection(tempDir('myvalue-guard-')) });
      expect([status, to, earnsIn(prod), result.exitCode]).toEqual([status, to, 0, 1]);
    }
    expect(prod.journal.count({})).toBe(0);
  });

  it('a pm.sendRequest write that a target redirects to production is not followed either', async () => {
    const prod = production();
    const target = await redirecting(307, `${PRODUCTION}/`);
    const local = await localFake();
    const script = [`pm.sendRequest({ url: '${target.url}/service/point/earn/', method: 'POST', header: [{ key: 'Content-Type', value: 'application/json' }], body: { mode: 'raw', raw: '{}' } }, function (err, res) { console.log('sendRequest answer ' + (err ? err.message : res.code)); });`];
    const result = await run({ target: local.url, collection: earnCollection(tempDir('myvalue-guard-'), script) });
    expect(target.seen()).toEqual(['POST /service/point/earn/']);
    expect(prod.journal.count({})).toBe(0);
    expect(result.exitCode).toBe(1);
  });

  it('a write redirected to another host that is not production is followed, and the run names the redirect', async () => {
    const prod = production();
    const local = await localFake();
    const target = await redirecting(307, `${local.url}/`);
    const lines: string[] = [];
    const result = await run({ target: target.url, collection: earnCollection(tempDir('myvalue-guard-')) }, lines);
    expect(result.exitCode, lines.join('\n')).toBe(0);
    expect([earnsIn(local.fake), earnsIn(prod)]).toEqual([1, 0]);
    expect(lines.join('\n')).toContain(`redirected: "Earn" POST ${target.url}/service/point/earn/ -> 307 -> ${local.url}/service/point/earn/`);
  });

  it('a read redirected to production in a read-only production run is followed', async () => {
    const prod = production();
    const dir = tempDir('myvalue-guard-');
    const file = join(dir, 'read.postman_collection.json');
    const target = await redirecting(302, `${PRODUCTION}/`);
    writeFileSync(file, JSON.stringify({ info: { name: 'Read', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'Balance', request: { method: 'GET', url: `${target.url}/service/point/?valueID=VR8EPN&clientID={{clientID}}&sign={{SIGN}}` } }] }));
    const result = await run({ target: 'production', collection: file });
    expect(result.exitCode, result.error).toBe(0);
    expect(prod.journal.list({ method: 'GET' }).map((e) => `${e.rule} ${e.status}`)).toEqual(['point.get 200']);
  });
});

describe('writes to production from a run against another target are refused at the wire', () => {
  it('a data file pointing externalBaseUrl at production in a run against another target: no earn reaches production', async () => {
    const prod = production();
    const local = await localFake();
    const dir = tempDir('myvalue-guard-');
    writeFileSync(join(dir, 'data.csv'), `externalBaseUrl\n${PRODUCTION}\n`);
    const lines: string[] = [];
    const result = await run({ target: local.url, collection: earnCollection(dir), iterationData: join(dir, 'data.csv') }, lines);
    expect(prod.journal.count({})).toBe(0);
    expect(result.exitCode).toBe(1);
    expect(lines).toContain(`production guard: "Earn": POST ${PRODUCTION}/service/point/earn/ not sent: a write reaches MyValue's production host only from a --target production run with --allow-production-writes`);
  });

  it('a pm.sendRequest earn straight to production from a sandbox-like run is refused too', async () => {
    const prod = production();
    const local = await localFake();
    const script = [`pm.sendRequest({ url: '${PRODUCTION}/service/point/earn/', method: 'POST', header: [{ key: 'Content-Type', value: 'application/json' }], body: { mode: 'raw', raw: '{}' } }, function (err, res) { console.log('sendRequest answer ' + (err ? err.message : res.code)); });`];
    const lines: string[] = [];
    const result = await run({ target: local.url, collection: earnCollection(tempDir('myvalue-guard-'), script) }, lines);
    expect(prod.journal.count({})).toBe(0);
    expect(earnsIn(local.fake)).toBe(1);
    expect(result.exitCode).toBe(1);
    expect(lines.join('\n')).toContain(`production guard: "Earn": POST ${PRODUCTION}/service/point/earn/ not sent`);
  });
});
