// The mapping page against forged form posts and replayed tickets: every form post needs the browser's
// session cookie and the CSRF token of that session; a login ticket confirms once, for the request, state
// and browser session it was issued to. Each refusal is an error page, and nothing is linked or issued.
import { describe, expect, test } from 'vitest';
import type { Fake, FakeResponse } from '../../mocks/create-fake';
import { SESSION_COOKIE } from '../../mocks/auth/page-session';
import { codeFrom, formOn, hiddenValue, html, mappingParams, newFake, PageBrowser, postRawForm, REDIRECT, SEEDED, testId } from './helpers';

const START = '/authorize/mapping';
const LOGIN = '/authorize/mapping/login';
const REGISTER = '/authorize/mapping/register';
const CONFIRM = '/authorize/mapping/confirm';
const CANCEL = '/authorize/mapping/cancel';

/** What a refusal must leave as it was: users, links, codes, tickets. */
const counts = (fake: Fake): Record<string, unknown> => {
  const db = fake.deps.store.db;
  const count = (table: string): unknown => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();
  return { users: count('users'), memberships: count('memberships'), codes: count('auth_codes'), tickets: count('page_tickets') };
};

/** Logs in on the page in `browser`; returns the confirmation with its ticket and CSRF token. */
function loggedIn(browser: PageBrowser, params: Record<string, string>): { page: string; ticket: string; csrf: string } {
  browser.get(LOGIN, params);
  const res = browser.post(LOGIN, { ...params, identifier: SEEDED.budi.email, password: SEEDED.budi.password });
  expect(res.status).toBe(200);
  const page = html(res);
  return { page, ticket: hiddenValue(page, 'ticket') as string, csrf: hiddenValue(page, 'csrf_token') as string };
}

function expectRefusedPage(res: FakeResponse, status: number, detail: RegExp): void {
  expect(res.status).toBe(status);
  expect(res.headers.location).toBeUndefined();
  const page = html(res);
  expect(page).not.toMatch(/http-equiv="refresh"/);
  expect(testId(page, 'error-detail')).toMatch(detail);
}

