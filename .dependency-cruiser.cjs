// The direction of imports, enforced in `npm test` (`npm run lint:deps`). Bottom to top, each layer
// imports only the layers below it:
//   src/shared, src/signing                      MyValue's hosts, shipped files, the signing rules
//   mocks/http < domain < store < views < auth < routes < dashboard < core < certify < mocks/*.ts   the fake, adapters on top
// In the fake, the domain declares the repositories it needs and mocks/store implements them over SQLite:
// all SQL is in the store, which speaks domain records and knows no wire errors; views render bodies.
//   src/contract < collection < reports < run < cli                   the harness, on the fake's public entries
/** @type {import('dependency-cruiser').IConfiguration} */

const FAKE = ['mocks/http', 'mocks/domain', 'mocks/store', 'mocks/views', 'mocks/auth', 'mocks/routes', 'mocks/dashboard', 'mocks/core', 'mocks/certify'];
const HARNESS = ['src/contract', 'src/collection', 'src/reports', 'src/run', 'src/harness', 'src/cli'];

/** A rule per layer: nothing in it imports a layer above it. */
const layered = (layers, top) =>
  layers
    .map((layer, i) => ({
    name: `layer-${layer.replace('/', '-')}`,
    comment: `${layer} imports only what lies below it (${layers.slice(0, i).join(', ') || 'nothing of its own side'})`,
    severity: 'error',
    from: { path: `^${layer}/` },
    to: { path: [...layers.slice(i + 1).map((above) => `^${above}/`), ...top] },
  }))
    .filter((rule) => rule.to.path.length > 0);

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'no cycle, type imports included', from: {}, to: { circular: true } },
    ...layered(FAKE, ['^mocks/[^/]+\\.ts$']),
    ...layered(HARNESS, []),
    {
      name: 'fake-imports-no-harness',
      comment: 'the fake imports of src/ only the bottom layer: the shared helpers and the signing rules',
      severity: 'error',
      from: { path: '^mocks/' },
      to: { path: '^src/', pathNot: '^src/(shared|signing)/' },
    },
    {
      name: 'harness-uses-the-public-fake',
      comment: 'the harness and the CLI use the fake through its entry points only (index, express and msw adapters)',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^mocks/', pathNot: '^mocks/(index|express|msw)\\.ts$' },
    },
    {
      name: 'bottom-imports-nothing-above',
      comment: 'src/shared and src/signing are the bottom: they import neither the fake nor the harness',
      severity: 'error',
      from: { path: '^src/(shared|signing)/' },
      to: { path: '^(mocks/|src/(?!shared/|signing/))' },
    },
    {
      name: 'sandbox-programs-import-nothing',
      comment: 'the Postman sandbox programs (src/**/*.js) are ES5 texts the TypeScript composes: they import nothing',
      severity: 'error',
      from: { path: '^src/.*\\.js$' },
      to: {},
    },
    { name: 'express-in-its-adapter', severity: 'error', comment: 'express only in the Express adapter', from: { pathNot: '^mocks/express\\.ts$' }, to: { path: 'node_modules/(express|@types/express)/' } },
    { name: 'msw-in-adapters', severity: 'error', comment: 'msw only in the MSW adapter and in the run (the msw target and the retry layer)', from: { pathNot: '^(mocks/msw\\.ts|src/run/)' }, to: { path: 'node_modules/msw/' } },
    { name: 'newman-in-the-bridge', severity: 'error', comment: 'newman only in the bridge (src/run/newman-bridge.ts), the one module that knows its internals', from: { pathNot: '^src/run/newman-bridge\\.ts$' }, to: { path: 'node_modules/newman/' } },
    {
      name: 'store-through-its-front',
      comment: 'outside mocks/store, the store is reached through services.ts (handlers), store.ts (the assembly) and the seed; its repositories and SQL stay inside',
      severity: 'error',
      from: { pathNot: '^mocks/store/' },
      to: { path: '^mocks/store/', pathNot: '^mocks/store/(services|store|seed|seed-types)\\.ts$' },
    },
    {
      name: 'store-handle-in-the-core',
      comment: 'the whole store (its database handle, reset, close) only for the core and the assembly; handlers get StoreAccess (store/services.ts)',
      severity: 'error',
      from: { pathNot: '^mocks/(store|core)/|^mocks/[^/]+\\.ts$' },
      to: { path: '^mocks/store/store\\.ts$' },
    },
    {
      name: 'store-speaks-domain',
      comment: 'the store takes and gives domain records: of mocks/http it knows only the plain types, no error templates or wire helpers',
      severity: 'error',
      from: { path: '^mocks/store/' },
      to: { path: '^mocks/http/', pathNot: '^mocks/http/types\\.ts$' },
    },
    {
      name: 'domain-rules-know-no-wire',
      comment: 'the domain rules give domain failures, not wire error ids; only field validation (validate.ts) uses the error templates',
      severity: 'error',
      from: { path: '^mocks/domain/', pathNot: '^mocks/domain/validate\\.ts$' },
      to: { path: '^mocks/http/', pathNot: '^mocks/http/types\\.ts$' },
    },
    { name: 'sqlite-in-the-store', severity: 'error', comment: 'better-sqlite3 only in the store', from: { pathNot: '^mocks/store/' }, to: { path: 'node_modules/(better-sqlite3|@types/better-sqlite3)/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'], exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    exclude: { path: '\\.d\\.ts$' },
  },
};
