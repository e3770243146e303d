// `npm run bench:hostile`: what a hostile service costs a run, whole process, as a partner runs it
// (the built CLI, `node dist/cli.mjs run`), against loopback servers this process starts:
// - a 2-request run whose answers carry no token, then 1,000 `*_token` keys each (wall time);
// - a ~100 kB gzip body that inflates to 100 MB (peak RSS from /usr/bin/time -v, report sizes).
// MYVALUE_BENCH_CLIS=a/cli.mjs,b/cli.mjs compares builds side by side in one run (e.g. one built
// before a change); by default dist/cli.mjs alone. MYVALUE_BENCH_ONLY=tokens|gzip runs one half.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLIS = (process.env.MYVALUE_BENCH_CLIS ?? join(ROOT, 'dist/cli.mjs')).split(',').map((p) => resolve(ROOT, p.trim()));
const TOKENS = 1_000;
const INFLATED = 100 * 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'myvalue-hostile-bench-'));

/** Two requests to the Auth API's token path: the answers a run learns tokens from. */
const collection = join(work, 'two.postman_collection.json');
writeFileSync(collection, JSON.stringify({
  info: { name: 'Two', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: ['first', 'second'].map((name) => ({ name, request: { method: 'POST', url: '{{authBaseUrl}}/auth/token/', header: [{ key: 'content-type', value: 'application/json' }], body: { mode: 'raw', raw: '{"grant_type":"authorization_code","code":"made-up"}' } } })),
}));

function serve(answer: (n: number) => { headers: Record<string, string>; body: Buffer }): Promise<{ server: Server; url: string }> {
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const { headers, body } = answer((n += 1));
      res.writeHead(200, { ...headers, 'content-length': String(body.length) }).end(body);
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const json = (value: unknown): { headers: Record<string, string>; body: Buffer } => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(value)) });
const tokens = (count: number, n: number): Record<string, string> => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}_token`, `tok-made-up-${n}-${i}-${(n * 7919 + i * 104729).toString(36)}`]));
const bomb = gzipSync(Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(INFLATED, 'a'), Buffer.from('"}')]), { level: 9 });

interface Measure {
  seconds: number;
  peakMb: number;
  exit: number | null;
  reports: Record<string, number>;
}

/** One `myvalue run` under /usr/bin/time -v: wall time, peak RSS, exit code, report sizes. */
function run(cli: string, target: string): Promise<Measure> {
  const out = mkdtempSync(join(work, 'reports-'));
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-v', process.execPath, cli, 'run', '--target', target, '--collection', collection, '--client-id', 'MADEUP', '--client-secret', 'made-up-secret-9d2c', '--no-contract', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', fail);
    child.once('exit', () => {
      const seconds = (performance.now() - started) / 1000;
      const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const status = /Exit status: (\d+)/.exec(err);
      const reports = Object.fromEntries(readdirSync(out).map((f) => [f, statSync(join(out, f)).size]));
      done({ seconds, peakMb: peak ? Number(peak[1]) / 1024 : Number.NaN, exit: status ? Number(status[1]) : null, reports });
    });
  });
}

const kb = (bytes: number | undefined): string => (bytes === undefined ? '-' : bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`);

const plain = await serve((n) => json({ access_token: `at-made-up-${n}-4f9a2c`, token_type: 'bearer' }));
const flood = await serve((n) => json({ token_type: 'bearer', ...tokens(TOKENS, n) }));
const gzip = await serve(() => ({ headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bomb }));
console.log(`gzip body: ${kb(bomb.length)} inflating to ${kb(INFLATED)}; token answers: ${TOKENS} *_token keys each; 2 requests a run`);
const only = process.env.MYVALUE_BENCH_ONLY;
try {
  for (const cli of CLIS) {
    console.log(cli);
    if (only !== 'gzip') {
      const base = await run(cli, plain.url);
      console.log(`  no tokens        ${base.seconds.toFixed(1)} s   exit ${base.exit}`);
      const many = await run(cli, flood.url);
      console.log(`  ${TOKENS} tokens      ${many.seconds.toFixed(1)} s   exit ${many.exit}   (${(many.seconds / base.seconds).toFixed(1)}x the run without tokens)`);
    }
    if (only !== 'tokens') {
      const big = await run(cli, gzip.url);
      console.log(`  gzip bomb        ${big.seconds.toFixed(1)} s   exit ${big.exit}   peak RSS ${big.peakMb.toFixed(0)} MB   report.html ${kb(big.reports['report.html'])}   run.json ${kb(big.reports['run.json'])}   junit.xml ${kb(big.reports['junit.xml'])}`);
    }
  }
} finally {
  for (const { server } of [plain, flood, gzip]) server.close();
  rmSync(work, { recursive: true, force: true });
}
