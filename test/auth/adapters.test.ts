// The Auth API and the mapping page through both adapters: Express on a free port and MSW at the SSO host.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { setupServer } from 'msw/node';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { myValueHandlers } from '../../mocks/msw';
import { CLIENT, FALLBACK, hiddenValue, mappingParams, newFake, REDIRECT } from './helpers';
import type { Fake } from '../../mocks/create-fake';

interface Adapter {
  name: string;
  start(fake: Fake): Promise<string>;
  stop(): Promise<void>;
}

let running: RunningServer | undefined;
const msw = setupServer();

const ADAPTERS: Adapter[] = [
  {
    name: 'express',
    start: async (fake) => {
      running = await listen(createExpressApp(fake), 0);
      return running.url;
    },
    stop: async () => {
      await running?.close();
      running = undefined;
    },
  },
  {
    name: 'msw',
    start: async (fake) => {
      msw.resetHandlers(...myValueHandlers(fake));
      msw.listen({ onUnhandledRequest: 'error' });
      return 'https://auth.ovaltech.id';
    },
    stop: async () => {
      msw.close();
    },
  },
];

describe.each(ADAPTERS)('$name', (adapter) => {
  let base = '';
  let fake: Fake;
  afterEach(() => adapter.stop());
  afterAll(() => adapter.stop());

  const start = async (): Promise<void> => {
    fake = newFake().fake;
    base = await adapter.start(fake);
  };

  test('mapping page is HTML; cancel answers 303 to fallback_uri', async () => {
    await start();
    const page = await fetch(`${base}/authorize/mapping?${new URLSearchParams(mappingParams())}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    // Secure over https (the MSW adapter answers for MyValue's own https hosts), so the browser keeps it there only.
    const secure = base.startsWith('https:') ? ' Secure;' : '';
    expect(page.headers.get('set-cookie')).toMatch(new RegExp(`^myvalue_mapping_session=[\\w-]{43}; Path=/; HttpOnly;${secure} SameSite=Lax$`));
    const text = await page.text();
    expect(text).toContain('Hubungkan Demo BU dengan MyValue');
    const session = { cookie: (page.headers.get('set-cookie') as string).split(';')[0] as string, csrf: hiddenValue(text, 'csrf_token') as string };
    const cancel = (session: { cookie: string; csrf: string } | undefined): Promise<Response> => fetch(`${base}/authorize/mapping/cancel`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(session ? { cookie: session.cookie } : {}) },
      body: new URLSearchParams({ ...mappingParams(), ...(session ? { csrf_token: session.csrf } : {}) }).toString(),
    });
    const done = await cancel(session);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(FALLBACK);
    // A post without the page's token (MSW keeps the cookie in its own store and sends it anyway).
    const forged = await cancel(undefined);
    expect(forged.status).toBe(403);
    expect(forged.headers.get('location')).toBeNull();
  });

  test('admin code -> token (trailing slash optional) -> introspect', async () => {
    await start();
    const post = (path: string, body: unknown): Promise<Response> =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const { code } = (await (await post('/__admin/authorize', { client_id: CLIENT.clientId, user_id: 'bu-1', redirect_uri: REDIRECT, full_name: 'Eka', email: 'eka@example.test' })).json()) as { code: string };
    const token = await post('/auth/token', { grant_type: 'authorization_code', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code, redirect_uri: REDIRECT });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const user = await post('/auth/introspect/', { access_token });
    expect(await user.json()).toMatchObject({ email: 'eka@example.test' });
    const again = await post('/auth/token/', { grant_type: 'authorization_code', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code, redirect_uri: REDIRECT });
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({ id: 'SAT001', detail: 'Credential yang Anda masukkan salah', errorCode: 401 });
  });
});
