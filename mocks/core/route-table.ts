// The fake's routes by method and path (the project's one path matcher): literal segments win over
// parameters; a path known for another method gives the methods it allows (405). The path is read once,
// normalised (decodedSegments: `//`, `%5F`, `/./`, `/x/../` as a server reads them), and the route found
// says whether the request is the fake's own admin API, which the pipeline guards and the journal skips.
import { ROUTES } from '../routes/index';
import { adminAuthRoutes } from '../routes/auth';
import type { Route } from '../routes/route';
import { adminRoutes } from './admin-routes';
import { adminStateRoutes } from './admin-state-routes';
import { dashboardRoutes } from '../dashboard/dashboard-routes';
import { bestMatch, compilePattern, decodedSegments, matchPattern, pathSegments, type PathPattern } from '../../src/shared/path-pattern';

/** `admin`: the fake's own API (guarded, never journaled nor faulted), whether or not a route matched. */
export type Found = ({ route: Route; params: Record<string, string> } | { allowed: string[] }) & { admin: boolean };

/** The first segment of the admin area, in any case (`/__ADMIN/x` is no route of it, but no MyValue path either). */
export const ADMIN_SEGMENT = '__admin';
const inAdminArea = (segments: readonly string[]): boolean => segments[0]?.toLowerCase() === ADMIN_SEGMENT;

interface CompiledRoute {
  route: Route;
  pattern: PathPattern;
  admin: boolean;
}

/** Every route of the fake: MyValue's, then the admin area's. */
export const ROUTE_TABLES: ReadonlyArray<{ admin: boolean; routes: readonly Route[] }> = [
  { admin: false, routes: ROUTES },
  { admin: true, routes: [...adminAuthRoutes, ...adminRoutes, ...adminStateRoutes, ...dashboardRoutes] as Route[] },
];

const compiled: CompiledRoute[] = ROUTE_TABLES.flatMap(({ admin, routes }) =>
  routes.map((route) => {
    // A table and the area must agree: an admin route outside /__admin would answer paths the area rule
    // leaves unguarded, and a MyValue route inside it would be guarded and never journaled.
    if (inAdminArea(pathSegments(route.path)) !== admin) throw new Error(`route ${route.method} ${route.path} is ${admin ? 'an admin route outside' : 'a MyValue route inside'} /${ADMIN_SEGMENT}`);
    return { route, pattern: compilePattern(route.path), admin };
  }),
);

/** The routes of each method, in table order, grouped once. */
const byMethod = new Map<string, CompiledRoute[]>();
for (const c of compiled) byMethod.set(c.route.method, [...(byMethod.get(c.route.method) ?? []), c]);

/** The route of a request, with its path parameters; or the methods the path allows. Either way, whether it is the admin API. */
export function findRoute(method: string, path: string): Found {
  const segments = decodedSegments(path);
  const found = bestMatch(byMethod.get(method) ?? [], (c) => c.pattern, segments);
  if (found) return { route: found.item.route, params: found.params, admin: found.item.admin };
  const allowed = new Set(compiled.filter((c) => matchPattern(c.pattern, segments) !== undefined).map((c) => c.route.method));
  return { allowed: [...allowed], admin: inAdminArea(segments) };
}
