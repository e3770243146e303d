// The browser suite runs where Chromium is, is skipped with one line where it is not, and CI cannot skip it.
import { describe, expect, it } from 'vitest';
import { browserGate, CHROMIUM } from './browser-gate';

describe('browserGate', () => {
  it('runs the suite when Chromium is there', () => {
    expect(browserGate((p) => p === CHROMIUM, {})).toEqual({ exclude: [] });
  });

  it('skips it with one line saying how to install Chromium when it is not', () => {
    const gate = browserGate(() => false, {});
    expect(gate.exclude).toEqual(['test/browser/**']);
    expect(gate.notice).toBe('skipping test/browser (the SSO pages, the cross-site attacks and the dashboard, in Chromium): no /usr/bin/chromium; install it with `sudo apt-get install -y chromium` to run them');
  });

  it('never skips it where MYVALUE_REQUIRE_CHROMIUM=1 (CI): the suite then fails on the missing browser', () => {
    expect(browserGate(() => false, { MYVALUE_REQUIRE_CHROMIUM: '1' })).toEqual({ exclude: [] });
  });
});
