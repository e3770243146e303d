// GET /__admin/events is bounded: at most 16 streams (the next gets 503 in MyValue's shape), one journal
// subscription and one framing of each request for all of them, and a stream whose reader falls 1 MiB
// behind is ended instead of holding the fake's memory.
import net from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { EVENTS_MAX_STREAMS } from '../../mocks/core/event-stream';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { counted, events, readUntil, textReader } from '../helpers/event-streams';
import { seedClient, signedRequest } from '../ledger/signed';

const POS = seedClient('GramediaPOS');
const ORIGIN = 'http://127.0.0.1:4010';

let server: RunningServer | undefined;
const streams: AbortController[] = [];
afterEach(async () => {
  for (const controller of streams.splice(0)) controller.abort();
  await server?.close();
  server = undefined;
});

/** Opens GET /__admin/events; a 200 stays open (read up to its hello) until the test ends. */
async function openEvents(url: string): Promise<{ res: Response; reader?: ReadableStreamDefaultReader<string>; controller: AbortController }> {
  const controller = new AbortController();
  streams.push(controller);
  const res = await fetch(`${url}/__admin/events`, { signal: controller.signal });
  if (res.status !== 200) return { res, controller };
  const reader = textReader(res);
  await readUntil(reader, (t) => t.includes('event: hello'));
  return { res, reader, controller };
}

describe('how many streams', () => {
  it('16 streams are served; the 17th gets 503 in MyValue\'s shape, before any event; once one closes, another opens', async () => {
    server = await listen(createExpressApp(createFakeMyValue()), 0);
    const url = server.url;
    const open = [];
    for (let i = 0; i < 16; i++) open.push(await openEvents(url));
    expect(open.map((s) => s.res.status)).toEqual(Array(16).fill(200));
    const refused = await openEvents(url);
    expect(refused.res.status).toBe(503);
    expect(refused.res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await refused.res.json()).toEqual({ id: 'ErrTooManyStreams', detail: expect.stringMatching(/16 event streams/), errorCode: 503 });
    open[0]?.controller.abort();
    await expect.poll(async () => {
      const next = await openEvents(url);
      if (next.res.status !== 200) await next.res.body?.cancel();
      return next.res.status;
    }).toBe(200);
    expect(EVENTS_MAX_STREAMS).toBe(16);
  });

  it('the core decides: with 16 streams open (as the adapter says), 503; MyValue\'s routes are not limited', () => {
    const fake = createFakeMyValue();
    const events = (eventStreams: number) => fake.handle({ method: 'GET', path: '/__admin/events', query: {}, headers: {}, origin: ORIGIN, eventStreams });
    expect(events(15)).toMatchObject({ status: 200, stream: 'journal' });
    const full = events(16);
    expect(full).toMatchObject({ status: 503, body: { id: 'ErrTooManyStreams', errorCode: 503 } });
    expect(full.stream).toBeUndefined();
    expect(fake.handle({ ...signedRequest('point.get', POS, { valueID: 'VR8EPN' }), eventStreams: 16 }).status).toBe(200);
  });
});

describe('one framing for every stream', () => {
  it('three streams share one journal subscription and get the same bytes for a request', async () => {
    const { fake, open } = counted(createFakeMyValue());
    server = await listen(createExpressApp(fake), 0);
    const readers = [];
    for (let i = 0; i < 3; i++) readers.push((await openEvents(server.url)).reader);
    expect(open()).toBe(1);
    fake.handle(signedRequest('point.get', POS, { valueID: 'VR8EPN' }));
    const texts = await Promise.all(readers.map((r) => readUntil(r as ReadableStreamDefaultReader<string>, (t) => t.includes('event: request'))));
    expect(new Set(texts.map((t) => t.slice(t.indexOf('id: 1\n')))).size).toBe(1);
    expect(events(texts[0] ?? '').map(([e, d]) => [e, d.seq, d.status])).toEqual([['request', 1, 200]]);
    for (const controller of streams) controller.abort();
    await expect.poll(open).toBe(0);
  });
});

describe('a stream that does not read', () => {
  it('is ended once it is 1 MiB behind, while a stream that reads goes on; the fake answers on', async () => {
    const { fake, open } = counted(createFakeMyValue({ journalSize: 10 }));
    server = await listen(createExpressApp(fake), 0);
    const reading = await openEvents(server.url);
    // A client that asks for the stream and never reads past its first chunk.
    const idle = net.connect(server.port, '127.0.0.1', () => idle.write(`GET /__admin/events HTTP/1.1\r\nHost: 127.0.0.1:${server?.port}\r\n\r\n`));
    // It takes the first chunk (the status line and headers), then reads nothing more.
    let head = '';
    idle.once('data', (chunk: Buffer) => {
      head = chunk.toString('latin1');
      idle.pause();
    });
    idle.on('error', () => undefined);
    // A paused client never sees its connection end (the end waits behind what it did not read): the fake's side counts.
    const running = server.server;
    const connections = (): Promise<number> => new Promise((resolve, reject) => running.getConnections((error, n) => (error ? reject(error) : resolve(n))));
    await expect.poll(connections).toBe(2);
    // The idle client's first bytes say it got a stream (a refused GET would leave a plain keep-alive connection that no bound ends).
    await expect.poll(() => head).toMatch(/^HTTP\/1\.1 200 .*\r\n[^]*content-type: text\/event-stream/i);

    // Requests of about 4 KB as events (the journal keeps a body up to 4,096 characters), 100 at a time;
    // the reading stream is read up to each batch's last request before the next.
    let tail = '';
    const caughtUp = async (seq: number): Promise<void> => {
      while (!tail.includes(`id: ${seq}\n`)) {
        const chunk = await reading.reader?.read();
        if (!chunk || chunk.done) throw new Error('the reading stream ended');
        tail = (tail + chunk.value).slice(-20_000);
      }
    };
    const note = 'n'.repeat(4000);
    let seq = 0;
    let sentBytes = 0;
    // The bound is 1 MiB past what the kernel's socket buffers take (a few MB on loopback): 64 MB is far past both.
    while ((await connections()) > 1 && sentBytes < 64 * 1024 * 1024) {
      for (let i = 0; i < 100; i++) {
        fake.handle({ method: 'GET', path: '/service/point/', query: { valueID: 'VR8EPN', note }, headers: {}, origin: ORIGIN });
        seq += 1;
        sentBytes += note.length;
      }
      await caughtUp(seq);
      await tick();
    }
    expect(await connections()).toBe(1);
    expect(sentBytes).toBeLessThan(32 * 1024 * 1024);
    // The reading stream still gets each request, and the fake answers.
    expect(open()).toBe(1);
    idle.destroy();
    expect(fake.handle(signedRequest('point.get', POS, { valueID: 'VR8EPN' })).status).toBe(200);
    await caughtUp(seq + 1);
  });
});
