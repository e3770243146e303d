// The fake's routes by method and path (the project's one path matcher): literal segments win over
// parameters; a path known for another method gives the methods it allows (405).
import { ROUTES } from '../routes/index';
import type { Route } from '../routes/route';
import { adminRoutes } from './admin-routes';
import { bestMatch, compilePattern, matchPattern, pathSegments, type PathPattern } from '../../src/shared/path-pattern';

export type Found = { route: Route; params: Record<string, string> } | { allowed: string[] };

interface CompiledRoute {
  route: Route;
  pattern: PathPattern;
}

const compiled: CompiledRoute[] = [...ROUTES, ...adminRoutes].map((route) => ({ route, pattern: compilePattern(route.path) }));

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The route of a request, with its path parameters; or the methods the path allows. */
export function findRoute(method: string, path: string): Found {
  const segments = pathSegments(path).map(safeDecode);
  const found = bestMatch(
    compiled.filter((c) => c.route.method === method),
    (c) => c.pattern,
    segments,
  );
  if (found) return { route: found.item.route, params: found.params };
  const allowed = new Set(compiled.filter((c) => matchPattern(c.pattern, segments) !== undefined).map((c) => c.route.method));
  return { allowed: [...allowed] };
}
