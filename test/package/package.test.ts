// What a partner gets: `npm pack`, the tarball installed into a fresh project as the README says
// (`npm install --save-dev <tarball> msw` and each runner's packages, so msw is the newest 2.x), and
// there the CLI under both names, plain Node ESM and CommonJS, TypeScript (NodeNext and Bundler), and
// the README's vitest, jest and node:test examples, as written. A copy of that project with the oldest
// msw of the peer range runs the examples again. publint and attw judge the tarball.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmePartner } from './readme-partner';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string>; peerDependencies: Record<string, string> };
const README = readmePartner(ROOT);
/** The oldest msw the peer range admits (`^X.Y.Z`): the second partner project runs the examples with it. */
const OLDEST_MSW = ((range = manifest.peerDependencies.msw ?? ''): string => {
  const oldest = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
  if (!oldest) throw new Error(`peerDependencies.msw is not a caret range: "${range}"`);
  return oldest;
})();
const DEMO_SECRET = (JSON.parse(readFileSync(join(ROOT, 'mocks/seed.json'), 'utf8')) as { clients: Array<{ clientSecret: string }> }).clients.map((c) => c.clientSecret);
const ENTRIES = ['fake', 'msw', 'express', 'signing', 'harness'] as const;

interface Ran {
  status: number | null;
  out: string;
}

/** The environment of every command this test runs: plain output, as in CI. */
const childEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1', CI: 'true', ...extra });

/** Runs a command to its end; `out` is stdout and stderr together, for the assertion messages. */
function run(command: string, args: readonly string[], cwd: string, timeoutMs = 600_000, env: NodeJS.ProcessEnv = {}): Ran {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: childEnv(env) });
  return { status: result.status, out: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** The msw version installed in a project. */
const mswIn = (dir: string): string => (JSON.parse(readFileSync(join(dir, 'node_modules/msw/package.json'), 'utf8')) as { version: string }).version;

/**
 * better-sqlite3's install script (prebuild-install) downloads the prebuilt binary from GitHub, which is
 * unreachable here, and otherwise compiles SQLite: about two minutes of CPU, most of this test's time. It
 * looks first in a directory of local prebuilds (npm_config_better_sqlite3_local_prebuilds). There goes
 * the binary this checkout's own install built, under the name of the release file a partner's install
 * downloads, so the partner project gets it without compiling. A version other than this checkout's finds
 * no file there and is compiled, as before.
 */
function localPrebuilds(dir: string): NodeJS.ProcessEnv {
  const sqlite = join(ROOT, 'node_modules/better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8')) as { version: string };
  mkdirSync(dir);
  const file = join(dir, `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`);
  const packed = run('tar', ['-czf', file, '-C', sqlite, 'build/Release/better_sqlite3.node'], ROOT);
  expect(packed.status, packed.out).toBe(0);
  return { npm_config_better_sqlite3_local_prebuilds: dir };
}

/**
 * Starts a command whose output goes to a file (a test's spawnSync blocks this process, so nothing
 * would drain a pipe); `done` is how it ended, `stop` ends its process group if it still runs.
 */
function runInBackground(command: string, args: readonly string[], cwd: string, log: string): { done: Promise<Ran>; stop(): Promise<void> } {
  const fd = openSync(log, 'w');
  // A process group of its own: stop() ends npm and whatever it started (install scripts).
  const child = spawn(command, args, { cwd, stdio: ['ignore', fd, fd], detached: true, env: childEnv() });
  closeSync(fd);
  const done = new Promise<Ran>((resolve) => {
    child.on('error', (error) => resolve({ status: null, out: String(error) }));
    child.on('close', (status) => resolve({ status, out: readFileSync(log, 'utf8') }));
  });
  return {
    done,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // The group is gone already.
        }
      }
      await done;
    },
  };
}

