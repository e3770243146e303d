// The dashboard at /__admin/ui in Chromium, over an Express fake: rows appear live during a run of the
// shipped collection (no reload), a wrong sign shows its explanation, a fault added from the page changes
// the next answer, moving the clock from the page expires points and the page shows it, the page works with
// an admin token, and a page on another origin cannot drive the controls, frame the dashboard or read its
// event stream. On failure, a screenshot of each view goes to reports/.
import express from 'express';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, type TestContext } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createFakeMyValue, loadSeed, type Fake, type FakeMyValueOptions } from '../../mocks/create-fake';
import type { Seed } from '../../mocks/store/seed-types';
import type { RequestLogRecord } from '../../mocks/index';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { COLLECTION_REDIRECT_URI } from '../../src/shared/hosts';
import { Api, DEMO } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { launchChromium, reusedPage, screenshotOnFailure } from './chromium';
import { ADMIN_LEDGER_MAX, ADMIN_USERS_PAGE } from '../../mocks/core/admin-state-routes';
import { seedClient, signedRequest } from '../ledger/signed';

const RUNNER = { clientId: 'DashPOS', clientSecret: 'test-only-secret-dashboard' } as const;
const VIEWS = ['requests', 'state', 'controls'] as const;

let browser: Browser;
let page: Page;
let fake: Fake;
let server: RunningServer | undefined;

const tab = reusedPage(() => browser, { viewport: { width: 1366, height: 768 } });

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await tab.close();
  await browser?.close();
});

beforeEach(async () => {
  page = await tab.fresh();
});

afterEach(async (ctx: TestContext) => {
  // One screenshot per view, so a failure shows what each said.
  if (ctx.task.result?.state === 'fail' && page && !page.isClosed() && page.url().includes('/__admin/ui')) {
    for (const view of VIEWS) {
      await page.evaluate((v) => void (location.hash = v), view).catch(() => undefined);
      await screenshotOnFailure(ctx, page, `dashboard-${view}`).catch(() => undefined);
    }
  } else await screenshotOnFailure(ctx, page, 'dashboard');
  await tab.leave();
  await server?.close();
  server = undefined;
});

async function serve(options: FakeMyValueOptions = {}): Promise<string> {
  fake = createFakeMyValue({ clients: [{ clientId: RUNNER.clientId, clientSecret: RUNNER.clientSecret, redirectUris: [COLLECTION_REDIRECT_URI] }], ...options });
  server = await listen(createExpressApp(fake), 0);
  return server.url;
}

async function openDashboard(url: string, suffix = ''): Promise<void> {
  await page.goto(`${url}/__admin/ui${suffix}`);
  await expect.poll(() => page.locator('#stream-state').textContent()).toContain('Live:');
}

const rowCount = (): Promise<number> => page.locator('#request-rows tr').count();

