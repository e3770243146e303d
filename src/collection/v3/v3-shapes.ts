// The tables between collection schema 3.0.0 and v2.1: body types, script types, auth, and the
// key/value lists v3 writes either as a list of {key, value} or as a map. Pure data and small maps.
import { isObject } from '../../shared/text';
import type { Result } from '../../shared/result';

/** A v2.1 key/value entry (header, query parameter, path variable, form field, variable). */
export interface KeyValue {
  /** null only in a query: an empty pair of `?a=1&&b=2`, which the SDK keeps so that the URL is sent as written. */
  key: string;
  value?: unknown;
  description?: string;
  disabled?: boolean;
  type?: string;
  src?: unknown;
  contentType?: string;
}

/** v3 raw body types and the v2.1 `options.raw.language` of each (the same words). */
export const RAW_BODY_TYPES = ['json', 'text', 'xml', 'html', 'javascript'] as const;
export type RawBodyType = (typeof RAW_BODY_TYPES)[number];

/** Every body type the reader takes, raw or not. */
export const BODY_TYPES = [...RAW_BODY_TYPES, 'formdata', 'urlencoded', 'file', 'graphql', 'none'] as const;

/** Script types and the v2.1 event each runs as; requests write them bare, definitions `http:`-prefixed. */
const SCRIPT_LISTEN: Readonly<Record<string, 'prerequest' | 'test'>> = {
  beforeRequest: 'prerequest',
  afterResponse: 'test',
  'http:beforeRequest': 'prerequest',
  'http:afterResponse': 'test',
};

/** A graphql-request's own script types (Postman writes `beforeQuery` for what runs before it is sent). */
const GRAPHQL_SCRIPT_LISTEN: Readonly<Record<string, 'prerequest' | 'test'>> = { beforeQuery: 'prerequest', afterResponse: 'test' };

/**
 * The v2.1 event `listen` a v3 script type runs as; either spelling is read at either level. A
 * graphql-request's scripts (`graphql`) have their own types, read on that request only: a definition's
 * `graphql:beforeQuery` would run before every request in Newman, so it is skipped as another protocol's.
 */
export function listenOf(type: unknown, graphql = false): 'prerequest' | 'test' | undefined {
  const table = graphql ? GRAPHQL_SCRIPT_LISTEN : SCRIPT_LISTEN;
  return typeof type === 'string' && Object.hasOwn(table, type) ? table[type] : undefined;
}

/** v3 settings as protocolProfileBehavior: disabledSystemHeaders, a list of names in v3, is the object Newman takes. */
export function settingsToV21(settings: Record<string, unknown>): Record<string, unknown> {
  const headers = settings.disabledSystemHeaders;
  if (!Array.isArray(headers)) return settings;
  return { ...settings, disabledSystemHeaders: Object.fromEntries(headers.filter((name) => typeof name === 'string').map((name) => [name, true])) };
}

const text = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : typeof value === 'string' ? value : String(value));

/**
 * A v3 key/value field (a list of {key, value, ...} or a map key -> value) as v2.1 entries.
 * `strings` makes every value a string (headers, query, path variables); variables keep their type.
 * `nullKeys` takes `key: null` (queryParams: the empty pairs of `?a=1&&b=2`, as Postman writes them).
 */
export function keyValues(field: unknown, strings: boolean, nullKeys = false): Result<KeyValue[]> {
  if (field === undefined || field === null) return { ok: true, value: [] };
  // null stays null (a query parameter written without "="); any other value is text where asked.
  const value = (v: unknown): unknown => (strings && v !== null ? (text(v) ?? '') : v);
  if (Array.isArray(field)) {
    const out: KeyValue[] = [];
    for (const entry of field) {
      const keyed = isObject(entry) && (typeof entry.key === 'string' || typeof entry.key === 'number' || (nullKeys && entry.key === null));
      if (!keyed) return { ok: false, error: 'an entry has no "key"' };
      const kv: KeyValue = { key: entry.key === null ? (null as unknown as string) : String(entry.key) };
      if ('value' in entry) kv.value = value(entry.value);
      const description = isObject(entry.description) ? entry.description.content : entry.description;
      if (typeof description === 'string') kv.description = description;
      if (entry.disabled === true || entry.enabled === false) kv.disabled = true;
      if (typeof entry.type === 'string') kv.type = entry.type;
      if (entry.src !== undefined) kv.src = entry.src;
      if (typeof entry.contentType === 'string') kv.contentType = entry.contentType;
      out.push(kv);
    }
    return { ok: true, value: out };
  }
  if (isObject(field)) return { ok: true, value: Object.entries(field).map(([key, v]) => ({ key, value: value(v) })) };
  return { ok: false, error: 'expected a list of {key, value} or a map' };
}

/** How the writer puts a v2.1 value in a v3 field where Postman's schema wants text (its lint: FMT015). */
export const AS_TEXT = {
  /** Headers, form and urlencoded fields: what Newman sends of the value. */
  text: (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)),
  /** Query values: the SDK writes `=value` for a text only, any other value is a parameter without "=" (`?flag`): null. */
  query: (v: unknown): string | null => (typeof v === 'string' ? v : null),
  /** Path variables: Newman puts only a non-empty text in the path; any other value leaves `:name` as written, and so does "". */
  path: (v: unknown): string => (typeof v === 'string' ? v : ''),
} as const;

