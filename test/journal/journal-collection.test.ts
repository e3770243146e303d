// The journal as a Postman v2.1 collection (GET /__admin/requests/collection, fake.journal.toCollection()):
// a valid collection in order with no secret in it, replayed green against a fresh fake of the same seed.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { myValueHandlers } from '../../mocks/msw';
import type { PostmanCollectionV21 } from '../../mocks/index';
import { loadCollection } from '../../src/collection/load-collection';
import type { RunReport } from '../../src/reports/run-json';
import { DEMO } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { scriptedSession } from './journal-script';

/** The parts of the v2.1 schema (schema.getpostman.com/json/collection/v2.1.0) the journal collection uses, with their required keys. */
const V21_SUBSET = {
  type: 'object',
  required: ['info', 'item'],
  properties: {
    info: { type: 'object', required: ['name', 'schema'], properties: { name: { type: 'string' }, schema: { const: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, description: { type: 'string' } } },
    variable: { type: 'array', items: { type: 'object', required: ['key'], properties: { key: { type: 'string' }, value: { type: 'string' }, type: { enum: ['string', 'boolean', 'any', 'number'] } } } },
    item: {
      type: 'array',
      items: {
        type: 'object',
        required: ['request'],
        properties: {
          name: { type: 'string' },
          event: { type: 'array', items: { type: 'object', required: ['listen'], properties: { listen: { enum: ['prerequest', 'test'] }, script: { type: 'object', properties: { type: { type: 'string' }, exec: { type: 'array', items: { type: 'string' } } } } } } },
          request: {
            type: 'object',
            required: ['method', 'url'],
            properties: {
              method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] },
              header: { type: 'array', items: { type: 'object', required: ['key', 'value'] } },
              body: { type: 'object', properties: { mode: { enum: ['raw', 'urlencoded', 'formdata', 'file', 'graphql'] }, raw: { type: 'string' } } },
              url: { type: 'object', required: ['raw'], properties: { raw: { type: 'string' }, host: { type: 'array', items: { type: 'string' } }, path: { type: 'array', items: { type: 'string' } }, query: { type: 'array', items: { type: 'object', required: ['key'] } } } },
            },
          },
          response: { type: 'array' },
        },
      },
    },
  },
} as const;

interface SdkCollection {
  forEachItem(fn: (item: { name: string; request: { method: string; url: { toString(): string }; body?: { raw?: string } }; events: Array<{ script: { exec?: string[] } }> }) => void): void;
}

let closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

async function served(fake: Fake): Promise<RunningServer> {
  const running = await listen(createExpressApp(fake), 0);
  closers.push(running.close, () => fake.close());
  return running;
}

async function collectionOver(running: RunningServer, query = ''): Promise<{ status: number; json: PostmanCollectionV21; text: string }> {
  const response = await fetch(`${running.url}/__admin/requests/collection${query}`);
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as PostmanCollectionV21, text };
}

/** Every form a secret could take in the file: as is, JSON-escaped, URL-encoded. */
function expectNoSecret(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(5);
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])) expect(text, `secret ${secret}`).not.toContain(form);
  }
}

