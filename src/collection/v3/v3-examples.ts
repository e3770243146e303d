// Saved examples of a v3 request (`*.example.yaml` under the request's `examples` directory) as v2.1
// responses. An `examples` path that leaves the collection root is refused, never followed.
import { posix } from 'node:path';
import type { Result } from '../../shared/result';
import { isObject } from '../../shared/text';
import { bodyToV21, keyValues } from './v3-shapes';
import { parseYaml } from './v3-yaml';

/** The collection's files: path relative to the root (forward slashes) -> text. */
export type V3Files = ReadonlyMap<string, string>;

/** Where a request's examples are: its `examples` field, or `.resources/<stem>.resources/examples` beside it. */
export function examplesDir(requestPath: string, stem: string, field: unknown, label: (path: string) => string = (p) => p): Result<string> {
  const dir = posix.dirname(requestPath);
  if (field === undefined || field === null) return { ok: true, value: posix.join(dir, '.resources', `${stem}.resources`, 'examples') };
  if (typeof field !== 'string') return { ok: false, error: `${label(requestPath)}: "examples" must be a path` };
  const joined = posix.normalize(posix.join(dir === '.' ? '' : dir, field.replace(/\\/g, '/')));
  if (posix.isAbsolute(field) || /^[a-z]:/i.test(field) || joined === '..' || joined.startsWith('../')) {
    return { ok: false, error: `${label(requestPath)}: examples path "${field}" leaves the collection root (refused)` };
  }
  return { ok: true, value: joined.replace(/\/$/, '') };
}

const stemOf = (path: string): string => posix.basename(path).replace(/\.example\.ya?ml$/i, '');

/** The v2.1 responses for the example files under `dir`, in `order`, then by name. */
export function readExamples(files: V3Files, dir: string, label: (path: string) => string): Result<object[]> {
  const prefix = dir === '.' || dir === '' ? '' : `${dir}/`;
  const found: Array<{ name: string; order: number; response: object }> = [];
  for (const [path, text] of files) {
    if (!path.startsWith(prefix) || path.slice(prefix.length).includes('/') || !/\.example\.ya?ml$/i.test(path)) continue;
    const parsed = parseYaml(text, label(path));
    if (!parsed.ok) return parsed;
    const doc = parsed.value;
    if (!isObject(doc)) return { ok: false, error: `${label(path)}: not an example (expected $kind: http-example)` };
    const request = isObject(doc.request) ? doc.request : {};
    const response = isObject(doc.response) ? doc.response : {};
    const requestHeaders = keyValues(request.headers, true);
    const responseHeaders = keyValues(response.headers, true);
    const requestBody = bodyToV21(request.body);
    if (!requestHeaders.ok || !responseHeaders.ok || !requestBody.ok) return { ok: false, error: `${label(path)}: ${[requestHeaders, responseHeaders, requestBody].map((r) => (r.ok ? '' : r.error)).join('').trim()}` };
    const body = isObject(response.body) ? response.body.content : undefined;
    const name = typeof doc.name === 'string' ? doc.name : stemOf(path);
    found.push({
      name,
      order: typeof doc.order === 'number' ? doc.order : Number.POSITIVE_INFINITY,
      response: {
        name,
        originalRequest: { method: typeof request.method === 'string' ? request.method : 'GET', url: typeof request.url === 'string' ? request.url : '', header: requestHeaders.value, ...(requestBody.value ? { body: requestBody.value } : {}) },
        ...(typeof response.statusText === 'string' ? { status: response.statusText } : {}),
        ...(typeof response.statusCode === 'number' ? { code: response.statusCode } : {}),
        header: responseHeaders.value,
        body: typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body, null, 2),
      },
    });
  }
  found.sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { ok: true, value: found.map((f) => f.response) };
}
