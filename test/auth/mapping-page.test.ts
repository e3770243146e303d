// The mapping page through the core: its error page (never a redirect to an unregistered address),
// the five cases of the partner guide, linking once per BU user, state echoed exactly, cancel.
import { describe, expect, test } from 'vitest';
import { TICKET_TTL_SECONDS } from '../../mocks/auth/ticket';
import {
  CLIENT, codeFrom, confirm, exchange, FALLBACK, hiddenValue, html, introspect, login, mappingParams, newFake,
  OTHER, postForm, REDIRECT, refreshTarget, SEEDED, testId, thirdParty, get, formOn, adminCode,
} from './helpers';
import type { Fake, FakeResponse } from '../../mocks/create-fake';

const START = '/authorize/mapping';

/** Finishes a flow from its "account linked" page: code -> token -> introspect. */
function finish(fake: Fake, linked: FakeResponse): { valueID: string; body: Record<string, unknown>; url: URL } {
  expect(linked.status).toBe(200);
  expect(testId(html(linked), 'linked')).toContain('Akun mu telah terhubung');
  const { url, code } = codeFrom(linked);
  const tokens = exchange(fake, code).body as { access_token: string };
  const body = introspect(fake, tokens.access_token).body as Record<string, unknown>;
  return { valueID: body.valueID as string, body, url };
}

function register(fake: Fake, params: Record<string, string>, values: Record<string, string>): FakeResponse {
  return postForm(fake, '/authorize/mapping/register', { ...params, reg_password: 'made-up-pass-1', ...values });
}

describe('error page', () => {
  const cases: Array<[string, Record<string, string | undefined>, RegExp]> = [
    ['unknown client', { client_id: 'NoSuchClient' }, /client_id\) tidak dikenal/],
    ['unregistered redirect_uri', { redirect_uri: 'https://evil.example/callback' }, /redirect_uri tidak terdaftar/],
    ['redirect_uri registered for another client', { redirect_uri: 'http://127.0.0.1:5998/callback' }, /redirect_uri tidak terdaftar/],
    ['redirect_uri differing by a trailing slash', { redirect_uri: `${REDIRECT}/` }, /redirect_uri tidak terdaftar/],
    ['fallback_uri on another origin', { fallback_uri: 'https://evil.example/home' }, /fallback_uri tidak berada/],
    ['no email and no phone_number', { email: undefined }, /email atau phone_number/],
    ...(['user_id', 'client_id', 'app_name', 'full_name', 'redirect_uri', 'fallback_uri'] as const).map(
      (name): [string, Record<string, string | undefined>, RegExp] => [`missing ${name}`, { [name]: undefined }, new RegExp(`Parameter wajib tidak ada: ${name}\\.`)],
    ),
  ];

  test.each(cases)('%s: 400 HTML page saying what is wrong, no redirect', (_name, overrides, message) => {
    const { fake } = newFake();
    const res = get(fake, START, mappingParams(overrides));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers.location).toBeUndefined();
    const page = html(res);
    expect(testId(page, 'error-message')).toMatch(message);
    expect(page).not.toMatch(/http-equiv="refresh"/);
    expect(page).not.toContain('href="https://evil.example');
    expect(page).toContain('MyValue palsu');
  });

  test('a repeated redirect_uri is refused', () => {
    const { fake } = newFake();
    const res = get(fake, START, { ...mappingParams(), redirect_uri: [REDIRECT, 'https://evil.example/cb'] });
    expect(res.status).toBe(400);
    expect(testId(html(res), 'error-message')).toMatch(/lebih dari sekali/);
  });

  test('every form step re-checks: a tampered redirect_uri on cancel or confirm gets the error page', () => {
    const { fake } = newFake();
    const tampered = mappingParams({ redirect_uri: 'https://evil.example/callback', fallback_uri: 'https://evil.example/home' });
    const cancel = postForm(fake, '/authorize/mapping/cancel', tampered);
    expect(cancel.status).toBe(400);
    expect(cancel.headers.location).toBeUndefined();
    const confirmed = login(fake, mappingParams({ email: SEEDED.budi.email }), SEEDED.budi.email, SEEDED.budi.password);
    const ticket = hiddenValue(html(confirmed), 'ticket') as string;
    const res = postForm(fake, '/authorize/mapping/confirm', { ...tampered, ticket });
    expect(res.status).toBe(400);
    expect(html(res)).not.toMatch(/http-equiv="refresh"/);
  });

  test('user-supplied text is escaped', () => {
    const { fake } = newFake();
    const res = get(fake, START, mappingParams({ app_name: '<script>alert(1)</script>', full_name: '"><img src=x onerror=alert(2)>' }));
    const page = html(res);
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('"><img');
    expect(hiddenValue(page, 'full_name')).toBe('"><img src=x onerror=alert(2)>');
  });
});