let work = '';
let oldest = '';
/** msw moved down in the oldest-msw copy, while the tests of the first project run. */
let oldestInstall: ReturnType<typeof runInBackground> | undefined;
let project = '';
let tarball = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'myvalue-package-'));
  const packed = run('npm', ['pack', '--pack-destination', work], ROOT);
  expect(packed.status, packed.out).toBe(0);
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) ?? 'missing.tgz');
  project = join(work, 'partner-app');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'partner-app', version: '1.0.0', private: true }, null, 2)}\n`);
  // The README's packages, as written; TypeScript only for this test's own tsc checks.
  const packages = [tarball, ...README.beside, ...[...README.runnerPackages.values()].flat(), `typescript@${manifest.devDependencies.typescript}`];
  const installed = run('npm', ['install', '--save-dev', '--no-audit', '--no-fund', ...packages], project, 600_000, localPrebuilds(join(work, 'prebuilds')));
  expect(installed.status, installed.out).toBe(0);
  // A copy of the fresh project for the oldest msw of the peer range (no second install of better-sqlite3
  // and the rest); its npm install, which mostly waits on the registry, runs beside the tests below.
  oldest = join(work, 'partner-app-oldest-msw');
  const copied = run('cp', ['-a', project, oldest], work);
  expect(copied.status, copied.out).toBe(0);
  oldestInstall = runInBackground('npm', ['install', '--save-dev', '--no-audit', '--no-fund', `msw@${OLDEST_MSW}`], oldest, join(work, 'oldest-msw-install.log'));
});

afterAll(async () => {
  await oldestInstall?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('holds the build, the shipped collections, environments, OpenAPI and seed, README and LICENSE; no tests, no sources', () => {
    const listed = run('tar', ['-tzf', tarball], work);
    expect(listed.status, listed.out).toBe(0);
    const files = listed.out.trim().split('\n').map((f) => f.replace(/^package\//, ''));
    const wanted = [
      'package.json', 'README.md', 'LICENSE', 'dist/cli.mjs', 'mocks/seed.json',
      'collections/myvalue-partner.postman_collection.json', 'collections/openapi/myvalue.openapi.yaml',
      'collections/environments/mock.postman_environment.json', 'collections/environments/sandbox.postman_environment.json', 'collections/environments/production.postman_environment.json',
      ...ENTRIES.flatMap((e) => [`dist/${e}.mjs`, `dist/${e}.cjs`, `dist/${e}.d.mts`, `dist/${e}.d.cts`]),
    ];
    expect(wanted.filter((f) => !files.includes(f))).toEqual([]);
    expect(files.filter((f) => /(^|\/)test\/|\.test\.|^src\/|^mocks\/.*\.ts$|(?<!\.d\.[cm])\.ts$/.test(f))).toEqual([]);
    const shipped = JSON.parse(readFileSync(join(project, 'node_modules/myvalue-harness/package.json'), 'utf8')) as Record<string, unknown>;
    expect(shipped.private).toBeUndefined();
    expect(shipped.bin).toEqual({ myvalue: './dist/cli.mjs', 'myvalue-harness': './dist/cli.mjs' });
    expect(Object.keys(shipped.dependencies as object)).not.toContain('tsx');
  });

  it('publint and attw find no problem', () => {
    const publint = run('npx', ['publint', 'run', tarball, '--strict'], ROOT);
    expect(publint.status, publint.out).toBe(0);
    expect(publint.out).toMatch(/All good/);
    const attw = run('npx', ['attw', tarball], ROOT);
    expect(attw.status, attw.out).toBe(0);
    expect(attw.out).toMatch(/No problems found/);
  });
});

describe('the CLI, installed', () => {
  it.each(['myvalue', 'myvalue-harness'])('npx %s --help names itself and lists the commands; --version is the package version', (bin) => {
    const help = run('npx', [bin, '--help'], project);
    expect(help.status, help.out).toBe(0);
    expect(help.out).toMatch(new RegExp(`^Usage: ${bin} \\[options\\] \\[command\\]$`, 'm'));
    for (const command of ['sign', 'mock', 'run', 'inject', 'gate', 'diff', 'report']) expect(help.out).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    const version = run('npx', [bin, '--version'], project);
    expect([version.status, version.out.trim()]).toEqual([0, manifest.version]);
  });

  it('npx myvalue run --target msw runs the shipped collection: exit 0, the reports written, no secret in them', () => {
    const ran = run('npx', ['myvalue', 'run', '--target', 'msw', '--out', 'reports-msw'], project);
    expect(ran.status, ran.out).toBe(0);
    const report = JSON.parse(readFileSync(join(project, 'reports-msw/run.json'), 'utf8')) as { totals: { requests: number; failedRequests: number } };
    expect(report.totals.requests).toBeGreaterThan(40);
    expect(report.totals.failedRequests).toBe(0);
    for (const file of ['ctrf.json', 'junit.xml', 'report.html', 'run.json']) {
      const text = readFileSync(join(project, 'reports-msw', file), 'utf8');
      for (const secret of DEMO_SECRET) expect(text, file).not.toContain(secret);
    }
    for (const secret of DEMO_SECRET) expect(ran.out).not.toContain(secret);
  });

  it('myvalue mock --port 0 (the installed bin, as an npm script runs it): the listening line names the real port, GET and HEAD /__admin/health answer 200, SIGTERM exits 0', async () => {
    const child = spawn(join(project, 'node_modules/.bin/myvalue'), ['mock', '--port', '0', '--quiet'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    let out = '';
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no listening line: ${out}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^fake MyValue listening on (http:\/\/127\.0\.0\.1:(\d+))$/m.exec(out);
        if (match && match[2] !== '0') {
          clearTimeout(timer);
          done(match[1] as string);
        }
      });
    });
    try {
      expect((await fetch(`${url}/__admin/health`)).status).toBe(200);
      expect((await fetch(`${url}/__admin/health`, { method: 'HEAD' })).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

describe('the library, from a partner project', () => {
  it('plain Node ESM: setupServer(...myValueHandlers(fake)) answers a balance at https://external.ovaltech.id/service/point/', () => {
    writeFileSync(
      join(project, 'balance.mjs'),
      `import { createRequire } from 'node:module';
