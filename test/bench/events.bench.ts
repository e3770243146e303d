// `npm run bench:events`: the live event stream (GET /__admin/events) under load, measured on whole
// `myvalue mock` processes (the built CLI, as a partner runs it), side by side in one run:
// - memory: streams that never read (100) while signed requests (3,000) are answered, each an event of
//   about 4 KB (a 4,000-character note in its query: the journal keeps bodies up to 4,096 characters, so
//   a partner's POST makes events that large): the process's RSS before and after, and its peak (Linux:
//   /proc/PID/status VmRSS and VmHWM);
// - throughput: autocannon's req/s with no stream, then with streams that read everything (50), in
//   interleaved rounds on one process per build (medians), so the machine's load hits every side alike.
// With --compare OTHER/dist/cli.mjs (another build, e.g. the main branch's) every case runs on both,
// one after the other, and the table gives both columns and their ratio. Prints figures only.
//
//   npm run build && npm run bench:events -- [--compare PATH] [--idle 100] [--requests 3000] [--note 4000] [--readers 50] [--seconds 5] [--connections 50] [--rounds 3]
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadSeed } from '../../mocks/create-fake';
import { cases, load, numberArg, type Case, type Figures } from './bench-load';

const THIS_CLI = fileURLToPath(new URL('../../dist/cli.mjs', import.meta.url));

interface Mock {
  url: string;
  child: ChildProcess;
}

/** `myvalue mock --port 0 --quiet` in a process of its own; resolves on its listening line. */
function startMock(cli: string): Promise<Mock> {
  const child = spawn(process.execPath, [cli, 'mock', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ url, child });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${cli} mock exited (${code}) before listening: ${err.slice(0, 300)}`)));
  });
}

async function stopMock(mock: Mock): Promise<void> {
  if (mock.child.exitCode !== null || mock.child.signalCode !== null) return;
  const exited = once(mock.child, 'exit');
  mock.child.kill('SIGTERM');
  await exited;
}

/** The process's resident memory now and at its peak, in bytes (Linux). */
function memoryOf(child: ChildProcess): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

interface Stream {
  status: number;
  socket: net.Socket;
}

/**
 * A GET /__admin/events connection; resolves with its status once the answer's head came. `read` false:
 * the socket is then paused and never read again (a client that went idle); true: it reads everything.
 */
function openStream(url: string, read: boolean): Promise<Stream> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET /__admin/events HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n\r\n`);
    });
    socket.once('error', reject);
    socket.once('data', (chunk: Buffer) => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? 0);
      if (read) socket.on('data', () => undefined);
      else socket.pause();
      // The fake may end a stream (past its bound): that is a figure, not the bench's failure.
      socket.on('error', () => undefined);
      resolve({ status, socket });
    });
  });
}

const openStreams = (url: string, n: number, read: boolean): Promise<Stream[]> => Promise.all(Array.from({ length: n }, () => openStream(url, read)));
const accepted = (streams: readonly Stream[]): number => streams.filter((s) => s.status === 200).length;

interface Options {
  idle: number;
  requests: number;
  readers: number;
  seconds: number;
  connections: number;
  /** Rounds of the throughput cases (medians are shown). */
  rounds: number;
  get: Case;
  /** The GET with a long unsigned note: a large event. */
  padded: Case;
}

interface Result {
  idleAccepted: number;
  rssStart: number;
  rssAfter: number;
  rssPeak: number;
  memoryLoad: Figures;
  /** Medians over the rounds. */
  none: Figures;
  readersAccepted: number;
  reading: Figures;
}

type MemoryResult = Pick<Result, 'idleAccepted' | 'rssStart' | 'rssAfter' | 'rssPeak' | 'memoryLoad'>;

/** The memory case on a fresh process of one build. */
async function measureMemory(cli: string, o: Options): Promise<MemoryResult> {
  const mock = await startMock(cli);
  try {
    const start = memoryOf(mock.child);
    const idle = await openStreams(mock.url, o.idle, false);
    const memoryLoad = await load(mock.url, o.padded, 1, 10, o.requests);
    const after = memoryOf(mock.child);
    for (const s of idle) s.socket.destroy();
    return { idleAccepted: accepted(idle), rssStart: start.rss, rssAfter: after.rss, rssPeak: after.peak, memoryLoad };
  } finally {
    await stopMock(mock);
  }
}

/** The figures with the median req/s of several runs. */
function median(runs: readonly Figures[]): Figures {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  const mid = sorted[Math.floor(sorted.length / 2)] as Figures;
  return { ...mid, non2xx: runs.reduce((n, f) => n + f.non2xx, 0), errors: runs.reduce((n, f) => n + f.errors, 0) };
}

/**
 * The throughput cases on one process per build, all running at once: round after round, each build
 * without streams and then with reading streams, so the machine's load falls on every figure alike.
 */