describe('the five cases of the guide', () => {
  test('1. no account anywhere: register on the page creates the MyValue user and links it', () => {
    const { fake } = newFake();
    const params = mappingParams({ user_id: 'bu-new-1', email: 'new.person@example.test', phone_number: '081200000001' });
    const landing = html(get(fake, START, params));
    expect(landing).toContain('Hubungkan Demo BU dengan MyValue');
    expect(testId(landing, 'lead')).not.toMatch(/menemukan/);
    const confirmation = register(fake, params, { reg_full_name: 'New Person', reg_email: 'new.person@example.test', reg_phone: '081200000001' });
    expect(confirmation.status).toBe(200);
    const { valueID, body } = finish(fake, confirm(fake, params, confirmation));
    expect(valueID).toBe(testId(html(confirmation), 'value-id'));
    expect(body).toMatchObject({ email: 'new.person@example.test', mobilePhone: '6281200000001', firstName: 'New Person', registerProvider: 'sso_mapping', clientID: CLIENT.clientId });
    expect(thirdParty(body)).toEqual([expect.objectContaining({ memberNo: 'bu-new-1', email: 'new.person@example.test', mobilePhone: '6281200000001' })]);
  });

  test('2. MyValue account only (the BU account is new): the page finds it, log in, confirm', () => {
    const { fake } = newFake();
    const params = mappingParams({ user_id: 'bu-fresh-2', email: SEEDED.budi.email.toUpperCase() });
    expect(testId(html(get(fake, START, params)), 'lead')).toMatch(/Kami menemukan akunmu di MyValue/);
    const loginPage = html(get(fake, '/authorize/mapping/login', params));
    expect(loginPage).toContain(`value="${SEEDED.budi.email.toUpperCase()}"`);
    const { valueID, body } = finish(fake, confirm(fake, params, login(fake, params, SEEDED.budi.email, SEEDED.budi.password)));
    expect(valueID).toBe(SEEDED.budi.valueId);
    expect(thirdParty(body).map((m) => m.memberNo)).toEqual(['bu-fresh-2']);
  });

  test('3. BU account only: register is prefilled with the BU data', () => {
    const { fake } = newFake();
    const params = mappingParams({ user_id: 'bu-old-3', full_name: 'Citra Lestari', email: 'citra@example.test', phone_number: '+62 812-0000-0003' });
    const form = html(get(fake, '/authorize/mapping/register', params));
    expect(form).toContain('name="reg_full_name" value="Citra Lestari"');
    expect(form).toContain('name="reg_email" value="citra@example.test"');
    expect(form).toContain('name="reg_phone" value="+62 812-0000-0003"');
    const { body } = finish(fake, confirm(fake, params, register(fake, params, { reg_full_name: 'Citra Lestari', reg_email: 'citra@example.test', reg_phone: '+62 812-0000-0003' })));
    expect(body).toMatchObject({ email: 'citra@example.test', mobilePhone: '6281200000003' });
    expect(thirdParty(body).map((m) => m.memberNo)).toEqual(['bu-old-3']);
  });

  test('4. both, same phone: the page says an account was found; log in with the phone and confirm', () => {
    const { fake } = newFake();
    const params = mappingParams({ user_id: 'bu-old-4', email: undefined, phone_number: SEEDED.siti.phone });
    expect(testId(html(get(fake, START, params)), 'lead')).toMatch(/Kami menemukan akunmu/);
    expect(html(get(fake, '/authorize/mapping/login', params))).toContain(`value="${SEEDED.siti.phone}"`);
    const confirmation = login(fake, params, SEEDED.siti.phone, SEEDED.siti.password);
    expect(html(confirmation)).toContain('Hubungkan Akun');
    const { valueID } = finish(fake, confirm(fake, params, confirmation));
    expect(valueID).toBe(SEEDED.siti.valueId);
  });

  test('5. both, different emails: log in with the MyValue credentials and confirm linking', () => {
    const { fake } = newFake();
    const params = mappingParams({ user_id: 'bu-old-5', email: 'budi.at.work@example.test' });
    expect(testId(html(get(fake, START, params)), 'lead')).not.toMatch(/menemukan/);
    const confirmation = login(fake, params, SEEDED.budi.email, SEEDED.budi.password);
    const page = html(confirmation);
    expect(page).toContain('budi.at.work@example.test');
    expect(page).toContain(SEEDED.budi.email);
    const { valueID, body } = finish(fake, confirm(fake, params, confirmation));
    expect(valueID).toBe(SEEDED.budi.valueId);
    expect(body.email).toBe(SEEDED.budi.email);
    expect(thirdParty(body)).toEqual([expect.objectContaining({ memberNo: 'bu-old-5', email: 'budi.at.work@example.test' })]);
  });
});

