// Durability with --data: SIGKILL the fake in the middle of a stream of earns, start it again on
// the same file, and every earn that was answered 200 is still in the history.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/spawn-mock';
import { httpRequest, seedClient, signedHttp, signedUrl, wholeHistory, type Credentials } from './signed';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const VALUE_ID = 'VS4NTK';
/** Earns answered 200 before the kill; a few more are in flight when it lands. */
const ACKED_BEFORE_KILL = 100;
const IN_FLIGHT = 4;
const MAX_REQUESTS = 400;

type Child = ChildProcessByStdio<null, Readable, Readable>;

interface Running {
  child: Child;
  url: string;
  exited: Promise<void>;
}

/** Starts `myvalue mock` on a free port and resolves with the URL from its first stdout line. */
function startMock(dataFile: string): Promise<Running> {
  const child = spawn(process.execPath, [...CLI, 'mock', '--port', '0', '--quiet', '--data', dataFile], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0] ?? '';
      if (!out.includes('\n')) return;
      child.stdout.off('data', onData);
      child.stdout.resume(); // keep draining later lines (warnings), so the child never blocks on a full pipe
      const url = /(http:\/\/\S+)/.exec(line)?.[1];
      if (url) resolve({ child, url, exited });
      else reject(new Error(`unexpected first line from myvalue mock: ${line}`));
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`myvalue mock exited (${code}) before listening: ${stderr.trim()}`)));
  });
}

describe('durability with --data', () => {
  const children: Child[] = [];
  let dir: string | undefined;

  afterEach(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    children.length = 0;
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('every earn answered 200 before a SIGKILL is in the history after a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'myvalue-durability-'));
    const dataFile = join(dir, 'fake.sqlite');
    const creds: Credentials = seedClient('KompasCom');
    const first = await startMock(dataFile);
    children.push(first.child);

    const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const acked: string[] = [];
    const sent: string[] = [];
    let lost = 0;
    let killed = false;
    const worker = async (): Promise<void> => {
      while (sent.length < MAX_REQUESTS) {
        const referenceNo = `DURABLE-${sent.length}`;
        sent.push(referenceNo);
        let reply;
        try {
          reply = await signedHttp(agent, first.url, 'point.earn', creds, { amount: 10_000, referenceNo, exchangeRate: 0, outletID: 'MVAPP00001', valueID: VALUE_ID });
        } catch (error) {
          if (!killed) throw error;
          lost += 1; // in flight when the process died: it may or may not have been applied
          return;
        }
        expect(reply, referenceNo).toMatchObject({ status: 200, body: { Point: 160 } });
        acked.push(referenceNo);
        if (acked.length >= ACKED_BEFORE_KILL && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    agent.destroy();
    await first.exited;
    expect(killed, 'the stream was still running when the kill came').toBe(true);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(lost, 'requests were cut off by the kill').toBeGreaterThan(0);

    const second = await startMock(dataFile);
    children.push(second.child);
    const agent2 = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const { entries, count } = await wholeHistory((url) => httpRequest(agent2, url, 'GET'), signedUrl(second.url, 'point.history', creds, { valueID: VALUE_ID, limit: 100 }));
      expect(entries).toHaveLength(count);
      const found = new Set(entries.map((e) => e.referenceNo));
      const missing = acked.filter((ref) => !found.has(ref));
      expect(missing, 'earns answered 200 but lost').toEqual([]);
      const durable = entries.filter((e) => e.referenceNo.startsWith('DURABLE-'));
      expect(new Set(durable.map((e) => e.referenceNo)).size, 'no earn applied twice').toBe(durable.length);
      expect(durable.length).toBeLessThanOrEqual(acked.length + lost);
      const balance = await signedHttp(agent2, second.url, 'point.get', creds, { valueID: VALUE_ID });
      expect(balance.status).toBe(200);
      expect((balance.body as { point: number }).point, 'balance = sum of history').toBe(entries.reduce((sum, e) => sum + e.point, 0));
    } finally {
      agent2.destroy();
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
