// `--retries N`: GETs (the only requests safe to send twice) are retried up to N times on a 5xx, a
// dropped connection or a timeout, by an in-process MSW layer in front of the run's hosts: Newman does
// not retry (newman #545) and cannot be made to from a script. POSTs are never touched.
// For the msw target the layer sits in the fake's own MSW server, ahead of its handlers; for every
// other target it is a server of its own that forwards to the network with bypass().
import { STATUS_CODES } from 'node:http';
import { bypass, http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';

/** Header marking the layer's own attempts on the msw target, so they pass on to the fake's handlers. */
const ATTEMPT_HEADER = 'x-myvalue-harness-attempt';

/** Why one attempt was not good enough. */
type Attempt = { ok: true; response: Response } | { ok: false; response?: Response; reason: string };

/** What the layer did for one request. */
export interface RetryNote {
  method: string;
  /** Path without the query (it holds the clientID and sign). */
  path: string;
  /** Retries made (attempts after the first). */
  count: number;
  /** Why each failed attempt failed, in order. */
  reasons: string[];
  /** True when the last attempt succeeded. */
  recovered: boolean;
  /** One line for the report, e.g. 'retried GET /service/point/ once: 503 Service Unavailable'. */
  message: string;
}

export interface RetryLayerOptions {
  /** Base URLs (origin and optional path prefix) whose GETs are retried. */
  baseUrls: readonly string[];
  /** Retries after the first attempt (at least 1). */
  retries: number;
  /** Per-attempt time limit in ms; none when undefined. */
  attemptTimeoutMs?: number;
  /** Wait before retry n (1-based); default defaultBackoffMs. */
  backoffMs?: (retry: number) => number;
  /** The fake's MSW server (msw target): the layer is prepended to it instead of starting its own. */
  server?: SetupServer;
  /** --insecure: attempts do not verify TLS certificates, as Newman's own requests do not. */
  insecure?: boolean;
}

export interface RetryLayer {
  /** Notes of the requests retried since the last call, oldest first. */
  drain(): RetryNote[];
  stop(): void;
}

/** Default wait before retry n (1-based): 100 ms, 200 ms, 400 ms... */
export const defaultBackoffMs = (retry: number): number => 100 * 2 ** (retry - 1);

/** Time all attempts of one request may take, waits included: Newman's own timeout when the layer retries. */
export function retryBudgetMs(attemptMs: number, retries: number, backoffMs: (retry: number) => number = defaultBackoffMs): number {
  let total = attemptMs * (retries + 1);
  for (let retry = 1; retry <= retries; retry++) total += backoffMs(retry);
  // Slack for the layer's own work between attempts.
  return total + 100;
}

const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** The note's one line: 'retried GET /service/point/ once: 503 Service Unavailable'. */
export function retryMessage(note: Omit<RetryNote, 'message'>): string {
  return `retried ${note.method} ${note.path} ${times(note.count)}${note.recovered ? '' : ', still failing'}: ${note.reasons.join('; ')}`;
}

const wait = (ms: number): Promise<void> => (ms > 0 ? new Promise((done) => setTimeout(done, ms)) : Promise.resolve());

/** A response Newman's HTTP client can read: whole body, a content-length, no content-encoding (fetch decoded it). */
async function settled(response: Response): Promise<Response> {
  const body = await response.arrayBuffer();
  const headers = new Headers();
  response.headers.forEach((value, key) => {
    if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(key)) headers.append(key, value);
  });
  headers.set('content-length', String(body.byteLength));
  return new Response(body.byteLength === 0 ? null : body, { status: response.status, statusText: response.statusText || STATUS_CODES[response.status] || '', headers });
}

function failureOf(error: unknown, timeoutMs: number | undefined): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs ?? '?'} ms`;
  const cause = e?.cause?.message ?? e?.cause?.code ?? e?.message ?? String(error);
  return `connection dropped (${cause})`;
}

interface Fetcher {
  get(url: string, headers: Headers, signal: AbortSignal | undefined): Promise<Response>;
  /** Closes the agent's kept-alive connections, so the process can exit as soon as the run ends. */
  close(): Promise<void>;
}

/** A GET that does not verify the server's certificate (undici, loaded only for --insecure with --retries). */
async function insecureFetcher(): Promise<Fetcher> {
  const { Agent, fetch: undiciFetch } = await import('undici');
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  return {
    // undici's Response reads as the global one does; settled() copies it into a global Response.
    get: async (url, headers, signal) => (await undiciFetch(url, { method: 'GET', headers: [...headers], signal, dispatcher })) as unknown as Response,
    close: () => dispatcher.close(),
  };
}

/**
 * Starts the layer; stop() it after the run.
 * @example const layer = startRetryLayer({ baseUrls: [session.externalBaseUrl], retries: 2 }); ...; layer.drain(); layer.stop();
 */
export function startRetryLayer(options: RetryLayerOptions): RetryLayer {
  const notes: RetryNote[] = [];
  const backoff = options.backoffMs ?? defaultBackoffMs;
  const inProcess = options.server !== undefined;

  // Node's fetch always verifies certificates: with --insecure the attempts go through undici's own
  // fetch with an agent that does not (undici's fetch is not intercepted by MSW, so no bypass is needed).
  const insecureFetch = !inProcess && options.insecure ? insecureFetcher() : undefined;

  const attempt = async (request: Request): Promise<Attempt> => {
    const signal = options.attemptTimeoutMs === undefined ? undefined : AbortSignal.timeout(options.attemptTimeoutMs);
    try {
      const headers = new Headers(request.headers);
      if (inProcess) headers.set(ATTEMPT_HEADER, '1');
      const outgoing = new Request(request.url, { method: 'GET', headers, signal });
      const answer = insecureFetch ? await (await insecureFetch).get(request.url, headers, signal) : await fetch(inProcess ? outgoing : bypass(outgoing));
      const response = await settled(answer);
      if (response.status >= 500) return { ok: false, response, reason: `${response.status} ${response.statusText}`.trim() };
      return { ok: true, response };
    } catch (error) {
      return { ok: false, reason: failureOf(error, options.attemptTimeoutMs) };
    }
  };

  const handlers: HttpHandler[] = options.baseUrls.map((base) =>
    http.get(`${base.replace(/\/+$/, '')}/*`, async ({ request }) => {
      if (request.headers.get(ATTEMPT_HEADER)) return undefined;
      const reasons: string[] = [];
      let last: Attempt = await attempt(request);
      for (let retry = 1; !last.ok && retry <= options.retries; retry++) {
        reasons.push(last.reason);
        await wait(backoff(retry));
        last = await attempt(request);
      }
      if (reasons.length > 0) {
        if (!last.ok) reasons.push(last.reason);
        const note = { method: 'GET', path: new URL(request.url).pathname, count: reasons.length - (last.ok ? 0 : 1), reasons, recovered: last.ok };
        notes.push({ ...note, message: retryMessage(note) });
      }
      return last.response ?? HttpResponse.error();
    }),
  );

  let server: SetupServer | undefined;
  if (options.server) options.server.use(...handlers);
  else {
    const own = setupServer(...handlers);
    own.listen({ onUnhandledRequest: 'bypass' });
    server = own;
  }
  return {
    drain: () => notes.splice(0),
    stop: () => {
      if (server) server.close();
      else options.server?.resetHandlers();
      void insecureFetch?.then((fetcher) => fetcher.close());
    },
  };
}
