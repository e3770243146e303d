// The fake's routes by method and path: literal segments win over parameters; a path known for
// another method gives the methods it allows (405).
import { ROUTES } from '../routes/index';
import type { Route } from '../routes/route';
import { adminRoutes } from './admin-routes';

export type Found = { route: Route; params: Record<string, string> } | { allowed: string[] };

interface CompiledRoute {
  route: Route;
  segments: string[];
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

const compiled: CompiledRoute[] = [...ROUTES, ...adminRoutes].map((route) => ({ route, segments: split(route.path) }));

function matchPath(segments: string[], pattern: string[]): Record<string, string> | undefined {
  if (segments.length !== pattern.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i] as string;
    const seg = segments[i] as string;
    if (part.startsWith(':')) params[part.slice(1)] = seg;
    else if (part !== seg) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The route of a request, with its path parameters; or the methods the path allows. */
export function findRoute(method: string, path: string): Found {
  const segments = split(path).map(safeDecode);
  const allowed = new Set<string>();
  let best: { route: Route; params: Record<string, string>; score: number } | undefined;
  for (const { route, segments: pattern } of compiled) {
    const params = matchPath(segments, pattern);
    if (!params) continue;
    if (route.method !== method) {
      allowed.add(route.method);
      continue;
    }
    const score = Object.keys(params).length;
    if (!best || score < best.score) best = { route, params, score };
  }
  if (best) return { route: best.route, params: best.params };
  return { allowed: [...allowed] };
}
