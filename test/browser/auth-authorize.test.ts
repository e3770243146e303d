// GET /auth/authorize in a real browser (Debian's Chromium via playwright-core): a client sends the user
// to the fake's log-in page, the user logs in, the browser lands on the client's redirect_uri with code and
// state, and the client's backend exchanges the code and introspects. A failing test leaves a screenshot in reports/.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test, type TestContext } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createFakeMyValue } from '../../mocks/create-fake';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { launchChromium, screenshotOnFailure } from './chromium';

const CLIENT = { clientId: 'DemoBU', clientSecret: 'test-only-secret-browser-authorize' } as const;
const BUDI = { valueId: 'VB60VS', email: 'budi.santoso@example.co.id', password: 'demo-password-2' } as const;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let myValue: RunningServer;
let callback: Server;
let redirectUri = '';

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  // The client's redirect_uri: a page that only says it was reached.
  callback = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>callback</p>'));
  await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
  redirectUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
  const fake = createFakeMyValue({ clients: [{ ...CLIENT }], redirectUris: [{ clientId: CLIENT.clientId, uri: redirectUri }] });
  myValue = await listen(createExpressApp(fake), 0);
  context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});

afterEach(async (ctx: TestContext) => {
  await screenshotOnFailure(ctx, page, 'browser-authorize');
  await context?.close();
  await myValue?.close();
  await new Promise<void>((resolve) => callback.close(() => resolve()));
});

const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
  const res = await fetch(`${myValue.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, unknown>;
};

test('log in on /auth/authorize -> the browser lands on redirect_uri with code and state -> token -> introspect', async () => {
  const state = 'browser state/1';
  await page.goto(`${myValue.url}/auth/authorize?${new URLSearchParams({ client_id: CLIENT.clientId, redirect_uri: redirectUri, state, response_type: 'code' })}`);
  expect(await page.getByRole('heading').textContent()).toBe('Masuk ke DemoBU dengan MyValue');
  await page.getByLabel('E-mail / Nomor HP').fill(BUDI.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Masuk' }).click();
  expect(await page.getByTestId('form-error').textContent()).toBe('E-mail / Nomor HP atau password salah.');
  await page.getByLabel('Password').fill(BUDI.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${redirectUri}?**`);
  const landed = new URL(page.url());
  expect(landed.searchParams.get('state')).toBe(state);
  const token = await post('/auth/token', { grant_type: 'authorization_code', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code: landed.searchParams.get('code'), redirect_uri: redirectUri });
  expect(await post('/auth/introspect', { access_token: token.access_token })).toMatchObject({ valueID: BUDI.valueId });
});
