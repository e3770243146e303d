// The one path matcher: exact and suffix matching, and its ES5 twin for the Postman sandbox, on the
// same vectors (the twin runs in node:vm, as scripts run in Newman's sandbox).
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bestMatch, compilePattern, matchPattern, pathSegments, SUFFIX_MATCH_ES5 } from '../../src/shared/path-pattern';
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
