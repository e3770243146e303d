// The dashboard's files under /__admin/ui: the page, its script and its style sheet, all served by the fake
// (works offline). They hold no state, so they come without the admin token (a browser cannot add a header
// to a navigation); every call the page then makes goes through the admin API and its guard.
import type { FakeResponse } from '../http/types';
import { defineRoutes, type Route } from '../routes/route';
import type { Services } from '../store/services';
import { sandboxSource } from '../../src/shared/sandbox-source';
import { DASHBOARD_CSS, DASHBOARD_HEADERS, DASHBOARD_HTML, DASHBOARD_ICON, DASHBOARD_PATH } from './dashboard-page';

/** The script's text, read once on first use (the build writes it in place of the call: dist/ reads no file). */
let script: string | undefined;
const dashboardScript = (): string => (script ??= sandboxSource(new URL('./dashboard.js', import.meta.url)));

const file = (type: string, body: string): FakeResponse => ({ status: 200, headers: { 'content-type': type, ...DASHBOARD_HEADERS }, body });

export const dashboardRoutes: Route[] = defineRoutes<Services>([
  { method: 'GET', path: DASHBOARD_PATH, tokenFree: true, handle: () => file('text/html; charset=utf-8', DASHBOARD_HTML) },
  { method: 'GET', path: `${DASHBOARD_PATH}/dashboard.js`, tokenFree: true, handle: () => file('text/javascript; charset=utf-8', dashboardScript()) },
  { method: 'GET', path: `${DASHBOARD_PATH}/dashboard.css`, tokenFree: true, handle: () => file('text/css; charset=utf-8', DASHBOARD_CSS) },
  { method: 'GET', path: `${DASHBOARD_PATH}/favicon.svg`, tokenFree: true, handle: () => file('image/svg+xml', DASHBOARD_ICON) },
]);
