// The mapping page's steps as pure handlers over the store: show, log in, register, confirm, cancel.
// Every step re-checks the mapping parameters, so no step can redirect to an unregistered address, and no
// code is issued without a log-in (or registration) on the page: a BU user already linked to a value ID
// logs in again with that MyValue account, as a real identity provider authenticates before every code.
// Every form post must carry the page's CSRF token for the browser's session (page-session.ts), and the
// confirm a single-use ticket bound to the request, its state and that session (ticket.ts).
import type { FakeResponse } from '../http/types';
import type { Services } from '../store/services';
import { isoSeconds } from '../domain/time';
import { isEmailAddress, isPhoneNumber } from '../domain/normalize';
import { checkPassword, hashPassword } from '../domain/passwords';
import type { User } from '../domain/records';
import { issueCode, MAPPING_SCOPE } from './codes';
import { htmlResponse } from './html';
import { accountWithSameContact, linkAccount, linkedUser } from '../domain/mapping';
import { checkMappingRequest, successRedirect, type MappingRequest } from './mapping-request';
import { confirmPage, errorPage, landingPage, linkedPage, loginPage, registerPage, type RegisterValues } from './pages';
import { issueTicket, spendTicket, type TicketRefusal } from './ticket';
import { CSRF_FIELD, csrfHolds, type PageSession } from './page-session';
import { queryOf } from '../http/wire';
import { MYVALUE_APPS_OUTLET } from '../domain/myvalue';

/** Query parameters or form fields; a repeated name gives a list. */
export type PageInput = Readonly<Record<string, string | readonly string[] | undefined>>;

/** How users who register on the page show up in registerProvider (MyValue's docs are silent). */
export const PAGE_REGISTER_PROVIDER = 'sso_mapping';


/** Parses an application/x-www-form-urlencoded body. */
export function parseForm(rawBody: string | undefined): Record<string, string | string[]> {
  return queryOf(new URLSearchParams(rawBody ?? ''));
}

/** A field's first value, '' when absent. */
export const text = (input: PageInput, name: string): string => {
  const value = input[name];
  return typeof value === 'string' ? value : (value?.[0] ?? '');
};

/** Runs `step` with a checked request, or answers with the error page. */
function withRequest(deps: Services, input: PageInput, step: (request: MappingRequest) => FakeResponse): FakeResponse {
  const checked = checkMappingRequest(input, deps.store.clients);
  if (!checked.ok) return htmlResponse(errorPage(checked.problem), 400);
  return step(checked.request);
}

/**
 * The 403 error page for a form post without the browser's session cookie or the CSRF token of that session;
 * undefined when both hold. Shared by the mapping page and /auth/authorize.
 */
export function csrfRefusal(session: PageSession, input: PageInput, appName: string, heading?: string): FakeResponse | undefined {
  if (csrfHolds(session, text(input, CSRF_FIELD))) return undefined;
  return htmlResponse(errorPage({
    message: `Sesi halaman tidak valid atau sudah kedaluwarsa. Silakan ulangi dari aplikasi ${appName}.`,
    detail: session.setCookie !== undefined
      ? "the form post came without the page's session cookie (posted from another site, or cookies are off)"
      : `${CSRF_FIELD} is missing or does not match this browser's page session (a form posted from another page or site, or the fake was reset)`,
  }, heading), 403);
}

/** A form post: a checked request and the page's CSRF token for this browser session, or an error page. */
function withForm(deps: Services, input: PageInput, session: PageSession, step: (request: MappingRequest) => FakeResponse): FakeResponse {
  return withRequest(deps, input, (request) => csrfRefusal(session, input, request.appName) ?? step(request));
}

/** What the login form is prefilled with for a BU user already linked: the linked account's email, else phone. */
function linkedIdentifier(user: User): string {
  return user.email ?? (user.phone ? `0${user.phone}` : '');
}