/** v2.1 entries as the v3 list the writer puts in files (only the fields that are set); `value` maps each value. */
export function keyValueList(entries: readonly KeyValue[] | undefined, fields: readonly (keyof KeyValue)[] = ['description', 'disabled'], value: (v: unknown) => unknown = (v) => (v === undefined ? '' : v)): Array<Record<string, unknown>> {
  return (entries ?? []).map((entry) => {
    const out: Record<string, unknown> = { key: entry.key, value: value(entry.value) };
    for (const field of fields) if (field === 'description' && isObject(entry.description)) out.description = entry.description.content;
    else if (entry[field] !== undefined && entry[field] !== null && entry[field] !== false && entry[field] !== '') out[field] = entry[field];
    return out;
  });
}

/** The v2.1 type of an auth attribute's value (read from a map, which carries no type). */
const attributeType = (v: unknown): string => (typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? 'number' : v !== null && typeof v === 'object' ? 'any' : 'string');

/** v3 auth ({type, credentials}) as v2.1 auth ({type, [type]: [{key, value, type}]}); undefined = inherit. */
export function authToV21(auth: unknown): Result<Record<string, unknown> | undefined> {
  if (auth === undefined || auth === null) return { ok: true, value: undefined };
  const one = Array.isArray(auth) ? auth[0] : auth;
  if (!isObject(one) || typeof one.type !== 'string') return { ok: false, error: 'auth has no "type"' };
  if (one.type === 'inherit') return { ok: true, value: undefined };
  if (one.type === 'noauth' || one.type === 'none') return { ok: true, value: { type: 'noauth' } };
  const credentials = keyValues(one.credentials, false);
  if (!credentials.ok) return { ok: false, error: `auth credentials: ${credentials.error}` };
  return { ok: true, value: { type: one.type, [one.type]: credentials.value.map((c) => ({ key: c.key, value: c.value ?? '', type: c.type ?? attributeType(c.value) })) } };
}

/** v2.1 auth as v3 auth, credentials a map of their values as Postman writes them; undefined when the node inherits. */
export function authToV3(auth: unknown): Record<string, unknown> | undefined {
  if (!isObject(auth) || typeof auth.type !== 'string') return undefined;
  if (auth.type === 'noauth') return { type: 'noauth' };
  const attributes = Array.isArray(auth[auth.type]) ? (auth[auth.type] as KeyValue[]) : [];
  return { type: auth.type, credentials: Object.fromEntries(attributes.map((a) => [a.key, a.value ?? ''])) };
}

/** A v3 body as a v2.1 body; undefined for none. */
export function bodyToV21(body: unknown): Result<Record<string, unknown> | undefined> {
  if (body === undefined || body === null) return { ok: true, value: undefined };
  if (!isObject(body)) return { ok: false, error: 'body must be {type, content}' };
  const type = body.type ?? 'none';
  const content = body.content;
  if (type === 'none') return { ok: true, value: undefined };
  if ((RAW_BODY_TYPES as readonly unknown[]).includes(type)) {
    const raw = typeof content === 'string' ? content : content === undefined || content === null ? '' : type === 'json' ? JSON.stringify(content, null, 2) : String(content);
    return { ok: true, value: { mode: 'raw', raw, options: { raw: { language: type } } } };
  }
  if (type === 'formdata' || type === 'urlencoded') {
    const fields = keyValues(content, false);
    if (!fields.ok) return { ok: false, error: `${type} body: ${fields.error}` };
    const entries = fields.value.map((f) => ({ ...f, ...(f.value !== undefined && typeof f.value !== 'string' ? { value: String(f.value) } : {}) }));
    return { ok: true, value: { mode: type, [type]: type === 'urlencoded' ? entries.map(({ src: _src, contentType: _ct, ...rest }) => rest) : entries } };
  }
  if (type === 'file') return { ok: true, value: { mode: 'file', file: { src: isObject(content) ? content.src : content } } };
  if (type === 'graphql') return { ok: true, value: { mode: 'graphql', graphql: isObject(content) ? content : { query: text(content) ?? '' } } };
  return { ok: false, error: `body type "${String(type)}" is not one of ${BODY_TYPES.join(', ')}` };
}

/** A form field as Postman writes it: text (a value) or file (a src, "" when none), nothing else. */
function formField(field: KeyValue): Record<string, unknown> {
  const file = field.type === 'file';
  const out: Record<string, unknown> = file ? { key: field.key, type: 'file', src: field.src ?? '' } : { key: field.key, value: AS_TEXT.text(field.value), type: 'text' };
  if (typeof field.contentType === 'string' && field.contentType !== '') out.contentType = field.contentType;
  const description = isObject(field.description) ? field.description.content : field.description;
  if (typeof description === 'string' && description !== '') out.description = description;
  if (field.disabled === true) out.disabled = true;
  return out;
}

/** A v2.1 body as a v3 body; undefined when there is none, or it is disabled (Newman sends none; Postman writes none). */
export function bodyToV3(body: unknown): Record<string, unknown> | undefined {
  if (!isObject(body) || typeof body.mode !== 'string' || body.disabled === true) return undefined;
  if (body.mode === 'raw') {
    const language = isObject(body.options) && isObject(body.options.raw) ? body.options.raw.language : undefined;
    const type = (RAW_BODY_TYPES as readonly unknown[]).includes(language) ? (language as RawBodyType) : 'text';
    return { type, content: typeof body.raw === 'string' ? body.raw : '' };
  }
  if (body.mode === 'formdata') return { type: 'formdata', content: ((body.formdata ?? []) as KeyValue[]).map(formField) };
  if (body.mode === 'urlencoded') return { type: 'urlencoded', content: keyValueList(body.urlencoded as KeyValue[], undefined, AS_TEXT.text) };
  if (body.mode === 'file') return { type: 'file', content: { src: isObject(body.file) ? (body.file.src ?? null) : null } };
  if (body.mode === 'graphql') return { type: 'graphql', content: body.graphql ?? {} };
  return undefined;
}
