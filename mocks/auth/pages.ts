// The mapping page's screens, server-rendered, in Bahasa Indonesia like MyValue's (partner guide, user flow).
// Every user-supplied text goes through esc(); no JavaScript.
import { displayPhone } from '../domain/normalize';
import type { User } from '../domain/records';
import { esc, hiddenInputs, layout } from './html';
import { mappingFields, mappingQuery, type MappingProblem, type MappingRequest } from './mapping-request';
import { CSRF_FIELD } from './page-session';

export const PAGE_PATHS = {
  start: '/authorize/mapping',
  login: '/authorize/mapping/login',
  register: '/authorize/mapping/register',
  confirm: '/authorize/mapping/confirm',
  cancel: '/authorize/mapping/cancel',
} as const;

/** Seconds the "account linked" page shows before moving on to redirect_uri. */
export const REDIRECT_DELAY_SECONDS = 1;

const link = (path: string, request: MappingRequest): string => `${path}?${mappingQuery(request)}`;

/** A form's hidden fields: the mapping request and the page's CSRF token (never in a link: URLs leak). */
const formFields = (request: MappingRequest, csrf: string, more: ReadonlyArray<[string, string]> = []): string =>
  hiddenInputs([...mappingFields(request), ...more, [CSRF_FIELD, csrf]]);

const cancelForm = (request: MappingRequest, csrf: string, label: string): string => `<form method="post" action="${PAGE_PATHS.cancel}">
${formFields(request, csrf)}
<button type="submit" class="secondary" data-testid="cancel">${esc(label)}</button>
</form>`;

const errorBox = (message: string | undefined): string => (message ? `<p class="error" role="alert" data-testid="form-error">${esc(message)}</p>` : '');

/** Shown instead of any redirect when the request cannot be trusted or completed; `heading` names the page. */
export function errorPage(problem: MappingProblem, heading = 'Halaman mapping tidak dapat dibuka'): string {
  return layout('Permintaan tidak valid', `<h1>${esc(heading)}</h1>
<p class="error" role="alert" data-testid="error-message">${esc(problem.message)}</p>
<p class="detail" data-testid="error-detail">${esc(problem.detail)}</p>
<p>Hubungi pengembang aplikasi yang mengarahkan Anda ke halaman ini.</p>`);
}

/** "Hubungkan <app> dengan MyValue": the first screen; says so when an account with the same contact exists. */
export function landingPage(request: MappingRequest, csrf: string, found: boolean): string {
  const app = esc(request.appName);
  const lead = found
    ? `Kami menemukan akunmu di MyValue, hubungkan akun ${app} mu dan dapatkan keuntungan lebih banyak:`
    : `Hubungkan akun ${app} mu dengan MyValue dan dapatkan keuntungan lebih banyak:`;
  return layout(`Hubungkan ${request.appName} dengan MyValue`, `<h1>Hubungkan ${app} dengan MyValue</h1>
<p data-testid="lead">${lead}</p>
<ul>
<li>Dapatkan poin dengan beraktivitas di ${app} dan Kompas Gramedia</li>
<li>Masuk lebih mudah di berbagai layanan Kompas Gramedia dengan MyValue</li>
</ul>
<a class="button primary" href="${esc(link(PAGE_PATHS.login, request))}" data-testid="connect">Hubungkan Dengan MyValue</a>
${cancelForm(request, csrf, 'Nanti Saja')}`);
}

/**
 * "Masuk": e-mail or phone number and password. With `linked`, the variant for a BU user already linked
 * to a value ID: it says so, asks for that MyValue account's password, and offers no registration.
 */
export function loginPage(request: MappingRequest, csrf: string, identifier: string, error?: string, linked = false): string {
  const app = esc(request.appName);
  const intro = linked
    ? `<h1>Akun ${app} mu sudah terhubung dengan MyValue</h1>
<p data-testid="lead">Masuk dengan akun MyValue yang terhubung untuk melanjutkan.</p>`
    : '<h1>Masuk</h1>';
  const toRegister = linked
    ? ''
    : `<p>Belum memiliki akun MyValue? <a href="${esc(link(PAGE_PATHS.register, request))}" data-testid="to-register">Daftar</a></p>\n`;
  return layout('Masuk', `${intro}
${errorBox(error)}
<form method="post" action="${PAGE_PATHS.login}">
${formFields(request, csrf)}
<label for="identifier">E-mail / Nomor HP</label>
<input type="text" id="identifier" name="identifier" value="${esc(identifier)}" autocomplete="username" required>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" class="primary" data-testid="login">Masuk</button>
</form>
${toRegister}${cancelForm(request, csrf, 'Batal')}`);
}

