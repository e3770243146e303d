// `Prefer: code=401` (as Prism does it): answers with a route's documented error example, without
// running its handler, so nothing changes. The examples are the contract's
// (collections/openapi/myvalue.openapi.yaml, src/shared/documented-examples.ts): a status's first
// example is its default, `example=<id>` picks another by its error id.
import { errorResponse, jsonResponse } from '../http/errors';
import type { FakeResponse } from '../http/types';
import { documentedErrors, operationKey, type DocumentedExample } from '../../src/shared/documented-examples';
import { isObject } from '../../src/shared/text';

export interface Preference {
  code?: number;
  example?: string;
  /** As received, for the journal. */
  text: string;
}

/** The `code` and `example` preferences of a Prefer header (others are ignored, as RFC 7240 allows). */
export function parsePrefer(value: string | undefined): { ok: true; value?: Preference } | { ok: false; detail: string } {
  if (value === undefined) return { ok: true };
  let code: number | undefined;
  let example: string | undefined;
  for (const part of value.split(/[,;]/)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const v = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (key === 'code') {
      if (!/^\d{3}$/.test(v)) return { ok: false, detail: `Prefer code must be a 3-digit HTTP status, got "${v}"` };
      code = Number(v);
    } else if (key === 'example') example = v;
  }
  if (code === undefined && example === undefined) return { ok: true };
  return { ok: true, value: { code, example, text: value.trim() } };
}

/** The error id of an example body ({ id, detail, errorCode }). */
const idOf = (example: DocumentedExample): string => (isObject(example.value) && typeof example.value.id === 'string' ? example.value.id : example.name);

/** The forced answer for a route (its method and path pattern), or ErrValidation naming what is documented. */
export function preferredResponse(method: string, routePath: string, preference: Preference): FakeResponse {
  const key = operationKey(method, routePath);
  const documented = documentedErrors().get(key) ?? new Map<number, readonly DocumentedExample[]>();
  const codes = [...documented.keys()];
  const available = codes.length > 0 ? `available: ${codes.join(', ')}` : 'it documents no error responses';
  const named = routeName(method, routePath);
  const code = preference.code ?? codes.find((c) => documented.get(c)?.some((e) => idOf(e) === preference.example));
  const examples = code === undefined ? undefined : documented.get(code);
  if (code === undefined || examples === undefined) {
    const what = preference.code === undefined ? `example=${preference.example}` : `code=${preference.code}`;
    return errorResponse('ErrValidation', `Prefer ${what} is not documented for ${named}; ${available}`);
  }
  const example = preference.example === undefined ? examples[0] : examples.find((e) => idOf(e) === preference.example);
  if (example === undefined) return errorResponse('ErrValidation', `Prefer example=${preference.example} is not documented for ${code} on ${named}; examples: ${examples.map(idOf).join(', ')}`);
  return jsonResponse(example.value, code);
}

/** The route as messages name it: 'POST /service/point/earn', 'GET /v1/service/promos/:ID'. */
const routeName = (method: string, path: string): string => `${method} ${path.replace(/\/+$/, '') || '/'}`;
