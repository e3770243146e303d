// How a core response's body goes on the wire, the same for both adapters.
import type { FakeResponse, QueryValue } from './types';

/** Bodies above this many bytes get 413 (Express's own default limit). */
export const MAX_BODY_BYTES = 100 * 1024;

/** The body as text: strings (HTML, a malformed-body fault) as they are, JSON values serialized, none as ''. */
export function bodyText(response: FakeResponse): string {
  const { body } = response;
  if (body === undefined || body === null || body === '') return '';
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/** The core's query from URL search params: a repeated key gives an array, in order. */
export function queryOf(params: URLSearchParams): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  for (const [key, value] of params) {
    const prev = query[key];
    query[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return query;
}
