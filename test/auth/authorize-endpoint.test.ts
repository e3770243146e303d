// GET /auth/authorize: a standard OAuth 2.0 authorization endpoint (RFC 6749 4.1) beside the mapping page.
// Log in on its page, then 303 to redirect_uri with code and state; the same redirect and CSRF rules as the
// mapping page. Every test runs on the core (no port); test/auth/adapters.test.ts runs it through both adapters.
import { describe, expect, test } from 'vitest';
import { createFakeMyValue, type Fake, type FakeResponse } from '../../mocks/create-fake';
import { CLIENT, exchange, hiddenValue, html, introspect, manualClock, newFake, OTHER, OTHER_REDIRECT, PageBrowser, postRawForm, REDIRECT, SEEDED, testId } from './helpers';

const START = '/auth/authorize';
const LOGIN = '/auth/authorize/login';

/** The seed's GramediaPOS, registered with its name "Gramedia POS" (clients added by options have none). */
const SEED_CLIENT = { client_id: 'GramediaPOS', client_secret: 'demo-secret-gramedia-pos', redirect_uri: 'http://127.0.0.1:5173/callback' } as const;

const namedFake = (): Fake => newFake().fake;

const params = (overrides: Record<string, string | undefined> = {}): Record<string, string> => {
  const all: Record<string, string | undefined> = { client_id: CLIENT.clientId, redirect_uri: REDIRECT, state: 'state-123', ...overrides };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
};

const codes = (fake: Fake): unknown => fake.deps.store.db.prepare('SELECT COUNT(*) FROM auth_codes').pluck().get();

/** Opens the log-in page in `browser` and posts it with these credentials and the page's own hidden fields. */
function logIn(browser: PageBrowser, query: Record<string, string>, identifier: string, password: string): FakeResponse {
  const page = browser.get(START, query);
  expect(page.status).toBe(200);
  return browser.post(LOGIN, { ...formFields(html(page)), identifier, password });
}

/** The hidden fields of the page's log-in form, CSRF token included. */
function formFields(page: string): Record<string, string> {
  const form = /<form method="post" action="\/auth\/authorize\/login">([\s\S]*?)<\/form>/.exec(page)?.[1] ?? '';
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [m[1], hiddenValue(form, m[1] as string) ?? '']));
}

function expectErrorPage(res: FakeResponse, status: number, detail: RegExp): void {
  expect(res.status).toBe(status);
  expect(res.headers.location).toBeUndefined();
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(testId(html(res), 'error-detail')).toMatch(detail);
}

const location = (res: FakeResponse): URL => {
  expect(res.status).toBe(303);
  return new URL(res.headers.location as string);
};