describe('the live list', () => {
  test('with --journal-size 0 it says the fake keeps no requests, from the capacity in the stream\'s hello', async () => {
    const url = await serve({ journalSize: 0 });
    await openDashboard(url);
    await expect.poll(() => page.locator('#no-requests').textContent()).toContain('This fake keeps no requests (--journal-size 0)');
    expect(await page.locator('#no-requests').isVisible()).toBe(true);
  });

  test('rows appear without a reload while the shipped collection runs, newest first', async () => {
    const url = await serve();
    await openDashboard(url);
    await page.evaluate(() => void ((window as unknown as { kept: number }).kept = 42));
    expect(await rowCount()).toBe(0);
    const run = await runCli(['run', '--target', url, '--client-id', RUNNER.clientId, '--client-secret', RUNNER.clientSecret, '--out', join(tempDir('myvalue-dash-'), 'reports')]);
    expect(run.code, [...run.out, ...run.err].join('\n')).toBe(0);
    const journaled = fake.journal.count();
    expect(journaled).toBeGreaterThan(20);
    await expect.poll(rowCount).toBe(journaled);
    // The same page: no reload happened.
    expect(await page.evaluate(() => (window as unknown as { kept?: number }).kept)).toBe(42);
    const seqs = await page.locator('#request-rows tr').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-seq'))));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    // Columns a user reads: method, path, rule, client, status.
    const newest = fake.journal.list().at(-1);
    const first = page.locator('#request-rows tr').first();
    await expect.poll(() => first.textContent()).toContain(newest?.path ?? '?');
    // Filters: by client, by status class.
    await page.getByLabel('Client (clientID)').fill('NoSuchClient');
    expect(await rowCount()).toBe(0);
    await page.getByLabel('Client (clientID)').fill('');
    await page.getByLabel('Status').fill('2xx');
    expect(await rowCount()).toBe(fake.journal.list().filter((e) => e.status !== null && e.status >= 200 && e.status < 300).length);
  });

  test('a wrong sign shows its explanation: the string to hash (secret masked), the fields in order; the secret never appears', async () => {
    const url = await serve();
    await openDashboard(url);
    const api = new Api(url, DEMO);
    expect((await api.call('point.get', { valueID: 'VR8EPN' }, { sign: 'f'.repeat(64) })).status).toBe(401);
    const row = page.locator('#request-rows tr').first();
    await expect.poll(() => row.textContent()).toContain('refused');
    await page.getByLabel('Status').fill('401');
    await row.getByRole('button').press('Enter');
    const explain = page.getByTestId('sign-explain');
    await expect.poll(() => explain.textContent()).toContain('GramediaPOS<clientSecret>VR8EPN');
    expect(await explain.textContent()).toContain('Sign refused (point.get)');
    expect(await explain.locator('tbody tr').allTextContents()).toEqual(['clientIDGramediaPOS', 'clientSecret<clientSecret>', 'valueIDVR8EPN']);
    expect(await page.locator('#detail').textContent()).toContain('ErrAuthorizationInvalidSign');
    expect(await page.content()).not.toContain(DEMO.clientSecret);
  });
});

describe('the layout at 1400 and 1000 px', () => {
  for (const width of [1400, 1000]) {
    test(`at ${width} px: the list uses the width, every path is on one line, and an open sign refusal is read whole, no column cut off`, async () => {
      await page.setViewportSize({ width, height: 800 });
      const url = await serve();
      await openDashboard(url);
      const api = new Api(url, DEMO);
      // The longest paths of the API, refused so the Sign column says so.
      expect((await api.call('point.history', { valueID: 'VR8EPN', brandID: 'GRAMEDIA', businessUnit: 'Gramedia Digital', page: '1', limit: '10' }, { sign: 'f'.repeat(64) })).status).toBe(401);
      expect((await api.call('point.earn.estimate', { amount: 10000, outletID: 'OUT-1', valueID: 'VR8EPN' }, { sign: 'f'.repeat(64) })).status).toBe(401);
      await expect.poll(rowCount).toBe(2);
      const box = async (selector: string): Promise<{ x: number; y: number; width: number; height: number }> => {
        const found = await page.locator(selector).first().boundingBox();
        if (!found) throw new Error(`${selector} is not shown`);
        return found;
      };
      const main = await box('#main');
      // No request open: the list takes the whole width (an empty detail column kept it at about half).
      expect((await box('#requests .scroll')).width).toBeGreaterThan(main.width * 0.9);
      await page.locator('#request-rows tr').first().getByRole('button').click();
      await expect.poll(() => page.getByTestId('sign-explain').isVisible()).toBe(true);
      // Each path on one line: a path cell is no taller than the method cell beside it.
      const heights = await page.locator('#request-rows tr').evaluateAll((trs) => trs.map((tr) => ({ path: tr.querySelector('td.path')?.getBoundingClientRect().height ?? 0, first: tr.querySelector('td:nth-child(3)')?.getBoundingClientRect().height ?? 0, text: tr.querySelector('td.path')?.textContent ?? '' })));
      for (const row of heights) expect(row.path, row.text).toBeLessThanOrEqual(row.first + 1);
      expect(heights.map((h) => h.text)).toContain('/service/point/earn/estimate');
      // The last column (Sign) is inside the list's visible box: nothing cut off behind a scroll bar.
      const list = await box('#requests .scroll');
      const sign = await box('#request-rows tr:first-child td:last-child');
      expect(sign.x + sign.width).toBeLessThanOrEqual(list.x + list.width + 1);
      // The explanation is read whole: the detail has no scroll bar of its own.
      const detail = await page.locator('#detail').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, overflowY: getComputedStyle(el).overflowY }));
      expect(detail.scroll).toBeLessThanOrEqual(detail.client + 1);
      // Side by side where there is room; below the list on a narrower window.
      const open = await box('#detail');
      if (width >= 1400) expect(open.x).toBeGreaterThan(list.x + list.width);
      else expect(open.y).toBeGreaterThanOrEqual(list.y + list.height);
    });
  }
});

