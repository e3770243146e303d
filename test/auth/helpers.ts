// Shared helpers for the Auth API and mapping page tests: a fresh fake per test, a hand-moved clock,
// form and JSON requests straight into the core, and readers for the page's HTML.
import { createFakeMyValue, type Fake, type FakeResponse, type FakeSettings } from '../../mocks/create-fake';

export const ORIGIN = 'http://127.0.0.1:4010';
/** A made-up client for these tests (not in the seed). */
export const CLIENT = { clientId: 'DemoBU', clientSecret: 'test-only-secret-demo-bu' } as const;
export const OTHER = { clientId: 'OtherBU', clientSecret: 'test-only-secret-other-bu' } as const;
export const REDIRECT = 'http://127.0.0.1:5999/callback';
export const FALLBACK = 'http://127.0.0.1:5999/home';
export const OTHER_REDIRECT = 'http://127.0.0.1:5998/callback';

/** Seed users (mocks/seed.json) with their demo passwords. */
export const SEEDED = {
  budi: { valueId: 'VB60VS', email: 'budi.santoso@example.co.id', phone: '081234567890', password: 'demo-password-2' },
  siti: { valueId: 'VS4NTK', email: 'siti.rahma@example.co.id', phone: '081399887766', password: 'demo-password-3' },
} as const;

export interface ManualClock {
  now(): Date;
  advance(seconds: number): void;
}

export function manualClock(start = '2025-03-01T08:00:00Z'): ManualClock {
  let at = Date.parse(start);
  return { now: () => new Date(at), advance: (seconds) => { at += seconds * 1000; } };
}

export interface TestFake {
  fake: Fake;
  clock: ManualClock;
}

/** A fresh fake with DemoBU (REDIRECT) and OtherBU (OTHER_REDIRECT) registered. */
export function newFake(settings: Partial<FakeSettings> = {}): TestFake {
  const clock = manualClock();
  const fake = createFakeMyValue({
    clients: [
      { clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, redirectUris: [REDIRECT] },
      { clientId: OTHER.clientId, clientSecret: OTHER.clientSecret, redirectUris: [OTHER_REDIRECT] },
    ],
    clock,
    settings,
  });
  return { fake, clock };
}

/**
 * A browser on the fake's pages: it keeps the session cookie the pages set and the CSRF token of the last
 * page shown, and sends them as a browser would. `get` and `postForm` use one browser per fake; a test
 * of sessions makes more with `new PageBrowser(fake)`.
 */
export class PageBrowser {
  cookie?: string;
  csrf?: string;
  constructor(readonly fake: Fake) {}

  /** Sends a request with this browser's cookie and learns what the answer sets and shows. */
  send(req: Parameters<Fake['handle']>[0]): FakeResponse {
    const headers = this.cookie === undefined ? req.headers : { ...req.headers, cookie: this.cookie };
    const res = this.fake.handle({ ...req, headers });
    const setCookie = res.headers['set-cookie'];
    if (setCookie !== undefined) this.cookie = setCookie.split(';')[0];
    if (typeof res.body === 'string') {
      const csrf = hiddenValue(res.body, 'csrf_token');
      if (csrf !== undefined) this.csrf = csrf;
    }
    return res;
  }

  get(path: string, query: Record<string, string | string[]> = {}): FakeResponse {
    return this.send({ method: 'GET', path, query, headers: {}, origin: ORIGIN });
  }

  /**
   * Posts a form with the cookie and, unless the fields bring one, the CSRF token of the last page shown
   * (a browser that has shown no page opens the mapping page first).
   */
  post(path: string, fields: Record<string, string> | Array<[string, string]>): FakeResponse {
    const list = Array.isArray(fields) ? [...fields] : Object.entries(fields);
    if (path.startsWith('/authorize/mapping') && !list.some(([name]) => name === 'csrf_token')) {
      if (this.csrf === undefined) this.get('/authorize/mapping', mappingParams());
      if (this.csrf !== undefined) list.push(['csrf_token', this.csrf]);
    }
    return this.send({
      method: 'POST', path, query: {}, origin: ORIGIN,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: new URLSearchParams(list).toString(),
    });
  }
}

const browsers = new WeakMap<Fake, PageBrowser>();

/** The one browser `get` and `postForm` use on this fake. */
export const browserOf = (fake: Fake): PageBrowser => {
  let browser = browsers.get(fake);
  if (!browser) browsers.set(fake, (browser = new PageBrowser(fake)));
  return browser;
};

export const get = (fake: Fake, path: string, query: Record<string, string | string[]> = {}): FakeResponse => browserOf(fake).get(path, query);

export const postForm = (fake: Fake, path: string, fields: Record<string, string> | Array<[string, string]>): FakeResponse => browserOf(fake).post(path, fields);

/**
 * Opens the mapping page over HTTP and returns what its forms need: the session cookie it set and the CSRF
 * token its forms carry (for tests that post with fetch, as a browser would after showing the page).
 */
