// `npm run bench`: autocannon against a bare Express JSON endpoint and against the fake (Express
// adapter, silent logger), side by side in one run. Each server runs in its own child process, so
// its RSS is its own and the load generator does not share its event loop. Prints figures only.
//
//   npm run bench -- [--seconds 8] [--connections 50] [--profile]
//
// --profile writes a V8 CPU profile of the fake's process under reports/bench/ (open it in Chrome
// DevTools or speedscope).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSeed } from '../../mocks/create-fake';
import type { FromChild, ServerKind, ToChild } from './bench-server';
import { cases, load, numberArg as arg, type Case, type Figures } from './bench-load';

const SERVER_SCRIPT = fileURLToPath(new URL('./bench-server.ts', import.meta.url));

interface Server {
  kind: ServerKind;
  url: string;
  child: ChildProcess;
  ask(message: ToChild): Promise<FromChild>;
}

function startServer(kind: ServerKind, profileDir?: string): Promise<Server> {
  const execArgv = [...process.execArgv, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const child = fork(SERVER_SCRIPT, [kind], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (message: ToChild): Promise<FromChild> =>
    new Promise((resolve) => {
      child.once('message', (reply: FromChild) => resolve(reply));
      child.send(message);
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code}) before listening`)));
    child.once('message', (message: FromChild) => {
      if (message.type === 'listening' && message.url) resolve({ kind, url: message.url, child, ask });
      else reject(new Error(`${kind} server: unexpected message ${JSON.stringify(message)}`));
    });
  });
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.send({ type: 'stop' } satisfies ToChild);
  await exited;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const pad = (text: string, width: number): string => text.padEnd(width);
const num = (n: number, width: number): string => String(Math.round(n)).padStart(width);

async function main(): Promise<number> {
  const seconds = arg('--seconds', 8);
  const connections = arg('--connections', 50);
  const profileDir = process.argv.includes('--profile') ? fileURLToPath(new URL('../../reports/bench/', import.meta.url)) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const seedClient = loadSeed().clients.find((c) => c.clientId === 'GramediaPOS');
  if (!seedClient) throw new Error('the demo seed has no GramediaPOS client');
  const { get, post } = cases({ clientId: seedClient.clientId, clientSecret: seedClient.clientSecret });

  process.stdout.write(`autocannon, ${connections} connections, ${seconds} s per case after a 1 s warm-up; servers in child processes\n`);
  const rows: Array<{ label: string; figures: Figures }> = [];
  const measure = async (server: Server, c: Case, label: string): Promise<Figures> => {
    await load(server.url, c, 1, connections);
    const figures = await load(server.url, c, seconds, connections);
    rows.push({ label, figures });
    process.stdout.write(`  ${pad(label, 62)} ${num(figures.rps, 7)} req/s   p99 ${num(figures.p99, 3)} ms\n`);
    return figures;
  };

  const bare = await startServer('bare');
  const bareGet = await measure(bare, get, `bare Express  ${get.name.split(' (')[0]}`);
  // The same signed bodies go to both servers, so the load generator does the same work for each.
  const barePost = await measure(bare, post, `bare Express  ${post.name.split(' (')[0]} (express.json)`);
  const bareMemory = await bare.ask({ type: 'memory' });
  await stopServer(bare);

  const fake = await startServer('fake', profileDir);
  const fakeGet = await measure(fake, get, `fake MyValue  ${get.name}`);
  const fakePost = await measure(fake, post, `fake MyValue  ${post.name}`);
  const fakeMemory = await fake.ask({ type: 'memory' });
  await stopServer(fake);

  const ratioGet = fakeGet.rps / bareGet.rps;
  const ratioPost = fakePost.rps / barePost.rps;
  const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  const lines = [
    '',
    `${pad('case', 76)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'requests'.padStart(9)} non-2xx errors`,
    ...rows.map(({ label, figures: f }) => `${pad(label, 76)} ${num(f.rps, 7)} ${num(f.p50, 7)} ${num(f.p99, 7)} ${num(f.total, 9)} ${num(f.non2xx, 7)} ${num(f.errors, 6)}`),
    '',
    `fake/bare GET   ${ratioGet.toFixed(2)}  (target >= 0.50: ${verdict(ratioGet >= 0.5)})`,
    `fake/bare POST  ${ratioPost.toFixed(2)}  (target >= 0.30: ${verdict(ratioPost >= 0.3)})`,
    `fake p99        GET ${fakeGet.p99} ms, POST ${fakePost.p99} ms  (target < 20 ms at ${connections} connections: ${verdict(fakeGet.p99 < 20 && fakePost.p99 < 20)})`,
    `fake RSS        ${mb(fakeMemory.rss ?? 0)} after the run, peak ${mb(fakeMemory.maxRss ?? 0)}  (target < 200 MB: ${verdict((fakeMemory.rss ?? 0) < 200 * 1024 * 1024)})`,
    `                of which JS heap ${mb(fakeMemory.heapUsed ?? 0)}, SQLite ${mb(fakeMemory.dbBytes ?? 0)} (${fakePost.total} earns in the measured run, plus the warm-up); bare Express under the same tsx loader: ${mb(bareMemory.rss ?? 0)}`,
    ...(profileDir ? [`CPU profile of the fake: ${profileDir}`] : []),
    '',
  ];
  process.stdout.write(lines.join('\n'));
  // Timing never fails the run; wrong answers do (the figures would mean nothing).
  const wrong = fakeGet.non2xx + fakePost.non2xx + bareGet.non2xx + barePost.non2xx;
  if (wrong > 0) {
    process.stderr.write(`bench: ${wrong} responses were not 2xx; the figures above are not comparable\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