describe('the journal collection', () => {
  it('of a scripted session is a valid v2.1 collection, in order, with the variables and no secret', async () => {
    const fake = createFakeMyValue();
    const running = await served(fake);
    const session = scriptedSession(fake);
    const { status, json, text } = await collectionOver(running);
    expect(status).toBe(200);
    const ajv = new Ajv({ allErrors: true });
    expect(ajv.validate(V21_SUBSET, json), ajv.errorsText()).toBe(true);
    const loaded = await loadCollection(`${running.url}/__admin/requests/collection`);
    expect(loaded.ok && loaded.version).toBe('2.1.0');
    // The SDK reads it without losing a request, a URL, a body or a script.
    const sdk = createRequire(import.meta.url)('postman-collection') as { Collection: new (json: unknown) => SdkCollection };
    const read: unknown[][] = [];
    new sdk.Collection(json).forEachItem((i) => read.push([i.name, i.request.method, i.request.url.toString(), i.request.body?.raw, i.events.map((e) => e.script.exec?.join('\n'))]));
    expect(read).toEqual(json.item.map((i) => [i.name, i.request.method, i.request.url.raw, i.request.body?.raw, i.event.map((e) => e.script.exec.join('\n'))]));
    // In order; the admin API's calls and the unknown route are absent; a fake-only code request comes before the exchange.
    expect(json.item.map((i) => i.name)).toEqual([
      '#1 POST user.create', '#2 POST point.earn', '#3 POST point.redeem', '#4 GET point.history', '#5 POST promo.buy', '#6 GET point.get',
      'Get authCode (fake only, for journal #8)', '#8 POST /auth/token/ authorization_code', '#9 POST /auth/introspect/', '#10 POST /auth/token/ refresh_token',
      '#11 POST /auth/token/ authorization_code', '#12 POST /auth/token/ authorization_code',
    ]);
    expect(json.item.filter((i) => i.name.startsWith('#')).map((i) => i.event[0]?.script.exec.join('\n').match(/to\.equal\((\d{3})\)/)?.[1])).toEqual(session.statuses.map(String));
    expect(text).not.toContain('/__admin/requests');
    expect(text).not.toContain('/no/such/route');
    // Written the shipped collection's way: base URL variables, {{clientID}}, sign {{SIGN}} (a refused sign stays wrong).
    const [create, earn, , history, , wrongSign] = json.item;
    expect(earn?.request.url.raw).toBe('{{externalBaseUrl}}/service/point/earn/');
    expect(JSON.parse(earn?.request.body?.raw ?? '{}')).toEqual({ amount: 100000, referenceNo: 'JOURNAL-EARN-1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: '{{valueID_1}}', clientID: '{{clientID}}', sign: '{{SIGN}}' });
    expect(history?.request.url.raw).toBe('{{externalBaseUrl}}/service/point/history/?valueID={{valueID_1}}&limit=10&page=1&clientID={{clientID}}&sign={{SIGN}}');
    expect(wrongSign?.request.url.query?.find((q) => q.key === 'sign')?.value).toBe('0'.repeat(64));
    expect(create?.event[0]?.script.exec.join('\n')).toContain('pm.collectionVariables.set("valueID_1", pm.response.json().valueID)');
    expect(JSON.parse(create?.request.body?.raw ?? '{}').password).toBe('{{userPassword}}');
    const bodies = json.item.filter((i) => i.request.url.raw.startsWith('{{authBaseUrl}}/auth/')).map((i) => JSON.parse(i.request.body?.raw ?? '{}') as Record<string, string>);
    expect(bodies.map((b) => [b.client_secret, b.code ?? b.refresh_token ?? b.access_token])).toEqual([
      ['{{myvalueClientSecret}}', '{{authCode}}'], [undefined, '{{accessToken}}'], ['{{myvalueClientSecret}}', '{{refreshToken}}'],
      ['{{myvalueClientSecret}}', '{{authCode}}'], ['not-the-client-secret', 'not-a-code'],
    ]);
    expect(json.variable.map((v) => [v.key, v.value])).toEqual([
      ['externalBaseUrl', 'https://external.ovaltech.id'], ['authBaseUrl', 'https://auth.ovaltech.id'], ['clientID', DEMO.clientId],
      ['myvalueClientSecret', ''], ['authCode', ''], ['accessToken', ''], ['refreshToken', ''], ['userPassword', 'journal-replay-password'], ['valueID_1', ''],
    ]);
    expectNoSecret(text, [...session.secrets, session.valueID]);
  });

  it('replays green with `myvalue run --target mock` against a fresh fake of the same seed', async () => {
    const fake = createFakeMyValue();
    const running = await served(fake);
    const session = scriptedSession(fake);
    const dir = tempDir();
    const file = join(dir, 'journal.postman_collection.json');
    writeFileSync(file, (await collectionOver(running)).text);
    const out = join(dir, 'out');
    const cli = await runCli(['run', '--collection', file, '--target', 'mock', '--out', out]);
    const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunReport;
    const failures = report.requests.flatMap((r) => r.failures.map((f) => `${r.name}: ${f}`));
    expect(failures).toEqual([]);
    expect(cli.code, [...cli.out, ...cli.err].join('\n')).toBe(0);
    // Every journaled request was sent and got the status the scripted session got.
    const replayed = report.requests.filter((r) => r.name.startsWith('#'));
    expect(replayed.map((r) => r.status)).toEqual(session.statuses);
    expect(replayed.every((r) => r.assertions.some((a) => /^status \d{3} \(journal #\d+\)$/.test(a.name) && a.passed))).toBe(true);
  }, 60_000);

  it('is the same from fake.journal.toCollection() in process (MSW) as from the endpoint', async () => {
    const fake = createFakeMyValue();
    const server = setupServer(...myValueHandlers(fake, { baseUrls: ['https://external.ovaltech.id'] }));
    server.listen({ onUnhandledRequest: 'error' });
    closers.push(() => server.close(), () => fake.close());
    scriptedSession(fake);
    const response = await fetch('https://external.ovaltech.id/__admin/requests/collection');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(fake.journal.toCollection())));
    expect(fake.journal.toCollection({ rule: 'point.earn' }).item.map((i) => i.name)).toEqual(['#2 POST point.earn']);
  });
});

describe('the journal collection, edge cases', () => {
  it('of an empty journal has no items, and the admin API\'s own calls never appear', async () => {
    const fake = createFakeMyValue();
    const running = await served(fake);
    await fetch(`${running.url}/__admin/requests`);
    await fetch(`${running.url}/__admin/health`);
    const { status, json } = await collectionOver(running);
    expect(status).toBe(200);
    expect(json.item).toEqual([]);
    expect(json.variable.find((v) => v.key === 'clientID')?.value).toBe('');
  });

  it('keeps a request whose body was not kept, without a body and with its status test skipped', () => {
    const fake = createFakeMyValue();
    closers.push(() => fake.close());
    const big = JSON.stringify({ amount: 1, referenceNo: 'X'.repeat(5000), outletID: 'MVAPP00001', valueID: 'VR8EPN', clientID: DEMO.clientId, sign: 'a'.repeat(64) });
    fake.handle({ method: 'POST', path: '/service/point/earn/', query: {}, headers: { 'content-type': 'application/json' }, origin: 'http://127.0.0.1:4010', rawBody: big });
    const [item] = fake.journal.toCollection().item;
    expect(item?.request.body).toBeUndefined();
    expect(item?.request.description).toMatch(/did not keep its body \(\d+ characters, over the 4096 the journal keeps\)/);
    expect(item?.event[0]?.script.exec).toEqual(['pm.test.skip("status not asserted: its body was not kept", function () {});']);
  });

  it('replays one client: ?clientId= picks it, the others are left out and named', async () => {
    const fake = createFakeMyValue();
    const running = await served(fake);
    scriptedSession(fake);
    const kompas = { clientId: 'KompasCom' };
    fake.handle({ method: 'GET', path: '/service/point/', query: { valueID: 'VR8EPN', clientID: kompas.clientId, sign: 'b'.repeat(64) }, headers: {}, origin: 'http://127.0.0.1:4010' });
    const all = (await collectionOver(running)).json;
    expect(all.info.description).toContain('Left out: 1 requests of other clients (KompasCom)');
    const theirs = (await collectionOver(running, '?clientId=KompasCom')).json;
    expect(theirs.item.map((i) => i.name)).toEqual(['#13 GET point.get']);
    expect(theirs.variable.find((v) => v.key === 'clientID')?.value).toBe('KompasCom');
    expect((await collectionOver(running, '?status=abc')).status).toBe(400);
  });
});