export interface RegisterValues {
  fullName: string;
  email: string;
  phone: string;
}

/** "Daftar": prefilled with what the BU sent. */
export function registerPage(request: MappingRequest, csrf: string, values: RegisterValues, error?: string): string {
  return layout('Daftar', `<h1>Daftar akun MyValue</h1>
${errorBox(error)}
<form method="post" action="${PAGE_PATHS.register}">
${formFields(request, csrf)}
<label for="reg_full_name">Nama lengkap</label>
<input type="text" id="reg_full_name" name="reg_full_name" value="${esc(values.fullName)}" autocomplete="name" required>
<label for="reg_email">E-mail</label>
<input type="email" id="reg_email" name="reg_email" value="${esc(values.email)}" autocomplete="email">
<label for="reg_phone">Nomor HP</label>
<input type="tel" id="reg_phone" name="reg_phone" value="${esc(values.phone)}" autocomplete="tel">
<label for="reg_password">Password (minimal 8 karakter)</label>
<input type="password" id="reg_password" name="reg_password" autocomplete="new-password" required>
<button type="submit" class="primary" data-testid="register">Daftar</button>
</form>
<p>Sudah memiliki akun MyValue? <a href="${esc(link(PAGE_PATHS.login, request))}" data-testid="to-login">Masuk</a></p>
${cancelForm(request, csrf, 'Batal')}`);
}

const contactOf = (email: string | null | undefined, phone: string | null | undefined): string =>
  [email, phone].filter((v): v is string => typeof v === 'string' && v !== '').join(' · ');

/**
 * The confirmation, shown only after a log-in or registration (it carries the ticket that proves it): the BU
 * account and the MyValue account side by side, "Hubungkan Akun" / "Hubungkan Nanti". With `alreadyLinked`,
 * the variant for a BU user who logged in to the MyValue account it is linked to: "Lanjutkan" / "Batal".
 */
export function confirmPage(request: MappingRequest, csrf: string, user: User, ticket: string, alreadyLinked = false): string {
  const app = esc(request.appName);
  const heading = alreadyLinked ? `Akun ${app} mu sudah terhubung dengan MyValue` : `Hubungkan akun ${app} dengan MyValue`;
  return layout('Hubungkan Akun', `<h1>${heading}</h1>
<div class="accounts">
<p><strong>Akun ${app}</strong><br>${esc(request.fullName)}<br>${esc(contactOf(request.email, request.phone))}</p>
<p><strong>Akun MyValue</strong><br>${esc(`${user.firstName} ${user.lastName}`.trim())}<br>Value ID: <span data-testid="value-id">${esc(user.valueId)}</span><br>${esc(contactOf(user.email, displayPhone(user.phone)))}</p>
</div>
<form method="post" action="${PAGE_PATHS.confirm}">
${formFields(request, csrf, [['ticket', ticket]])}
<button type="submit" class="primary" data-testid="confirm">${alreadyLinked ? 'Lanjutkan' : 'Hubungkan Akun'}</button>
</form>
${cancelForm(request, csrf, alreadyLinked ? 'Batal' : 'Hubungkan Nanti')}`);
}

/** "Akun mu telah terhubung": moves on to redirect_uri by itself (meta refresh), with a link as well. */
export function linkedPage(redirectTo: string): string {
  return layout(
    'Akun terhubung',
    `<p data-testid="linked">Akun mu telah terhubung, selanjutnya kamu dapat masuk dengan akun MyValue.</p>
<p><strong>Halaman akan otomatis berpindah, jangan tutup halaman ini.</strong></p>
<a class="button secondary" href="${esc(redirectTo)}" data-testid="continue">Lanjutkan</a>`,
    `<meta http-equiv="refresh" content="${REDIRECT_DELAY_SECONDS};url=${esc(redirectTo)}">`,
  );
}
