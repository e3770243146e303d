// Express adapter: converts Node requests into the core's plain request and back. Decides nothing.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeMyValue } from './core/fake-my-value';
import type { Clock, ExchangeEnding, FakeRequest, FakeResponse } from './http/types';
import { noteEnding, type EndingHow } from './core/exchange-ending';
import { errorBody, errorResponse } from './http/errors';
import { bodyText, MAX_BODY_BYTES, queryOf } from './http/wire';
import { EVENTS_HEARTBEAT_MS } from './core/event-stream';
import { createEventHub, type EventHub } from './core/event-hub';

/** An address or name as a URL writes it (IPv6 in brackets). */
const urlHost = (host: string): string => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/** Where the connection came in: the socket's own address and port. */
function localOrigin(req: Request): string {
  const { localAddress = '127.0.0.1', localPort } = req.socket;
  return `${req.protocol}://${urlHost(localAddress.replace(/^::ffff:/, ''))}:${localPort}`;
}

/**
 * The fake's own origin, as its links (paging, images) name it: the configured public URL, else the
 * address the connection came in on. Never the Host header, which any client can set. The admin guard
 * also knows the server by that address behind a public URL, and by the host it was started on.
 */
function originsOf(req: Request, publicUrl: string | undefined, host: string | undefined): Pick<FakeRequest, 'origin' | 'otherOrigins'> {
  const local = localOrigin(req);
  const others = [...(publicUrl === undefined ? [] : [local]), ...(host === undefined ? [] : [`${req.protocol}://${urlHost(host)}:${req.socket.localPort}`])];
  return { origin: publicUrl ?? local, ...(others.length > 0 ? { otherOrigins: others } : {}) };
}

function toFakeRequest(req: Request, rawBody: string | undefined, publicUrl: string | undefined, host: string | undefined, eventStreams: number): FakeRequest {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  const url = req.originalUrl;
  const q = url.indexOf('?');
  return {
    method: req.method,
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? {} : queryOf(new URLSearchParams(url.slice(q + 1))),
    headers,
    rawBody,
    ...originsOf(req, publicUrl, host),
    eventStreams,
  };
}

