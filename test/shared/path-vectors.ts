// The path matcher's vectors, shared by its tests: the TypeScript matcher, its ES5 twin
// (test/shared/path-pattern.test.ts) and the twin inside the sandbox programs' tests.
import type { MatchMode } from '../../src/shared/path-pattern';

export const PATTERNS = ['/v1/service/promos', '/v1/service/promos/:ID', '/v1/service/promos/buy', '/service/point/', '/service/point/earn/', '/service/point/earn/estimate', '/v1/service/vouchers/{ID}', '/__admin/faults/*'];

/** [path, mode, the winning pattern (null: none), its parameters] */
export const VECTORS: Array<[string, MatchMode, string | null, Record<string, string>]> = [
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