/** The login form for a BU user already linked to `linked`, optionally with a message. */
function linkedLogin(request: MappingRequest, session: PageSession, linked: User, error?: string, status = 200): FakeResponse {
  return htmlResponse(loginPage(request, session.csrfToken, linkedIdentifier(linked), error, true), status);
}

/** GET /authorize/mapping: the first screen, or for a BU user already linked, the log-in to that account. */
export function showMapping(deps: Services, input: PageInput, session: PageSession): FakeResponse {
  return withRequest(deps, input, (request) => {
    const linked = linkedUser(deps.store, request.clientId, request.userId);
    if (linked) return linkedLogin(request, session, linked);
    return htmlResponse(landingPage(request, session.csrfToken, accountWithSameContact(deps.store.users, request) !== undefined));
  });
}

/** GET /authorize/mapping/login: prefilled with the linked account, else the BU's contact when MyValue knows it. */
export function showLogin(deps: Services, input: PageInput, session: PageSession): FakeResponse {
  return withRequest(deps, input, (request) => {
    const linked = linkedUser(deps.store, request.clientId, request.userId);
    if (linked) return linkedLogin(request, session, linked);
    const found = accountWithSameContact(deps.store.users, request);
    const identifier = found ? ((found.by === 'email' ? request.email : request.phone) ?? '') : '';
    return htmlResponse(loginPage(request, session.csrfToken, identifier));
  });
}

/** The MyValue user a log-in form names: an e-mail when it holds '@', else a phone number. */
export function findByIdentifier(deps: Services, identifier: string): User | undefined {
  const users = deps.store.users;
  return identifier.includes('@') ? users.byEmail(identifier) : users.byPhone(identifier);
}

/**
 * POST /authorize/mapping/login: password checked, then the confirmation. A BU user already linked must
 * log in as the linked MyValue account: another account is refused here (a BU user has one value ID).
 */
export function submitLogin(deps: Services, input: PageInput, session: PageSession): FakeResponse {
  return withForm(deps, input, session, (request) => {
    const identifier = text(input, 'identifier').trim();
    const user = identifier === '' ? undefined : findByIdentifier(deps, identifier);
    const linked = linkedUser(deps.store, request.clientId, request.userId);
    // The password is checked whether or not the account exists: the answer's time says nothing.
    if (!checkPassword(text(input, 'password'), user?.passwordHash) || !user) {
      return htmlResponse(loginPage(request, session.csrfToken, identifier, 'E-mail / Nomor HP atau password salah.', linked !== undefined), 401);
    }
    if (linked && linked.id !== user.id) {
      const app = request.appName;
      return linkedLogin(request, session, linked, `Akun ${app} ini sudah terhubung dengan akun MyValue lain. Satu akun ${app} hanya dapat terhubung dengan satu akun MyValue: masuk dengan akun MyValue yang sudah terhubung.`, 403);
    }
    return htmlResponse(confirmPage(request, session.csrfToken, user, issueTicket(deps, request, session, user.id), linked !== undefined));
  });
}

/** GET /authorize/mapping/register: prefilled with the BU's data. */
export function showRegister(deps: Services, input: PageInput, session: PageSession): FakeResponse {
  return withRequest(deps, input, (request) =>
    htmlResponse(registerPage(request, session.csrfToken, { fullName: request.fullName, email: request.email ?? '', phone: request.phone ?? '' })),
  );
}

function registerProblem(values: RegisterValues, password: string): string | undefined {
  if (values.fullName === '') return 'Nama lengkap wajib diisi.';
  if (values.fullName.length > 255) return 'Nama lengkap terlalu panjang.';
  if (values.email === '' && values.phone === '') return 'Isi e-mail atau nomor HP.';
  if (values.email !== '' && (!isEmailAddress(values.email) || values.email.length > 255)) return 'Format e-mail tidak valid.';
  if (values.phone !== '' && !isPhoneNumber(values.phone)) return 'Nomor HP harus berisi 8 sampai 13 digit.';
  if (password.length < 8) return 'Password minimal 8 karakter.';
  if (password.length > 128) return 'Password terlalu panjang.';
  return undefined;
}