describe('the page session cookie and CSRF token', () => {
  test('the first page sets an HttpOnly, SameSite=Lax session cookie once; every form carries the token, no link does', () => {
    const { fake } = newFake();
    const browser = new PageBrowser(fake);
    const first = browser.get(START, mappingParams());
    expect(first.headers['set-cookie']).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]{43}; Path=/; HttpOnly; SameSite=Lax$`));
    const token = hiddenValue(html(first), 'csrf_token');
    expect(token).toMatch(/^[\w-]{43}$/);
    // The session id itself is never on the page (HttpOnly keeps it from scripts, too).
    expect(html(first)).not.toContain((first.headers['set-cookie'] as string).split(/[=;]/)[1]);
    for (const [path, forms] of [[START, [CANCEL]], [LOGIN, [LOGIN, CANCEL]], [REGISTER, [REGISTER, CANCEL]]] as const) {
      const res = browser.get(path, mappingParams());
      expect(res.headers['set-cookie']).toBeUndefined();
      const page = html(res);
      for (const action of forms) expect(formOn(page, action)?.fields).toContainEqual(['csrf_token', token]);
      for (const href of page.matchAll(/href="([^"]*)"/g)) expect(href[1]).not.toContain('csrf_token');
    }
    const { page } = loggedIn(browser, mappingParams());
    expect(formOn(page, CONFIRM)?.fields).toContainEqual(['csrf_token', token]);
  });

  test('an https origin gets a Secure cookie', () => {
    const { fake } = newFake();
    const res = fake.handle({ method: 'GET', path: START, query: mappingParams(), headers: {}, origin: 'https://sso.fake.test' });
    expect(res.headers['set-cookie']).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
  });

  // What a page on another site can make a browser send: the form fields it knows, no cookie (SameSite=Lax)
  // or, from another port of the same host, the cookie but no token.
  const forged: Array<[string, string, (params: Record<string, string>) => Record<string, string>]> = [
    ['log-in', LOGIN, (params) => ({ ...params, identifier: SEEDED.budi.email, password: SEEDED.budi.password })],
    ['registration', REGISTER, (params) => ({ ...params, reg_full_name: 'Forged', reg_email: 'forged@example.test', reg_phone: '', reg_password: 'made-up-pass-1' })],
    ['cancel', CANCEL, (params) => params],
  ];

  test.each(forged)('a %s post without the session cookie gets 403 and does nothing', (_name, path, fields) => {
    const { fake } = newFake();
    const before = counts(fake);
    const res = postRawForm(fake, path, fields(mappingParams()));
    expectRefusedPage(res, 403, /without the page's session cookie/);
    // It starts no session either: a cross-site post must not replace the session of the user's open page.
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(testId(html(res), 'error-message')).toBe('Sesi halaman tidak valid atau sudah kedaluwarsa. Silakan ulangi dari aplikasi Demo BU.');
    expect(counts(fake)).toEqual(before);
  });

  test.each(forged)('a %s post with the cookie but a missing, wrong or other session\'s token gets 403', (_name, path, fields) => {
    const { fake } = newFake();
    const victim = new PageBrowser(fake);
    victim.get(START, mappingParams());
    const attacker = new PageBrowser(fake);
    attacker.get(START, mappingParams());
    const before = counts(fake);
    for (const token of [undefined, '', 'x'.repeat(43), attacker.csrf as string]) {
      const body = token === undefined ? fields(mappingParams()) : { ...fields(mappingParams()), csrf_token: token };
      const res = postRawForm(fake, path, body, { cookie: victim.cookie as string });
      expectRefusedPage(res, 403, /csrf_token is missing or does not match/);
    }
    expect(counts(fake)).toEqual(before);
  });

  test('a reset makes the tokens of pages shown before it stop working; the page shown after works', () => {
    const { fake } = newFake();
    const browser = new PageBrowser(fake);
    browser.get(START, mappingParams());
    const stale = browser.csrf as string;
    fake.reset();
    expectRefusedPage(browser.post(CANCEL, { ...mappingParams(), csrf_token: stale }), 403, /does not match/);
    browser.get(START, mappingParams());
    expect(browser.csrf).not.toBe(stale);
    expect(browser.post(CANCEL, mappingParams()).status).toBe(303);
  });
});

describe('the login ticket', () => {
  test('confirms once: the same ticket again gets the error page and no second code', () => {
    const { fake } = newFake();
    const browser = new PageBrowser(fake);
    const params = mappingParams();
    const { ticket, csrf } = loggedIn(browser, params);
    const first = browser.post(CONFIRM, { ...params, ticket, csrf_token: csrf });
    expect(first.status).toBe(200);
    codeFrom(first);
    const before = counts(fake);
    expectRefusedPage(browser.post(CONFIRM, { ...params, ticket, csrf_token: csrf }), 400, /already used: a ticket confirms once/);
    expect(counts(fake)).toEqual(before);
  });

  test('is bound to state: replayed with another state it gives no code with that state', () => {
    const { fake } = newFake();
    const browser = new PageBrowser(fake);
    const params = mappingParams({ state: 'state-of-the-bu' });
    const { ticket, csrf } = loggedIn(browser, params);
    const before = counts(fake);
    for (const state of ['attacker-state', undefined]) {
      const replay = browser.post(CONFIRM, { ...mappingParams({ state }), ticket, csrf_token: csrf });
      expectRefusedPage(replay, 400, /another mapping request/);
    }
    expect(counts(fake)).toEqual(before);
    const { url } = codeFrom(browser.post(CONFIRM, { ...params, ticket, csrf_token: csrf }));
    expect(url.searchParams.get('state')).toBe('state-of-the-bu');
  });

  test.each([
    ['BU user', { user_id: 'another-bu-user' }],
    ['client and redirect URI', { client_id: 'OtherBU', redirect_uri: 'http://127.0.0.1:5998/callback', fallback_uri: 'http://127.0.0.1:5998/home' }],
  ])('is bound to the %s it was issued for', (_name, overrides) => {
    const { fake } = newFake();
    const browser = new PageBrowser(fake);
    const { ticket, csrf } = loggedIn(browser, mappingParams());
    const before = counts(fake);
    expectRefusedPage(browser.post(CONFIRM, { ...mappingParams(overrides), ticket, csrf_token: csrf }), 400, /another mapping request/);
    expect(counts(fake)).toEqual(before);
  });

  test('is bound to the browser session that logged in: an attacker\'s own ticket is refused in the victim\'s browser', () => {
    const { fake } = newFake();
    // The attacker logs in as Budi in their own browser and keeps the confirm page's ticket.
    const attacker = new PageBrowser(fake);
    const params = mappingParams({ user_id: 'victim-bu-user', email: 'victim@example.test' });
    const stolen = loggedIn(attacker, params).ticket;
    // The victim's browser has a genuine page session (and token) of its own.
    const victim = new PageBrowser(fake);
    victim.get(START, params);
    const before = counts(fake);
    expectRefusedPage(victim.post(CONFIRM, { ...params, ticket: stolen }), 400, /another browser session/);
    expect(counts(fake)).toEqual(before);
  });

  test('names no user when missing or unknown, and a reset voids it', () => {
    const { fake } = newFake();
    const browser = new PageBrowser(fake);
    const params = mappingParams();
    expectRefusedPage(browser.post(CONFIRM, params), 400, /carries no login ticket/);
    const { ticket } = loggedIn(browser, params);
    fake.reset();
    browser.get(START, params);
    expectRefusedPage(browser.post(CONFIRM, { ...params, ticket }), 400, /unknown \(tampered, or the fake was reset\)/);
  });

  test('is stored only as a hash', () => {
    const { fake } = newFake();
    const { ticket } = loggedIn(new PageBrowser(fake), mappingParams());
    const rows = JSON.stringify(fake.deps.store.db.prepare('SELECT * FROM page_tickets').all());
    expect(rows).toContain(REDIRECT);
    expect(rows).not.toContain(ticket);
  });
});
