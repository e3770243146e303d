// A page on another origin, in the same Chromium as the developer or the user, tries to drive the fake:
// reset it, add a fault, complete an SSO mapping with a ticket of its own, log the user in as its own
// account. Two attackers: another port of the same host (cross-origin but same-site: the browser sends
// the fake's cookies) and another host name (cross-site: SameSite=Lax keeps them back). Every attempt is
// refused, the fake's state is as it was, and the user's own page still works afterwards.
import express from 'express';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, type TestContext } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { launchChromium, reusedPage, screenshotOnFailure } from './chromium';

const BU = { clientId: 'DemoBU', clientSecret: 'test-only-secret-cross-site' } as const;
const REDIRECT = 'http://127.0.0.1:5999/callback';
const BUDI = { email: 'budi.santoso@example.co.id', password: 'demo-password-2' } as const;
const SITI = { phone: '081399887766', password: 'demo-password-3' } as const;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let fake: Fake;
let myValue: RunningServer;
let attacker: RunningServer;
/** The attacker's pages by path, set per test. */
const pages = new Map<string, string>();

beforeAll(async () => {
  browser = await launchChromium();
  const site = express();
  site.get('/:name', (req, res) => {
    const html = pages.get(req.params.name);
    if (html === undefined) res.status(404).end();
    else res.type('html').send(html);
  });
  attacker = await listen(site, 0);
});

const reused = reusedPage(() => browser);

afterAll(async () => {
  await reused.close();
  await browser?.close();
  await attacker?.close();
});

beforeEach(async () => {
  pages.clear();
  fake = createFakeMyValue({ clients: [{ clientId: BU.clientId, clientSecret: BU.clientSecret }], redirectUris: [{ clientId: BU.clientId, uri: REDIRECT }] });
  myValue = await listen(createExpressApp(fake), 0);
  page = await reused.fresh();
  context = reused.context() as BrowserContext;
});

afterEach(async (ctx: TestContext) => {
  await screenshotOnFailure(ctx, page, 'cross-site');
  await reused.leave();
  await myValue?.close();
});

/** Where the attacker's pages are: another port of 127.0.0.1 (same site as the fake), or localhost (another site). */
const ATTACKERS = [
  { name: 'another port of the same host (same-site)', host: '127.0.0.1', sameSite: true },
  { name: 'another host name (cross-site)', host: 'localhost', sameSite: false },
] as const;

const attackerUrl = (host: string, name: string): string => `http://${host}:${attacker.port}/${name}`;

/** What an attack must leave as it was. */
function state(): Record<string, unknown> {
  const db = fake.deps.store.db;
  const count = (table: string): unknown => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();
  return {
    users: count('users'), memberships: count('memberships'), mutations: count('mutations'), codes: count('auth_codes'), tickets: count('page_tickets'),
    faults: fake.faults.list().length,
  };
}

const mappingParams = (userId: string, email: string): Record<string, string> => ({
  user_id: userId, client_id: BU.clientId, app_name: 'DemoBU', full_name: 'Ani Wijaya', redirect_uri: REDIRECT, fallback_uri: 'http://127.0.0.1:5999/home', state: 'bu-state-1', email,
});

/** An HTML form the attacker's page submits by itself as soon as it loads. */
function autoSubmit(action: string, fields: Record<string, string>, enctype = 'application/x-www-form-urlencoded'): string {
  const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name.replace(/"/g, '&quot;')}" value="${value.replace(/"/g, '&quot;')}">`).join('');
  return `<!doctype html><title>win a prize</title><form method="post" action="${action}" enctype="${enctype}">${inputs}</form><script>document.forms[0].submit()</script>`;
}

/** Opens the attacker's page and waits for the fake's answer to the form it submits. */
async function submittedBy(tab: Page, url: string, action: string): Promise<{ status: number; detail: string }> {
  const [answer] = await Promise.all([tab.waitForResponse((r) => r.url() === action && r.request().method() === 'POST'), tab.goto(url)]);
  await tab.waitForURL(action);
  const body = await answer.text();
  // An error page's developer detail, or a JSON answer as it came.
  const detail = /data-testid="error-detail">([^<]*)</.exec(body)?.[1]?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return { status: answer.status(), detail: detail ?? body };
}

