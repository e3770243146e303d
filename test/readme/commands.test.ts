// Every command of the README's shell blocks is run here as the README writes it (fixed ports become
// free ones, file names become temporary paths, MyValue's sandbox is the fake in process behind MSW),
// or is named below with the test or CI step that runs it. A README command missing from this table,
// or an entry the README no longer has, fails the first test: the two stay in step. The TypeScript
// and JavaScript blocks are partner examples, run from the tarball by the package test; the YAML
// blocks are GitHub Actions workflows (test/readme/workflows.test.ts reads them); the text blocks the
// quick start shows as output are compared here with what its commands print.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { myValueHandlers } from '../../mocks/msw';
import { computeSign, findRule } from '../../src/signing';
import { shippedFile } from '../../src/shared/package-files';
import { runCli } from '../helpers/cli';
import { spawnMock } from '../helpers/spawn-mock';
import { tempDir } from '../helpers/temp-dir';

const README = readFileSync(shippedFile('README.md'), 'utf8');
const COLLECTION = shippedFile('collections/myvalue-partner.postman_collection.json');
const DEMO = { clientId: 'GramediaPOS', clientSecret: 'demo-secret-gramedia-pos' };
/** A collection written as partners write theirs: the QA quick start's `my-api.postman_collection.json`. */
const PARTNER_STYLE = fileURLToPath(new URL('../fixtures/partner-style.postman_collection.json', import.meta.url));
/** The partner-style v3 collection directory (its environment is beside it, `<dir>.environment.yaml`). */
const V3_PARTNER = fileURLToPath(new URL('../fixtures/v3/partner-style', import.meta.url));

/** The commands of the README's sh blocks: continuation lines joined, trailing comments dropped. */
function readmeCommands(): string[] {
  const commands: string[] = [];
  for (const block of README.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    const lines = (block[1] ?? '').replace(/\s*\\\n\s*/g, ' ').split('\n');
    for (const line of lines) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (command !== '' && !command.startsWith('#')) commands.push(command);
    }
  }
  return commands;
}

