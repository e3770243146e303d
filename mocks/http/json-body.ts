// Parses a request body as a JSON object, or gives MyValue's 400 naming what is wrong with it: not
// JSON, not an object, nested too deep, or holding text that is not valid Unicode.
import { jsonProblem } from '../../src/shared/text';
import { errorResponse } from './errors';
import type { Fields, FakeResponse } from './types';

/** The media type of a request, lower case, without parameters ('' when none is given). */
export const mediaType = (headers: Readonly<Record<string, string | undefined>>): string => (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** application/json, or a +json type (application/merge-patch+json, ...). */
export const isJsonType = (type: string): boolean => type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);

export type ParsedBody = { ok: true; body: Fields } | { ok: false; response: FakeResponse };

/** An empty body is {}; anything but a JSON object is 400 ErrMalformedJSON. */
export function parseJsonBody(rawBody: string | undefined): ParsedBody {
  const text = rawBody ?? '';
  if (text.trim() === '') return { ok: true, body: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, response: errorResponse('ErrMalformedJSON', `Request body is not valid JSON: ${(error as Error).message}`) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, response: errorResponse('ErrMalformedJSON', `Request body must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`) };
  }
  const problem = shapeProblem(value);
  if (problem) return { ok: false, response: errorResponse('ErrMalformedJSON', `Request body ${problem}`) };
  return { ok: true, body: value as Fields };
}

/**
 * Any JSON text as a value, for what reads a body the fake kept (the journal, its collection): a text that is
 * not JSON, or one nested deeper than MAX_JSON_DEPTH or holding a lone surrogate (found without recursion),
 * is a reason, never a value a recursive reader could choke on.
 */
export function parseJsonValue(text: string): { ok: true; value: unknown } | { ok: false; why: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, why: `not JSON (${text.length} characters)` };
  }
  const problem = value !== null && typeof value === 'object' ? shapeProblem(value) : undefined;
  return problem === undefined ? { ok: true, value } : { ok: false, why: `not shown: it ${problem}` };
}

/** MyValue's bodies are flat; a client's body nested deeper than this is refused before anything reads it. */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What no handler should ever see, found without recursion (a deep body cannot exhaust the stack):
 * nesting deeper than MAX_JSON_DEPTH, or a string or key with a lone UTF-16 surrogate (not I-JSON,
 * RFC 7493: it cannot be stored as UTF-8, and two such texts would become one).
 */
function shapeProblem(root: object): string | undefined {
  return jsonProblem(root, MAX_JSON_DEPTH, (text, where) => (LONE_SURROGATE.test(text) ? `holds a lone UTF-16 surrogate ${where}: not valid Unicode text` : undefined));
}
