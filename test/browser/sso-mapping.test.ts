// The SSO user mapping in a real browser (Debian's Chromium via playwright-core): a demo BU app sends its
// user to the fake's mapping page; the browser logs in or registers; the BU backend exchanges the code,
// introspects and shows the value ID. One test per case of the partner guide, plus re-mapping a linked
// user (log in again), cancel and a tampered redirect_uri. A failing test leaves a screenshot in reports/.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, type TestContext } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { startDemoBu, type DemoBu } from './demo-bu';
import { launchChromium, reusedPage, screenshotOnFailure } from './chromium';

const BU = { clientId: 'DemoBU', clientSecret: 'test-only-secret-browser', appName: 'DemoBU' } as const;
/** Seed users of mocks/seed.json (demo passwords). */
const BUDI = { valueId: 'VB60VS', email: 'budi.santoso@example.co.id', password: 'demo-password-2' } as const;
const SITI = { valueId: 'VS4NTK', phone: '081399887766', password: 'demo-password-3' } as const;

let browser: Browser;
let page: Page;
let bu: DemoBu;
let myValue: RunningServer;
let fake: Fake;

const tab = reusedPage(() => browser);

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await tab.close();
  await browser?.close();
});

beforeEach(async () => {
  // Fresh state per test: a new BU, a new fake with the BU's redirect URI on its dynamic port.
  bu = await startDemoBu({
    ...BU,
    users: [
      { userId: 'bu-citra', fullName: 'Citra Lestari', email: 'citra@example.test', phone: '081200000003', password: 'bu-pass-citra' },
      { userId: 'bu-siti', fullName: 'Siti R.', phone: SITI.phone, password: 'bu-pass-siti' },
      { userId: 'bu-budi', fullName: 'Budi (kantor)', email: 'budi.at.work@example.test', password: 'bu-pass-budi' },
    ],
  });
  fake = createFakeMyValue({
    clients: [{ clientId: BU.clientId, clientSecret: BU.clientSecret }],
    redirectUris: [{ clientId: BU.clientId, uri: `${bu.url}/callback` }],
  });
  myValue = await listen(createExpressApp(fake), 0);
  bu.setMyValue(myValue.url);
  page = await tab.fresh();
});

afterEach(async (ctx: TestContext) => {
  await screenshotOnFailure(ctx, page, 'browser');
  await tab.leave();
  await myValue?.close();
  await bu?.close();
});

async function signUpAtBu(user: { fullName: string; email?: string; phone?: string; password: string }): Promise<void> {
  await page.goto(bu.url);
  await page.getByLabel('Nama lengkap').fill(user.fullName);
  if (user.email) await page.getByLabel('E-mail', { exact: true }).fill(user.email);
  if (user.phone) await page.getByLabel('Nomor HP', { exact: true }).fill(user.phone);
  await page.getByLabel('Kata sandi baru').fill(user.password);
  await page.getByRole('button', { name: 'Daftar di BU' }).click();
  await page.waitForURL(`${myValue.url}/authorize/mapping?**`);
}

async function logInAtBu(identifier: string, password: string): Promise<void> {
  await page.goto(bu.url);
  await page.getByLabel('E-mail / Nomor HP').fill(identifier);
  await page.getByLabel('Kata sandi BU').fill(password);
  await page.getByRole('button', { name: 'Masuk ke BU' }).click();
  await page.waitForURL(`${myValue.url}/authorize/mapping?**`);
}

