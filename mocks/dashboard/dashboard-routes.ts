// The dashboard's files under /__admin/ui: the page, its script modules and its style sheet, all served by the fake
// (works offline). They hold no state, so they come without the admin token (a browser cannot add a header
// to a navigation); every call the page then makes goes through the admin API and its guard.
import type { FakeResponse } from '../http/types';
import { defineRoutes, type Route } from '../routes/route';
import type { Services } from '../store/services';
import { sandboxSource } from '../../src/shared/sandbox-source';
import { DASHBOARD_CSS, DASHBOARD_HEADERS, DASHBOARD_HTML, DASHBOARD_ICON, DASHBOARD_PATH } from './dashboard-page';

/**
 * The page's ES modules by file name, each read once on first use (the build writes each text in place of
 * its call: dist/ reads no file). dashboard.js is the entry; it imports the others by relative URL.
 */
const MODULES: Record<string, () => string> = {
  'dashboard.js': () => sandboxSource(new URL('./dashboard.js', import.meta.url)),
  'dashboard-api.js': () => sandboxSource(new URL('./dashboard-api.js', import.meta.url)),
  'dashboard-requests.js': () => sandboxSource(new URL('./dashboard-requests.js', import.meta.url)),
  'dashboard-state.js': () => sandboxSource(new URL('./dashboard-state.js', import.meta.url)),
  'dashboard-controls.js': () => sandboxSource(new URL('./dashboard-controls.js', import.meta.url)),
};
const texts = new Map<string, string>();
function moduleText(name: string, read: () => string): string {
  let text = texts.get(name);
  if (text === undefined) texts.set(name, (text = read()));
  return text;
}

const file = (type: string, body: string): FakeResponse => ({ status: 200, headers: { 'content-type': type, ...DASHBOARD_HEADERS }, body });

export const dashboardRoutes: Route[] = defineRoutes<Services>([
  { method: 'GET', path: DASHBOARD_PATH, tokenFree: true, handle: () => file('text/html; charset=utf-8', DASHBOARD_HTML) },
  ...Object.entries(MODULES).map(([name, read]) => ({ method: 'GET' as const, path: `${DASHBOARD_PATH}/${name}`, tokenFree: true as const, handle: () => file('text/javascript; charset=utf-8', moduleText(name, read)) })),
  { method: 'GET', path: `${DASHBOARD_PATH}/dashboard.css`, tokenFree: true, handle: () => file('text/css; charset=utf-8', DASHBOARD_CSS) },
  { method: 'GET', path: `${DASHBOARD_PATH}/favicon.svg`, tokenFree: true, handle: () => file('image/svg+xml', DASHBOARD_ICON) },
]);
