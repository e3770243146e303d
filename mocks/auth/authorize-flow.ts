// GET /auth/authorize and its log-in post, as pure handlers over the store: an OAuth 2.0 authorization
// endpoint (RFC 6749 4.1) beside the mapping page. No account mapping: the code is for the MyValue user
// who logged in. The same rules as the mapping page: parameters re-checked on every step (exact redirect_uri,
// an HTML error page rather than a redirect to an address the client did not register), the browser's page
// session and CSRF token on the form post (page-session.ts), the password checked with equal work for
// unknown users. A log-in is answered with the code at once, so it needs no ticket.
import type { FakeResponse } from '../http/types';
import type { Services } from '../store/services';
import { checkPassword } from '../domain/passwords';
import { issueCode } from './codes';
import { htmlResponse } from './html';
import { errorPage } from './pages';
import { csrfRefusal, findByIdentifier, text, type PageInput } from './flow';
import { checkAuthorizeRequest, redirectWith, type AuthorizeRequest } from './authorize-request';
import { AUTHORIZE_ERROR_HEADING, authorizeLoginPage } from './authorize-pages';
import type { PageSession } from './page-session';

const seeOther = (location: string): FakeResponse => ({ status: 303, headers: { location, 'cache-control': 'no-store' }, body: '' });

/** Runs `step` with a checked request; else the error page (400) or, once the client is trusted, the error redirect. */
function withAuthorizeRequest(deps: Services, input: PageInput, step: (request: AuthorizeRequest) => FakeResponse): FakeResponse {
  const checked = checkAuthorizeRequest(input, deps.store.clients);
  if (checked.ok) return step(checked.request);
  if (checked.redirectTo !== undefined) return seeOther(checked.redirectTo);
  return htmlResponse(errorPage(checked.problem, AUTHORIZE_ERROR_HEADING), 400);
}

/** GET /auth/authorize?client_id=&redirect_uri=&state=&response_type=code&scope=: the log-in page. */
export function showAuthorize(deps: Services, input: PageInput, session: PageSession): FakeResponse {
  return withAuthorizeRequest(deps, input, (request) => htmlResponse(authorizeLoginPage(request, session.csrfToken, '')));
}

/**
 * POST /auth/authorize/login: the CSRF token of the browser's session, then the password; then 303 to
 * redirect_uri?code=...&scope=...&state=... (state exactly as sent, absent when none was).
 */
export function submitAuthorize(deps: Services, input: PageInput, session: PageSession): FakeResponse {
  return withAuthorizeRequest(deps, input, (request) => {
    const refused = csrfRefusal(session, input, request.appName, AUTHORIZE_ERROR_HEADING);
    if (refused) return refused;
    const identifier = text(input, 'identifier').trim();
    const user = identifier === '' ? undefined : findByIdentifier(deps, identifier);
    // The password is checked whether or not the account exists: the answer's time says nothing.
    if (!checkPassword(text(input, 'password'), user?.passwordHash) || !user) {
      return htmlResponse(authorizeLoginPage(request, session.csrfToken, identifier, 'E-mail / Nomor HP atau password salah.'), 401);
    }
    const code = issueCode(deps, { clientId: request.clientId, redirectUri: request.redirectUri, userId: user.id, scope: request.scope });
    const params: Array<[string, string]> = [['code', code], ['scope', request.scope]];
    if (request.state !== undefined) params.push(['state', request.state]);
    return seeOther(redirectWith(request.redirectUri, params));
  });
}