describe('linking', () => {
  const codeCount = (fake: Fake): unknown => fake.deps.store.db.prepare('SELECT COUNT(*) AS n FROM auth_codes').get();

  test('a linked BU user gets no code without the linked account\'s password (a crafted mapping URL is not a login)', () => {
    const { fake } = newFake();
    const params = mappingParams({ user_id: 'bu-7', email: 'budi.at.work@example.test' });
    finish(fake, confirm(fake, params, login(fake, params, SEEDED.budi.email, SEEDED.budi.password)));
    const codes = codeCount(fake);
    for (const path of [START, '/authorize/mapping/login']) {
      const page = html(get(fake, path, params));
      expect(testId(page, 'lead')).toBe('Masuk dengan akun MyValue yang terhubung untuk melanjutkan.');
      expect(page).toContain('name="identifier" value="budi.santoso@example.co.id"');
      expect(page).toContain('type="password"');
      expect(page).not.toContain(SEEDED.budi.valueId);
      expect(page).not.toContain('data-testid="to-register"');
      expect(formOn(page, '/authorize/mapping/confirm')).toBeUndefined();
    }
    const unticketed = postForm(fake, '/authorize/mapping/confirm', params);
    expect(unticketed.status).toBe(400);
    expect(testId(html(unticketed), 'error-message')).toMatch(/Sesi masuk tidak valid/);
    expect(html(unticketed)).not.toMatch(/http-equiv="refresh"/);
    const wrongPassword = login(fake, params, SEEDED.budi.email, 'not-the-password');
    expect(wrongPassword.status).toBe(401);
    expect(testId(html(wrongPassword), 'form-error')).toBe('E-mail / Nomor HP atau password salah.');
    expect(hiddenValue(html(wrongPassword), 'ticket')).toBeUndefined();
    expect(codeCount(fake)).toEqual(codes);
  });

  test('a linked BU user logging in as another MyValue account is refused, and the link stands', () => {
    const { fake } = newFake();
    const params = mappingParams({ user_id: 'bu-7', email: 'budi.at.work@example.test' });
    finish(fake, confirm(fake, params, login(fake, params, SEEDED.budi.email, SEEDED.budi.password)));
    const codes = codeCount(fake);
    const refused = login(fake, params, SEEDED.siti.email, SEEDED.siti.password);
    expect(refused.status).toBe(403);
    expect(testId(html(refused), 'form-error')).toBe(
      'Akun Demo BU ini sudah terhubung dengan akun MyValue lain. Satu akun Demo BU hanya dapat terhubung dengan satu akun MyValue: masuk dengan akun MyValue yang sudah terhubung.',
    );
    expect(hiddenValue(html(refused), 'ticket')).toBeUndefined();
    expect(html(refused)).toContain('name="identifier" value="budi.santoso@example.co.id"');
    expect(codeCount(fake)).toEqual(codes);
    expect(finish(fake, confirm(fake, params, login(fake, params, SEEDED.budi.email, SEEDED.budi.password))).valueID).toBe(SEEDED.budi.valueId);
  });

  test('a linked BU user logging in as the linked account gets "Lanjutkan" and the same value ID, no second membership', () => {
    const { fake } = newFake();
    const params = mappingParams({ user_id: 'bu-7', email: 'budi.at.work@example.test' });
    const first = finish(fake, confirm(fake, params, login(fake, params, SEEDED.budi.email, SEEDED.budi.password)));
    const again = login(fake, params, SEEDED.budi.phone, SEEDED.budi.password);
    expect(again.status).toBe(200);
    expect(testId(html(again), 'value-id')).toBe(first.valueID);
    expect(formOn(html(again), '/authorize/mapping/confirm')?.button).toBe('Lanjutkan');
    expect(formOn(html(again), '/authorize/mapping/cancel')?.button).toBe('Batal');
    const second = finish(fake, confirm(fake, params, again));
    expect(second.valueID).toBe(first.valueID);
    expect(thirdParty(second.body).map((m) => m.memberNo)).toEqual(['bu-7']);
  });

  test('a BU user linked to a password-less account (by /__admin/authorize) gets no code from the page', () => {
    const { fake } = newFake();
    adminCode(fake);
    const codes = codeCount(fake);
    const params = mappingParams();
    expect(html(get(fake, START, params))).toContain('name="identifier" value="ani.wijaya@example.test"');
    expect(login(fake, params, 'ani.wijaya@example.test', '').status).toBe(401);
    expect(postForm(fake, '/authorize/mapping/confirm', params).status).toBe(400);
    expect(codeCount(fake)).toEqual(codes);
  });

  test('linking a BU user to a second value ID is refused; the first link stands', () => {
    const { fake } = newFake();
    const params = mappingParams({ user_id: 'bu-8', email: 'shared@example.test' });
    const budiPage = login(fake, params, SEEDED.budi.email, SEEDED.budi.password);
    const sitiPage = login(fake, params, SEEDED.siti.email, SEEDED.siti.password);
    finish(fake, confirm(fake, params, budiPage));
    const refused = confirm(fake, params, sitiPage);
    expect(refused.status).toBe(409);
    expect(testId(html(refused), 'error-message')).toContain(`sudah terhubung dengan akun MyValue lain (${SEEDED.budi.valueId})`);
    expect(finish(fake, confirm(fake, params, login(fake, params, SEEDED.budi.email, SEEDED.budi.password))).valueID).toBe(SEEDED.budi.valueId);
  });

  test('one MyValue user may carry BU users of several clients', () => {
    const { fake } = newFake();
    const a = mappingParams({ user_id: 'same-id', email: SEEDED.budi.email });
    const b = mappingParams({ user_id: 'same-id', email: SEEDED.budi.email, client_id: OTHER.clientId, redirect_uri: 'http://127.0.0.1:5998/callback', fallback_uri: 'http://127.0.0.1:5998/' });
    finish(fake, confirm(fake, a, login(fake, a, SEEDED.budi.email, SEEDED.budi.password)));
    const linkedB = confirm(fake, b, login(fake, b, SEEDED.budi.email, SEEDED.budi.password));
    expect(codeFrom(linkedB).url.origin).toBe('http://127.0.0.1:5998');
    const rows = fake.deps.store.db.prepare("SELECT client_id, member_no FROM memberships WHERE membership_name = 'MyValue Third Party' ORDER BY client_id").all();
    expect(rows).toEqual([{ client_id: CLIENT.clientId, member_no: 'same-id' }, { client_id: OTHER.clientId, member_no: 'same-id' }]);
  });
});

