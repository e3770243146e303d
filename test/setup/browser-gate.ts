// Whether `npm test` runs the browser suite (the SSO pages, the cross-site attacks, the dashboard): Debian's Chromium at /usr/bin/chromium. Without it the
// suite is skipped with one line saying how to install it; CI (.ci/run) sets MYVALUE_REQUIRE_CHROMIUM=1,
// so there a missing browser fails the suite instead of skipping it.
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export interface BrowserGate {
  /** Globs vitest leaves out. */
  exclude: string[];
  /** The one line to print, when the suite is skipped. */
  notice?: string;
}

export function browserGate(exists: (path: string) => boolean = existsSync, env: NodeJS.ProcessEnv = process.env): BrowserGate {
  if (exists(CHROMIUM) || env.MYVALUE_REQUIRE_CHROMIUM === '1') return { exclude: [] };
  return {
    exclude: ['test/browser/**'],
    notice: `skipping test/browser (the SSO pages, the cross-site attacks and the dashboard, in Chromium): no ${CHROMIUM}; install it with \`sudo apt-get install -y chromium\` to run them`,
  };
}
