// Debian's Chromium through playwright-core for the browser suites (.ci/run installs it with apt-get;
// never a browser download), and a full-page screenshot in reports/ when a test fails.
import { existsSync, mkdirSync } from 'node:fs';
import type { TestContext } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
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
