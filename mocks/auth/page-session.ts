// The mapping page's browser session and its CSRF token. The first page answer sets a random session id in
// an HttpOnly, SameSite=Lax cookie; every form of the page carries csrf_token = HMAC(page key, session id),
// and every form post must bring both, matching. A page on another origin can make a browser post a form,
// but it can neither read the token (same-origin policy) nor, cross-site, send the cookie (SameSite=Lax).
// A reset makes a new page key, so tokens of pages shown before it stop working.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { FakeRequest } from '../http/types';
import type { Services } from '../store/services';

export const SESSION_COOKIE = 'myvalue_mapping_session';
/** The hidden form field holding the page's CSRF token. */
export const CSRF_FIELD = 'csrf_token';

/** 32 random bytes, base64url: what a session id looks like; anything else in the cookie is ignored. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export interface PageSession {
  /** The session id (the cookie's value). */
  id: string;
  /** The token the page's forms carry for this session. */
  csrfToken: string;
  /** A Set-Cookie value when the browser sent no usable session cookie; the answer must carry it. */
  setCookie?: string;
}

const pageKey = (deps: Services): Buffer => Buffer.from(deps.store.auth.pageKey(), 'hex');

const tokenFor = (deps: Services, id: string): string => createHmac('sha256', pageKey(deps)).update(`csrf:${id}`).digest('base64url');

/** The browser's session from its Cookie header, or a new one (with the cookie to set). */
export function pageSession(deps: Services, req: Pick<FakeRequest, 'headers' | 'origin'>): PageSession {
  const header = req.headers.cookie;
  const sent = header === undefined ? undefined : parseCookie(header)[SESSION_COOKIE];
  if (sent !== undefined && SESSION_ID.test(sent)) return { id: sent, csrfToken: tokenFor(deps, sent) };
  const id = randomBytes(32).toString('base64url');
  const setCookie = stringifySetCookie({
    name: SESSION_COOKIE,
    value: id,
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.origin.startsWith('https:'),
  });
  return { id, csrfToken: tokenFor(deps, id), setCookie };
}

/** True when a form post came with the session cookie and the token of that session (constant-time compare). */
export function csrfHolds(session: PageSession, given: string): boolean {
  if (session.setCookie !== undefined) return false;
  const expected = Buffer.from(session.csrfToken);
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
