// A route's body kind (json, form, none) is settled once, by defineRoutes (mocks/routes/route.ts): the
// admission step parses a JSON body and the pipeline refuses another media type for the same routes.
// Probed on every route of the fake, so a default written again in one of the steps, and drifting, shows.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { ROUTE_TABLES } from '../../mocks/core/route-table';
import type { FakeRequest } from '../../mocks/http/types';

const ROUTES = ROUTE_TABLES.flatMap(({ admin, routes }) => routes.map((route) => ({ admin, route })));

/** The route's path with each ':name' segment filled in. */
const pathOf = (path: string): string => path.replace(/:[^/]+/g, 'x1');
const withBody = (method: string, path: string, type: string, rawBody: string): FakeRequest => ({ method, path: pathOf(path), query: {}, headers: { 'content-type': type }, rawBody, origin: 'http://127.0.0.1' });
const errorId = (body: unknown): unknown => (body !== null && typeof body === 'object' ? (body as { id?: unknown }).id : undefined);

describe('a route\'s body kind, settled once for the parsing and the media type check', () => {
  it('every route has one; POST routes without their own take JSON, the others none', () => {
    for (const { route } of ROUTES) expect(['json', 'form', 'none'], `${route.method} ${route.path}`).toContain(route.body);
    expect(ROUTES.filter(({ route }) => route.body === 'json').every(({ route }) => route.method === 'POST')).toBe(true);
    expect(ROUTES.some(({ route }) => route.method === 'POST' && route.body !== 'json'), 'the SSO forms and POST /__admin/reset keep their own').toBe(true);
  });

  it.each(ROUTES.map(({ admin, route }) => [`${route.method} ${route.path}`, admin, route.method, route.path, route.body] as const))(
    '%s: a broken JSON body is refused as malformed, and a text body as another media type, exactly when the route takes JSON',
    (_name, admin, method, path, body) => {
      const fake = createFakeMyValue();
      try {
        // A form route reads its own body (the Auth API takes JSON too, and says when it is broken): no verdict here.
        if (body !== 'form') {
          const broken = fake.handle(withBody(method, path, 'application/json', '{'));
          expect(errorId(broken.body) === 'ErrMalformedJSON', `broken JSON: ${broken.status} ${JSON.stringify(broken.body)}`).toBe(body === 'json');
        }
        // The admin API refuses any body but JSON in its guard, whatever the route: only MyValue's routes tell here.
        if (!admin) {
          const text = fake.handle(withBody(method, path, 'text/plain', 'a=b'));
          expect(errorId(text.body) === 'ErrUnsupportedMediaType', `text body: ${text.status} ${JSON.stringify(text.body)}`).toBe(body === 'json');
        }
      } finally {
        fake.close();
      }
    },
  );
});
