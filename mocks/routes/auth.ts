// Auth API, SSO mapping page and /auth/authorize routes: a table over the handlers in mocks/auth/.
import { adminAuthorize, introspectEndpoint, readAuthBody, tokenEndpoint } from '../auth/token-api';
import { cancelMapping, confirmMapping, parseForm, showLogin, showMapping, showRegister, submitLogin, submitRegister, type PageInput } from '../auth/flow';
import { PAGE_PATHS } from '../auth/pages';
import { AUTHORIZE_PATHS } from '../auth/authorize-pages';
import { showAuthorize, submitAuthorize } from '../auth/authorize-flow';
import { pageSession, type PageSession } from '../auth/page-session';
import { defineRoutes, type RouteSpec } from './route';
import type { FakeRequest, FakeResponse } from '../http/types';
import type { Services } from '../store/services';

type PageStep = (deps: Services, input: PageInput, session: PageSession) => FakeResponse;
type ApiStep = (deps: Services, fields: Record<string, unknown>) => FakeResponse;

/** The first value of a field, when it is a non-empty string. */
const named = (value: unknown): string | undefined => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
};

/**
 * Runs a page step in the browser's page session. Only a page shown (GET) starts one (Set-Cookie): a form
 * post without the cookie is refused and sets none, or a cross-site post (SameSite keeps the cookie back)
 * would replace the session of the user's open page.
 */
const inSession = (step: PageStep, deps: Services, req: FakeRequest, input: PageInput): FakeResponse => {
  const session = pageSession(deps, req);
  const response = step(deps, input, session);
  if (session.setCookie !== undefined && req.method === 'GET') response.headers['set-cookie'] = session.setCookie;
  return response;
};

const page = (method: 'GET' | 'POST', path: string, step: PageStep): RouteSpec =>
  method === 'GET'
    ? { method, path, body: 'none', handle: ({ req, deps }) => inSession(step, deps, req, req.query), callerOf: (req) => named(req.query.client_id) }
    : { method, path, body: 'form', handle: ({ req, deps }) => inSession(step, deps, req, parseForm(req.rawBody)), callerOf: (req) => named(parseForm(req.rawBody).client_id) };

const api = (path: string, step: ApiStep): RouteSpec => ({
  method: 'POST',
  path,
  body: 'form',
  handle: ({ req, deps }: { req: FakeRequest; deps: Services }) => {
    const body = readAuthBody(req);
    return body.ok ? step(deps, body.fields) : body.response;
  },
  callerOf: (req) => {
    const body = readAuthBody(req);
    return body.ok ? named(body.fields.client_id) : undefined;
  },
});

export const authRoutes = defineRoutes([
  page('GET', PAGE_PATHS.start, showMapping),
  page('GET', PAGE_PATHS.login, showLogin),
  page('POST', PAGE_PATHS.login, submitLogin),
  page('GET', PAGE_PATHS.register, showRegister),
  page('POST', PAGE_PATHS.register, submitRegister),
  page('POST', PAGE_PATHS.confirm, confirmMapping),
  page('POST', PAGE_PATHS.cancel, cancelMapping),
  page('GET', AUTHORIZE_PATHS.start, showAuthorize),
  page('POST', AUTHORIZE_PATHS.login, submitAuthorize),
  api('/auth/token/', tokenEndpoint),
  api('/auth/introspect/', introspectEndpoint),
]);

/** The fake's SSO shortcut: part of its admin API (the route table puts it behind the admin guard), not MyValue's. */
export const adminAuthRoutes = defineRoutes([api('/__admin/authorize', adminAuthorize)]);
