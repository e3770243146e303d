// Request paths against OpenAPI path templates (through the project's one path matcher): base URL
// stripped, trailing slash optional, '{name}' matches one segment, and a literal template wins.
import { compilePattern, decodedSegments, matchPattern, type PathPattern } from '../shared/path-pattern';

export interface PathTemplate {
  template: string;
  pattern: PathPattern;
}

export function compileTemplate(template: string): PathTemplate {
  return { template, pattern: compilePattern(template) };
}

/**
 * The path of a URL or path, without query and fragment, with the first matching base URL
 * (or base path) taken off the front. `query: false` says `urlOrPath` is a path a server already took
 * the query off (a request's decoded path): a `?` or `#` in it is part of the path, as the fake's router
 * reads it.
 * @example requestPath('https://external.ovaltech.id/service/point/?valueID=X', []) // '/service/point/'
 * @example requestPath('/v1/service/promos/a?b', [], { query: false }) // '/v1/service/promos/a?b'
 */
export function requestPath(urlOrPath: string, baseUrls: readonly string[], { query = true }: { query?: boolean } = {}): string {
  let rest = urlOrPath;
  for (const base of baseUrls) {
    const trimmed = base.replace(/\/+$/, '');
    if (trimmed !== '' && rest.startsWith(trimmed) && /^($|[/?#])/.test(rest.slice(trimmed.length))) {
      rest = rest.slice(trimmed.length);
      break;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) {
    try {
      rest = new URL(rest).pathname;
    } catch {
      // Not a URL after all: treated as a path.
    }
  }
  const cut = query ? rest.search(/[?#]/) : -1;
  const path = cut === -1 ? rest : rest.slice(0, cut);
  return path.startsWith('/') ? path : `/${path}`;
}

/** Templates matching the path, most literal first. */
export function matchingTemplates(path: string, templates: readonly PathTemplate[]): PathTemplate[] {
  const segments = decodedSegments(path);
  return templates.filter((t) => matchPattern(t.pattern, segments) !== undefined).sort((a, b) => b.pattern.literals - a.pattern.literals);
}
