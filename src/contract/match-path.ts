// Request paths against OpenAPI path templates: base URL stripped, trailing slash optional,
// '{name}' matches one segment, and a literal template wins over one with parameters.

export interface PathTemplate {
  template: string;
  segments: string[];
  params: number;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function compileTemplate(template: string): PathTemplate {
  const segments = segmentsOf(template);
  return { template, segments, params: segments.filter(isParam).length };
}

function isParam(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

/**
 * The path of a URL or path, without query and fragment, with the first matching base URL
 * (or base path) taken off the front.
 * @example requestPath('https://external.ovaltech.id/service/point/?valueID=X', []) // '/service/point/'
 */
export function requestPath(urlOrPath: string, baseUrls: readonly string[]): string {
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
  const cut = rest.search(/[?#]/);
  const path = cut === -1 ? rest : rest.slice(0, cut);
  return path.startsWith('/') ? path : `/${path}`;
}

/** Templates matching the path, most literal first. */
export function matchingTemplates(path: string, templates: readonly PathTemplate[]): PathTemplate[] {
  const segments = segmentsOf(path).map(safeDecode);
  return templates
    .filter((t) => t.segments.length === segments.length && t.segments.every((part, i) => isParam(part) || part === segments[i]))
    .sort((a, b) => a.params - b.params);
}
