// report.html as a CI artifact is opened: from disk, with no network, and under a strict
// Content-Security-Policy (default-src 'none', inline style and script only). The summary is styled
// (a computed style, not only text), the failed request is open with its reason, the filter works,
// and nothing leaves the page. On failure, a screenshot goes to reports/.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runCollection } from '../../src/harness/index';
import { launchChromium, screenshotOnFailure } from './chromium';

const STRICT = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
const WRONG = 'made-up-wrong-secret-html-5b1e';
/** A made-up origin the page is served under; the route answers it from the file on disk. */
const ORIGIN = 'http://report.invalid';

let browser: Browser;
let context: BrowserContext | undefined;
let page: Page | undefined;
let reportFile = '';
let cwd = '';

beforeAll(async () => {
  browser = await launchChromium();
  // A refused sign: failed requests with a reason and an explanation, against the fake in process.
  cwd = mkdtempSync(join(tmpdir(), 'myvalue-report-html-'));
  const r = await runCollection({ cwd, env: {}, target: 'msw', folders: ['Users'], clientSecret: WRONG, write: () => undefined, log: () => undefined });
  expect(r.exitCode).toBe(1);
  reportFile = join(r.reportsDir, 'report.html');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

afterEach(async (ctx: TestContext) => {
  await screenshotOnFailure(ctx, page, 'report-html');
  await context?.close();
});

/** Opens the page with every request recorded, and any CSP violation the page reports. */
async function open(how: 'disk' | 'csp'): Promise<{ page: Page; requests: string[] }> {
  context = await browser.newContext({ viewport: { width: 1300, height: 900 }, offline: how === 'disk' });
  const requests: string[] = [];
  context.on('request', (request) => void requests.push(request.url()));
  await context.route('**', async (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/report.html`) await route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': STRICT }, body: readFileSync(reportFile) });
    else if (url === pathToFileURL(reportFile).href) await route.continue();
    else await route.abort();
  });
  page = await context.newPage();
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(how === 'disk' ? pathToFileURL(reportFile).href : `${ORIGIN}/report.html`);
  return { page, requests };
}

describe.each(['disk', 'csp'] as const)('report.html of a failing run, opened %s', (how) => {
  it('shows a styled summary and the failed request open with its reason, and fetches nothing', async () => {
    const { page: p, requests } = await open(how);
    const verdict = p.locator('#summary .verdict');
    await expect.poll(() => verdict.textContent()).toBe('FAIL');
    // Styled by the inline sheet: the verdict's badge is the report's red, the summary has its bar.
    expect(await verdict.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(164, 22, 26)');
    expect(await p.locator('#summary').evaluate((el) => getComputedStyle(el).borderLeftWidth)).toBe('6px');

    const failed = p.locator('#failures details.request.failed').first();
    expect(await failed.getAttribute('open')).not.toBeNull();
    await expect.poll(() => failed.locator('.reasons').isVisible()).toBe(true);
    expect(await failed.locator('.reasons').textContent()).toMatch(/status 200: .*expected/);
    expect(await failed.locator('.explain').textContent()).toMatch(/^sign refused \(user\.create\): the target hashes clientID \+ clientSecret/);
    expect(await p.content()).not.toContain(WRONG);

    // The inline script ran under the policy: the filter shows the failed requests only.
    await p.locator('button[data-filter="failed"]').click();
    const shown = await p.locator('#requests details.request:visible').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBe(await p.locator('#requests details.request.failed').count());
    expect(await p.locator('#requests details.request.passed:visible').count()).toBe(0);

    expect(await p.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(requests).toEqual([how === 'disk' ? pathToFileURL(reportFile).href : `${ORIGIN}/report.html`]);
  }, 60_000);
});