export async function openPage(base: string, params: Record<string, string>): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${base}/authorize/mapping?${new URLSearchParams(params).toString()}`);
  const cookie = page.headers.get('set-cookie')?.split(';')[0];
  const csrf = hiddenValue(await page.text(), 'csrf_token');
  if (cookie === undefined || csrf === undefined) throw new Error(`the mapping page (${page.status}) set no session cookie or showed no CSRF token`);
  return { cookie, csrf };
}

/** Posts a form straight into the core, with exactly the headers given: no browser, no cookie, no token added. */
export function postRawForm(fake: Fake, path: string, fields: Record<string, string> | Array<[string, string]>, headers: Record<string, string> = {}): FakeResponse {
  return fake.handle({
    method: 'POST', path, query: {}, origin: ORIGIN,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    rawBody: new URLSearchParams(fields).toString(),
  });
}

export function postJson(fake: Fake, path: string, body: unknown): FakeResponse {
  return fake.handle({ method: 'POST', path, query: {}, origin: ORIGIN, headers: { 'content-type': 'application/json' }, rawBody: JSON.stringify(body) });
}

/** The guide's mapping parameters for DemoBU, with overrides (undefined removes one). */
export function mappingParams(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const base: Record<string, string | undefined> = {
    user_id: 'bu-user-1',
    client_id: CLIENT.clientId,
    app_name: 'Demo BU',
    full_name: 'Ani Wijaya',
    redirect_uri: REDIRECT,
    fallback_uri: FALLBACK,
    state: 'state-123',
    email: 'ani.wijaya@example.test',
    ...overrides,
  };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) out[key] = value;
  return out;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
export const unescapeHtml = (text: string): string => text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

export function html(response: FakeResponse): string {
  if (typeof response.body !== 'string') throw new Error(`expected an HTML page, got ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The value of a hidden input on a page. */
export function hiddenValue(page: string, name: string): string | undefined {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(page);
  return match?.[1] === undefined ? undefined : unescapeHtml(match[1]);
}

/** Where the "account linked" page moves on to (its meta refresh). */
export function refreshTarget(page: string): string {
  const match = /<meta http-equiv="refresh" content="\d+;url=([^"]*)">/.exec(page);
  if (!match?.[1]) throw new Error('page has no meta refresh');
  return unescapeHtml(match[1]);
}

/** Text of an element marked data-testid. */
export function testId(page: string, id: string): string | undefined {
  const match = new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(page);
  return match?.[1] === undefined ? undefined : unescapeHtml(match[1]);
}

/** Logs in on the page and returns the confirmation page. */
export function login(fake: Fake, params: Record<string, string>, identifier: string, password: string): FakeResponse {
  return postForm(fake, '/authorize/mapping/login', { ...params, identifier, password });
}

/** Presses "Hubungkan Akun" on a confirmation page (with the page's own CSRF token). */
export function confirm(fake: Fake, params: Record<string, string>, confirmation: FakeResponse): FakeResponse {
  const page = html(confirmation);
  const ticket = hiddenValue(page, 'ticket');
  const csrf = hiddenValue(page, 'csrf_token');
  return postForm(fake, '/authorize/mapping/confirm', { ...params, ...(ticket === undefined ? {} : { ticket }), ...(csrf === undefined ? {} : { csrf_token: csrf }) });
}

/** The code on the redirect after a confirmed mapping. */
export function codeFrom(linkedPageResponse: FakeResponse): { url: URL; code: string } {
  const url = new URL(refreshTarget(html(linkedPageResponse)));
  const code = url.searchParams.get('code');
  if (!code) throw new Error(`no code on ${url.origin}${url.pathname}`);
  return { url, code };
}

export function exchange(fake: Fake, code: string, overrides: Record<string, unknown> = {}): FakeResponse {
  return postJson(fake, '/auth/token/', { grant_type: 'authorization_code', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code, redirect_uri: REDIRECT, ...overrides });
}

export function introspect(fake: Fake, accessToken: string): FakeResponse {
  return postJson(fake, '/auth/introspect/', { access_token: accessToken });
}

/** A code straight from /__admin/authorize. */
export function adminCode(fake: Fake, body: Record<string, unknown> = {}): string {
  const res = postJson(fake, '/__admin/authorize', { client_id: CLIENT.clientId, user_id: 'bu-user-1', redirect_uri: REDIRECT, full_name: 'Ani Wijaya', email: 'ani.wijaya@example.test', ...body });
  const code = (res.body as { code?: unknown }).code;
  if (res.status !== 200 || typeof code !== 'string') throw new Error(`/__admin/authorize gave ${res.status} ${JSON.stringify(res.body)}`);
  return code;
}

export interface Membership {
  memberNo: string;
  membershipName: string;
  email?: string;
  mobilePhone?: string;
}

export function thirdParty(introspection: unknown): Membership[] {
  const memberships = (introspection as { userMembership: Membership[] }).userMembership;
  return memberships.filter((m) => m.membershipName === 'MyValue Third Party');
}

/** The hidden fields and button label of the page's form posting to `action`. */
export function formOn(page: string, action: string): { fields: Array<[string, string]>; button: string } | undefined {
  const match = new RegExp(`<form method="post" action="${action}">([\\s\\S]*?)</form>`).exec(page);
  if (!match?.[1]) return undefined;
  const fields: Array<[string, string]> = [];
  for (const input of match[1].matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.push([unescapeHtml(input[1] ?? ''), unescapeHtml(input[2] ?? '')]);
  }
  const button = /<button[^>]*>([^<]*)<\/button>/.exec(match[1])?.[1] ?? '';
  return { fields, button };
}