/** Writes a core response; strings go as they are (HTML), anything else as JSON. */
function sendFakeResponse(res: Response, response: FakeResponse): void {
  res.status(response.status);
  for (const [key, value] of Object.entries(response.headers)) res.setHeader(key, value);
  // An explicit length: without one Node sends chunked encoding, which costs a writev per response.
  const text = bodyText(response);
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

export interface ExpressAdapterOptions {
  /** How injected latency waits (tests pass a recorder); default: a timer. */
  wait?: (ms: number) => Promise<void>;
  /** The fake's base URL as clients reach it (behind a proxy), for its links; default: the address a request came in on. */
  publicUrl?: string;
  /** How often an open GET /__admin/events stream gets a heartbeat comment, in ms (default 15 s). */
  heartbeatMs?: number;
  /**
   * The host the server listens on (`myvalue mock --host`), when it is a name or address a browser may use:
   * the admin API answers under it besides the loopback names and the connection's own address.
   */
  host?: string;
}

/**
 * GET /__admin/events, once the core has let it through (Origin, token, how many are open) and written its
 * first events: the hub writes them and each request journaled from now on, with a heartbeat between. It
 * ends when the client goes, when it falls too far behind (the hub ends it), or when the server closes the
 * connection (listen's close() does).
 */
function openStream(res: Response, response: FakeResponse, hub: EventHub, heartbeatMs: number): void {
  res.status(response.status);
  for (const [key, value] of Object.entries(response.headers)) res.setHeader(key, value);
  res.flushHeaders();
  // The only writes of the stream: the hub decides what goes and when a client is too far behind.
  let corked = false;
  const stream = hub.open(bodyText(response), {
    write: (text) => {
      // A socket that is going away: its 'close' is on its way and stops the rest.
      if (res.writableEnded || res.destroyed) return;
      // The events of one turn of the event loop (several requests under load) go out in one write.
      if (!corked) {
        corked = true;
        res.cork();
        setImmediate(() => {
          corked = false;
          res.uncork();
        });
      }
      res.write(text);
    },
    // What Node holds for the client: the response's buffer and its socket's (the kernel's own is not counted).
    unsent: () => res.writableLength,
    end: () => res.destroy(),
  });
  const heartbeat = setInterval(() => stream.heartbeat(), heartbeatMs);
  heartbeat.unref();
  res.on('close', () => {
    clearInterval(heartbeat);
    stream.close();
  });
}

type Answer = (res: Response, response: FakeResponse) => void;

/**
 * Acts on the core's fault directives: waits (only then asynchronously), then answers or closes the
 * connection, and notes in `ending` (which the journal keeps) how and when the exchange ended: a client
 * that gives up while the answer is held closes its connection first, and that is what certify judges.
 */
function deliver(res: Response, response: FakeResponse, ending: ExchangeEnding, clock: Clock, wait: (ms: number) => Promise<void>, answer: Answer): void | Promise<void> {
  const end = (how: EndingHow): void => noteEnding(ending, how, clock);
  res.once('close', () => end('client-closed'));
  const send = (): void => {
    // The client went while the answer was held: nothing to write to.
    if (ending.how === 'client-closed' || res.destroyed) return;
    end(response.fault === 'drop' || response.fault === 'no-answer' ? 'closed' : 'answered');
    answer(res, response);
  };
  if (response.delayMs) return wait(response.delayMs).then(send);
  send();
}

/**
 * An Express app serving the fake.
 * @example createExpressApp(createFakeMyValue()).listen(4010, '127.0.0.1');
 */
export function createExpressApp(fake: FakeMyValue, options: ExpressAdapterOptions = {}): express.Express {
  const wait = options.wait ?? ((ms: number) => sleep(ms));
  const publicUrl = options.publicUrl?.replace(/\/+$/, '');
  const heartbeatMs = options.heartbeatMs ?? EVENTS_HEARTBEAT_MS;
  const { host } = options;
  // The app's event streams share one journal subscription; the core is told how many are open.
  const hub = createEventHub((listener, cleared) => fake.journal.subscribe(listener, cleared));
  const answer: Answer = (res, response) => {
    if (response.fault === 'drop' || response.fault === 'no-answer') res.socket?.destroy();
    else if (response.stream === 'journal') openStream(res, response, hub, heartbeatMs);
    else sendFakeResponse(res, response);
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Bodies are read as bytes and decoded as UTF-8, the encoding JSON must use (RFC 8259).
  app.use(express.raw({ type: () => true, limit: MAX_BODY_BYTES }));
  app.use((req: Request, res: Response) => {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : undefined;
    const ending: ExchangeEnding = {};
    return deliver(res, fake.handle({ ...toFakeRequest(req, raw, publicUrl, host, hub.size), ending }), ending, fake.clock, wait, answer);
  });
  app.use((error: Error & { type?: string }, req: Request, res: Response, _next: NextFunction) => {
    // Errors reading the body (body-parser's: too large, unsupported encoding, aborted) still get
    // MyValue's shape from the core. Anything else happened after a route ran: never a body error.
    if (typeof error.type === 'string' && !res.headersSent) {
      const problem = error.type === 'entity.too.large' ? { bodyTooLarge: true } : { bodyError: error.message };
      const ending: ExchangeEnding = {};
      return deliver(res, fake.handle({ ...toFakeRequest(req, undefined, publicUrl, host, hub.size), ...problem, ending }), ending, fake.clock, wait, answer);
    }
    if (res.headersSent) return res.socket?.destroy();
    return sendFakeResponse(res, errorResponse('ErrInternal', `The fake could not send its answer: ${error.message.split('\n')[0]}`));
  });
  return app;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Listens on host:port (port 0: a free one) and resolves once it accepts connections. */
export function listen(app: express.Express, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    // Requests Node refuses before Express sees them (headers or URL over 16 KiB, broken HTTP) get
    // MyValue's error shape too, not Node's bare 431 or 400.
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return socket.destroy();
      const body = JSON.stringify(errorBody(error.code === 'HPE_HEADER_OVERFLOW' ? 'ErrHeadersTooLarge' : 'ErrBadRequest'));
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    });
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      server.keepAliveTimeout = 5_000;
      const address = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        port: address.port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