import { setupServer } from 'msw/node';
import { createFakeMyValue } from 'myvalue-harness/fake';
import { myValueHandlers } from 'myvalue-harness/msw';
import { computeSign, findRule } from 'myvalue-harness/signing';

const client = { clientId: 'MyPOS', clientSecret: 'made-up-test-secret' };
const fake = createFakeMyValue({ clients: [client] });
const server = setupServer(...myValueHandlers(fake));
server.listen({ onUnhandledRequest: 'error' });
const sign = computeSign(findRule('point.get'), { ...client, fields: { valueID: 'VR8EPN' } });
const response = await fetch(\`https://external.ovaltech.id/service/point/?valueID=VR8EPN&clientID=MyPOS&sign=\${sign}\`);
console.log(JSON.stringify({ status: response.status, body: await response.json(), msw: createRequire(import.meta.url)('msw/package.json').version }));
server.close();
fake.close();
`,
    );
    const ran = run(process.execPath, ['balance.mjs'], project);
    expect(ran.status, ran.out).toBe(0);
    expect(JSON.parse(ran.out)).toEqual({ status: 200, body: { point: 36578968 }, msw: mswIn(project) });
  });

  it('CommonJS: every entry point requires, works, and finds the shipped files', () => {
    writeFileSync(
      join(project, 'entries.cjs'),
      `const { existsSync } = require('node:fs');
const { createFakeMyValue } = require('myvalue-harness/fake');
const { myValueHandlers } = require('myvalue-harness/msw');
const { createExpressApp } = require('myvalue-harness/express');
const { SIGN_RULES, computeSign, findRule } = require('myvalue-harness/signing');
const { runCollection, runGate, mergeReportDirs, DEFAULT_COLLECTION, DEFAULT_CONTRACT_FILE } = require('myvalue-harness/harness');

const client = { clientId: 'MyPOS', clientSecret: 'made-up-test-secret' };
const fake = createFakeMyValue({ clients: [client] });
const sign = computeSign(findRule('point.get'), { ...client, fields: { valueID: 'VR8EPN' } });
const answer = fake.handle({ method: 'GET', path: '/service/point/', query: { valueID: 'VR8EPN', clientID: 'MyPOS', sign }, headers: {}, origin: 'http://fake.test' });
fake.close();
console.log(JSON.stringify({
  answer: [answer.status, answer.body],
  rules: SIGN_RULES.length,
  handlers: myValueHandlers(createFakeMyValue()).length,
  express: typeof createExpressApp(createFakeMyValue()).listen,
  harness: [typeof runCollection, typeof runGate, typeof mergeReportDirs],
  shipped: [existsSync(DEFAULT_COLLECTION), existsSync(DEFAULT_CONTRACT_FILE), existsSync(require.resolve('myvalue-harness/collections/myvalue-partner.postman_collection.json'))],
}));
`,
    );
    const ran = run(process.execPath, ['entries.cjs'], project);
    expect(ran.status, ran.out).toBe(0);
    expect(JSON.parse(ran.out)).toEqual({ answer: [200, { point: 36578968 }], rules: 13, handlers: 3, express: 'function', harness: ['function', 'function', 'function'], shipped: [true, true, true] });
  });

  const consumer = (importLine: string): string => `${importLine}

const fake: FakeMyValue = createFakeMyValue({ clients: [{ clientId: 'MyPOS', clientSecret: 'made-up-test-secret' }], journalSize: 10 });
const handlers: HttpHandler[] = myValueHandlers(fake, { baseUrls: ['http://myvalue.test'] });
const reply: FakeResponse = fake.handle({ method: 'GET', path: '/__admin/health', query: {}, headers: {}, origin: 'http://x' });
const entries: JournalEntry[] = fake.journal.list({ rule: 'point.earn', signOk: false });
const sign: string = computeSign(findRule('point.get')!, { clientId: 'MyPOS', clientSecret: 's', fields: { valueID: 'V1' } });
const rules: readonly SignRule[] = SIGN_RULES;
const app = createExpressApp(fake);
const started: Promise<RunningServer> = listen(app, 0);
const run: Promise<RunResult> = runCollection({ target: 'msw', out: 'reports', fake: { journalSize: 5 } });
const gate: Promise<GateResult> = runGate({ target: 'mock' });
const merged: Promise<MergeResult> = mergeReportDirs(['a', 'b'], 'out');
const clock: FakeClock = fake.clock;
const later: Date = clock.advance('P1M');
const replay: PostmanCollectionV21 = fake.journal.toCollection();
const drift: Promise<DiffResult> = runDiff({ a: { target: 'mock' }, b: { target: 'msw' } });
const refused: boolean = new ClockError('x') instanceof Error;
// The types are real: each of these is refused.
// @ts-expect-error journalSize is a number
createFakeMyValue({ journalSize: 'ten' });
// @ts-expect-error a FakeMyValue has no SQLite handle
fake.deps;
// @ts-expect-error the target is a string
runCollection({ target: 1 });
// @ts-expect-error a clock moves by a duration, not a Date
clock.advance(new Date());
export { handlers, reply, entries, sign, rules, started, run, gate, merged, later, replay, drift, refused };
`;
  const imports = `import { createFakeMyValue, ClockError, type FakeMyValue, type FakeResponse, type JournalEntry, type FakeClock, type PostmanCollectionV21 } from 'myvalue-harness/fake';
import { myValueHandlers } from 'myvalue-harness/msw';
import { createExpressApp, listen, type RunningServer } from 'myvalue-harness/express';
import { computeSign, findRule, SIGN_RULES, type SignRule } from 'myvalue-harness/signing';
import { runCollection, runGate, mergeReportDirs, runDiff, type RunResult, type GateResult, type MergeResult, type DiffResult } from 'myvalue-harness/harness';
import type { HttpHandler } from 'msw';`;

  it.each([
    ['NodeNext', { module: 'nodenext', moduleResolution: 'nodenext' }, ['consumer.mts', 'consumer.cts', 'vitest/earn.test.ts']],
    ['Bundler', { module: 'esnext', moduleResolution: 'bundler' }, ['consumer.ts', 'vitest/earn.test.ts']],
  ])('tsc --noEmit --strict passes with moduleResolution %s (ESM and CommonJS files, and the README vitest example)', (name, options, files) => {
    for (const file of ['consumer.mts', 'consumer.cts', 'consumer.ts']) writeFileSync(join(project, file), consumer(imports));
    paste(project, 'vitest');
    const config = `tsconfig.${name.toLowerCase()}.json`;
    writeFileSync(join(project, config), JSON.stringify({ compilerOptions: { ...options, target: 'es2022', strict: true, noEmit: true, skipLibCheck: false }, files }, null, 2));
    const checked = run('npx', ['tsc', '-p', config], project);
    expect(checked.status, checked.out).toBe(0);
  });
});

