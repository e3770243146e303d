// The Auth API and the mapping page through both adapters: Express on a free port and MSW at the SSO host.
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { setupServer } from 'msw/node';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { myValueHandlers } from '../../mocks/msw';
import { CLIENT, FALLBACK, hiddenValue, mappingParams, newFake, REDIRECT, SEEDED } from './helpers';
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

  test('the Auth API answers with and without the trailing slash: /auth/token, /auth/token/, /auth/introspect, /auth/introspect/', async () => {
    await start();
    const json = (path: string, body: unknown): Promise<Response> =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const form = (path: string, fields: Record<string, string>): Promise<Response> =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const admin = { client_id: CLIENT.clientId, user_id: 'bu-slash', redirect_uri: REDIRECT, full_name: 'Eka', email: 'eka@example.test' };
    const credentials = { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret };
    for (const path of ['/auth/token', '/auth/token/']) {
      // An OAuth client posts a form; MyValue's docs show JSON: both, at both spellings.
      for (const send of [form, json]) {
        const { code } = (await (await json('/__admin/authorize', admin)).json()) as { code: string };
        const token = await send(path, { ...credentials, grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
        expect(token.status, `${path} ${send === form ? 'form' : 'JSON'}`).toBe(200);
        const { access_token, refresh_token } = (await token.json()) as { access_token: string; refresh_token: string };
        const refreshed = await send(path, { ...credentials, grant_type: 'refresh_token', refresh_token });
        expect(refreshed.status, `${path} refresh`).toBe(200);
        for (const introspect of ['/auth/introspect', '/auth/introspect/']) {
          const user = await send(introspect, { access_token });
          expect(user.status, introspect).toBe(200);
          expect(await user.json()).toMatchObject({ email: 'eka@example.test' });
          const refused = await send(introspect, { access_token: 'not-a-token' });
          expect(await refused.json()).toEqual({ id: 'SAT003', detail: expect.any(String), errorCode: 401 });
        }
      }
    }
  });

  test('/auth/authorize: page -> log in -> 303 to redirect_uri with code and state -> /auth/token -> /auth/introspect', async () => {
    await start();
    const query = new URLSearchParams({ client_id: CLIENT.clientId, redirect_uri: REDIRECT, state: 'st 1&2', response_type: 'code' });
    const page = await fetch(`${base}/auth/authorize?${query}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    // MSW keeps the session cookie of an earlier test in its own store and sends it: then none is set here.
    const cookie = page.headers.get('set-cookie')?.split(';')[0];
    const csrf = hiddenValue(await page.text(), 'csrf_token') as string;
    const login = await fetch(`${base}/auth/authorize/login`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie === undefined ? {} : { cookie }) },
      body: new URLSearchParams({ ...Object.fromEntries(query), csrf_token: csrf, identifier: SEEDED.budi.email, password: SEEDED.budi.password }).toString(),
    });
    expect(login.status).toBe(303);
    const to = new URL(login.headers.get('location') as string);
    expect(`${to.origin}${to.pathname}`).toBe(REDIRECT);
    expect(to.searchParams.get('state')).toBe('st 1&2');
    const post = (path: string, body: unknown): Promise<Response> =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const token = await post('/auth/token', { grant_type: 'authorization_code', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code: to.searchParams.get('code'), redirect_uri: REDIRECT });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    expect(await (await post('/auth/introspect', { access_token })).json()).toMatchObject({ valueID: SEEDED.budi.valueId });
    // An unregistered redirect_uri: the error page, never a redirect; a bad response_type: back to the client.
    const evil = await fetch(`${base}/auth/authorize/?client_id=${CLIENT.clientId}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`, { redirect: 'manual' });
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
    expect(evil.headers.get('content-type')).toMatch(/^text\/html/);
    const implicit = await fetch(`${base}/auth/authorize?${new URLSearchParams({ client_id: CLIENT.clientId, redirect_uri: REDIRECT, response_type: 'token' })}`, { redirect: 'manual' });
    expect(implicit.status).toBe(303);
    expect(new URL(implicit.headers.get('location') as string).searchParams.get('error')).toBe('unsupported_response_type');
  });
});
