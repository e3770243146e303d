// Debian's Chromium through playwright-core for the browser suites (.ci/run installs it with apt-get;
// never a browser download), and a full-page screenshot in reports/ when a test fails.
import { existsSync, mkdirSync } from 'node:fs';
import type { TestContext } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '../setup/browser-gate';

const REPORTS = new URL('../../reports/', import.meta.url);

/** `extraArgs`: more Chromium switches, e.g. --host-resolver-rules to point a made-up name at 127.0.0.1. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (see .ci/run)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync', ...extraArgs],
  });
}

/** Call in afterEach, before the page's context closes (onTestFailed callbacks run only after the afterEach hooks). */
export async function screenshotOnFailure(ctx: TestContext, page: Page | undefined, prefix: string): Promise<void> {
  if (ctx.task.result?.state !== 'fail' || !page) return;
  mkdirSync(REPORTS, { recursive: true });
  const name = ctx.task.name.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  await page.screenshot({ path: new URL(`${prefix}-${name}.png`, REPORTS).pathname, fullPage: true });
}

/**
 * One context and page for all of a file's tests, made clean before each: a new page costs a renderer
 * process, 0.5-1.5 s a test on a busy machine. Each test's servers listen on ports of their own, so no
 * origin's storage carries over; what a page keeps across ports (cookies, permissions), the listeners a
 * test added, the tabs it opened and the viewport are reset, and the page starts from about:blank. A page
 * a test closed is made again.
 * @example const tab = reusedPage(() => browser, { viewport: { width: 1366, height: 768 } });
 *          beforeEach(async () => (page = await tab.fresh()));
 *          afterEach(async () => { await tab.leave(); await server.close(); });
 */
export function reusedPage(browser: () => Browser, options: { viewport?: { width: number; height: number } } = {}): { fresh(): Promise<Page>; leave(): Promise<void>; close(): Promise<void>; context(): BrowserContext | undefined } {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  return {
    async fresh() {
      context ??= await browser().newContext(options.viewport ? { viewport: options.viewport } : {});
      context.setDefaultTimeout(15_000);
      if (!page || page.isClosed()) page = await context.newPage();
      for (const other of context.pages()) if (other !== page) await other.close();
      page.removeAllListeners();
      await page.goto('about:blank');
      await context.clearCookies();
      await context.clearPermissions();
      if (options.viewport) await page.setViewportSize(options.viewport);
      return page;
    },
    /** Call in afterEach, before the test's servers close: the page lets go of their connections (event streams). */
    async leave() {
      if (page && !page.isClosed()) await page.goto('about:blank').catch(() => undefined);
    },
    async close() {
      await context?.close();
      context = undefined;
      page = undefined;
    },
    context: () => context,
  };
}
