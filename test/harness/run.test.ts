// The runner end to end: targets, exit codes, reports, masking, the production guard, the Auth folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { createExpressApp, listen } from '../../mocks/express';
import { myValueHandlers } from '../../mocks/msw';
import { MASK, runCollection, type RunOptions, type RunResult } from '../../src/harness/index';
import { runCli } from '../helpers/cli';
import { tempDir as makeTempDir } from '../helpers/temp-dir';
import { startCaptureServer } from './capture-server';

/** Fixtures by absolute path: a run resolves a relative collection against its own cwd (a temp dir here). */
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const PARTNER = fixture('partner-style.postman_collection.json');
const tempDir = (): string => makeTempDir('myvalue-harness-');

interface Run extends RunResult {
  console: string;
  files: Record<string, string>;
}

/** Runs with made-up settings isolated from the machine's environment and .env. */
async function run(options: Partial<RunOptions> & { target: string }): Promise<Run> {
  const cwd = tempDir();
  let console = '';
  const result = await runCollection({ cwd, env: {}, collection: PARTNER, ...options, write: (t) => (console += t), log: (l) => (console += `${l}\n`) });
  const files: Record<string, string> = {};
  for (const name of existsSync(result.reportsDir) ? readdirSync(result.reportsDir) : []) files[name] = readFileSync(join(result.reportsDir, name), 'utf8');
  return { ...result, console, files };
}

/** Ways a secret shows up in text, written out independently of the masker. */
function spellings(secret: string): string[] {
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
  return [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), html];
}

function expectNowhere(run: Run, secret: string): void {
  for (const [where, text] of [...Object.entries(run.files), ['console', run.console] as const]) {
    for (const spelling of spellings(secret)) expect(text.includes(spelling), `${spelling} in ${where}`).toBe(false);
  }
}

const testsuites = (junit: string): string[] => [...junit.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1] ?? '');

describe('myvalue run against the fake', () => {
  it('signs a partner-style collection (variables set by request scripts) against mock: exit 0, every request reported', async () => {
    const r = await run({ target: 'mock', clientId: 'MyPOS', clientSecret: 'made-up-secret-1' });
    expect(r.exitCode).toBe(0);
    expect(r.summary?.requests.map((q) => [q.name, q.status])).toEqual([
      ['Balance before', 200],
      ['Earn with variables set by the request script', 200],
      ['Balance after', 200],
      ['History without a sign parameter', 200],
      ['Wrong sign written by the author', 401],
      ['Promo by path variable', 200],
      ['Buy a promo', 200],
      ['Fake is up', 200],
    ]);
    expect(testsuites(r.files['junit.xml'] ?? '')).toHaveLength(8);
    expect(Object.keys(r.files).sort()).toEqual(['ctrf.json', 'junit.xml', 'report.html', 'run.json']);
    expect(r.console).toContain('Earn with variables set by the request script');
  });

  it('runs a v2.0 collection against msw and a v1 collection against mock', async () => {
    const v20 = await run({ target: 'msw', collection: fixture('v20.postman_collection.json') });
    expect(v20.exitCode).toBe(0);
    expect(v20.summary?.requests.map((q) => q.url?.split('?')[0])).toEqual(['https://external.ovaltech.id/service/point/', 'https://external.ovaltech.id/service/point/earn/estimate']);
    const v1 = await run({ target: 'mock', collection: fixture('v1.postman_collection.json') });
    expect(v1.exitCode).toBe(0);
    // Its own assertion and the contract check every run adds.
    expect(v1.summary?.totals).toMatchObject({ requests: 1, assertions: 2, failedAssertions: 0 });
  });

  it('fails with exit 1 when the secret is wrong, and the reports show 401 ErrAuthorizationInvalidSign', async () => {
    const fake = createFakeMyValue({ clients: [{ clientId: 'MyPOS', clientSecret: 'the-right-secret' }] });
    const server = await listen(createExpressApp(fake), 0);
    try {
      const r = await run({ target: server.url, clientId: 'MyPOS', clientSecret: 'a-wrong-secret' });
      expect(r.exitCode).toBe(1);
      const balance = r.summary?.requests[0];
      expect(balance?.status).toBe(401);
      expect(balance?.failures.join(' ')).toContain('expected response to have status code 200 but got 401');
      expect(r.files['report.html']).toContain('ErrAuthorizationInvalidSign');
      expect(r.files['junit.xml']).toMatch(/<failure[^>]*>/);
      expectNowhere(r, 'a-wrong-secret');
    } finally {
      await server.close();
      fake.close();
    }
  });

  it('exits 2 with one line when sandbox credentials are missing', async () => {
    const r = await run({ target: 'sandbox' });
    expect(r.exitCode).toBe(2);
    expect(r.error).toBe('no client ID for sandbox: give --client-id, or set MYVALUE_CLIENT_ID (environment or .env)');
  });
});