describe('GET /auth/authorize', () => {
  test('log in -> 303 to redirect_uri with code, scope and state -> token -> introspect gives the user who logged in', () => {
    const fake = createFakeMyValue({ clock: manualClock() });
    const browser = new PageBrowser(fake);
    const query = params({ client_id: SEED_CLIENT.client_id, redirect_uri: SEED_CLIENT.redirect_uri });
    const page = browser.get(START, query);
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toMatch(/^myvalue_mapping_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(html(page)).toContain('Masuk ke Gramedia POS dengan MyValue');
    expect(hiddenValue(html(page), 'csrf_token')).toMatch(/^[\w-]{43}$/);
    const memberships = (): unknown => fake.deps.store.db.prepare('SELECT COUNT(*) FROM memberships').pluck().get();
    const before = memberships();
    const done = browser.post(LOGIN, { ...formFields(html(page)), identifier: SEEDED.budi.email, password: SEEDED.budi.password });
    expect(done.headers['set-cookie']).toBeUndefined();
    const to = location(done);
    expect(`${to.origin}${to.pathname}`).toBe(SEED_CLIENT.redirect_uri);
    expect([...to.searchParams.keys()]).toEqual(['code', 'scope', 'state']);
    expect(to.searchParams.get('state')).toBe('state-123');
    expect(to.searchParams.get('scope')).toBe('fosite offline openid');
    expect(done.headers.location).toContain('scope=fosite%20offline%20openid');
    const token = exchange(fake, to.searchParams.get('code') as string, { client_id: SEED_CLIENT.client_id, client_secret: SEED_CLIENT.client_secret, redirect_uri: SEED_CLIENT.redirect_uri });
    expect(token.status).toBe(200);
    const user = introspect(fake, (token.body as { access_token: string }).access_token);
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ valueID: SEEDED.budi.valueId, email: SEEDED.budi.email });
    // No account mapping: nothing linked, no "MyValue Third Party" membership added.
    expect(memberships()).toBe(before);
  });

  test('logs in by phone number as well; a client without a registered name is called by its id', () => {
    const fake = namedFake();
    const browser = new PageBrowser(fake);
    expect(html(browser.get(START, params()))).toContain('Masuk ke DemoBU dengan MyValue');
    const to = location(logIn(browser, params(), SEEDED.siti.phone, SEEDED.siti.password));
    const token = exchange(fake, to.searchParams.get('code') as string);
    expect(introspect(fake, (token.body as { access_token: string }).access_token).body).toMatchObject({ valueID: SEEDED.siti.valueId });
  });

  test('no state: none on the redirect; a state is echoed exactly, whatever it holds', () => {
    const fake = namedFake();
    const none = location(logIn(new PageBrowser(fake), params({ state: undefined }), SEEDED.budi.email, SEEDED.budi.password));
    expect([...none.searchParams.keys()]).toEqual(['code', 'scope']);
    const odd = 'a b&c=d/é?#%20';
    const echoed = location(logIn(new PageBrowser(fake), params({ state: odd }), SEEDED.budi.email, SEEDED.budi.password));
    expect(echoed.searchParams.get('state')).toBe(odd);
  });

  test('a wrong password or an unknown user: 401 page with the form again, no code, no redirect', () => {
    const fake = namedFake();
    for (const [identifier, password] of [[SEEDED.budi.email, 'not-the-password'], ['nobody@example.test', SEEDED.budi.password], ['', '']] as const) {
      const res = logIn(new PageBrowser(fake), params(), identifier, password);
      expect(res.status).toBe(401);
      expect(res.headers.location).toBeUndefined();
      expect(testId(html(res), 'form-error')).toBe('E-mail / Nomor HP atau password salah.');
      expect(formFields(html(res))).toMatchObject({ client_id: CLIENT.clientId, redirect_uri: REDIRECT, state: 'state-123' });
    }
    expect(codes(fake)).toBe(0);
  });

  test('an unknown client, an unregistered redirect_uri or a missing one: 400 error page, never a redirect (GET and POST)', () => {
    const fake = namedFake();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [params({ client_id: 'NoSuchClient' }), /unknown client_id "NoSuchClient"/],
      [params({ redirect_uri: 'https://evil.example/callback' }), /redirect_uri "https:\/\/evil.example\/callback" is not registered for client "DemoBU"/],
      [params({ redirect_uri: `${REDIRECT}/` }), /is not registered/],
      // Another client's registered URI is not this client's.
      [params({ redirect_uri: OTHER_REDIRECT }), /is not registered for client "DemoBU"/],
      [params({ redirect_uri: undefined }), /missing required parameter: redirect_uri/],
      [params({ client_id: undefined, redirect_uri: undefined }), /missing required parameters: client_id, redirect_uri/],
      // Even with a bad response_type: the client's address is not trusted, so the user is not sent there.
      [params({ redirect_uri: 'https://evil.example/callback', response_type: 'token' }), /is not registered/],
    ];
    for (const [query, detail] of cases) {
      const browser = new PageBrowser(fake);
      expectErrorPage(browser.get(START, query), 400, detail);
      expect(html(browser.get(START, query))).toContain('Halaman masuk tidak dapat dibuka');
      expectErrorPage(browser.post(LOGIN, { ...query, csrf_token: browser.csrf ?? '', identifier: SEEDED.budi.email, password: SEEDED.budi.password }), 400, detail);
    }
    // A repeated redirect_uri or state: which one would be meant is unknowable.
    expectErrorPage(new PageBrowser(fake).get(START, { ...params(), state: ['a', 'b'] }), 400, /state was given 2 times/);
    expectErrorPage(new PageBrowser(fake).get(START, { ...params(), redirect_uri: [REDIRECT, REDIRECT] }), 400, /redirect_uri was given 2 times/);
    expect(codes(fake)).toBe(0);
  });

  test('a form post without the session cookie or with a wrong token: 403 error page, no cookie set, nothing issued', () => {
    const fake = namedFake();
    const victim = new PageBrowser(fake);
    const page = html(victim.get(START, params()));
    const fields = { ...formFields(page), identifier: SEEDED.budi.email, password: SEEDED.budi.password };
    // Cross-site: SameSite=Lax keeps the cookie back; the attacker may even know a token of its own session.
    const noCookie = postRawForm(fake, LOGIN, fields);
    expectErrorPage(noCookie, 403, /came without the page's session cookie/);
    expect(noCookie.headers['set-cookie']).toBeUndefined();
    // Same-site but another page: the cookie comes along, the token does not match.
    for (const csrf of ['', 'x'.repeat(43), hiddenValue(html(new PageBrowser(fake).get(START, params())), 'csrf_token') as string]) {
      expectErrorPage(victim.post(LOGIN, { ...fields, csrf_token: csrf }), 403, /csrf_token is missing or does not match/);
    }
    expect(codes(fake)).toBe(0);
    // The victim's own page still works.
    expect(location(victim.post(LOGIN, fields)).searchParams.get('code')).toMatch(/^[\w-]{43}\.[\w-]{43}$/);
  });

  test('response_type other than code: 303 back to redirect_uri with error=unsupported_response_type and the state; code is fine', () => {
    const fake = namedFake();
    const browser = new PageBrowser(fake);
    const to = location(browser.get(START, params({ response_type: 'token' })));
    expect(`${to.origin}${to.pathname}`).toBe(REDIRECT);
    expect(Object.fromEntries(to.searchParams)).toEqual({ error: 'unsupported_response_type', error_description: 'response_type must be code, got "token"', state: 'state-123' });
    const noState = location(browser.get(START, params({ response_type: 'id_token', state: undefined })));
    expect([...noState.searchParams.keys()]).toEqual(['error', 'error_description']);
    // Tampering with the form's response_type gets the same answer, not a code.
    const page = html(browser.get(START, params({ response_type: 'code' })));
    expect(formFields(page)).toMatchObject({ response_type: 'code' });
    const tampered = location(browser.post(LOGIN, { ...formFields(page), response_type: 'token', identifier: SEEDED.budi.email, password: SEEDED.budi.password }));
    expect(tampered.searchParams.get('error')).toBe('unsupported_response_type');
    expect(codes(fake)).toBe(0);
    expect(location(browser.post(LOGIN, { ...formFields(page), identifier: SEEDED.budi.email, password: SEEDED.budi.password })).searchParams.get('code')).not.toBeNull();
  });

  test('scope: a known one is granted and echoed; an unknown one is error=invalid_scope; a repeated response_type is invalid_request', () => {
    const fake = namedFake();
    const granted = location(logIn(new PageBrowser(fake), params({ scope: 'openid  offline' }), SEEDED.budi.email, SEEDED.budi.password));
    expect(granted.searchParams.get('scope')).toBe('openid offline');
    const code = granted.searchParams.get('code') as string;
    expect(fake.deps.store.db.prepare('SELECT scope FROM auth_codes').pluck().get()).toBe('openid offline');
    expect(exchange(fake, code).status).toBe(200);
    const unknown = location(new PageBrowser(fake).get(START, params({ scope: 'openid admin' })));
    expect(Object.fromEntries(unknown.searchParams)).toMatchObject({ error: 'invalid_scope', state: 'state-123' });
    const twice = location(new PageBrowser(fake).get(START, { ...params(), response_type: ['code', 'code'] }));
    expect(Object.fromEntries(twice.searchParams)).toEqual({ error: 'invalid_request', error_description: 'response_type was given 2 times', state: 'state-123' });
  });

  test('a lone surrogate (only straight into the core): the error page for state, invalid_request for scope; never a 500', () => {
    const fake = namedFake();
    expectErrorPage(new PageBrowser(fake).get(START, params({ state: 'a\ud800' })), 400, /state is not well-formed Unicode/);
    const to = location(new PageBrowser(fake).get(START, params({ scope: '\udc00' })));
    expect(Object.fromEntries(to.searchParams)).toEqual({ error: 'invalid_request', error_description: 'scope is not well-formed Unicode', state: 'state-123' });
  });

  test('the trailing slash is optional: /auth/authorize/ and /auth/authorize/login/', () => {
    const fake = namedFake();
    const browser = new PageBrowser(fake);
    const page = browser.get(`${START}/`, params());
    expect(page.status).toBe(200);
    const to = location(browser.post(`${LOGIN}/`, { ...formFields(html(page)), identifier: SEEDED.budi.email, password: SEEDED.budi.password }));
    expect(exchange(fake, to.searchParams.get('code') as string).status).toBe(200);
  });

  test('the code is bound to the client and redirect_uri it was issued for', () => {
    const fake = namedFake();
    const code = location(logIn(new PageBrowser(fake), params(), SEEDED.budi.email, SEEDED.budi.password)).searchParams.get('code') as string;
    expect(exchange(fake, code, { client_id: OTHER.clientId, client_secret: OTHER.clientSecret, redirect_uri: OTHER_REDIRECT }).status).toBe(401);
    expect(exchange(fake, code, { redirect_uri: `${REDIRECT}?x=1` }).status).toBe(401);
    expect(exchange(fake, code).status).toBe(200);
  });
});
