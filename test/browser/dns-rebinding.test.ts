// DNS rebinding in Chromium: the attacker's page is loaded as http://rebind.test:PORT (the fake's port),
// then the name resolves to 127.0.0.1, so the page's fetches reach the fake same-origin, with no Origin
// header. Chromium's --host-resolver-rules plays the rebound DNS; the first answer (the attacker's page)
// is fulfilled by the test. Chromium's own Local Network Access checks are switched off: they would stop a
// page from a public address reading 127.0.0.1, but Firefox and Safari have none, and the fake must not
// lean on one browser's check. The fake answers the admin API only under its own names, so the page reads
// nothing, while the same page under localhost (the developer's own) reads the users.
import { afterAll, afterEach, beforeAll, beforeEach, expect, test, type TestContext } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { launchChromium, screenshotOnFailure } from './chromium';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let fake: Fake;
let myValue: RunningServer;

beforeAll(async () => {
  browser = await launchChromium(['--host-resolver-rules=MAP rebind.test 127.0.0.1', '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests']);
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  fake = createFakeMyValue();
  myValue = await listen(createExpressApp(fake), 0);
  context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});

afterEach(async (ctx: TestContext) => {
  await screenshotOnFailure(ctx, page, 'dns-rebinding');
  await context?.close();
  await myValue?.close();
});

/** The page reads the admin API as its own origin and puts what it got in its title. */
const READER = `<!doctype html><title>loading</title><script>
  (async () => {
    const seen = [];
    for (const path of ['/__admin/users', '/__admin/requests', '/__admin/ui']) {
      try {
        const res = await fetch(path);
        const text = await res.text();
        seen.push(res.status + (text.includes('@') ? ' with e-mails' : ''));
      } catch (error) {
        seen.push('failed: ' + error.message);
      }
    }
    document.title = seen.join(',');
  })();
</script>`;

/** Loads READER as `host` on the fake's port: the document comes from the test, every fetch from the fake. */
async function readAs(host: string): Promise<string> {
  const url = `http://${host}:${myValue.port}/attack`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: READER }));
  await page.goto(url);
  await expect.poll(() => page.title()).not.toBe('loading');
  return page.title();
}

test('a page rebound to 127.0.0.1 reads neither the users, the journal nor the dashboard', async () => {
  expect(await readAs('rebind.test')).toBe('403,403,403');
});

test('the same page under localhost, the fake\'s own name, reads them', async () => {
  expect(await readAs('localhost')).toBe('200 with e-mails,200,200');
});