describe.each(ATTACKERS)('a page on $name', (origin) => {
  test('cannot reset the fake or add a fault: not with fetch, not with a form', async () => {
    // Some state the reset would wipe: a user mapped through the admin API (no Origin: a tool, not a page).
    const mapped = await fetch(`${myValue.url}/__admin/authorize`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: BU.clientId, user_id: 'bu-kept', redirect_uri: REDIRECT, full_name: 'Kept', email: 'kept@example.test' }),
    });
    expect(mapped.status).toBe(200);
    const before = state();
    pages.set('fetch', `<!doctype html><title>loading</title><script>
      const fake = ${JSON.stringify(myValue.url)};
      const fault = JSON.stringify({ rule: '*:drop' });
      const attempts = [
        ['/__admin/reset', '{}'], ['/__admin/faults', fault],
      ];
      (async () => {
        const seen = [];
        for (const [path, body] of attempts) {
          // A "simple" request: no preflight, the answer unreadable, but it is sent.
          await fetch(fake + path, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }).then(() => seen.push('sent'), () => seen.push('failed'));
          // As JSON: the browser asks first (preflight), and the fake grants no cross-origin access.
          await fetch(fake + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => seen.push('read ' + r.status), () => seen.push('blocked'));
        }
        document.title = seen.join(',');
      })();
    </script>`);
    await page.goto(attackerUrl(origin.host, 'fetch'));
    await expect.poll(() => page.title()).toBe('sent,blocked,sent,blocked');
    expect(state()).toEqual(before);
    // A form posting the JSON as text/plain (a classic way around a JSON-only endpoint).
    for (const path of ['/__admin/reset', '/__admin/faults']) {
      pages.set('form', autoSubmit(`${myValue.url}${path}`, { '{"rule":"*:drop","x":"': '"}' }, 'text/plain'));
      const answer = await submittedBy(page, attackerUrl(origin.host, 'form'), `${myValue.url}${path}`);
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.detail)).toMatchObject({ id: 'ErrAdminForbidden' });
    }
    expect(state()).toEqual(before);
    const faults = (await (await fetch(`${myValue.url}/__admin/faults`)).json()) as { count: number };
    expect(faults.count).toBe(0);
  });

  test('cannot add a fault through another spelling of the admin path', async () => {
    const before = state();
    // A bodiless-typed no-cors POST (a Blob body sends no content type): the answer is unreadable, but it is
    // sent. The browser keeps //, %5F and another case as written.
    pages.set('spelled', `<!doctype html><title>loading</title><script>
      const fake = ${JSON.stringify(myValue.url)};
      const rule = JSON.stringify({ rule: '*:status=503' });
      (async () => {
        const seen = [];
        for (const path of ['//__admin/faults', '/%5F_admin/faults', '/%5f%5fadmin/faults', '/__ADMIN/faults', '/__admin/faults']) {
          await fetch(fake + path, { method: 'POST', mode: 'no-cors', body: new Blob([rule]) }).then(() => seen.push('sent'), () => seen.push('failed'));
        }
        document.title = seen.join(',');
      })();
    </script>`);
    await page.goto(attackerUrl(origin.host, 'spelled'));
    await expect.poll(() => page.title()).toBe('sent,sent,sent,sent,sent');
    expect(state()).toEqual(before);
    expect(fake.journal.count({})).toBe(0);
  });

  test('cannot complete a mapping with its own ticket, nor log the user in as its own account; the user\'s page still works', async () => {
    const victimParams = mappingParams('bu-victim', 'ani.wijaya@example.test');
    // The user logs in on the mapping page and is about to press "Hubungkan Akun".
    await page.goto(`${myValue.url}/authorize/mapping/login?${new URLSearchParams(victimParams).toString()}`);
    await page.getByLabel('E-mail / Nomor HP').fill(BUDI.email);
    await page.getByLabel('Password').fill(BUDI.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Hubungkan Akun' }).count()).toBe(1);

    // The attacker logs in as Siti in a browser of their own and keeps the ticket of its confirm page.
    const own = await context.browser()?.newContext();
    const attackerTab = await own?.newPage();
    if (!own || !attackerTab) throw new Error('no second browser context');
    await attackerTab.goto(`${myValue.url}/authorize/mapping/login?${new URLSearchParams(victimParams).toString()}`);
    await attackerTab.getByLabel('E-mail / Nomor HP').fill(SITI.phone);
    await attackerTab.getByLabel('Password').fill(SITI.password);
    await attackerTab.getByRole('button', { name: 'Masuk' }).click();
    const ticket = (await attackerTab.locator('input[name="ticket"]').getAttribute('value')) ?? '';
    const attackerToken = (await attackerTab.locator('input[name="csrf_token"]').first().getAttribute('value')) ?? '';
    expect(ticket).not.toBe('');
    await own.close();

    const before = state();
    const tab = await context.newPage();
    const detail = origin.sameSite ? /csrf_token is missing or does not match/ : /without the page's session cookie/;
    // Confirm in the user's browser with the attacker's ticket, with no token and with the attacker's own token.
    for (const token of [undefined, attackerToken]) {
      pages.set('confirm', autoSubmit(`${myValue.url}/authorize/mapping/confirm`, { ...victimParams, ticket, ...(token === undefined ? {} : { csrf_token: token }) }));
      const answer = await submittedBy(tab, attackerUrl(origin.host, 'confirm'), `${myValue.url}/authorize/mapping/confirm`);
      expect(answer.status).toBe(403);
      expect(answer.detail).toMatch(detail);
    }
    // Log the user in as the attacker's account (login CSRF).
    pages.set('login', autoSubmit(`${myValue.url}/authorize/mapping/login`, { ...victimParams, identifier: SITI.phone, password: SITI.password }));
    const login = await submittedBy(tab, attackerUrl(origin.host, 'login'), `${myValue.url}/authorize/mapping/login`);
    expect(login.status).toBe(403);
    expect(login.detail).toMatch(detail);
    expect(state()).toEqual(before);

    // The user's own page, untouched, confirms as Budi.
    const [linked] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${myValue.url}/authorize/mapping/confirm`),
      page.getByRole('button', { name: 'Hubungkan Akun' }).click(),
    ]);
    expect(linked.status()).toBe(200);
    const redirect = /url=([^"]+)"/.exec(await linked.text())?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(new URL(redirect).searchParams.get('state')).toBe('bu-state-1');
    const link = fake.deps.store.db.prepare("SELECT u.value_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.member_no = 'bu-victim'").pluck().all();
    expect(link).toEqual(['VB60VS']);
  });
});