describe('masking', () => {
  it('keeps the client secret out of every report and the console, even when scripts print it', async () => {
    const secret = 'Rahasia/ü&"<x>+ y-42';
    const leaky = JSON.parse(readFileSync(PARTNER, 'utf8')) as { item: object[] };
    leaky.item.push({
      name: 'Leaky',
      event: [
        { listen: 'prerequest', script: { exec: ["console.log('secret is', pm.variables.get('myvalueClientSecret'));"] } },
        { listen: 'test', script: { exec: ["pm.test('saw ' + pm.variables.get('myvalueClientSecret'), function () { pm.expect(1).to.equal(1); });"] } },
      ],
      request: { method: 'POST', url: '{{authBaseUrl}}/__admin/health?echo={{myvalueClientSecret}}', header: [{ key: 'x-secret', value: '{{myvalueClientSecret}}' }], body: { mode: 'raw', raw: '{"secret": "{{myvalueClientSecret}}"}' } },
    });
    const dir = tempDir();
    const file = join(dir, 'leaky.postman_collection.json');
    (await import('node:fs')).writeFileSync(file, JSON.stringify(leaky));
    const out = join(dir, 'out');
    const cli = await runCli(['run', '--collection', file, '--target', 'mock', '--client-id', 'MyPOS', '--client-secret', secret, '--out', out]);
    const files: Record<string, string> = {};
    for (const name of readdirSync(out)) files[name] = readFileSync(join(out, name), 'utf8');
    const r = { exitCode: cli.code as 0, reportsDir: out, console: [...cli.out, ...cli.err].join('\n'), files } satisfies Run;
    expect(cli.code).toBe(0);
    // The leaks happened and were masked: the assertion name reaches junit, the log line the console.
    expect(files['junit.xml']).toContain(`saw ${MASK}`);
    expect(r.console).toContain(`saw ${MASK}`);
    expect(files['report.html']).toContain(MASK);
    expectNowhere(r, secret);
  });

  it('masks access and refresh tokens learned from responses', async () => {
    const access = 'access-token-9f8e7d6c5b4a';
    const refresh = 'refresh-token-0a1b2c3d4e5f';
    const server = await startCaptureServer((req) => (req.path === '/auth/token/' ? { body: { access_token: access, refresh_token: refresh, token_type: 'Bearer' } } : { body: { ok: true } }));
    try {
      const collection = {
        info: { name: 'tokens', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        item: [
          { name: 'Token', event: [{ listen: 'test', script: { exec: ["pm.variables.set('token', pm.response.json().access_token);", "console.log('got', pm.response.json().refresh_token);"] } }], request: { method: 'POST', url: '{{authBaseUrl}}/auth/token/', body: { mode: 'raw', raw: '{"grant_type":"authorization_code"}' } } },
          { name: 'Use it', event: [{ listen: 'test', script: { exec: ["pm.test('token ' + pm.variables.get('token'), function () {});"] } }], request: { method: 'POST', url: '{{authBaseUrl}}/auth/introspect/?token={{token}}', header: [{ key: 'Authorization', value: 'Bearer {{token}}' }], body: { mode: 'raw', raw: '{"token": "{{token}}"}' } } },
        ],
      };
      const dir = tempDir();
      const file = join(dir, 'tokens.postman_collection.json');
      (await import('node:fs')).writeFileSync(file, JSON.stringify(collection));
      // The capture server is not MyValue: its made-up answers would fail the contract checks.
      const r = await run({ target: server.url, collection: file, clientId: 'MyPOS', clientSecret: 'made-up-secret-2', contract: false });
      expect(r.exitCode).toBe(0);
      expect(server.requests[1]?.query.get('token')).toBe(access);
      expect(r.files['junit.xml']).toContain(`token ${MASK}`);
      expectNowhere(r, access);
      expectNowhere(r, refresh);
    } finally {
      await server.close();
    }
  });
});

describe('production guard and the Auth & SSO folder', () => {
  async function againstProduction(extra: Partial<RunOptions>): Promise<{ r: Run; paths: string[] }> {
    const fake = createFakeMyValue({ clients: [{ clientId: 'MyPOS', clientSecret: 'made-up-secret-3' }] });
    const msw = setupServer(...myValueHandlers(fake));
    const paths: string[] = [];
    msw.events.on('request:start', ({ request }) => paths.push(`${request.method} ${new URL(request.url).host}${new URL(request.url).pathname}`));
    msw.listen({ onUnhandledRequest: 'error' });
    try {
      // MSW stands in for MyValue's production hosts; --insecure because its sockets carry no certificate.
      const r = await run({ target: 'production', clientId: 'MyPOS', clientSecret: 'made-up-secret-3', insecure: true, ...extra });
      return { r, paths };
    } finally {
      msw.close();
      fake.close();
    }
  }

  it('skips requests that change state unless --allow-production-writes, and says which', async () => {
    const { r, paths } = await againstProduction({});
    expect(paths).not.toContain('POST external.myvalue.id/service/point/earn/');
    expect(paths).not.toContain('POST external.myvalue.id/v1/service/promos/buy');
    expect(paths).toContain('GET external.myvalue.id/service/point/');
    expect(r.summary?.skipped.map((s) => s.name)).toEqual(['Auth & SSO', 'Earn with variables set by the request script', 'Buy a promo']);
    expect(r.summary?.requests.find((q) => q.name === 'Buy a promo')?.skipped).toMatch(/^production guard: promo\.buy/);
    expect(r.console).toContain('production guard: not sent (they change state): Earn with variables set by the request script, Buy a promo; pass --allow-production-writes to send them');
    expect(r.console).toMatch(/skipped folder "Auth & SSO": .*--env-var authCode=<code>/);
    expect(paths.some((p) => p.startsWith('GET auth.ovaltech.id'))).toBe(false);
  });

  it('sends them with --allow-production-writes, and runs Auth & SSO given an authCode', async () => {
    const { r, paths } = await againstProduction({ allowProductionWrites: true, envVars: [{ key: 'authCode', value: 'made-up-code' }] });
    expect(paths).toContain('POST external.myvalue.id/service/point/earn/');
    expect(paths).toContain('POST external.myvalue.id/v1/service/promos/buy');
    expect(paths).toContain('GET auth.ovaltech.id/__admin/health');
    expect(r.summary?.skipped).toEqual([]);
    expect(r.exitCode).toBe(0);
  });
});
