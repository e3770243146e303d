// What a partner gets: `npm pack`, the tarball installed into a fresh project that has its own msw
// 2, and there the CLI, plain Node ESM and CommonJS, TypeScript (NodeNext and Bundler), and the
// README's vitest, jest and node:test examples, as written. publint and attw judge the tarball.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
/**
 * The partner's own msw, not the one this repository tests with (2.15): the oldest 2.x that installs
 * beside today's TypeScript (2.0 to 2.2 cap their optional TypeScript peer at 5.3).
 */
const PARTNER_MSW = '2.3.0';
const DEMO_SECRET = (JSON.parse(readFileSync(join(ROOT, 'mocks/seed.json'), 'utf8')) as { clients: Array<{ clientSecret: string }> }).clients.map((c) => c.clientSecret);
const ENTRIES = ['fake', 'msw', 'express', 'signing', 'harness'] as const;

interface Ran {
  status: number | null;
  out: string;
}

/** Runs a command to its end; `out` is stdout and stderr together, for the assertion messages. */
function run(command: string, args: readonly string[], cwd: string, timeoutMs = 600_000): Ran {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
  return { status: result.status, out: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** The README's examples, by runner: `<!-- partner-example: RUNNER FILE -->` before a fenced block. */
function readmeExamples(): Map<string, { file: string; code: string }> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const found = new Map<string, { file: string; code: string }>();
  for (const m of readme.matchAll(/<!-- partner-example: (\S+) (\S+) -->\n```(?:ts|js)\n([\s\S]*?)\n```/g)) {
    found.set(m[1] as string, { file: m[2] as string, code: `${m[3] as string}\n` });
  }
  return found;
}

let work = '';
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
  const versions = manifest.devDependencies;
  const installed = run('npm', ['install', '--save-dev', '--no-audit', '--no-fund', tarball, `msw@${PARTNER_MSW}`, `typescript@${versions.typescript}`, `vitest@${versions.vitest}`, `vite@${versions.vite}`, 'jest@30'], project);
  expect(installed.status, installed.out).toBe(0);
});

afterAll(() => {
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
    expect(shipped.bin).toEqual({ myvalue: './dist/cli.mjs' });
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
  it('npx myvalue --help lists the commands; --version is the package version', () => {
    const help = run('npx', ['myvalue', '--help'], project);
    expect(help.status, help.out).toBe(0);
    for (const command of ['sign', 'mock', 'run', 'inject', 'gate', 'diff', 'report']) expect(help.out).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    const version = run('npx', ['myvalue', '--version'], project);
    expect([version.status, version.out.trim()]).toEqual([0, manifest.version]);
  });

  it('npx myvalue run --target msw runs the shipped collection: exit 0, the reports written, no secret in them', () => {
    const ran = run('npx', ['myvalue', 'run', '--target', 'msw', '--out', 'reports-msw'], project);
    expect(ran.status, ran.out).toBe(0);
    const report = JSON.parse(readFileSync(join(project, 'reports-msw/run.json'), 'utf8')) as { totals: { requests: number; failedRequests: number } };
    expect(report.totals.requests).toBeGreaterThan(40);
    expect(report.totals.failedRequests).toBe(0);
    for (const file of ['junit.xml', 'report.html', 'run.json']) {
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
    expect(JSON.parse(ran.out)).toEqual({ status: 200, body: { point: 36578968 }, msw: PARTNER_MSW });
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
    mkdirSync(join(project, 'vitest'), { recursive: true });
    const example = readmeExamples().get('vitest');
    writeFileSync(join(project, 'vitest/earn.test.ts'), example?.code ?? '');
    const config = `tsconfig.${name.toLowerCase()}.json`;
    writeFileSync(join(project, config), JSON.stringify({ compilerOptions: { ...options, target: 'es2022', strict: true, noEmit: true, skipLibCheck: false }, files }, null, 2));
    const checked = run('npx', ['tsc', '-p', config], project);
    expect(checked.status, checked.out).toBe(0);
  });
});

describe("the README's examples, pasted into the partner project", () => {
  const examples = readmeExamples();

  it('the README has a vitest, a jest and a node:test example, and the certification one', () => {
    expect([...examples.keys()].sort()).toEqual(['jest', 'node-test', 'vitest', 'vitest-certify']);
  });

  const paste = (runner: string): string => {
    const example = examples.get(runner);
    if (!example) throw new Error(`README has no ${runner} example`);
    mkdirSync(join(project, runner), { recursive: true });
    writeFileSync(join(project, runner, example.file), example.code);
    return join(runner, example.file);
  };

  it('vitest', () => {
    paste('vitest');
    const ran = run('npx', ['vitest', 'run', '--root', 'vitest'], project);
    expect(ran.status, ran.out).toBe(0);
    expect(ran.out).toMatch(/Tests\s+2 passed/);
  });

  it('vitest, certifying in process: grade(fake) after a staged lost answer', () => {
    paste('vitest-certify');
    const ran = run('npx', ['vitest', 'run', '--root', 'vitest-certify'], project);
    expect(ran.status, ran.out).toBe(0);
    expect(ran.out).toMatch(/Tests\s+3 passed/);
  });

  it('jest (CommonJS)', () => {
    const file = paste('jest');
    const ran = run('npx', ['jest', '--ci', file], project);
    expect(ran.status, ran.out).toBe(0);
    expect(ran.out).toMatch(/Tests:\s+2 passed, 2 total/);
  });

  it('node:test', () => {
    const file = paste('node-test');
    const ran = run(process.execPath, ['--test', file], project);
    expect(ran.status, ran.out).toBe(0);
    expect(ran.out).toMatch(/# pass 2/);
    expect(existsSync(join(project, file))).toBe(true);
  });
});