describe('redirect', () => {
  test.each([
    ['plain', 'state-123'],
    ['with spaces, & and =', 'a b&c=d'],
    ['with + / % and non-ASCII', 'x+y/z%20é🙂'],
    ['empty', ''],
  ])('state %s is echoed exactly', (_name, state) => {
    const { fake } = newFake();
    const params = mappingParams({ state, email: SEEDED.budi.email });
    const { url } = codeFrom(confirm(fake, params, login(fake, params, SEEDED.budi.email, SEEDED.budi.password)));
    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT);
    expect(url.searchParams.get('state')).toBe(state);
    expect(url.searchParams.get('scope')).toBe('fosite offline openid');
  });

  test('no state sent, none on the redirect; scope is written with %20 as in the guide', () => {
    const { fake } = newFake();
    const params = mappingParams({ state: undefined, email: SEEDED.budi.email });
    const target = refreshTarget(html(confirm(fake, params, login(fake, params, SEEDED.budi.email, SEEDED.budi.password))));
    expect(target).toMatch(/^http:\/\/127\.0\.0\.1:5999\/callback\?code=[\w.-]+&scope=fosite%20offline%20openid$/);
  });

  test.each([
    ['landing', 'Nanti Saja', (fake: Fake, params: Record<string, string>) => get(fake, START, params)],
    ['login', 'Batal', (fake: Fake, params: Record<string, string>) => get(fake, '/authorize/mapping/login', params)],
    ['register', 'Batal', (fake: Fake, params: Record<string, string>) => get(fake, '/authorize/mapping/register', params)],
    ['confirmation', 'Hubungkan Nanti', (fake: Fake, params: Record<string, string>) => login(fake, params, SEEDED.budi.email, SEEDED.budi.password)],
  ])('"%s" page: "%s" goes to fallback_uri with 303 and links nothing', (_page, label, open) => {
    const { fake } = newFake();
    const cancel = formOn(html(open(fake, mappingParams())), '/authorize/mapping/cancel');
    expect(cancel?.button).toBe(label);
    const res = postForm(fake, '/authorize/mapping/cancel', cancel?.fields ?? []);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(FALLBACK);
    expect(fake.deps.store.db.prepare("SELECT COUNT(*) AS n FROM memberships WHERE membership_name = 'MyValue Third Party'").get()).toEqual({ n: 0 });
  });
});

