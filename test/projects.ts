// Which vitest project runs each test file that does more than core allows (vitest.config.ts). A file is
// listed by what it does, not where it lives; every file not listed here is `core`, where
// test/setup/core-guard.ts fails it if it loads Newman or a browser, spawns a process or listens on a
// port. A file that does several of these goes to the first list that fits: browser, spawn, newman,
// server. The browser files run in the spawn project (Chromium is a child process too); they are listed
// apart for the browser gate and the file order. docs/testing.md says which to run when and how to add a file.

/** Chromium through playwright-core (test/browser/chromium.ts); skipped where there is none, unless CI. In the spawn project. */
export const BROWSER_FILES = [
  'test/browser/auth-authorize.test.ts',
  'test/browser/cross-site.test.ts',
  'test/browser/dashboard.test.ts',
  'test/browser/dns-rebinding.test.ts',
  'test/browser/report-html.test.ts',
  'test/browser/sso-mapping.test.ts',
] as const;

/** Starts child processes: the CLI from source through tsx, the Postman CLI, openssl, a CI step's shell. */
export const SPAWN_FILES = [
  'test/certify/certify-cli.test.ts',
  'test/certify/partner-backend.test.ts',
  'test/cli/mock-client-redirect.test.ts',
  'test/cli/mock-clock.test.ts',
  'test/cli/mock-command.test.ts',
  'test/cli/mock-log-lines.test.ts',
  'test/cli/mock.test.ts',
  'test/fake/admin-guard-mock.test.ts',
  'test/fake/admin-host-served.test.ts',
  'test/fake/dashboard-files-mock.test.ts',
  'test/faults/rule-cap-mock.test.ts',
  'test/harness/ci-reports.test.ts',
  'test/harness/console-masking.test.ts',
  'test/harness/corpus.test.ts',
  'test/harness/seams.test.ts',
  'test/ledger/clock-restart.test.ts',
  'test/ledger/duplicate-reference-mock.test.ts',
  'test/ledger/durability.test.ts',
  'test/readme/ci-snippets.test.ts',
  'test/readme/commands.test.ts',
  'test/v3/postman-fidelity.test.ts',
  'test/v3/postman-lint.test.ts',
  'test/v3/postman-migrate.test.ts',
] as const;

/**
 * Loads or runs Newman in the test's own process (runCollection, runGate, `runCli(['run', ...])`: the
 * run command loads the runner before it checks its flags, so its usage errors are here too).
 */
export const NEWMAN_FILES = [
  'test/cli/run-header.test.ts',
  'test/cli/small-mistakes.test.ts',
  'test/collection/amounts.test.ts',
  'test/collection/collection-assertions.test.ts',
  'test/diff/diff.test.ts',
  'test/diff/production.test.ts',
  'test/gate/gate.test.ts',
  'test/gate/merge.test.ts',
  'test/harness/contract-run.test.ts',
  'test/harness/contract-scope.test.ts',
  'test/harness/file-bodies.test.ts',
  'test/harness/folder.test.ts',
  'test/harness/hook.test.ts',
  'test/harness/hostile-target.test.ts',
  'test/harness/load.test.ts',
  'test/harness/msw-other-hosts.test.ts',
  'test/harness/newman-bridge.test.ts',
  'test/harness/production-guard.test.ts',
  'test/harness/production-readonly.test.ts',
  'test/harness/report-masking.test.ts',
  'test/harness/retries.test.ts',
  'test/harness/run-scopes.test.ts',
  'test/harness/run.test.ts',
  'test/harness/script-reach.test.ts',
  'test/harness/shipped.test.ts',
  'test/harness/sign-refusals.test.ts',
  'test/harness/unreachable.test.ts',
  'test/harness/unresolved-variables.test.ts',
  'test/harness/variations.test.ts',
  'test/journal/journal-collection.test.ts',
  'test/journal/journal-injection.test.ts',
  'test/readme/workflows.test.ts',
  'test/shared/hosts-gate.test.ts',
  'test/shared/yaml.test.ts',
  'test/v3/v3-legacy.test.ts',
  'test/v3/v3-run.test.ts',
] as const;

/** Listens on a port in the test's own process (Express on 127.0.0.1:0, a stand-in server), nothing more. */
export const SERVER_FILES = [
  'test/auth/adapters.test.ts',
  'test/certify/grade-fake.test.ts',
  'test/cli/sign.test.ts',
  'test/fake/adapters.test.ts',
  'test/fake/admin-events.test.ts',
  'test/fake/admin-spelling.test.ts',
  'test/fake/event-stream-bounds.test.ts',
  'test/fake/express-body.test.ts',
  'test/fake/fuzz.property.test.ts',
  'test/fake/hostile-input.test.ts',
  'test/faults/cli.test.ts',
  'test/faults/express.test.ts',
  'test/journal/journal.test.ts',
  'test/ledger/concurrency.test.ts',
] as const;

/** Every listed file, for core's exclude. */
export const LISTED_FILES: readonly string[] = [...BROWSER_FILES, ...SPAWN_FILES, ...NEWMAN_FILES, ...SERVER_FILES];
