// The log-in page of GET /auth/authorize, server-rendered in Bahasa Indonesia like the mapping page's.
// Every user-supplied text goes through esc(); no JavaScript.
import { esc, hiddenInputs, layout } from './html';
import type { AuthorizeRequest } from './authorize-request';
import { CSRF_FIELD } from './page-session';

export const AUTHORIZE_PATHS = {
  start: '/auth/authorize',
  login: '/auth/authorize/login',
} as const;

/** The heading of the error page /auth/authorize shows instead of a redirect. */
export const AUTHORIZE_ERROR_HEADING = 'Halaman masuk tidak dapat dibuka';

/**
 * "Masuk ke <app> dengan MyValue": e-mail or phone number and password, posting to AUTHORIZE_PATHS.login
 * with the request's parameters and the page's CSRF token in hidden fields (never in a link: URLs leak).
 */
export function authorizeLoginPage(request: AuthorizeRequest, csrf: string, identifier: string, error?: string): string {
  const app = esc(request.appName);
  const errorBox = error ? `<p class="error" role="alert" data-testid="form-error">${esc(error)}</p>\n` : '';
  return layout('Masuk', `<h1>Masuk ke ${app} dengan MyValue</h1>
<p data-testid="lead">Masuk dengan akun MyValue mu untuk melanjutkan ke ${app}.</p>
${errorBox}<form method="post" action="${AUTHORIZE_PATHS.login}">
${hiddenInputs([...request.fields, [CSRF_FIELD, csrf]])}
<label for="identifier">E-mail / Nomor HP</label>
<input type="text" id="identifier" name="identifier" value="${esc(identifier)}" autocomplete="username" required>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" class="primary" data-testid="login">Masuk</button>
</form>`);
}
