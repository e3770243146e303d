// The one path matcher: exact and suffix matching, and its ES5 twin for the Postman sandbox, on the
// same vectors (the twin runs in node:vm, as scripts run in Newman's sandbox).
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestMatch, compilePattern, decodedSegments, matchPattern, pathSegments, SUFFIX_MATCH_ES5 } from '../../src/shared/path-pattern';
import { PATTERNS, VECTORS } from './path-vectors';

describe('the path matcher', () => {
  it.each(VECTORS)('%s (%s) -> %s', (path, mode, winner, params) => {
    const found = bestMatch(PATTERNS, compilePattern, pathSegments(path), mode);
    expect(found ? [found.item, found.params] : null).toEqual(winner === null ? null : [winner, params]);
  });

  it('compiles literals, :name and {name} parameters and * wildcards', () => {
    expect(compilePattern('/v1/:a/{b}/*/x/').literals).toBe(2);
    expect(matchPattern(compilePattern('/v1/:a/{b}/*'), ['v1', 'one', 'two', 'three'])).toEqual({ a: 'one', b: 'two' });
    expect(matchPattern(compilePattern('/v1/:a'), ['v1'])).toBeUndefined();
  });
});

describe('a path as a server reads it (decodedSegments)', () => {
  it.each([
    ['/__admin/users', ['__admin', 'users']],
    ['//__admin//users/', ['__admin', 'users']],
    ['/%5F_admin/users', ['__admin', 'users']],
    ['/./__admin/./users', ['__admin', 'users']],
    ['/x/../__admin/users', ['__admin', 'users']],
    ['/x/%2E%2e/__admin/users', ['__admin', 'users']],
    ['/x/.%2e/y/%2e./../__admin', ['__admin']],
    ['/../../__admin', ['__admin']],
    ['/a//../b', ['a', 'b']],
    // An escaped slash separates nothing: one segment, decoded.
    ['/x/%2e%2e%2f__admin', ['x', '../__admin']],
    ['/%zz/%41', ['%zz', 'A']],
    ['/promos/a%20b', ['promos', 'a b']],
  ])('%s -> %j', (path, segments) => {
    expect(decodedSegments(path)).toEqual(segments);
  });

  it('reads a raw path as the URL parser (fetch, MSW, browsers) resolves it, whatever the path', () => {
    const decode = (s: string): string => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    };
    const part = fc.constantFrom('/', '/', '.', '..', '%2e', '%2E', '\\', 'a', '__admin', '%5F', '%', '%zz', 'é', '%20', '"', '{', '|', '^', '.well-known');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
        // (A whole URL's trailing spaces are stripped: they are no part of this comparison.)
        const path = `/${parts.join('')}`;
        expect(decodedSegments(path)).toEqual(pathSegments(new URL(`http://h${path}`).pathname).map(decode));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('its ES5 twin, in a sandbox', () => {
  const sandbox: { bestSuffixMatch?: (items: Array<{ segments: string[]; source: string }>, segs: string[]) => { item: { source: string }; params: Record<string, string> } | null } = {};
  runInNewContext(`${SUFFIX_MATCH_ES5}\nthis.bestSuffixMatch = bestSuffixMatch;`, sandbox);
  const items = PATTERNS.map((source) => ({ source, segments: pathSegments(source) }));

  it.each(VECTORS.filter(([, mode]) => mode === 'suffix'))('%s -> %s', (path, _mode, winner, params) => {
    const found = sandbox.bestSuffixMatch?.(items, pathSegments(path)) ?? null;
    expect(found ? [found.item.source, { ...found.params }] : null).toEqual(winner === null ? null : [winner, params]);
  });

  it('is ES5: no arrow, no let or const, no template literal', () => {
    expect(SUFFIX_MATCH_ES5).not.toMatch(/=>|\blet\b|\bconst\b|`/);
  });
});
