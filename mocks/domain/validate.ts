// Field validation for the fake's handlers: each check returns the value or a Failure naming the field.
import { fail, type Failure } from '../http/errors';
import type { Fields } from '../http/types';

export type Checked<T> = { ok: true; value: T } | Failure;

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });

/** A field counts as not given when absent, null or empty: required ones are refused, optional ones take their default. */
export const isBlank = (value: unknown): boolean => value === undefined || value === null || value === '';

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  return `${JSON.stringify(value)} (${Array.isArray(value) ? 'array' : typeof value})`;
}

/** A required non-empty string (at most `max` characters). */
export function requireString(fields: Fields, name: string, max = 255): Checked<string> {
  const value = fields[name];
  if (isBlank(value)) return fail('ErrValidation', `${name} is required`);
  if (typeof value !== 'string') return fail('ErrValidation', `${name} must be a string, got ${describe(value)}`);
  if (value.length > max) return fail('ErrValidation', `${name} must be at most ${max} characters`);
  return ok(value);
}

/** An optional string; undefined when absent or empty. */
export function optionalString(fields: Fields, name: string, max = 255): Checked<string | undefined> {
  const value = fields[name];
  if (isBlank(value)) return ok(undefined);
  if (typeof value !== 'string') return fail('ErrValidation', `${name} must be a string, got ${describe(value)}`);
  if (value.length > max) return fail('ErrValidation', `${name} must be at most ${max} characters`);
  return ok(value);
}

/** JSON bodies must carry numbers as numbers; query strings and path segments carry digits. */
export type IntSource = 'body' | 'text';

/**
 * A whole number: a JSON number in a body, digits in a query or path. `min` bounds it below.
 * Amounts are capped at 10^12 so sums stay exact in SQLite and JavaScript.
 */
export function requireInt(fields: Fields, name: string, min: number, max = 1e12, from: IntSource = 'body'): Checked<number> {
  const value = fields[name];
  if (isBlank(value)) return fail('ErrValidation', `${name} is required`);
  return toInt(name, value, min, max, from);
}

/** Like requireInt, with a default when absent. */
export function optionalInt(fields: Fields, name: string, fallback: number, min: number, max = 1e12, from: IntSource = 'text'): Checked<number> {
  const value = fields[name];
  if (isBlank(value)) return ok(fallback);
  return toInt(name, value, min, max, from);
}

function toInt(name: string, value: unknown, min: number, max: number, from: IntSource): Checked<number> {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (from === 'text' && typeof value === 'string' && /^-?\d+$/.test(value)) n = Number(value);
  else return fail('ErrValidation', `${name} must be a whole number, got ${describe(value)}`);
  if (!Number.isInteger(n)) return fail('ErrValidation', `${name} must be a whole number, got ${describe(value)}`);
  if (n < min) return fail('ErrValidation', min === 1 ? `${name} must be greater than 0, got ${n}` : `${name} must be at least ${min}, got ${n}`);
  if (n > max) return fail('ErrValidation', `${name} must be at most ${max}, got ${n}`);
  return ok(n);
}

/** A date filter YYYY-MM-DD; undefined when absent. */
export function optionalDate(fields: Fields, name: string): Checked<string | undefined> {
  const value = optionalString(fields, name, 10);
  if (!value.ok || value.value === undefined) return value;
  const text = value.value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
    return fail('ErrValidation', `${name} must be a date YYYY-MM-DD, got ${describe(text)}`);
  }
  return ok(text);
}

/** One of the listed values. */
export function requireOneOf<T extends string>(fields: Fields, name: string, allowed: readonly T[]): Checked<T> {
  const value = requireString(fields, name);
  if (!value.ok) return value;
  if (!(allowed as readonly string[]).includes(value.value)) {
    return fail('ErrValidation', `${name} must be one of ${allowed.join(', ')}, got ${describe(value.value)}`);
  }
  return ok(value.value as T);
}