describe('the controls', () => {
  test('a fault added from the page changes the next answer; removed from the page, answers are normal again', async () => {
    const url = await serve();
    await openDashboard(url);
    const api = new Api(url, DEMO);
    await page.getByRole('link', { name: 'Controls' }).click();
    await page.getByLabel('Fault rule (TARGET:SPEC)').fill('point.get:status=503');
    await page.getByRole('button', { name: 'Add fault' }).click();
    await expect.poll(() => page.locator('#control-result').textContent()).toBe('Added fault point.get:status=503.');
    expect((await api.call('point.get', { valueID: 'VR8EPN' })).status).toBe(503);
    await page.getByRole('button', { name: 'Remove fault point.get:status=503' }).click();
    await expect.poll(() => page.locator('#control-result').textContent()).toBe('Removed fault point.get:status=503.');
    expect((await api.call('point.get', { valueID: 'VR8EPN' })).status).toBe(200);
    // The live list shows the faulted answer.
    await page.getByRole('link', { name: 'Requests' }).click();
    await expect.poll(() => page.locator('#request-rows tr').nth(1).textContent()).toContain('point.get:status=503');
    // A bad rule is refused with the fake's own words.
    await page.getByRole('link', { name: 'Controls' }).click();
    await page.getByLabel('Fault rule (TARGET:SPEC)').fill('point.get:status=999');
    await page.getByRole('button', { name: 'Add fault' }).click();
    await expect.poll(() => page.locator('#control-result').textContent()).toMatch(/^Not added: 400 ErrValidation: /);
    expect(fake.faults.list()).toEqual([]);
  });

  test('pages through more users than one answer lists, and through a ledger longer than one page', async () => {
    const shipped = loadSeed();
    const extra = Array.from({ length: ADMIN_USERS_PAGE + 5 }, (_, i) => ({ valueID: `VPG${String(i).padStart(3, '0')}`, firstName: 'Paged', email: `paged${i}@example.test` }));
    const seed: Seed = { ...shipped, users: [...shipped.users, ...extra] as Seed['users'] };
    const url = await serve({ seed });
    const total = seed.users.length;
    await openDashboard(url);
    await page.getByRole('link', { name: 'State' }).click();
    const users = page.locator('#user-rows tr');
    await expect.poll(() => users.count()).toBe(ADMIN_USERS_PAGE);
    expect(await page.getByRole('navigation', { name: 'Pages of users' }).textContent()).toContain(`page 1 of 2 (${total})`);
    const first = (await users.first().locator('button').textContent()) ?? '';
    await page.getByRole('button', { name: 'Next page of users' }).click();
    await expect.poll(() => users.count()).toBe(total - ADMIN_USERS_PAGE);
    expect(await page.getByRole('navigation', { name: 'Pages of users' }).textContent()).toContain('page 2 of 2');
    expect(await page.getByRole('button', { name: 'Next page of users' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Previous page of users' }).click();
    await expect.poll(() => users.first().locator('button').textContent()).toBe(first);

    // One more earn than a page of the ledger holds, for the first user listed.
    const pos = seedClient('GramediaPOS');
    for (let i = 0; i <= ADMIN_LEDGER_MAX; i += 1) {
      const res = fake.handle(signedRequest('point.earn', pos, { amount: 10_000, referenceNo: `DASH-PAGE-${i}`, exchangeRate: 0, outletID: 'MVAPP00001', valueID: first }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const count = fake.deps.store.ledger.history({ valueId: first, limit: 1, page: 1 }).count;
    await page.getByRole('button', { name: `Open user ${first}` }).click();
    const ledger = page.getByRole('table', { name: 'Ledger' }).locator('tbody tr');
    await expect.poll(() => ledger.count()).toBe(ADMIN_LEDGER_MAX);
    expect(await page.getByRole('navigation', { name: 'Pages of the ledger' }).textContent()).toContain(`page 1 of ${Math.ceil(count / ADMIN_LEDGER_MAX)} (${count})`);
    await page.getByRole('button', { name: 'Next page of the ledger' }).click();
    await expect.poll(() => ledger.count()).toBe(Math.min(ADMIN_LEDGER_MAX, count - ADMIN_LEDGER_MAX));
    // The oldest entries are on the last page: the first earns of this test, or the seed's own.
    expect(await page.getByRole('navigation', { name: 'Pages of the ledger' }).textContent()).toContain('page 2 of');
  });

  test('moving the clock from the page expires points, and the state view shows it', async () => {
    const shipped = loadSeed();
    const seed: Seed = { ...shipped, users: [...shipped.users, { valueID: 'VEXP01', firstName: 'Eka', lastName: 'Putri', email: 'eka@example.test' }] as Seed['users'] };
    // A clock that stands still at 4 October 2022 unless moved: the earn below expires at 2024-10-31T17:00:00Z.
    const url = await serve({ seed, clock: { now: () => new Date(0) }, startAt: '2022-10-04T12:10:48Z' });
    const earn = await new Api(url, DEMO).call('point.earn', { amount: 160, referenceNo: 'DASH-E1', exchangeRate: 1, outletID: 'MVAPP00001', valueID: 'VEXP01' });
    expect(earn.status, earn.text).toBe(200);
    await openDashboard(url);
    await page.getByRole('link', { name: 'State' }).click();
    await page.getByRole('button', { name: 'Open user VEXP01' }).click();
    await expect.poll(() => page.getByTestId('user-point').textContent()).toBe('160');
    expect(await page.locator('#user-body').textContent()).toContain('2024-10-31T17:00:00Z');
    await page.getByRole('link', { name: 'Controls' }).click();
    await expect.poll(() => page.locator('#clock-state').textContent()).toContain('Now 2022-10-04T12:10:48.000Z');
    await page.getByLabel('Set to (ISO 8601 with its zone)').fill('2024-11-01T00:00:00+07:00');
    await page.getByRole('button', { name: 'Set clock' }).click();
    // Eka's lot and the seeded lots whose expiry was still to come on this clock.
    await expect.poll(() => page.locator('#control-result').textContent()).toMatch(/^Clock at 2024-10-31T17:00:00\.000Z; \d+ lot\(s\) of points expired\.$/);
    await expect.poll(() => page.locator('#clock-now').textContent()).toBe('Clock: 2024-10-31T17:00:00.000Z');
    await page.getByRole('link', { name: 'State' }).click();
    await expect.poll(() => page.getByTestId('user-point').textContent()).toBe('0');
    const ledger = await page.getByRole('table', { name: 'Ledger' }).locator('tbody tr').allTextContents();
    expect(ledger[0]).toContain('EXPIRED');
    expect(ledger[0]).toContain('-160');
    expect(ledger[1]).toContain('(expired)');
    expect(await page.getByTestId('point-VEXP01').textContent()).toBe('0');
  });

  test('reset from the page restores the seed and empties the list', async () => {
    const url = await serve();
    await openDashboard(url);
    await new Api(url, DEMO).call('point.get', { valueID: 'VR8EPN' });
    await expect.poll(rowCount).toBe(1);
    await page.getByRole('link', { name: 'Controls' }).click();
    await page.getByRole('button', { name: 'Reset the fake' }).click();
    await expect.poll(() => page.locator('#control-result').textContent()).toContain('The fake was reset');
    expect(fake.journal.count()).toBe(0);
    expect(await rowCount()).toBe(0);
  });

  test('a reset from elsewhere (curl, another tab) empties the live list too, without a reload', async () => {
    const url = await serve();
    await openDashboard(url);
    await new Api(url, DEMO).call('point.get', { valueID: 'VR8EPN' });
    await expect.poll(rowCount).toBe(1);
    expect((await fetch(`${url}/__admin/reset`, { method: 'POST' })).status).toBe(200);
    await expect.poll(rowCount).toBe(0);
    await new Api(url, DEMO).call('point.get', { valueID: 'VR8EPN' });
    await expect.poll(rowCount).toBe(1);
  });
});

describe('with an admin token (--admin-token)', () => {
  test('the page asks for it once, keeps it out of every URL, and then works: live list and controls', async () => {
    const url = await serve({ adminToken: 'tok-dash-7' });
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${url}/__admin/ui`);
    const box = page.locator('#token-box');
    await expect.poll(() => box.isVisible()).toBe(true);
    await page.getByLabel('Admin token').fill('tok-dash-7');
    await page.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(() => page.locator('#stream-state').textContent()).toContain('Live:');
    await new Api(url, DEMO).call('point.get', { valueID: 'VR8EPN' });
    await expect.poll(rowCount).toBe(1);
    await page.getByRole('link', { name: 'Controls' }).click();
    await page.getByLabel('Fault rule (TARGET:SPEC)').fill('point.get:status=503,times=1');
    await page.getByRole('button', { name: 'Add fault' }).click();
    await expect.poll(() => fake.faults.list().length).toBe(1);
    expect(urls.filter((u) => u.includes('tok-dash-7'))).toEqual([]);
  });

  test('a #token= fragment works too, and leaves the address bar at once', async () => {
    const url = await serve({ adminToken: 'tok-dash-8' });
    await openDashboard(url, '#token=tok-dash-8');
    expect(page.url()).toBe(`${url}/__admin/ui#requests`);
    expect(await page.locator('#token-box').isVisible()).toBe(false);
  });
});

describe('a page on another origin', () => {
  let attacker: RunningServer | undefined;
  afterEach(async () => {
    await attacker?.close();
    attacker = undefined;
  });

  test("cannot drive the dashboard's calls, read its event stream, or frame it", async () => {
    const seen: RequestLogRecord[] = [];
    const url = await serve({ logger: { info: () => undefined, warn: () => undefined, request: (r) => void seen.push(r) } });
    await new Api(url, DEMO).call('point.get', { valueID: 'VR8EPN' });
    const site = express();
    site.get('/', (_req, res) => res.type('html').send(`<!doctype html><title>loading</title>
      <iframe id="frame" src="${url}/__admin/ui"></iframe>
      <script>
      const fake = ${JSON.stringify(url)};
      (async () => {
        const seen = [];
        // What the dashboard's own buttons send: JSON to the admin API (the browser asks first; no grant).
        const calls = [['POST', '/__admin/faults', { rule: '*:drop' }], ['POST', '/__admin/clock', { advance: 'P1M' }], ['POST', '/__admin/reset'], ['DELETE', '/__admin/faults']];
        for (const [method, path, body] of calls) {
          await fetch(fake + path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined })
            .then((r) => seen.push(path + ' read ' + r.status), () => seen.push(path + ' blocked'));
        }
        // The live list: an EventSource from here is refused (403), so it never opens.
        await new Promise((done) => {
          const events = new EventSource(fake + '/__admin/events');
          events.onopen = () => { seen.push('events open'); events.close(); done(); };
          events.onerror = () => { seen.push('events ' + (events.readyState === 2 ? 'closed' : 'retrying')); events.close(); done(); };
        });
        document.title = seen.join(',');
      })();
      </script>`));
    attacker = await listen(site, 0, '127.0.0.1');
    const before = { faults: fake.faults.list().length, journal: fake.journal.count(), now: fake.clock.now().getTime() };
    await page.goto(`http://localhost:${attacker.port}/`);
    await expect.poll(() => page.title()).toBe('/__admin/faults blocked,/__admin/clock blocked,/__admin/reset blocked,/__admin/faults blocked,events closed');
    expect({ faults: fake.faults.list().length, journal: fake.journal.count() }).toEqual({ faults: before.faults, journal: before.journal });
    expect(fake.clock.now().getTime() - before.now).toBeLessThan(60_000);
    // What reached the fake from there: the bodiless reset and the stream, refused 403 for their Origin; the JSON
    // calls only as preflights (OPTIONS), never granted, so their POST and DELETE were never sent.
    const admin = seen.filter((r) => r.path.startsWith('/__admin/') && !r.path.startsWith('/__admin/ui'));
    expect(admin.filter((r) => r.method !== 'OPTIONS').map((r) => [r.method, r.path, r.status, r.note])).toEqual([
      ['POST', '/__admin/reset', 403, 'foreign Origin'],
      ['GET', '/__admin/events', 403, 'foreign Origin'],
    ]);
    expect(admin.filter((r) => r.method === 'OPTIONS').every((r) => r.status !== null && r.status >= 400)).toBe(true);
    // The frame got X-Frame-Options DENY and frame-ancestors 'none': no dashboard inside it.
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(await frame?.evaluate(() => document.getElementById('request-rows')).catch(() => null)).toBeFalsy();
  });
});