/** The lines of the README's ```text block that starts with `first` (what it shows the user will see). */
function shownOutput(first: string): string[] {
  const block = [...README.matchAll(/^```text\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '').find((b) => b.startsWith(first));
  if (block === undefined) throw new Error(`README shows no output starting "${first}"`);
  return block.trimEnd().split('\n');
}

/** The QA quick start's own collection, copied where the command names it. */
function myApiCollection(): string {
  const file = join(tempDir('myvalue-readme-'), 'my-api.postman_collection.json');
  copyFileSync(PARTNER_STYLE, file);
  return file;
}

/** Splits a command line as sh does for these lines (double quotes, $VARS from `vars`). */
function words(command: string, vars: Record<string, string> = {}): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/\$([A-Z_]+)/g, (_, name: string) => vars[name] ?? ''));
}

/** `npx myvalue ARGS` -> ARGS, with the given replacements. */
const args = (command: string, replace: Record<string, string> = {}, vars: Record<string, string> = {}): string[] =>
  words(command, vars).slice(2).map((w) => replace[w] ?? w);

/**
 * MyValue's sandbox hosts answered by a fresh fake in this process (nothing leaves it), with a made-up
 * client. MSW answers below TLS, so those runs add --insecure (as the msw target does itself).
 */
function sandboxInProcess() {
  const client = { clientId: 'MadeUpPOS', clientSecret: 'made-up-secret-readme' };
  const fake = createFakeMyValue({ clients: [{ ...client, redirectUris: ['http://127.0.0.1:5173/callback'] }] });
  const server = setupServer(...myValueHandlers(fake));
  server.listen({ onUnhandledRequest: 'error' });
  vi.stubEnv('MYVALUE_CLIENT_ID', client.clientId);
  vi.stubEnv('MYVALUE_CLIENT_SECRET', client.clientSecret);
  return { fake, close: () => { server.close(); fake.close(); } };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

const reportsIn = (): string => join(tempDir('myvalue-readme-'), 'reports');

type Check = (command: string) => Promise<void>;

/** Commands run elsewhere, and where. */
const ELSEWHERE: Record<string, string> = {
  'npm ci && npm start': '.ci/run runs npm ci; npm start is `run --target mock` on the build, tested in test/package/package.test.ts',
  'npm ci && npm test': '.ci/run',
  'npm ci && npm pack': 'test/package/package.test.ts (npm pack)',
  'npm install --save-dev ../myvalue-harness/myvalue-harness-0.1.0.tgz msw': 'test/package/package.test.ts (installs the tarball into a fresh project)',
  'npm install --save-dev "git+https://<your git host>/<owner>/myvalue-harness.git" msw': 'not run: needs a git host (prepare builds dist/, as npm pack does)',
  'npx myvalue-harness mock --port 0 --quiet -- npm test': 'test/readme/ci-snippets.test.ts runs the block as a CI step (setsid, no terminal) in a partner project; test/cli/mock-command.test.ts each edge',
  'npx wait-on http://127.0.0.1:4010/__admin/health && npm test': 'test/readme/ci-snippets.test.ts runs the block as a CI step (setsid, no terminal) in a partner project',
  'trap \'kill "$(cat fake.pid)"; wait\' EXIT': 'test/readme/ci-snippets.test.ts (nothing listens after the step, exit code the tests\')',
  'npx myvalue gate --target sandbox': 'test/gate/gate.test.ts runs the gate against the fake; the target is only a base URL',
  'npx myvalue gate --target msw': 'test/gate/gate.test.ts',
  'npx myvalue gate --target sandbox --shard 2/3 --out reports/shard-2': 'test/gate/merge.test.ts (shards 1/3, 2/3, 3/3 of the gate)',
  'npx myvalue report merge reports/shard-1 reports/shard-2 reports/shard-3 --out reports/gate': 'test/gate/merge.test.ts',
  'npx myvalue diff --target sandbox --against msw': 'test/diff/production.test.ts diffs MyValue\'s own hosts served by a fake; the target is only a base URL',
  'npx myvalue diff --target mock --against msw': 'test/diff/diff.test.ts (with --folder, to keep it short)',
  'npx myvalue diff --target msw --against msw --against-seed other-seed.json': 'test/diff/diff.test.ts (a seed with other values)',
  'npx myvalue diff --target msw --against msw --against-fault "point.history:status=503,times=1"': 'test/diff/diff.test.ts (one answer differs)',
  'npx myvalue certify -- npm run test:integration': 'test/certify/partner-backend.test.ts (certify with a partner backend as the command, every scenario)',
  "curl -s 'http://127.0.0.1:4010/__admin/requests/collection?clientId=GramediaPOS' > journal.postman_collection.json": 'test/journal/journal-collection.test.ts (GET /__admin/requests/collection, ?clientId=)',
  'npx myvalue run --collection journal.postman_collection.json --target mock': 'test/journal/journal-collection.test.ts (the replay against a fresh fake)',
};

const RUN_HERE: Record<string, Check> = {
  'npx myvalue run --collection my-api.postman_collection.json --target mock': async (command) => {
    const out = reportsIn();
    const result = await runCli([...args(command, { 'my-api.postman_collection.json': myApiCollection() }), '--out', out]);
    expect(result.code, result.err.join('\n')).toBe(0);
    // The last two lines are the ones the quick start shows (the report files, report.html first, then the
    // summary), with the reports directory as it names it; the files it names are there.
    const lines = [...result.out, ...result.err].join('\n').trimEnd().split('\n');
    expect(lines.slice(-2).map((line) => line.replaceAll(out, 'reports'))).toEqual(shownOutput('reports: '));
    for (const file of ['report.html', 'junit.xml', 'ctrf.json', 'run.json']) expect(existsSync(join(out, file)), file).toBe(true);
  },
  'npx myvalue run --collection my-api.postman_collection.json --environment my-api.postman_environment.json --target sandbox': async (command) => {
    const collection = myApiCollection();
    const environment = join(tempDir('myvalue-readme-'), 'my-api.postman_environment.json');
    writeFileSync(environment, JSON.stringify({ name: 'My API (sandbox)', values: [{ key: 'externalBaseUrl', value: 'https://external.ovaltech.id', enabled: true }] }));
    const sandbox = sandboxInProcess();
    try {
      const result = await runCli([...args(command, { 'my-api.postman_collection.json': collection, 'my-api.postman_environment.json': environment }), '--insecure', '--out', reportsIn()]);
      expect(result.code, result.err.join('\n')).toBe(0);
      expect(sandbox.fake.deps.journal.list({ rule: 'point.earn' })).toMatchObject([{ clientId: 'MadeUpPOS', signOk: true, status: 200 }]);
    } finally {
      sandbox.close();
    }
  },
  'npx myvalue mock': async (command) => {
    // The README's default port 4010 becomes a free one; the banner is the one the quick start shows.
    const mock = await spawnMock(args(command).slice(1));
    try {
      const port = new URL(mock.url).port;
      const seed = shippedFile('mocks/seed.json');
      const shown = shownOutput('fake MyValue listening on ').map((line) => line.replaceAll('4010', port).replace('.../mocks/seed.json', seed));
      // The banner's lines may arrive in more than one chunk after the first.
      await vi.waitFor(() => expect(mock.output().split('\n').length).toBeGreaterThan(shown.length));
      expect(mock.output().split('\n').slice(0, shown.length)).toEqual(shown);
    } finally {
      expect(await mock.stop('SIGINT')).toBe(0);
    }
  },
  'npx myvalue certify --scenario lost-response --max-wait 3000 --client MyPOS:my-test-secret -- node scripts/checkout.mjs': async (command) => {
    // The partner backend of the certify tests stands in for scripts/checkout.mjs.
    const backend = fileURLToPath(new URL('../certify/partner-backend.mjs', import.meta.url));
    const [name, ...rest] = args(command, { 'scripts/checkout.mjs': backend });
    const out = reportsIn();
    const result = await runCli([name as string, '--out', out, ...rest]);
    expect(result.code, result.out.join('\n')).toBe(0);
    expect(readFileSync(join(out, 'certify.md'), 'utf8')).toMatch(/^# MyValue certification: ✅ PASS$/m);
    expect(readFileSync(join(out, 'lost-response.log'), 'utf8')).not.toContain('my-test-secret');
  },
  'npx myvalue-harness mock --port 4010 --log-format json --pid-file fake.pid > fake.log &': async (command) => {
    const pidFile = join(tempDir('myvalue-readme-'), 'fake.pid');
    const mock = await spawnMock(args(command, { '4010': '0', 'fake.pid': pidFile }).slice(1, -3));
    try {
      const first = JSON.parse(mock.output().split('\n')[0] ?? '{}') as { event?: string; url?: string };
      expect(first).toMatchObject({ event: 'listening', url: mock.url });
      expect((await fetch(`${mock.url}/__admin/health`, { method: 'HEAD' })).status).toBe(200);
      expect(readFileSync(pidFile, 'utf8')).toBe(`${mock.child.pid}\n`);
    } finally {
      expect(await mock.stop()).toBe(0);
    }
    expect(existsSync(pidFile)).toBe(false);
  },
  'npx myvalue sign point.earn amount=10000 referenceNo=INV-1 exchangeRate=0 outletID=MVAPP00001 --client-id GramediaPOS --client-secret "$SECRET" --explain': async (command) => {
    const result = await runCli(args(command, {}, { SECRET: DEMO.clientSecret }));
    expect(result.code).toBe(0);
    const rule = findRule('point.earn');
    if (!rule) throw new Error('no point.earn rule');
    const sign = computeSign(rule, { ...DEMO, fields: { amount: '10000', referenceNo: 'INV-1', exchangeRate: '0', outletID: 'MVAPP00001' } });
    expect(result.out[0]).toBe(sign);
    expect(result.out.join('\n')).toContain('GramediaPOS<clientSecret>10000INV-10MVAPP00001');
    expect(result.out.join('\n')).toContain('clientID="GramediaPOS" + clientSecret="<clientSecret>" + amount="10000" + ');
    expect(result.out.join('\n')).not.toContain(DEMO.clientSecret);
  },
  'npx myvalue run --target mock': async (command) => {
    const result = await runCli([...args(command), '--out', reportsIn()]);
    expect(result.code, result.err.join('\n')).toBe(0);
  },
  'npx myvalue run --target msw': async (command) => {
    const result = await runCli([...args(command), '--out', reportsIn()]);
    expect(result.code, result.err.join('\n')).toBe(0);
  },
  'npx myvalue run --target sandbox': async (command) => {
    const sandbox = sandboxInProcess();
    try {
      const result = await runCli([...args(command), '--insecure', '--out', reportsIn()]);
      expect(result.code, result.err.join('\n')).toBe(0);
      expect(sandbox.fake.deps.journal.count({ clientId: 'MadeUpPOS' })).toBeGreaterThan(30);
    } finally {
      sandbox.close();
    }
  },
  'npx myvalue run --target http://127.0.0.1:4010': async (command) => {
    const mock = await spawnMock(['--quiet']);
    try {
      const result = await runCli([...args(command, { 'http://127.0.0.1:4010': mock.url }), '--out', reportsIn()]);
      expect(result.code, result.err.join('\n')).toBe(0);
    } finally {
      await mock.stop();
    }
  },
  'npx myvalue run --collection partner.postman_collection.json --target sandbox --folder Points': async (command) => {
    const partner = join(tempDir('myvalue-readme-'), 'partner.postman_collection.json');
    copyFileSync(COLLECTION, partner);
    const sandbox = sandboxInProcess();
    try {
      const result = await runCli([...args(command, { 'partner.postman_collection.json': partner }), '--insecure', '--out', reportsIn()]);
      expect(result.code, result.err.join('\n')).toBe(0);
      expect(sandbox.fake.deps.journal.list({ rule: 'point.earn' }).length).toBeGreaterThan(0);
      expect(sandbox.fake.deps.journal.list({ rule: 'promo.buy' })).toEqual([]);
    } finally {
      sandbox.close();
    }
  },
  'npx myvalue inject partner.postman_collection.json --out partner.signed.postman_collection.json': async (command) => {
    const dir = tempDir('myvalue-readme-');
    const partner = join(dir, 'partner.postman_collection.json');
    const signed = join(dir, 'partner.signed.postman_collection.json');
    copyFileSync(COLLECTION, partner);
    const result = await runCli(args(command, { 'partner.postman_collection.json': partner, 'partner.signed.postman_collection.json': signed }));
    expect(result.code).toBe(0);
    expect(existsSync(signed)).toBe(true);
    expect(readFileSync(signed, 'utf8')).toContain('myvalue-signing-hook');
  },
  'npx myvalue run --collection "postman/collections/Partner API" --environment postman/environments/Sandbox.environment.yaml --target sandbox': async (command) => {
    const sandbox = sandboxInProcess();
    try {
      const replace = { 'postman/collections/Partner API': V3_PARTNER, 'postman/environments/Sandbox.environment.yaml': `${V3_PARTNER}.environment.yaml` };
      const result = await runCli([...args(command, replace), '--insecure', '--out', reportsIn()]);
      expect(result.code, result.err.join('\n')).toBe(0);
      expect(sandbox.fake.deps.journal.list({ rule: 'point.earn' }).length).toBe(1);
    } finally {
      sandbox.close();
    }
  },
  'npx myvalue convert partner.postman_collection.json --to v3 --out "postman/collections/Partner API"': async (command) => {
    const dir = tempDir('myvalue-readme-');
    const partner = join(dir, 'partner.postman_collection.json');
    copyFileSync(COLLECTION, partner);
    const result = await runCli(args(command, { 'partner.postman_collection.json': partner, 'postman/collections/Partner API': join(dir, 'Partner API') }));
    expect(result.code, result.err.join('\n')).toBe(0);
    expect(existsSync(join(dir, 'Partner API', '.resources', 'definition.yaml'))).toBe(true);
  },
  'npx myvalue convert "postman/collections/Partner API" --to v2.1 --out partner.postman_collection.json': async (command) => {
    const out = join(tempDir('myvalue-readme-'), 'partner.postman_collection.json');
    const result = await runCli(args(command, { 'postman/collections/Partner API': V3_PARTNER, 'partner.postman_collection.json': out }));
    expect(result.code, result.err.join('\n')).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { item: unknown[] }).item).toHaveLength(3);
  },
  'npx myvalue inject "postman/collections/Partner API" --out "postman/collections/Partner API signed"': async (command) => {
    const out = join(tempDir('myvalue-readme-'), 'Partner API signed');
    const result = await runCli(args(command, { 'postman/collections/Partner API': V3_PARTNER, 'postman/collections/Partner API signed': out }));
    expect(result.code, result.err.join('\n')).toBe(0);
    expect(readFileSync(join(out, 'Points', 'Balance before.request.yaml'), 'utf8')).toContain('myvalue signing hook');
  },
  'npx myvalue mock --port 4010 --host 127.0.0.1': async (command) => {
    const mock = await spawnMock(args(command, { '4010': '0' }).slice(1));
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(mock.output()).toContain('state: in memory');
    } finally {
      await mock.stop();
    }
  },
  'npx myvalue mock --data state.sqlite': async (command) => {
    const data = join(tempDir('myvalue-readme-'), 'state.sqlite');
    const mock = await spawnMock(args(command, { 'state.sqlite': data }).slice(1));
    try {
      expect(mock.output()).toContain(`state: ${data}`);
    } finally {
      await mock.stop();
    }
    expect(existsSync(data)).toBe(true);
  },
  'npx myvalue mock --seed my-seed.yaml --client MyPOS:my-test-secret': async (command) => {
    const seed = join(tempDir('myvalue-readme-'), 'my-seed.yaml');
    writeFileSync(seed, jsYaml.dump(JSON.parse(readFileSync(shippedFile('mocks/seed.json'), 'utf8'))));
    const mock = await spawnMock(args(command, { 'my-seed.yaml': seed }).slice(1));
    try {
      expect(mock.output()).toMatch(/clients: .*MyPOS/);
      expect(mock.output()).not.toContain('my-test-secret');
    } finally {
      await mock.stop();
    }
  },
};

describe('the README\'s commands', () => {
  const commands = readmeCommands();

  it('are each run here or named with where they run, and nothing else is listed', () => {
    const known = new Set([...Object.keys(RUN_HERE), ...Object.keys(ELSEWHERE)]);
    expect(commands.filter((c) => !known.has(c))).toEqual([]);
    expect([...known].filter((c) => !commands.includes(c))).toEqual([]);
  });

  it('every TypeScript and JavaScript block is a partner example, which test/package/package.test.ts runs', () => {
    const blocks = [...README.matchAll(/^(.*)\n```(ts|js|mjs|typescript|javascript)\n/gm)].map((m) => m[1] ?? '');
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.filter((before) => !/^<!-- partner-example: \S+ \S+ -->$/.test(before))).toEqual([]);
  });

  it.each(Object.keys(RUN_HERE))('%s', async (command) => {
    await (RUN_HERE[command] as Check)(command);
  }, 60_000);
});