/** How each runner runs its pasted example, from the runner's own directory, and what says it passed. */
const RUNNERS: Record<string, { command: (testFile: string) => [string, string[]]; passed: RegExp }> = {
  vitest: { command: () => ['npx', ['vitest', 'run']], passed: /Tests\s+2 passed/ },
  jest: { command: () => ['npx', ['jest', '--ci']], passed: /Tests:\s+2 passed, 2 total/ },
  'node-test': { command: (testFile) => [process.execPath, ['--test', testFile]], passed: /# pass 2\n# fail 0/ },
  // Certifying in process: grade(fake) after a staged lost answer.
  'vitest-certify': { command: () => ['npx', ['vitest', 'run']], passed: /Tests\s+3 passed/ },
  // The fake on a real port: listen(createExpressApp(fake), 0), then close() and fake.close().
  'vitest-express': { command: () => ['npx', ['vitest', 'run']], passed: /Tests\s+1 passed/ },
};

/** Writes a runner's README files into `dir/<runner>/`; returns that directory and the test file's name. */
function paste(dir: string, runner: string): { cwd: string; testFile: string } {
  const files = README.examples.get(runner) ?? [];
  if (files.length === 0) throw new Error(`README has no ${runner} example`);
  const cwd = join(dir, runner);
  mkdirSync(cwd, { recursive: true });
  for (const { file, code } of files) writeFileSync(join(cwd, file), code);
  return { cwd, testFile: files.find((f) => /\.test\./.test(f.file))?.file ?? files[0]!.file };
}

/** Pastes and runs a runner's example in `dir`, as the README says; asserts all its tests passed. */
function runExample(dir: string, runner: string): void {
  const { cwd, testFile } = paste(dir, runner);
  const [command, args] = RUNNERS[runner]!.command(testFile);
  const ran = run(command, args, cwd);
  expect(ran.status, ran.out).toBe(0);
  expect(ran.out).toMatch(RUNNERS[runner]!.passed);
}

describe("the README's examples, pasted into the partner project (msw as the README installs it: the newest 2.x)", () => {
  it('the README has a vitest, a jest (config and test) and a node:test example, the certification one, the one on a port, and the install line adds plain msw', () => {
    expect([...README.examples.keys()].sort()).toEqual(Object.keys(RUNNERS).sort());
    expect(README.examples.get('jest')?.map((f) => f.file)).toEqual(['jest.config.js', 'earn.test.js']);
    expect(README.beside).toEqual(['msw']);
  });

  it('plain msw beside the tarball is the newest msw in the peer range on the registry', () => {
    const listed = run('npm', ['view', `msw@${manifest.peerDependencies.msw}`, 'version', '--json'], project);
    expect(listed.status, listed.out).toBe(0);
    const versions = [JSON.parse(listed.out) as string | string[]].flat().sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect(mswIn(project)).toBe(versions.at(-1));
  });

  it.each(Object.keys(RUNNERS))('%s', (runner) => runExample(project, runner));
});

describe(`the README's examples with the oldest msw of the peer range (${OLDEST_MSW})`, () => {
  // The copy of the partner project made after its install, with msw moved down (the file's beforeAll).
  beforeAll(async () => {
    const installed = await (oldestInstall as NonNullable<typeof oldestInstall>).done;
    expect(installed.status, installed.out).toBe(0);
    expect(mswIn(oldest)).toBe(OLDEST_MSW);
  });

  it.each(Object.keys(RUNNERS))('%s', (runner) => runExample(oldest, runner));

  it('npx myvalue-harness run --target msw runs the shipped collection with it: exit 0, no failed request', () => {
    const ran = run('npx', ['myvalue-harness', 'run', '--target', 'msw', '--out', 'reports-oldest-msw'], oldest);
    expect(ran.status, ran.out).toBe(0);
    const report = JSON.parse(readFileSync(join(oldest, 'reports-oldest-msw/run.json'), 'utf8')) as { totals: { requests: number; failedRequests: number } };
    expect(report.totals.requests).toBeGreaterThan(40);
    expect(report.totals.failedRequests).toBe(0);
  });
});
