// Hostile and careless input gets MyValue's error shape, never a 5xx or a bare Node answer, and
// changes nothing: deep JSON, lone surrogates, huge values in a refused sign, oversized headers.
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { MAX_JSON_DEPTH } from '../../mocks/http/json-body';
import { SIGN_EXPLAIN_HEADER } from '../../mocks/core/admission';
import { coreRequest, signedWire } from '../helpers/signed-wire';
import { DEMO } from '../helpers/api';
import { FALLBACK, mappingParams, newFake, openPage } from '../auth/helpers';

const ORIGIN = 'http://127.0.0.1';
const post = (fake: Fake, path: string, rawBody: string) => fake.handle({ method: 'POST', path, query: {}, headers: { 'content-type': 'application/json' }, rawBody, origin: ORIGIN });
const balance = async (fake: Fake): Promise<unknown> => (await fake.handle(coreRequest(signedWire('point.get', DEMO, { valueID: 'VR8EPN' }), ORIGIN))).body;

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('deeply nested JSON', () => {
  const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;

  it.each(['/service/point/earn/', '/service/user/', '/v1/service/promos/buy', '/auth/token/', '/__admin/faults', '/__admin/authorize'])('POST %s with 6,000 levels: 400 ErrMalformedJSON, not 500, nothing changed', async (path) => {
    const fake = createFakeMyValue();
    const before = await balance(fake);
    const res = await post(fake, path, `{"amount": ${deep(6000)}, "clientID": "GramediaPOS", "client_id": "GramediaPOS", "sign": "x"}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ id: 'ErrMalformedJSON', errorCode: 400, detail: expect.stringMatching(new RegExp(`^Request body is nested deeper than ${MAX_JSON_DEPTH} levels`)) });
    expect(await balance(fake)).toEqual(before);
    expect(fake.faults.list()).toEqual([]);
  });

  it(`${MAX_JSON_DEPTH} levels are still read (and then refused for what they are)`, async () => {
    const res = await post(createFakeMyValue(), '/service/point/earn/', `{"amount": ${deep(MAX_JSON_DEPTH - 1)}, "clientID": "GramediaPOS", "sign": "x"}`);
    expect(res.body).toMatchObject({ id: 'ErrAuthorizationInvalidSign' });
  });
});

describe('lone UTF-16 surrogates', () => {
  it.each(['"a\\ud800b"', '"\\udc00"', '"x\\ud83d"'])('a referenceNo of %s is 400, nothing booked', async (text) => {
    const fake = createFakeMyValue();
    const before = await balance(fake);
    const res = await post(fake, '/service/point/earn/', `{"amount": 10000, "outletID": "MVAPP00001", "referenceNo": ${text}, "valueID": "VR8EPN", "clientID": "GramediaPOS", "sign": "x"}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ id: 'ErrMalformedJSON', detail: 'Request body holds a lone UTF-16 surrogate at /referenceNo: not valid Unicode text' });
    expect(await balance(fake)).toEqual(before);
  });

  it('a proper surrogate pair (an emoji) is text like any other', async () => {
    const fake = createFakeMyValue();
    const res = await fake.handle(coreRequest(signedWire('point.earn', DEMO, { amount: 10000, outletID: 'MVAPP00001', referenceNo: 'REF-\u{1F600}', valueID: 'VR8EPN' }), ORIGIN));
    expect(res.status).toBe(200);
  });
});

