// Parses a request body as a JSON object, or gives MyValue's 400 naming what is wrong with it.
import { errorResponse } from './errors';
import type { Fields, FakeResponse } from './types';

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
  return { ok: true, body: value as Fields };
}
