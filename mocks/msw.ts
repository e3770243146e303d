// MSW adapter: the same core served in process at MyValue's host names, or at given base URLs.
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { FakeMyValue } from './core/fake-my-value';
import type { ExchangeEnding, FakeRequest } from './http/types';
import { bodyText, MAX_BODY_BYTES, queryOf } from './http/wire';
import { errorBody } from './http/errors';
import { noteEnding, type EndingHow } from './core/exchange-ending';
import { TARGET_HOSTS } from '../src/shared/hosts';

/** Every MyValue host: sandbox and production External API, and the SSO / Auth host. */
export const MYVALUE_BASE_URLS: readonly string[] = [
  ...new Set(Object.values(TARGET_HOSTS).flatMap((hosts) => [hosts.externalBaseUrl, hosts.authBaseUrl])),
];

async function toFakeRequest(request: Request): Promise<FakeRequest> {
  const url = new URL(request.url);
  const query = queryOf(url.searchParams);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  let rawBody: string | undefined;
  let bodyTooLarge = false;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > MAX_BODY_BYTES) bodyTooLarge = true;
    else rawBody = new TextDecoder().decode(bytes);
  }
  return { method: request.method, path: url.pathname, query, headers, rawBody, bodyTooLarge, origin: url.origin };
}

/**
 * MSW request handlers serving the fake, for `setupServer(...handlers)`.
 * @example
 *   const server = setupServer(...myValueHandlers(createFakeMyValue()));
 *   server.listen({ onUnhandledRequest: 'error' });
 */
export function myValueHandlers(fake: FakeMyValue, options: { baseUrls?: readonly string[]; wait?: (ms: number) => Promise<void> } = {}): HttpHandler[] {
  const bases = (options.baseUrls ?? MYVALUE_BASE_URLS).map((base) => base.replace(/\/+$/, ''));
  // Fault directives the core decided: latency waits (tests may pass `wait`); drop and no-answer are network errors.
  const wait = options.wait ?? ((ms: number) => delay(ms));
  return bases.map((base) =>
    http.all(`${base}/*`, async ({ request }) => {
      // How the exchange ended, for the journal (certify judges retries and timeouts by it): a client that
      // aborts while the answer is held (its fetch signal) gave up first.
      const ending: ExchangeEnding = {};
      const end = (how: EndingHow): void => noteEnding(ending, how, fake.clock);
      const response = fake.handle({ ...(await toFakeRequest(request)), ending });
      if (response.delayMs) {
        const gaveUp = (): void => end('client-closed');
        request.signal.addEventListener('abort', gaveUp, { once: true });
        await wait(response.delayMs);
        request.signal.removeEventListener('abort', gaveUp);
      }
      if (response.fault === 'drop' || response.fault === 'no-answer') {
        end('closed');
        return HttpResponse.error();
      }
      end('answered');
      // The live event stream (the dashboard's) is the Express adapter's: `myvalue mock` or createExpressApp.
      if (response.stream) return HttpResponse.json(errorBody('ErrEventsNeedExpress'), { status: 501 });
      const text = bodyText(response);
      // A content-length on every answer: Newman's HTTP client never sees the end of a mocked response without one.
      const headers: Record<string, string> = { ...response.headers, 'content-length': String(Buffer.byteLength(text)) };
      return new HttpResponse(text === '' ? null : text, { status: response.status, headers });
    }),
  );
}