/** A raw HTTP exchange, so nothing on the client side refuses big headers. */
function raw(url: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, maxHeaderSize: 64 * 1024 }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('over a port (Express)', () => {
  it('headers over 16 KiB: 431 in MyValue\'s error shape', async () => {
    const server = await listen(createExpressApp(createFakeMyValue()), 0);
    servers.push(server);
    const res = await raw(server.url, '/service/point/?valueID=VR8EPN', { 'x-padding': 'p'.repeat(20_000) });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toEqual({ id: 'ErrHeadersTooLarge', detail: 'Request line or headers are too large', errorCode: 431 });
  });

  it('a 40 KB referenceNo with a wrong sign: the 401 arrives, its explanation header stays small and says what was cut', async () => {
    const server = await listen(createExpressApp(createFakeMyValue()), 0);
    servers.push(server);
    const body = JSON.stringify({ amount: 10000, outletID: 'MVAPP00001', referenceNo: 'R'.repeat(40_000), valueID: 'VR8EPN', clientID: 'GramediaPOS', sign: 'wrong' });
    const res = await fetch(`${server.url}/service/point/earn/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ id: 'ErrAuthorizationInvalidSign', detail: 'Invalid Sign Parameter', errorCode: 401 });
    const explain = res.headers.get(SIGN_EXPLAIN_HEADER) ?? '';
    expect(explain.length).toBeGreaterThan(0);
    expect(explain.length).toBeLessThan(8_192);
    expect(explain).toMatch(/more characters\)/);
  });
});

describe('a refused sign with many fields', () => {
  const extra = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`extra${String(i).padStart(4, '0')}`, `value-${i}`]));
  const body = JSON.stringify({ amount: 10000, outletID: 'MVAPP00001', referenceNo: 'R-2000', valueID: 'VR8EPN', ...extra, clientID: 'GramediaPOS', sign: 'wrong' });

  it('2,000 fields the rule does not sign: the 401 reaches fetch and node:http; the explanation names 20 and counts the rest, under 8 KiB', async () => {
    const server = await listen(createExpressApp(createFakeMyValue()), 0);
    servers.push(server);
    const res = await fetch(`${server.url}/service/point/earn/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ id: 'ErrAuthorizationInvalidSign', detail: 'Invalid Sign Parameter', errorCode: 401 });
    const text = res.headers.get(SIGN_EXPLAIN_HEADER) ?? '';
    expect(text.length).toBeLessThan(8 * 1024);
    const explain = JSON.parse(text);
    expect(explain.unsigned).toEqual(['valueID', ...Object.keys(extra).slice(0, 19)]);
    expect(explain.unsignedMore).toBe(1981);
    expect(explain.absent).toEqual(['exchangeRate']);
    expect(explain.absentMore).toBeUndefined();
    // Node's http client with its default limits (16 KiB of headers) reads it too.
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/service/point/earn/`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(401);
  });

  it('every signed field long and not ASCII, and long unsigned names: the header stays under 8 KiB and still names the rule and the fields', () => {
    const long = 'é'.repeat(3000);
    const query: Record<string, string> = { clientID: 'GramediaPOS', sign: 'wrong' };
    for (const field of ['brandID', 'businessUnit', 'from', 'to', 'limit', 'page', 'mutation', 'valueID']) query[field] = long;
    for (let i = 0; i < 40; i++) query[`${'ü'.repeat(600)}${i}`] = 'x';
    const res = createFakeMyValue().handle({ method: 'GET', path: '/service/point/history/', query, headers: {}, origin: ORIGIN });
    expect(res.status).toBe(401);
    const text = res.headers[SIGN_EXPLAIN_HEADER] ?? '';
    expect(text.length).toBeLessThan(8 * 1024);
    const explain = JSON.parse(text);
    expect(explain.rule).toBe('point.history');
    expect(explain.order.map((f: { field: string }) => f.field)).toEqual(['clientID', 'clientSecret', 'brandID', 'businessUnit', 'from', 'to', 'limit', 'page', 'mutation', 'valueID']);
    expect(explain.unsigned).toHaveLength(20);
    expect(explain.unsignedMore).toBe(20);
  });

  it('the journal keeps the header as capped (it kept whatever the fake sent), and reads the count back from it', () => {
    const fake = createFakeMyValue();
    fake.handle({ method: 'POST', path: '/service/point/earn/', query: {}, headers: { 'content-type': 'application/json' }, rawBody: body, origin: ORIGIN });
    const seq = fake.journal.list()[0]?.seq ?? 0;
    const kept = fake.journal.exchange(seq)?.response?.headers[SIGN_EXPLAIN_HEADER] ?? '';
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(8 * 1024);
    expect(fake.journal.exchange(seq)?.signExplain).toMatchObject({ rule: 'point.earn', unsignedMore: 1981 });
  });
});

describe('links and the Host header', () => {
  it('a history page\'s next link names the fake\'s own address, not a Host header a client sent', async () => {
    const server = await listen(createExpressApp(createFakeMyValue()), 0);
    servers.push(server);
    const wire = signedWire('point.history', DEMO, { valueID: 'VB60VS', limit: '1' });
    const search = new URLSearchParams(wire.query as Record<string, string>).toString();
    const res = await raw(server.url, `${wire.path}?${search}`, { host: 'evil.example:8443' });
    expect(res.status).toBe(200);
    const page = JSON.parse(res.body) as { next: string | null };
    expect(page.next).not.toBeNull();
    expect(page.next?.startsWith(`${server.url}/service/point/history/?`)).toBe(true);
    expect(res.body).not.toContain('evil.example');
  });

  it('with publicUrl (behind a proxy) the links name that', async () => {
    const server = await listen(createExpressApp(createFakeMyValue(), { publicUrl: 'https://myvalue-fake.internal.test/' }), 0);
    servers.push(server);
    const wire = signedWire('point.history', DEMO, { valueID: 'VB60VS', limit: '1' });
    const res = await raw(server.url, `${wire.path}?${new URLSearchParams(wire.query as Record<string, string>).toString()}`, {});
    expect((JSON.parse(res.body) as { next: string }).next.startsWith('https://myvalue-fake.internal.test/service/point/history/?')).toBe(true);
  });
});

describe('the SSO page\'s fallback_uri', () => {
  it('with CR/LF: the HTML error page naming it, not a mislabelled JSON body error', async () => {
    const { fake } = newFake();
    const server = await listen(createExpressApp(fake), 0);
    servers.push(server);
    const params = new URLSearchParams(mappingParams({ fallback_uri: `${FALLBACK}\r\nSet-Cookie: x=1` }));
    const res = await fetch(`${server.url}/authorize/mapping?${params.toString()}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('fallback_uri tidak valid.');
  });

  it('with non-ASCII: the cancel step redirects to it percent-encoded', async () => {
    const { fake } = newFake();
    const server = await listen(createExpressApp(fake), 0);
    servers.push(server);
    const fallback = `${FALLBACK}/beranda-ü`;
    const { cookie, csrf } = await openPage(server.url, mappingParams({ fallback_uri: fallback }));
    const cancel = await fetch(`${server.url}/authorize/mapping/cancel`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ ...mappingParams({ fallback_uri: fallback }), csrf_token: csrf }).toString(),
    });
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get('location')).toBe(new URL(fallback).href);
  });
});
