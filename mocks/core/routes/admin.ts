// The fake's own admin API under /__admin/ (not part of MyValue).
import { jsonResponse } from '../errors';
import { defineRoutes } from '../route';

export const adminRoutes = defineRoutes([
  {
    method: 'POST',
    path: '/__admin/reset',
    body: 'none',
    handle({ deps }) {
      deps.store.reset();
      return jsonResponse({ reset: true });
    },
  },
  {
    method: 'GET',
    path: '/__admin/health',
    handle() {
      return jsonResponse({ ok: true });
    },
  },
]);
