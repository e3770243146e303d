// A local stand-in for postman-echo.com, reached as an HTTP proxy (HTTP_PROXY): Newman sends
// `GET http://postman-echo.com/get?a=1` to it and it answers as postman-echo would (args, headers, form,
// json, data, url; /basic-auth, /headers, /anything/...). Nothing leaves the machine: a request for any
// other host, or a CONNECT (https), is answered 502 and recorded in `escaped`, so a test can fail on it.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const ECHO_HOST = 'postman-echo.com';

/** One request as it arrived: what a collection decides of it. */
export interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface EchoStandIn {
  /** http://127.0.0.1:PORT, for HTTP_PROXY. */
  url: string;
  sent: Sent[];
  /** Requests that would have left the machine (another host, or https through CONNECT). */
  escaped: string[];
  close(): Promise<void>;
}

const BASIC = `Basic ${Buffer.from('postman:password').toString('base64')}`;

/** Headers as postman-echo shows them: lower-case names, one text each. */
function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] as string).toLowerCase();
    out[name] = out[name] === undefined ? (req.rawHeaders[i + 1] as string) : `${out[name]}, ${req.rawHeaders[i + 1]}`;
  }
  return out;
}

/** The answer postman-echo gives for a path (its documented endpoints, the ones the corpus uses). */
function answer(method: string, url: URL, headers: Record<string, string>, body: string): { status: number; body: unknown } {
  const args = Object.fromEntries(url.searchParams);
  const type = headers['content-type'] ?? '';
  let json: unknown = null;
  if (/json/.test(type)) {
    try {
      json = JSON.parse(body);
    } catch {
      json = null;
    }
  }
  const form = /x-www-form-urlencoded/.test(type) ? Object.fromEntries(new URLSearchParams(body)) : {};
  const echo = { args, data: /json|x-www-form-urlencoded/.test(type) ? (json ?? '') : body, files: {}, form, headers, json, url: url.href };
  const path = url.pathname;
  if (path === '/basic-auth') return headers.authorization === BASIC ? { status: 200, body: { authenticated: true } } : { status: 401, body: 'Unauthorized' };
  if (path === '/headers') return { status: 200, body: { headers } };
  if (path === '/get') return method === 'GET' ? { status: 200, body: { args, headers, url: url.href } } : { status: 404, body: {} };
  if (['/post', '/put', '/patch', '/delete'].includes(path)) return path === `/${method.toLowerCase()}` ? { status: 200, body: echo } : { status: 404, body: {} };
  if (path.startsWith('/anything')) return { status: 200, body: { ...echo, method } };
  const status = /^\/status\/(\d{3})$/.exec(path);
  if (status) return { status: Number(status[1]), body: { status: Number(status[1]) } };
  return { status: 404, body: {} };
}

/**
 * Starts the stand-in on 127.0.0.1, port 0.
 * @example const echo = await startEchoStandIn(); vi.stubEnv('HTTP_PROXY', echo.url); ...; await echo.close();
 */
export async function startEchoStandIn(): Promise<EchoStandIn> {
  const sent: Sent[] = [];
  const escaped: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      // Through a proxy the request line carries the whole URL; anything else did not come through HTTP_PROXY.
      let url: URL | undefined;
      try {
        url = new URL(req.url ?? '');
      } catch {
        url = undefined;
      }
      if (!url || url.hostname !== ECHO_HOST) {
        escaped.push(`${req.method} ${req.url}`);
        res.writeHead(502, { 'content-type': 'text/plain' }).end('the echo stand-in answers only http://postman-echo.com');
        return;
      }
      const headers = headersOf(req);
      sent.push({ method: req.method ?? 'GET', url: url.href, headers, body });
      const reply = answer(req.method ?? 'GET', url, headers, body);
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, { 'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  // https through the proxy: never tunnelled anywhere.
  server.on('connect', (req, socket) => {
    escaped.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    escaped,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
