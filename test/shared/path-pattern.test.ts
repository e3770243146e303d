// The one path matcher: exact and suffix matching, and its ES5 twin for the Postman sandbox, on the
// same vectors (the twin runs in node:vm, as scripts run in Newman's sandbox).
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bestMatch, compilePattern, matchPattern, pathSegments, SUFFIX_MATCH_ES5, type MatchMode } from '../../src/shared/path-pattern';

const PATTERNS = ['/v1/service/promos', '/v1/service/promos/:ID', '/v1/service/promos/buy', '/service/point/', '/service/point/earn/', '/service/point/earn/estimate', '/v1/service/vouchers/{ID}', '/__admin/faults/*'];

/** [path, mode, the winning pattern (null: none), its parameters] */
const VECTORS: Array<[string, MatchMode, string | null, Record<string, string>]> = [
  ['/v1/service/promos', 'exact', '/v1/service/promos', {}],
  ['/v1/service/promos/', 'exact', '/v1/service/promos', {}],
  ['/v1/service/promos/13063', 'exact', '/v1/service/promos/:ID', { ID: '13063' }],
  ['/v1/service/promos/buy', 'exact', '/v1/service/promos/buy', {}],
  ['/v1/service/vouchers/V-1', 'exact', '/v1/service/vouchers/{ID}', { ID: 'V-1' }],
  ['/__admin/faults/f-3', 'exact', '/__admin/faults/*', {}],
  ['/service/point/earn/estimate', 'exact', '/service/point/earn/estimate', {}],
  ['/prefix/service/point/earn/estimate', 'exact', null, {}],
  ['/service/point/redeem/', 'exact', null, {}],
  ['/v1/service/promos/13063/extra', 'exact', null, {}],
  // Suffix: a base URL with a path prefix; the longer pattern wins, then the more literal one.
  ['/api/v1/service/promos/13063', 'suffix', '/v1/service/promos/:ID', { ID: '13063' }],
  ['/api/v1/service/promos/buy', 'suffix', '/v1/service/promos/buy', {}],
  ['/gateway/service/point/earn/estimate', 'suffix', '/service/point/earn/estimate', {}],
  ['/gateway/service/point/earn', 'suffix', '/service/point/earn/', {}],
  ['/service/point', 'suffix', '/service/point/', {}],
  ['/v1/service/promos', 'suffix', '/v1/service/promos', {}],
  ['/a/b/c', 'suffix', null, {}],
  ['/', 'suffix', null, {}],
];

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