async function measureThroughput(clis: readonly string[], o: Options): Promise<Array<Pick<Result, 'none' | 'readersAccepted' | 'reading'>>> {
  const mocks: Mock[] = [];
  try {
    for (const cli of clis) mocks.push(await startMock(cli));
    const none: Figures[][] = mocks.map(() => []);
    const reading: Figures[][] = mocks.map(() => []);
    const acceptedReaders: number[] = mocks.map(() => 0);
    for (let round = 0; round < o.rounds; round++) {
      for (const [i, mock] of mocks.entries()) {
        await load(mock.url, o.get, 1, o.connections);
        none[i]?.push(await load(mock.url, o.get, o.seconds, o.connections));
        const readers = await openStreams(mock.url, o.readers, true);
        acceptedReaders[i] = accepted(readers);
        await load(mock.url, o.get, 1, o.connections);
        reading[i]?.push(await load(mock.url, o.get, o.seconds, o.connections));
        for (const s of readers) s.socket.destroy();
      }
    }
    return mocks.map((_, i) => ({ none: median(none[i] ?? []), readersAccepted: acceptedReaders[i] ?? 0, reading: median(reading[i] ?? []) }));
  } finally {
    for (const mock of mocks) await stopMock(mock);
  }
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<number> {
  const at = process.argv.indexOf('--compare');
  const compare = at < 0 ? undefined : process.argv[at + 1];
  if (at >= 0 && !compare) throw new Error('--compare takes the path of another build\'s dist/cli.mjs');
  const demo = loadSeed().clients.find((c) => c.clientId === 'GramediaPOS');
  if (!demo) throw new Error('the demo seed has no GramediaPOS client');
  const { get } = cases(demo);
  const o: Options = {
    idle: numberArg('--idle', 100),
    requests: numberArg('--requests', 3000),
    readers: numberArg('--readers', 50),
    seconds: numberArg('--seconds', 5),
    connections: numberArg('--connections', 50),
    rounds: numberArg('--rounds', 3),
    get,
    padded: { ...get, name: `${get.name} with a note`, path: `${get.path}&note=${'n'.repeat(numberArg('--note', 4000))}` },
  };
  const builds: Array<[string, string]> = [...(compare ? [['compare', compare] as [string, string]] : []), ['this', THIS_CLI]];
  process.stdout.write(`myvalue mock processes; ${builds.map(([label, cli]) => `${label}: ${cli}`).join('; ')}\n`);
  process.stdout.write(`${o.idle} idle streams over ${o.requests} requests with a ${o.padded.path.length - o.get.path.length}-character note (10 connections); ${o.readers} reading streams, autocannon ${o.connections} connections, ${o.seconds} s after a 1 s warm-up, median of ${o.rounds} interleaved rounds\n`);
  const memory: MemoryResult[] = [];
  for (const [label, cli] of builds) {
    process.stdout.write(`  memory: ${label}...\n`);
    memory.push(await measureMemory(cli, o));
  }
  process.stdout.write(`  throughput: ${o.rounds} rounds...\n`);
  const speed = await measureThroughput(builds.map(([, cli]) => cli), o);
  const results: Result[] = memory.map((m, i) => ({ ...m, ...(speed[i] as Pick<Result, 'none' | 'readersAccepted' | 'reading'>) }));
  const rows: Array<[string, (r: Result) => number, (n: number) => string]> = [
    [`idle streams accepted (of ${o.idle})`, (r) => r.idleAccepted, String],
    ['RSS at start', (r) => r.rssStart, mb],
    [`RSS after ${o.requests} requests, idle streams open`, (r) => r.rssAfter, mb],
    ['peak RSS', (r) => r.rssPeak, mb],
    [`req/s of those ${o.requests} requests`, (r) => r.memoryLoad.rps, (n) => n.toFixed(0)],
    ['req/s, no stream', (r) => r.none.rps, (n) => n.toFixed(0)],
    [`reading streams accepted (of ${o.readers})`, (r) => r.readersAccepted, String],
    [`req/s, ${o.readers} reading streams`, (r) => r.reading.rps, (n) => n.toFixed(0)],
    ['  with streams / without', (r) => r.reading.rps / r.none.rps, (n) => n.toFixed(2)],
    ['p99 ms, reading streams', (r) => r.reading.p99, String],
  ];
  const width = 52;
  const lines = [
    '',
    `${''.padEnd(width)}${builds.map(([label]) => label.padStart(12)).join('')}${compare ? 'this/compare'.padStart(14) : ''}`,
    ...rows.map(([name, of, shown]) => {
      const values = results.map(of);
      const ratio = compare && values[0] ? `${((values[1] ?? 0) / values[0]).toFixed(2)}x`.padStart(14) : '';
      return `${name.padEnd(width)}${values.map((v) => shown(v).padStart(12)).join('')}${ratio}`;
    }),
    '',
  ];
  process.stdout.write(lines.join('\n'));
  // Wrong answers make the figures meaningless; timings never fail the run.
  const wrong = results.reduce((n, r) => n + r.memoryLoad.non2xx + r.none.non2xx + r.reading.non2xx + r.memoryLoad.errors + r.none.errors + r.reading.errors, 0);
  if (wrong > 0) {
    process.stderr.write(`bench:events: ${wrong} requests were not answered 2xx; the figures above are not comparable\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