describe('log in and register on the page', () => {
  test('a wrong password shows the login page again with a message', () => {
    const { fake } = newFake();
    const res = login(fake, mappingParams(), SEEDED.budi.email, 'not-the-password');
    expect(res.status).toBe(401);
    expect(testId(html(res), 'form-error')).toBe('E-mail / Nomor HP atau password salah.');
    expect(hiddenValue(html(res), 'ticket')).toBeUndefined();
  });

  test('registering an email MyValue already has asks to log in instead', () => {
    const { fake } = newFake();
    const res = register(fake, mappingParams(), { reg_full_name: 'Someone', reg_email: SEEDED.budi.email, reg_phone: '' });
    expect(res.status).toBe(409);
    expect(testId(html(res), 'form-error')).toMatch(/sudah terdaftar di MyValue/);
  });

  test.each([
    [{ reg_full_name: '' }, 'Nama lengkap wajib diisi.'],
    [{ reg_email: '', reg_phone: '' }, 'Isi e-mail atau nomor HP.'],
    [{ reg_email: 'not-an-email' }, 'Format e-mail tidak valid.'],
    [{ reg_phone: '12' }, 'Nomor HP harus berisi 8 sampai 13 digit.'],
    [{ reg_password: 'short' }, 'Password minimal 8 karakter.'],
  ])('register form problem %j is named', (values, message) => {
    const { fake } = newFake();
    const res = register(fake, mappingParams(), { reg_full_name: 'Ani', reg_email: 'ani@example.test', reg_phone: '', ...values });
    expect(res.status).toBe(400);
    expect(testId(html(res), 'form-error')).toBe(message);
  });

  test('the confirm ticket is bound to the BU user, cannot be tampered with, and expires', () => {
    const { fake, clock } = newFake();
    const params = mappingParams();
    const page = login(fake, params, SEEDED.budi.email, SEEDED.budi.password);
    expect(confirm(fake, { ...params, user_id: 'someone-else' }, page).status).toBe(400);
    const tampered = `${hiddenValue(html(page), 'ticket') as string}x`;
    expect(postForm(fake, '/authorize/mapping/confirm', { ...params, ticket: tampered }).status).toBe(400);
    clock.advance(TICKET_TTL_SECONDS);
    const expired = confirm(fake, params, page);
    expect(testId(html(expired), 'error-message')).toMatch(/kedaluwarsa/);
    expect(testId(html(expired), 'error-detail')).toBe('the login ticket expired');
  });
});
