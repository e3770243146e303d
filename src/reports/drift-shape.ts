// The shape of a response body, for `myvalue diff`: the tree of keys and JSON types, array items
// merged into one shape. Values are never kept, so ids, dates, tokens and signs cannot differ.
// Pure; see docs/decisions/drift.md for what a shape is and why.

export type Primitive = 'string' | 'number' | 'boolean' | 'null';

export type Shape =
  | { kind: Primitive }
  /** `keys`: each key's shape; `optional`: keys that only some of the merged objects had. */
  | { kind: 'object'; keys: Record<string, Shape>; optional?: string[] }
  /** `items`: the merged shape of every item; undefined for an empty array (no evidence either way). */
  | { kind: 'array'; items?: Shape }
  /** Several kinds seen at one place (items of mixed types), sorted by name. */
  | { kind: 'union'; of: Shape[] }
  /** A body that is not JSON: only its media type is compared. */
  | { kind: 'text'; contentType: string };

const kindOf = (value: unknown): Shape['kind'] => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'object';
};

/**
 * How deep a shape goes: below it an object or array is its kind only. MyValue's bodies are four levels
 * deep at most; the bound keeps a server's body of any depth from overflowing the stack (merging and
 * comparing recurse over shapes), and both sides of a comparison are cut at the same place.
 */
export const MAX_SHAPE_DEPTH = 32;

/**
 * The shape of a parsed JSON value, to MAX_SHAPE_DEPTH levels.
 * @example shapeOf({ results: [{ point: 1 }, { point: 2, note: 'x' }] }) // results: array of { point: number, note?: string }
 */
export function shapeOf(value: unknown, depth = 1): Shape {
  const kind = kindOf(value);
  if (kind === 'array') {
    if (depth >= MAX_SHAPE_DEPTH) return { kind: 'array' };
    const items = (value as unknown[]).map((item) => shapeOf(item, depth + 1));
    return items.length === 0 ? { kind: 'array' } : { kind: 'array', items: items.reduce(mergeShapes) };
  }
  if (kind === 'object') {
    const keys: Record<string, Shape> = {};
    if (depth < MAX_SHAPE_DEPTH) for (const [key, v] of Object.entries(value as Record<string, unknown>)) keys[key] = shapeOf(v, depth + 1);
    return { kind: 'object', keys };
  }
  return { kind } as Shape;
}

const members = (s: Shape): Shape[] => (s.kind === 'union' ? s.of : [s]);

/** Two shapes seen at the same place (two items of one array) as one: objects merge their keys, arrays their items. */
export function mergeShapes(a: Shape, b: Shape): Shape {
  const all = [...members(a), ...members(b)];
  const byKind = new Map<string, Shape>();
  for (const s of all) {
    const seen = byKind.get(s.kind);
    byKind.set(s.kind, seen === undefined ? s : mergeSame(seen, s));
  }
  const of = [...byKind.values()].sort((x, y) => x.kind.localeCompare(y.kind));
  return of.length === 1 ? (of[0] as Shape) : { kind: 'union', of };
}

function mergeSame(a: Shape, b: Shape): Shape {
  if (a.kind === 'object' && b.kind === 'object') {
    const keys: Record<string, Shape> = {};
    const optional = new Set([...(a.optional ?? []), ...(b.optional ?? [])]);
    for (const key of new Set([...Object.keys(a.keys), ...Object.keys(b.keys)])) {
      const x = a.keys[key];
      const y = b.keys[key];
      if (x === undefined || y === undefined) optional.add(key);
      keys[key] = x && y ? mergeShapes(x, y) : ((x ?? y) as Shape);
    }
    return optional.size > 0 ? { kind: 'object', keys, optional: [...optional].sort() } : { kind: 'object', keys };
  }
  if (a.kind === 'array' && b.kind === 'array') {
    if (!a.items || !b.items) return a.items ? a : b;
    return { kind: 'array', items: mergeShapes(a.items, b.items) };
  }
  // Same primitive kind, or two texts (the first media type seen stands for the place).
  return a;
}

/** The media type without parameters, lower case ('application/json; charset=utf-8' -> 'application/json'). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The shape of a response body: JSON when the content type says JSON (or says nothing) and it parses, else text. */
export function bodyShape(contentType: string | undefined, text: string): Shape {
  const media = mediaTypeOf(contentType);
  if (media === '' || media === 'application/json' || media.endsWith('+json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON after all: compared as text below
      return { kind: 'text', contentType: media || 'none' };
    }
    return shapeOf(parsed);
  }
  return { kind: 'text', contentType: media || 'none' };
}

/** A shape in a few words, for a difference line: 'number', 'object', 'array', 'string|null', 'text (text/html)'. */
export function describeShape(s: Shape): string {
  if (s.kind === 'union') return s.of.map(describeShape).join('|');
  if (s.kind === 'text') return `text (${s.contentType})`;
  return s.kind;
}

const pointer = (path: string, key: string): string => `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * Where two shapes differ, as JSON-pointer-like paths ('*' stands for every item of an array, since
 * items are merged): '/results/*\/point: number vs string', '/foo: only in A', '/bar: in some items of A, in every item of B'.
 * @example compareShapes(shapeOf({ a: 1 }), shapeOf({ a: '1', b: true })) // ['/a: number vs string', '/b: only in B']
 */
export function compareShapes(a: Shape, b: Shape, path = ''): string[] {
  const at = path === '' ? '/' : path;
  if (a.kind === 'object' && b.kind === 'object') {
    const out: string[] = [];
    const keys = [...new Set([...Object.keys(a.keys), ...Object.keys(b.keys)])].sort();
    for (const key of keys) {
      const x = a.keys[key];
      const y = b.keys[key];
      const here = pointer(path, key);
      if (x === undefined) out.push(`${here}: only in B`);
      else if (y === undefined) out.push(`${here}: only in A`);
      else {
        const optA = a.optional?.includes(key) ?? false;
        const optB = b.optional?.includes(key) ?? false;
        if (optA !== optB) out.push(`${here}: ${optA ? 'in some items of A, in every item of B' : 'in every item of A, in some items of B'}`);
        out.push(...compareShapes(x, y, here));
      }
    }
    return out;
  }
  if (a.kind === 'array' && b.kind === 'array') {
    // An empty array says nothing about its items: it agrees with any array.
    if (!a.items || !b.items) return [];
    return compareShapes(a.items, b.items, `${path}/*`);
  }
  if (a.kind === 'union' && b.kind === 'union' && describeShape(a) === describeShape(b)) {
    return a.of.flatMap((x, i) => compareShapes(x, b.of[i] as Shape, path));
  }
  if (a.kind === 'text' && b.kind === 'text') return a.contentType === b.contentType ? [] : [`${at}: ${describeShape(a)} vs ${describeShape(b)}`];
  if (a.kind === b.kind) return [];
  return [`${at}: ${describeShape(a)} vs ${describeShape(b)}`];
}
