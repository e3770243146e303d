// The one path matcher of the project. A pattern's segments are literals, parameters (':name' as
// the signing rules and the fake's routes write them, '{name}' as OpenAPI does) or '*' (any one
// segment). Matching is exact (the fake's routes, the contract, fault targets, the journal filter)
// or by suffix (a request URL whose base URL carries a path prefix: the signing hook and the
// variations). When several patterns match, the longer wins, then the one with more literal
// segments, then the first. SUFFIX_MATCH_ES5 is the same suffix matcher for the Postman sandbox
// (suffix-match.js), tested on the same vectors.
import { sandboxSource } from './sandbox-source';

type Segment = { kind: 'literal'; text: string } | { kind: 'param'; name: string } | { kind: 'any' };

export interface PathPattern {
  /** The pattern as written, e.g. '/v1/service/promos/:ID'. */
  readonly source: string;
  readonly segments: readonly Segment[];
  /** How many segments are literal (the tie-break: more literal wins). */
  readonly literals: number;
}

export type MatchMode = 'exact' | 'suffix';

/** A path's segments, without empty ones: '/v1/service/promos/' -> ['v1', 'service', 'promos']. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}

/** Characters the URL parser keeps as they are in a path: no escape added, no `\` read as `/`. */
const KEPT_AS_IS = /^[\w\-.~!$&'()*+,;=:@/%]*$/;
/** A segment that starts with `.` or `%2e` may be a dot segment. */
const MAYBE_DOT = /(?:^|\/)(?:\.|%2e)/i;

/**
 * The path as the WHATWG URL parser resolves it. A path of kept characters without a dot segment it
 * would return unchanged: that common case skips the parser, which costs several times a split.
 */
function resolvedPath(path: string): string {
  if (KEPT_AS_IS.test(path) && !MAYBE_DOT.test(path)) return path;
  // The pathname setter parses in path state: a leading `//` stays path (never a host), `?` and `#` are escaped.
  const url = new URL('http://path.invalid');
  url.pathname = path;
  return url.pathname;
}

/**
 * A path's segments as a server reads them: dot segments resolved as the WHATWG URL parser does (`/./`,
 * `/x/../`, `%2e%2e`, and `\` as `/`), then percent-decoded (a bad escape stays as written), without empty
 * ones. A raw request path (Express) and one a URL parser already resolved (MSW, browsers) read the same.
 * @example decodedSegments('//x/%2e%2e/%5F_admin/users') // ['__admin', 'users']
 */
export function decodedSegments(path: string): string[] {
  return pathSegments(resolvedPath(path)).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

function segmentOf(part: string): Segment {
  if (part === '*') return { kind: 'any' };
  if (part.startsWith(':') && part.length > 1) return { kind: 'param', name: part.slice(1) };
  if (part.startsWith('{') && part.endsWith('}') && part.length > 2) return { kind: 'param', name: part.slice(1, -1) };
  return { kind: 'literal', text: part };
}

/** Compiles a pattern once; match it many times. */
export function compilePattern(source: string): PathPattern {
  const segments = pathSegments(source).map(segmentOf);
  return { source, segments, literals: segments.filter((s) => s.kind === 'literal').length };
}

/**
 * The parameters when the segments match the pattern (all of them, or their end in suffix mode), else undefined.
 * @example matchPattern(compilePattern('/v1/service/promos/:ID'), pathSegments('/v1/service/promos/13063')) // { ID: '13063' }
 */
export function matchPattern(pattern: PathPattern, segments: readonly string[], mode: MatchMode = 'exact'): Record<string, string> | undefined {
  const length = pattern.segments.length;
  if (mode === 'exact' ? segments.length !== length : segments.length < length) return undefined;
  const offset = segments.length - length;
  const params: Record<string, string> = {};
  for (let i = 0; i < length; i++) {
    const part = pattern.segments[i] as Segment;
    const seg = segments[offset + i] as string;
    if (part.kind === 'param') params[part.name] = seg;
    else if (part.kind === 'literal' && part.text !== seg) return undefined;
  }
  return params;
}

/** The best match among several patterns: longer, then more literal, then first. */
export function bestMatch<T>(items: readonly T[], patternOf: (item: T) => PathPattern, segments: readonly string[], mode: MatchMode = 'exact'): { item: T; params: Record<string, string> } | undefined {
  let best: { item: T; params: Record<string, string>; length: number; literals: number } | undefined;
  for (const item of items) {
    const pattern = patternOf(item);
    const params = matchPattern(pattern, segments, mode);
    if (!params) continue;
    const length = pattern.segments.length;
    if (!best || length > best.length || (length === best.length && pattern.literals > best.literals)) best = { item, params, length, literals: pattern.literals };
  }
  return best ? { item: best.item, params: best.params } : undefined;
}

/**
 * The suffix matcher as ES5 text for the Postman sandbox (suffix-match.js, type-checked by tsc):
 * `matchSuffix(patternSegments, segs)` returns the parameters or null, `bestSuffixMatch(items, segs)`
 * the best item (each with `segments`) as { item, params } or null. Pattern segments are written as
 * in compilePattern.
 */
export const SUFFIX_MATCH_ES5: string = sandboxSource(new URL('./suffix-match.js', import.meta.url));