/** POST /authorize/mapping/register: creates the MyValue user, then the confirmation. */
export function submitRegister(deps: Services, input: PageInput, session: PageSession): FakeResponse {
  return withForm(deps, input, session, (request) => {
    const values: RegisterValues = { fullName: text(input, 'reg_full_name').trim(), email: text(input, 'reg_email').trim(), phone: text(input, 'reg_phone').trim() };
    const password = text(input, 'reg_password');
    const problem = registerProblem(values, password);
    if (problem) return htmlResponse(registerPage(request, session.csrfToken, values, problem), 400);
    const users = deps.store.users;
    return deps.store.tx(() => {
      if ((values.email !== '' && users.byEmail(values.email)) || (values.phone !== '' && users.byPhone(values.phone))) {
        return htmlResponse(registerPage(request, session.csrfToken, values, 'E-mail atau nomor HP ini sudah terdaftar di MyValue. Silakan masuk.'), 409);
      }
      const user = users.insert({
        email: values.email || undefined,
        phone: values.phone || undefined,
        firstName: values.fullName,
        passwordHash: hashPassword(password),
        clientId: request.clientId,
        registerProvider: PAGE_REGISTER_PROVIDER,
        outletCode: MYVALUE_APPS_OUTLET,
        createdAt: isoSeconds(deps.clock.now()),
      });
      return htmlResponse(confirmPage(request, session.csrfToken, user, issueTicket(deps, request, session, user.id)));
    });
  });
}

const TICKET_PROBLEMS: Readonly<Record<TicketRefusal, string>> = {
  missing: 'the confirm form carries no login ticket',
  unknown: 'the login ticket is unknown (tampered, or the fake was reset)',
  used: 'the login ticket was already used: a ticket confirms once',
  expired: 'the login ticket expired',
  'other-request': 'the login ticket was issued for another mapping request (client, user_id, redirect_uri or state differ)',
  'other-session': 'the login ticket was issued to another browser session',
};

/** POST /authorize/mapping/confirm: spends the login ticket, links the accounts, issues a code, moves on to redirect_uri. */
export function confirmMapping(deps: Services, input: PageInput, session: PageSession): FakeResponse {
  return withForm(deps, input, session, (request) => deps.store.tx(() => {
    // Only a ticket (a log-in or registration on this page) names the MyValue user; an existing link is no login.
    const spent = spendTicket(deps, request, session, text(input, 'ticket'));
    if (!spent.ok || !deps.store.users.byId(spent.userId)) {
      return htmlResponse(errorPage({
        message: `Sesi masuk tidak valid atau sudah kedaluwarsa. Silakan ulangi dari aplikasi ${request.appName}.`,
        detail: spent.ok ? 'the MyValue user of the login ticket no longer exists' : TICKET_PROBLEMS[spent.why],
      }), 400);
    }
    const userId = spent.userId;
    const linked = linkAccount(deps.store, { clientId: request.clientId, userId: request.userId, email: request.email, phone: request.phone }, userId);
    if (!linked.ok) {
      return htmlResponse(errorPage({
        message: `Akun ${request.appName} ini sudah terhubung dengan akun MyValue lain (${linked.linkedValueId}).`,
        detail: `user_id "${request.userId}" of client "${request.clientId}" is already linked to value ID ${linked.linkedValueId}; a BU user links to one value ID only`,
      }), 409);
    }
    const code = issueCode(deps, { clientId: request.clientId, redirectUri: request.redirectUri, userId });
    return htmlResponse(linkedPage(successRedirect(request, code, MAPPING_SCOPE)));
  }));
}

/** POST /authorize/mapping/cancel ("Nanti Saja", "Batal", "Hubungkan Nanti"): back to fallback_uri. */
export function cancelMapping(deps: Services, input: PageInput, session: PageSession): FakeResponse {
  return withForm(deps, input, session, (request) => ({ status: 303, headers: { location: request.fallbackUri, 'cache-control': 'no-store' }, body: '' }));
}
