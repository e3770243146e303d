// A target that answers badly never breaks the run. Each test runs the CLI end to end against a server
// on 127.0.0.1 and looks at what a user sees: the exit code, the output (no stack trace), the reports.
// - every answer a JSON body nested 100,000 deep, a token inside: the token is masked everywhere (the
//   masker finds tokens without recursion, in the Auth API's answers, where tokens come from);
// - Auth API answers of 1,000 `*_token` keys each: the run learns at most MAX_LEARNED_TOKENS, says so;
// - a gzip body inflating past MAX_RESPONSE_BYTES: that request fails saying why, the run goes on, the
//   reports stay small.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it, onTestFinished } from 'vitest';
import { V21_SCHEMA } from '../../src/collection/v3/v3-to-v21';
import { MAX_RESPONSE_BYTES } from '../../src/run/run-limits';
import { MAX_LEARNED_TOKENS } from '../../src/run/token-learner';
import type { RunReport } from '../../src/reports/run-json';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const TOKEN = 'at-deep-made-up-7f3a9c1e5b2d';
const SECRET = 'made-up-secret-9d2c';

async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A v2.1 collection file of requests (name, method, url), none with a test. */
function collection(dir: string, requests: Array<[string, string, string]>): string {
  const file = join(dir, 'hostile.postman_collection.json');
  writeFileSync(file, JSON.stringify({ info: { name: 'Hostile', schema: V21_SCHEMA }, item: requests.map(([name, method, url]) => ({ name, request: { method, url } })) }));
  return file;
}

const noStack = (printed: string): void => {
  expect(printed).not.toMatch(/RangeError|Maximum call stack|unexpected error|\n\s+at .+\(.+:\d+:\d+\)/);
};

it('a body nested 100,000 deep with a token inside: failed assertions, exit 1, reports written, the token nowhere', async () => {
  const depth = 100_000;
  const body = `${'{"a":['.repeat(depth)}{"access_token":"${TOKEN}"}${']}'.repeat(depth)}`;
  const target = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  const out = join(tempDir('myvalue-hostile-target-'), 'reports');
  // The Auth API's token request: the answer a run learns tokens from.
  const result = await runCli(['run', '--target', target, '--client-id', 'MADEUP', '--client-secret', SECRET, '--folder', 'Exchange the code for tokens', '--out', out]);
  const printed = [...result.out, ...result.err].join('\n');
  expect(result.code).toBe(1);
  expect(printed).toMatch(/AssertionError/);
  noStack(printed);
  expect(readdirSync(out).sort()).toEqual(['ctrf.json', 'junit.xml', 'report.html', 'run.json']);
  for (const file of readdirSync(out)) expect(readFileSync(join(out, file), 'utf8'), file).not.toContain(TOKEN);
  expect(printed).not.toContain(TOKEN);
}, 60_000);

it(`Auth API answers of 1,000 *_token keys each: the run learns ${MAX_LEARNED_TOKENS}, says so in one line, and ends as usual`, async () => {
  let n = 0;
  const target = await serve((_req, res) => {
    n += 1;
    const keys = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}_token`, `tok-made-up-${n}-${i}-${(i * 7919).toString(36)}`]));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token_type: 'bearer', ...keys }));
  });
  const dir = tempDir('myvalue-hostile-target-');
  const out = join(dir, 'reports');
  const file = collection(dir, [['first', 'POST', '{{authBaseUrl}}/auth/token/'], ['second', 'POST', '{{authBaseUrl}}/auth/token/']]);
  const result = await runCli(['run', '--collection', file, '--target', target, '--client-id', 'MADEUP', '--client-secret', SECRET, '--no-contract', '--out', out]);
  const printed = [...result.out, ...result.err].join('\n');
  noStack(printed);
  expect(result.code, printed).toBe(0);
  expect(printed.split('\n').filter((line) => line.startsWith('masking:'))).toEqual([`masking: the Auth API's answers held more than ${MAX_LEARNED_TOKENS} tokens, the most a run learns; tokens after those are not masked (MyValue answers two at a time)`]);
  const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunReport;
  expect(report.requests.map((r) => [r.name, r.status])).toEqual([['first', 200], ['second', 200]]);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  expect(html.match(/\[masked\]/g)?.length ?? 0).toBeGreaterThanOrEqual(MAX_LEARNED_TOKENS);
  expect(html).not.toContain(SECRET);
}, 120_000);

it(`a gzip body inflating past ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB: that request fails saying so, the next one runs, the reports stay small`, async () => {
  const bomb = gzipSync(Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(2 * MAX_RESPONSE_BYTES, 'a'), Buffer.from('"}')]), { level: 9 });
  const target = await serve((req, res) => {
    if (req.url === '/bomb') res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length }).end(bomb);
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  const dir = tempDir('myvalue-hostile-target-');
  const out = join(dir, 'reports');
  const file = collection(dir, [['bomb', 'GET', '{{externalBaseUrl}}/bomb'], ['after', 'GET', '{{externalBaseUrl}}/after']]);
  const result = await runCli(['run', '--collection', file, '--target', target, '--client-id', 'MADEUP', '--client-secret', SECRET, '--no-contract', '--out', out]);
  const printed = [...result.out, ...result.err].join('\n');
  noStack(printed);
  expect(result.code).toBe(1);
  const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunReport;
  expect(report.requests.map((r) => [r.name, r.status, r.failures])).toEqual([
    ['bomb', undefined, ['request error: the response body is larger than 10 MiB (after decompression), the most a run reads: not read further, the run goes on']],
    ['after', 200, []],
  ]);
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('larger than 10 MiB');
  expect(printed).toContain('larger than 10 MiB');
  for (const name of readdirSync(out)) expect(statSync(join(out, name)).size, name).toBeLessThan(1024 * 1024);
}, 120_000);
