// The fake's routes by method and path (the project's one path matcher): literal segments win over
// parameters; a path known for another method gives the methods it allows (405).
import { ROUTES } from '../routes/index';
import type { Route } from '../routes/route';
import { adminRoutes } from './admin-routes';
import { adminStateRoutes } from './admin-state-routes';
import { dashboardRoutes } from '../dashboard/dashboard-routes';
import { bestMatch, compilePattern, decodedSegments, matchPattern, type PathPattern } from '../../src/shared/path-pattern';

export type Found = { route: Route; params: Record<string, string> } | { allowed: string[] };

interface CompiledRoute {
  route: Route;
  pattern: PathPattern;
}

const compiled: CompiledRoute[] = [...ROUTES, ...adminRoutes, ...adminStateRoutes, ...dashboardRoutes].map((route) => ({ route, pattern: compilePattern(route.path) }));

/** The routes of each method, in table order, grouped once. */
const byMethod = new Map<string, CompiledRoute[]>();
for (const c of compiled) byMethod.set(c.route.method, [...(byMethod.get(c.route.method) ?? []), c]);

/** The route of a request, with its path parameters; or the methods the path allows. */
export function findRoute(method: string, path: string): Found {
  const segments = decodedSegments(path);
  const found = bestMatch(byMethod.get(method) ?? [], (c) => c.pattern, segments);
  if (found) return { route: found.item.route, params: found.params };
  const allowed = new Set(compiled.filter((c) => matchPattern(c.pattern, segments) !== undefined).map((c) => c.route.method));
  return { allowed: [...allowed] };
}
