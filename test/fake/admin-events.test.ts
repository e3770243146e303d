// GET /__admin/events: the journal as server-sent events. The framing (pure), the first events (the
// journal's last requests, after Last-Event-ID), the admin guard before any event, and over Express: live
// rows, heartbeats, and a stream that ends cleanly when the client goes or the server closes.
import { afterEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { myValueHandlers } from '../../mocks/msw';
import { sseComment, sseFrame } from '../../mocks/core/event-stream';
import { seedClient, signedRequest } from '../ledger/signed';
import { Api } from '../helpers/api';
import { counted, events, readUntil, textReader } from '../helpers/event-streams';

const POS = seedClient('GramediaPOS');
const ORIGIN = 'http://127.0.0.1:4010';

describe('the text/event-stream framing', () => {
  it('id, event, one data line per line of text, a blank line; JSON data on one line', () => {
    expect(sseFrame({ id: '7', event: 'request', data: { seq: 7, path: '/a\nb' } })).toBe('id: 7\nevent: request\ndata: {"seq":7,"path":"/a\\nb"}\n\n');
    expect(sseFrame({ data: 'one\ntwo\r\nthree' })).toBe('data: one\ndata: two\ndata: three\n\n');
    expect(sseFrame({ retry: 2000, event: 'hello', data: {} })).toBe('retry: 2000\nevent: hello\ndata: {}\n\n');
  });

  it('a line break in an id or event name cannot start a field of its own', () => {
    expect(sseFrame({ id: '1\nevent: evil', event: 'x\r\ndata: y', data: 1 })).toBe('id: 1 event: evil\nevent: x data: y\ndata: 1\n\n');
    expect(sseComment('heart\nbeat')).toBe(': heart beat\n\n');
  });
});

describe('the first events, in the core', () => {
  const open = (fake: Fake, headers: Record<string, string> = {}) => fake.handle({ method: 'GET', path: '/__admin/events', query: {}, headers, origin: ORIGIN });

  it("a hello, then the journal's requests oldest first (a refused sign explained); after Last-Event-ID only the later ones", () => {
    const fake = createFakeMyValue();
    fake.handle(signedRequest('point.get', POS, { valueID: 'VR8EPN' }));
    const bad = signedRequest('point.get', POS, { valueID: 'VR8EPN' });
    fake.handle({ ...bad, query: { ...bad.query, sign: 'nope' } });
    const res = open(fake);
    expect(res).toMatchObject({ status: 200, stream: 'journal', headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' } });
    const all = events(String(res.body));
    expect(all.map(([e, d]) => [e, d.seq ?? null, d.signExplain?.hint ?? null])).toEqual([['hello', null, null], ['request', 1, null], ['request', 2, null]]);
    expect(all[2]?.[1].signExplain).toMatchObject({ rule: 'point.get', maskedString: 'GramediaPOS<clientSecret>VR8EPN' });
    expect(String(res.body)).toMatch(/^retry: 2000\n/);
    expect(events(String(open(fake, { 'last-event-id': '1' }).body)).map(([, d]) => d.seq ?? null)).toEqual([null, 2]);
    expect(events(String(open(fake, { 'last-event-id': 'junk' }).body))).toHaveLength(3);
  });

  it('the admin guard answers first: a foreign Origin 403, no token 401, as JSON and no stream', () => {
    const fake = createFakeMyValue({ adminToken: 'tok-1' });
    expect(open(fake, { origin: 'https://evil.example', 'x-myvalue-admin-token': 'tok-1' })).toMatchObject({ status: 403, body: { id: 'ErrAdminForbidden' } });
    const noToken = open(fake);
    expect(noToken).toMatchObject({ status: 401, body: { id: 'ErrAdminToken' }, headers: { 'content-type': 'application/json' } });
    expect(noToken.stream).toBeUndefined();
    expect(open(fake, { 'x-myvalue-admin-token': 'tok-1' }).stream).toBe('journal');
  });
});

describe('over Express', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('requests appear live as events, heartbeats between; the subscription ends when the client goes', async () => {
    const base = createFakeMyValue();
    const { fake, open } = counted(base);
    server = await listen(createExpressApp(fake, { heartbeatMs: 50 }), 0);
    const controller = new AbortController();
    const res = await fetch(`${server.url}/__admin/events`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = textReader(res);
    await readUntil(reader, (t) => t.includes('event: hello'));
    expect(open()).toBe(1);
    const api = new Api(server.url);
    await api.call('point.get', { valueID: 'VR8EPN' });
    await api.call('point.get', { valueID: 'VR8EPN' }, { sign: 'wrong' });
    const text = await readUntil(reader, (t) => events(t).length >= 2 && t.includes(': heartbeat'));
    expect(events(text).map(([e, d]) => [e, d.seq, d.status, d.signOk])).toEqual([['request', 1, 200, true], ['request', 2, 401, false]]);
    controller.abort();
    await expect.poll(open).toBe(0);
    // The fake goes on answering.
    expect(await api.balance('VR8EPN')).toBeGreaterThan(0);
  });

  it('a reset from elsewhere (curl, another tab) or DELETE /__admin/requests is an event: the page empties its list', async () => {
    const fake = createFakeMyValue();
    server = await listen(createExpressApp(fake, { heartbeatMs: 50 }), 0);
    const controller = new AbortController();
    const reader = textReader(await fetch(`${server.url}/__admin/events`, { signal: controller.signal }));
    await readUntil(reader, (t) => t.includes('event: hello'));
    await new Api(server.url).call('point.get', { valueID: 'VR8EPN' });
    await fetch(`${server.url}/__admin/reset`, { method: 'POST' });
    await fetch(`${server.url}/__admin/requests`, { method: 'DELETE' });
    const text = await readUntil(reader, (t) => (t.match(/event: cleared/g) ?? []).length >= 2);
    expect(events(text).map(([e]) => e)).toEqual(['request', 'cleared', 'cleared']);
    controller.abort();
  });

  it("the server's close() ends open streams: nothing is left holding the process", async () => {
    const { fake, open } = counted(createFakeMyValue());
    server = await listen(createExpressApp(fake), 0);
    const res = await fetch(`${server.url}/__admin/events`);
    const reader = textReader(res);
    await readUntil(reader, (t) => t.includes('event: hello'));
    await server.close();
    server = undefined;
    await expect(readUntil(reader, () => false)).rejects.toThrow();
    await expect.poll(open).toBe(0);
  });

  it('a foreign Origin is refused before any event is written', async () => {
    server = await listen(createExpressApp(createFakeMyValue()), 0);
    const res = await fetch(`${server.url}/__admin/events`, { headers: { origin: 'http://localhost:9' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ id: 'ErrAdminForbidden' });
  });
});

describe('over MSW', () => {
  it('no event stream: 501 saying the Express adapter serves it', async () => {
    const msw = setupServer(...myValueHandlers(createFakeMyValue(), { baseUrls: ['http://fake.test'] }));
    msw.listen({ onUnhandledRequest: 'error' });
    try {
      const res = await fetch('http://fake.test/__admin/events');
      expect(res.status).toBe(501);
      expect(await res.json()).toMatchObject({ id: 'ErrEventsNeedExpress', errorCode: 501 });
    } finally {
      msw.close();
    }
  });
});
