// The dashboard's files (/__admin/ui): served by the fake itself, with a strict Content-Security-Policy,
// never framed or cached, without the admin token (a browser cannot add one to a navigation) but never to
// another origin. Where `myvalue mock` says the dashboard is: dashboard-files-mock.test.ts.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';

const ORIGIN = 'http://127.0.0.1:4010';
/** The page's script modules: dashboard.js, the entry, and what it imports. */
const MODULES = ['dashboard.js', 'dashboard-api.js', 'dashboard-requests.js', 'dashboard-state.js', 'dashboard-controls.js'];
const FILES = [
  ['/__admin/ui', 'text/html; charset=utf-8'],
  ...MODULES.map((name) => [`/__admin/ui/${name}`, 'text/javascript; charset=utf-8'] as const),
  ['/__admin/ui/dashboard.css', 'text/css; charset=utf-8'],
  ['/__admin/ui/favicon.svg', 'image/svg+xml'],
] as const;

describe('the dashboard files', () => {
  it.each(FILES)('%s: %s, only its own files may run or load, never framed, never cached; no token needed, no journal entry', (path, type) => {
    const fake = createFakeMyValue({ adminToken: 'tok-files' });
    const res = fake.handle({ method: 'GET', path, query: {}, headers: {}, origin: ORIGIN });
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': type,
      'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'x-frame-options': 'DENY', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer',
    });
    expect(fake.journal.count()).toBe(0);
    expect(fake.handle({ method: 'GET', path, query: {}, headers: { origin: 'https://evil.example' }, origin: ORIGIN }).status).toBe(403);
  });

  it('the page has no inline script or style and loads nothing from elsewhere; the script puts text, never HTML', () => {
    const fake = createFakeMyValue();
    const html = String(fake.handle({ method: 'GET', path: '/__admin/ui', query: {}, headers: {}, origin: ORIGIN }).body);
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="/__admin/ui/dashboard.js">']);
    expect(html).not.toMatch(/<style|style="|\bon[a-z]+="|https?:\/\//);
    const js = MODULES.map((name) => String(fake.handle({ method: 'GET', path: `/__admin/ui/${name}`, query: {}, headers: {}, origin: ORIGIN }).body)).join('\n');
    // Every module the scripts import is one the fake serves, by a relative URL of its own directory.
    const imported = [...js.matchAll(/^import .* from '\.\/([\w-]+\.js)';$/gm)].map((m) => m[1]);
    expect(imported.length).toBeGreaterThan(0);
    for (const name of imported) expect(MODULES).toContain(name);
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function|https?:\/\//);
    expect(js).toContain("fetch('/__admin/events'");
    // The admin token travels in its header, never in a URL.
    expect(js).not.toMatch(/[?&]token=/);
  });
});
