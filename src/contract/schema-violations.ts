// ajv errors as one line each, named by the JSON Pointer that broke: '/results/0/point must be integer (got "160")'.
import type { ErrorObject } from 'ajv';

/** At most this many schema violations are reported for one response. */
export const MAX_SCHEMA_VIOLATIONS = 20;

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function valueAt(body: unknown, pointer: string): unknown {
  let current = body;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

/** One entry per distinct problem, with the pointer ('' is the whole body) and the line to show. */
export function schemaViolations(errors: readonly ErrorObject[], body: unknown): Array<{ jsonPath: string; text: string }> {
  const seen = new Set<string>();
  const out: Array<{ jsonPath: string; text: string }> = [];
  for (const error of errors) {
    let jsonPath = error.instancePath;
    let problem: string;
    if (error.keyword === 'required') {
      jsonPath = `${jsonPath}/${escapeToken(String((error.params as { missingProperty: string }).missingProperty))}`;
      problem = 'is required';
    } else if (error.keyword === 'type' || error.keyword === 'format' || error.keyword === 'enum' || error.keyword === 'const') {
      problem = `${error.message ?? 'is invalid'} (got ${describe(valueAt(body, jsonPath))})`;
    } else {
      problem = error.message ?? `fails ${error.keyword}`;
    }
    const text = `${jsonPath === '' ? '(body)' : jsonPath} ${problem}`;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ jsonPath, text });
    if (out.length === MAX_SCHEMA_VIOLATIONS) break;
  }
  return out;
}
