// The `core` project's promise (vitest.config.ts): no Newman, no browser, no child process and no
// listening port, so `npm run test:core` stays a loop of seconds. Installed by test/setup/core-only.ts,
// it stops a core test where it loads Newman or playwright-core, spawns a process or listens on a port,
// and records a line saying which project the file belongs in: a slow file cannot land in core by mistake.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { NEWMAN_MODULE } from './leftover-runs';
import { aroundModuleLoad } from './module-load';

/** What core leaves out, and the list in test/projects.ts that takes the file. See docs/testing.md. */
export const CORE_LIMITS = {
  newman: 'loads Newman: list the file in NEWMAN_FILES (test/projects.ts)',
  browser: 'loads playwright-core: list the file in BROWSER_FILES (test/projects.ts)',
  spawn: 'starts a child process: list the file in SPAWN_FILES (test/projects.ts)',
  port: 'listens on a port: list the file in SERVER_FILES (test/projects.ts)',
} as const;

export type CoreLimit = keyof typeof CORE_LIMITS;

/** Packages whose loading is itself the slow part: by name (require) or by resolved path (import). */
const MODULES: ReadonlyArray<readonly [RegExp, CoreLimit]> = [
  [NEWMAN_MODULE, 'newman'],
  [/(^|[\\/]node_modules[\\/])playwright-core([\\/]|$)/, 'browser'],
];

const SPAWNERS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

interface GuardState {
  violations: string[];
}

/**
 * One state per worker process: core files share a worker (isolate: false) and this setup file is
 * evaluated again before each of them, but the patches below must be applied once.
 */
function state(): GuardState {
  const key = Symbol.for('myvalue-harness.core-guard');
  const store = globalThis as { [key]?: GuardState };
  if (store[key]) return store[key];
  const created: GuardState = { violations: [] };
  store[key] = created;
  install(created);
  return created;
}

function refuse(guard: GuardState, limit: CoreLimit, what: string): never {
  const line = `a core test ${CORE_LIMITS[limit]} (${what}); see docs/testing.md`;
  guard.violations.push(line);
  throw new Error(line);
}

function install(guard: GuardState): void {
  aroundModuleLoad((request, load) => {
    const hit = MODULES.find(([pattern]) => pattern.test(request));
    if (hit) refuse(guard, hit[1], request.replace(/^.*[\\/]node_modules[\\/]/, ''));
    return load();
  });
  const spawners = childProcess as unknown as Record<string, unknown>;
  for (const name of SPAWNERS) spawners[name] = (command: unknown): never => refuse(guard, 'spawn', `child_process.${name} ${String(command)}`);
  // `import { spawn } from 'node:child_process'` reads the patched functions too.
  syncBuiltinESMExports();
  // http.Server and https.Server (Express, node:http) listen through net.Server.
  net.Server.prototype.listen = function refuseListen(): never {
    return refuse(guard, 'port', 'net.Server.listen');
  };
}

/** Installs the guard in this worker process (once; later calls only read its state). */
export function installCoreGuard(): void {
  state();
}

/** The refusals recorded since the last call, cleared. */
export function takeCoreViolations(): string[] {
  return state().violations.splice(0);
}

