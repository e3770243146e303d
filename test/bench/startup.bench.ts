// `npm run bench:startup`: what a user waits for, whole process, side by side in one run (the built
// CLI in dist/, as a partner runs it):
// - `myvalue --help` and `myvalue sign ...` against `newman --version`;
// - `myvalue mock` from spawn to its first HTTP answer, against Prism 5.16 (`prism mock -v silent` on
//   MyValue's OpenAPI; installed on first use into node_modules/.cache) and a bare Express 5 app,
//   all three polled the same way;
// - `myvalue run` of the shipped collection (all its reporters: cli, junit, html, json, ctrf), against
//   the running fake and with --target msw (the same fake in process), against a plain `newman run` of
//   the same collection, pre-signed by `myvalue inject`, with `-r cli,junit,htmlextra`, against the
//   running fake (reset before every run).
// BENCH_ONLY=run runs only that last comparison.
// Rounds are interleaved and medians compared, so machine load hits every side alike.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CLI = join(ROOT, 'dist/cli.mjs');
const NEWMAN = join(ROOT, 'node_modules/newman/bin/newman.js');
const PRISM_DIR = join(ROOT, 'node_modules/.cache/myvalue-bench/prism');
const PRISM = join(PRISM_DIR, 'node_modules/@stoplight/prism-cli/dist/index.js');
const SPEC = [resolve(ROOT, '../shared/reference/external-myvalue.yaml'), join(ROOT, 'collections/openapi/myvalue.openapi.yaml')].find((f) => existsSync(f)) as string;
const DEMO = { clientId: 'GramediaPOS', clientSecret: (JSON.parse(readFileSync(join(ROOT, 'mocks/seed.json'), 'utf8')) as { clients: Array<{ clientId: string; clientSecret: string }> }).clients.find((c) => c.clientId === 'GramediaPOS')?.clientSecret ?? '' };
const out = mkdtempSync(join(tmpdir(), 'myvalue-startup-'));

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** Wall time of a whole process, from spawn to exit; a non-zero exit is a broken benchmark. */
function processMs(command: string, args: readonly string[]): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => (code === 0 ? done(performance.now() - started) : fail(new Error(`${[command, ...args].join(' ')} exited ${code}: ${err.slice(0, 500)}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** From spawn to the first HTTP answer (any status) on `path`, polled every 5 ms; then SIGTERM to the group. */
async function firstAnswerMs(command: string, args: readonly string[], port: number, path: string): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, stdio: 'ignore', detached: true, env: { ...process.env, PORT: String(port) } });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${[command, ...args].join(' ')} exited ${child.exitCode} before answering`);
      if (performance.now() - started > 30_000) throw new Error(`${command} did not answer within 30 s`);
      try {
        await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(1_000) });
        return performance.now() - started;
      } catch {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  } finally {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

function ensurePrism(): void {
  if (existsSync(PRISM)) return;
  console.log('installing @stoplight/prism-cli@5.16.0 into node_modules/.cache/myvalue-bench/prism (once)');
  mkdirSync(PRISM_DIR, { recursive: true });
  writeFileSync(join(PRISM_DIR, 'package.json'), '{"private": true}\n');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '@stoplight/prism-cli@5.16.0'], { cwd: PRISM_DIR, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('cannot install Prism for the comparison');
}

const BARE_EXPRESS = `import express from 'express';
const app = express();
app.get('/__admin/health', (req, res) => res.json({ ok: true }));
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close());`;

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const row = (name: string, xs: readonly number[]): string => `  ${name.padEnd(58)} ${fmt(median(xs)).padStart(7)}   (${xs.map((x) => (x / 1000).toFixed(2)).join(' ')})`;
const ratio = (name: string, a: readonly number[], b: readonly number[], target: string): string => `  ${name.padEnd(58)} ${(median(a) / median(b)).toFixed(2)}x   (target ${target})`;

async function startupCases(): Promise<void> {
  const cases: Record<string, number[]> = { help: [], sign: [], version: [], newman: [] };
  const signArgs = [CLI, 'sign', 'point.get', 'valueID=VR8EPN', '--client-id', 'BenchPOS', '--client-secret', 'made-up-bench-secret'];
  await processMs(process.execPath, [CLI, '--help']); // warm the file cache
  for (let i = 0; i < ROUNDS; i++) {
    cases.newman?.push(await processMs(process.execPath, [NEWMAN, '--version']));
    cases.help?.push(await processMs(process.execPath, [CLI, '--help']));
    cases.sign?.push(await processMs(process.execPath, signArgs));
    cases.version?.push(await processMs(process.execPath, [CLI, '--version']));
  }
  console.log('\nCommands, whole process (median of %d)', ROUNDS);
  console.log(row('newman --version', cases.newman ?? []));
  console.log(row('myvalue --help', cases.help ?? []));
  console.log(row('myvalue sign point.get valueID=VR8EPN ...', cases.sign ?? []));
  console.log(row('myvalue --version', cases.version ?? []));
  console.log(ratio('myvalue --help / newman --version', cases.help ?? [], cases.newman ?? [], '<= 0.6x'));
  console.log(ratio('myvalue sign / newman --version', cases.sign ?? [], cases.newman ?? [], '<= 0.6x'));
}

async function serverCases(): Promise<void> {
  ensurePrism();
  const cases: Record<string, number[]> = { mock: [], prism: [], bare: [] };
  for (let i = 0; i <= ROUNDS; i++) {
    const ports = [await freePort(), await freePort(), await freePort()] as const;
    const m = await firstAnswerMs(process.execPath, [CLI, 'mock', '--port', String(ports[0]), '--quiet'], ports[0], '/__admin/health');
    const p = await firstAnswerMs(process.execPath, [PRISM, 'mock', '-p', String(ports[1]), '-h', '127.0.0.1', '-v', 'silent', SPEC], ports[1], '/service/point/?valueID=VR8EPN');
    const b = await firstAnswerMs(process.execPath, ['--input-type=module', '-e', BARE_EXPRESS], ports[2], '/__admin/health');
    if (i === 0) continue; // warm-up round
    cases.mock?.push(m);
    cases.prism?.push(p);
    cases.bare?.push(b);
  }
  console.log('\nServers, spawn to first HTTP answer (median of %d, after one warm-up round)', ROUNDS);
  console.log(row('myvalue mock', cases.mock ?? []));
  console.log(row(`prism mock -v silent ${SPEC.includes('shared/reference') ? "(MyValue's external-myvalue.yaml)" : '(our OpenAPI)'}`, cases.prism ?? []));
  console.log(row('bare Express 5 app', cases.bare ?? []));
  console.log(ratio('myvalue mock / prism mock', cases.mock ?? [], cases.prism ?? [], '<= 0.6x'));
  console.log(ratio('myvalue mock / bare Express', cases.mock ?? [], cases.bare ?? [], '<= 2x'));
}

async function runCases(): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const fake = spawn(process.execPath, [CLI, 'mock', '--port', String(port), '--quiet', '--redirect-uri', `${DEMO.clientId}=http://127.0.0.1:5173/callback`], { cwd: ROOT, stdio: 'ignore', detached: true });
  try {
    for (let waited = 0; ; waited += 20) {
      if (await fetch(`${base}/__admin/health`).then(() => true, () => false)) break;
      if (waited > 20_000) throw new Error('the fake for the run comparison did not start');
      await new Promise((r) => setTimeout(r, 20));
    }
    const signed = join(out, 'signed.postman_collection.json');
    await processMs(process.execPath, [CLI, 'inject', join(ROOT, 'collections/myvalue-partner.postman_collection.json'), '--out', signed]);
    const environment = join(out, 'bench.postman_environment.json');
    const values = { clientID: DEMO.clientId, externalBaseUrl: base, authBaseUrl: base, myvalueClientSecret: DEMO.clientSecret, myvalueBlockWrites: 'false' };
    writeFileSync(environment, JSON.stringify({ name: 'bench', values: Object.entries(values).map(([key, value]) => ({ key, value, enabled: true })) }));
    const reset = (): Promise<unknown> => fetch(`${base}/__admin/reset`, { method: 'POST' });
    const myvalue = [CLI, 'run', '--target', base, '--out', join(out, 'myvalue')];
    const myvalueMsw = [CLI, 'run', '--target', 'msw', '--out', join(out, 'myvalue-msw')];
    const plainSame = [NEWMAN, 'run', signed, '-e', environment, '-r', 'cli,junit,htmlextra', '--reporter-junit-export', join(out, 'plain/junit.xml'), '--reporter-htmlextra-export', join(out, 'plain/report.html'), '--color', 'off'];
    const plainCli = [NEWMAN, 'run', signed, '-e', environment, '-r', 'cli', '--color', 'off'];
    const cases: Record<string, number[]> = { myvalue: [], msw: [], same: [], cli: [] };
    for (let i = 0; i <= ROUNDS; i++) {
      const m = await processMs(process.execPath, myvalueMsw);
      await reset();
      const a = await processMs(process.execPath, myvalue);
      await reset();
      const b = await processMs(process.execPath, plainSame);
      await reset();
      const c = await processMs(process.execPath, plainCli);
      if (i === 0) continue;
      cases.myvalue?.push(a);
      cases.msw?.push(m);
      cases.same?.push(b);
      cases.cli?.push(c);
    }
    console.log('\nThe shipped collection against one running fake, whole process (median of %d, after one warm-up round)', ROUNDS);
    console.log(row('myvalue run --target msw (all reporters)', cases.msw ?? []));
    console.log(row('myvalue run --target URL (all reporters)', cases.myvalue ?? []));
    console.log(row('newman run, pre-signed (cli, junit, htmlextra)', cases.same ?? []));
    console.log(row('newman run, pre-signed (cli only)', cases.cli ?? []));
    console.log(ratio('myvalue run --target msw / newman run (cli, junit, htmlextra)', cases.msw ?? [], cases.same ?? [], '<= 1.2x'));
    console.log(ratio('myvalue run --target URL / newman run (cli, junit, htmlextra)', cases.myvalue ?? [], cases.same ?? [], '<= 1.2x'));
    console.log(ratio('myvalue run / newman run, cli only', cases.myvalue ?? [], cases.cli ?? [], 'shown for reference'));
  } finally {
    if (fake.pid !== undefined) process.kill(-fake.pid, 'SIGTERM');
  }
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/cli.mjs is missing: npm run build first (npm run bench:startup does)');
  console.log(`node ${process.version}, ${ROUNDS} rounds; built CLI ${CLI}`);
  if (process.env.BENCH_ONLY !== 'run') {
    await startupCases();
    await serverCases();
  }
  await runCases();
}

main()
  .catch((error: unknown) => {
    console.error(`bench:startup: ${(error as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(out, { recursive: true, force: true }));