async function logInToMyValue(identifier: string, password: string): Promise<void> {
  await page.getByLabel('E-mail / Nomor HP').fill(identifier);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/**
 * "Hubungkan Akun", the "account linked" page, then the BU's redirect page; returns what the BU shows.
 * The linked page moves on by itself after a second (a meta refresh): `by: 'itself'` waits for that
 * (the first case shows it does); otherwise its "Lanjutkan" link is followed, as a user in a hurry does.
 */
async function confirmAndLand(by: 'itself' | 'link' = 'link'): Promise<{ valueId: string; memberNo: string }> {
  await expect.poll(() => page.getByRole('heading').first().textContent()).toMatch(/Hubungkan akun DemoBU dengan MyValue/);
  const [linked] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${myValue.url}/authorize/mapping/confirm`),
    page.getByRole('button', { name: 'Hubungkan Akun' }).click(),
  ]);
  expect(await linked.text()).toContain('Akun mu telah terhubung');
  if (by === 'link') await page.getByTestId('continue').click();
  await page.waitForURL(`${bu.url}/callback?**`);
  const url = new URL(page.url());
  expect(url.searchParams.get('scope')).toBe('fosite offline openid');
  return { valueId: (await page.getByTestId('value-id').textContent()) ?? '', memberNo: (await page.getByTestId('member-no').textContent()) ?? '' };
}

function onlyBuUser(): string {
  const created = [...bu.users.keys()].filter((id) => !['bu-citra', 'bu-siti', 'bu-budi'].includes(id));
  expect(created).toHaveLength(1);
  return created[0] as string;
}

describe('SSO mapping in a browser', () => {
  test('1. no account anywhere: sign up at the BU, register on the mapping page', async () => {
    await signUpAtBu({ fullName: 'Nadia Putri', email: 'nadia@example.test', phone: '081277700011', password: 'bu-pass-nadia' });
    await expect.poll(() => page.getByTestId('lead').textContent()).not.toMatch(/menemukan/);
    await page.getByRole('link', { name: 'Hubungkan Dengan MyValue' }).click();
    await page.getByRole('link', { name: 'Daftar' }).click();
    expect(await page.getByLabel('Nama lengkap').inputValue()).toBe('Nadia Putri');
    await page.getByLabel('Password (minimal 8 karakter)').fill('made-up-pass-nadia');
    await page.getByRole('button', { name: 'Daftar' }).click();
    const shown = await confirmAndLand('itself');
    expect(shown.valueId).toMatch(/^V[A-Z0-9]{5}$/);
    expect(shown.memberNo).toBe(onlyBuUser());
  });

  test('2. MyValue account only: sign up at the BU with the same email, the page finds it, log in', async () => {
    await signUpAtBu({ fullName: 'Budi Santoso', email: BUDI.email, password: 'bu-pass-new' });
    await expect.poll(() => page.getByTestId('lead').textContent()).toMatch(/Kami menemukan akunmu di MyValue/);
    await page.getByRole('link', { name: 'Hubungkan Dengan MyValue' }).click();
    expect(await page.getByLabel('E-mail / Nomor HP').inputValue()).toBe(BUDI.email);
    await page.getByLabel('Password').fill(BUDI.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    expect(await confirmAndLand()).toEqual({ valueId: BUDI.valueId, memberNo: onlyBuUser() });
  });

  test('3. BU account only: the register form is prefilled with the BU data', async () => {
    await logInAtBu('citra@example.test', 'bu-pass-citra');
    await page.getByRole('link', { name: 'Hubungkan Dengan MyValue' }).click();
    await page.getByRole('link', { name: 'Daftar' }).click();
    expect(await page.getByLabel('Nama lengkap').inputValue()).toBe('Citra Lestari');
    expect(await page.getByLabel('E-mail').inputValue()).toBe('citra@example.test');
    expect(await page.getByLabel('Nomor HP').inputValue()).toBe('081200000003');
    await page.getByLabel('Password (minimal 8 karakter)').fill('made-up-pass-citra');
    await page.getByRole('button', { name: 'Daftar' }).click();
    const shown = await confirmAndLand();
    expect(shown.valueId).toMatch(/^V[A-Z0-9]{5}$/);
    expect(shown.valueId).not.toBe(BUDI.valueId);
    expect(shown.memberNo).toBe('bu-citra');
    expect(bu.users.get('bu-citra')?.valueId).toBe(shown.valueId);
  });

  test('4. both, same phone: the page says an account was found; log in with the phone', async () => {
    await logInAtBu(SITI.phone, 'bu-pass-siti');
    await expect.poll(() => page.getByTestId('lead').textContent()).toMatch(/Kami menemukan akunmu di MyValue/);
    await page.getByRole('link', { name: 'Hubungkan Dengan MyValue' }).click();
    expect(await page.getByLabel('E-mail / Nomor HP').inputValue()).toBe(SITI.phone);
    await page.getByLabel('Password').fill(SITI.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    expect(await confirmAndLand()).toEqual({ valueId: SITI.valueId, memberNo: 'bu-siti' });
  });

  test('5. both, different emails: log in with the MyValue email and confirm linking', async () => {
    await logInAtBu('budi.at.work@example.test', 'bu-pass-budi');
    await expect.poll(() => page.getByTestId('lead').textContent()).not.toMatch(/menemukan/);
    await page.getByRole('link', { name: 'Hubungkan Dengan MyValue' }).click();
    await logInToMyValue(BUDI.email, 'not-the-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('E-mail / Nomor HP atau password salah.');
    await logInToMyValue(BUDI.email, BUDI.password);
    await expect.poll(() => page.locator('.accounts').textContent()).toContain('budi.at.work@example.test');
    expect(await confirmAndLand()).toEqual({ valueId: BUDI.valueId, memberNo: 'bu-budi' });
  });

  test('re-map: a linked BU user must log in as the linked MyValue account again; another account is refused', async () => {
    await logInAtBu('budi.at.work@example.test', 'bu-pass-budi');
    await page.getByRole('link', { name: 'Hubungkan Dengan MyValue' }).click();
    await logInToMyValue(BUDI.email, BUDI.password);
    expect(await confirmAndLand()).toEqual({ valueId: BUDI.valueId, memberNo: 'bu-budi' });
    // The BU forgets its stored value ID and sends the same user to the mapping page again.
    delete bu.users.get('bu-budi')?.valueId;
    await logInAtBu('budi.at.work@example.test', 'bu-pass-budi');
    expect(await page.getByRole('heading').first().textContent()).toBe('Akun DemoBU mu sudah terhubung dengan MyValue');
    expect(await page.getByLabel('E-mail / Nomor HP').inputValue()).toBe(BUDI.email);
    expect(await page.getByRole('link', { name: 'Daftar' }).count()).toBe(0);
    await logInToMyValue(SITI.phone, SITI.password);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Akun DemoBU ini sudah terhubung dengan akun MyValue lain\./);
    await logInToMyValue(BUDI.email, BUDI.password);
    await expect.poll(() => page.getByTestId('value-id').textContent()).toBe(BUDI.valueId);
    await page.getByRole('button', { name: 'Lanjutkan' }).click();
    await page.waitForURL(`${bu.url}/callback?**`);
    expect(await page.getByTestId('value-id').textContent()).toBe(BUDI.valueId);
    expect(await page.getByTestId('member-no').textContent()).toBe('bu-budi');
  });

  test('cancel: "Nanti Saja" lands on the BU fallback_uri, nothing linked', async () => {
    await logInAtBu('citra@example.test', 'bu-pass-citra');
    await page.getByRole('button', { name: 'Nanti Saja' }).click();
    await page.waitForURL(`${bu.url}/home`);
    expect(await page.getByTestId('home').textContent()).toBe('Belum terhubung dengan MyValue');
    expect(bu.users.get('bu-citra')?.valueId).toBeUndefined();
  });

  test('tampered redirect_uri: the error page, no redirect anywhere', async () => {
    await logInAtBu('citra@example.test', 'bu-pass-citra');
    const tampered = new URL(page.url());
    tampered.searchParams.set('redirect_uri', `${bu.url}/callback/evil`);
    const response = await page.goto(tampered.toString());
    expect(response?.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toBe('redirect_uri tidak terdaftar untuk aplikasi ini.');
    expect(await page.getByTestId('fake-banner').textContent()).toContain('MyValue palsu');
    expect(page.url()).toBe(tampered.toString());
    expect(await page.getByRole('link').count()).toBe(0);
  });
});
