// Small user mistakes and messages, run in process: each answer is one line a user can act on.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const occupy = (): Promise<{ server: Server; port: number }> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });

describe('mock', () => {
  it('an --auth-port in use is named with its port and flag, exit 2', async () => {
    const taken = await occupy();
    try {
      const result = await runCli(['mock', '--port', '0', '--auth-port', String(taken.port), '--quiet']);
      expect(result.code).toBe(2);
      expect(result.err).toEqual([`myvalue: cannot listen on 127.0.0.1:${taken.port} (--auth-port): port already in use`]);
    } finally {
      taken.server.close();
    }
  });
});

describe('inject', () => {
  it('counts one request in the singular', async () => {
    const dir = tempDir('myvalue-inject-');
    const source = join(dir, 'one.postman_collection.json');
    writeFileSync(source, JSON.stringify({ info: { name: 'one', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'balance', request: { method: 'GET', url: 'https://external.ovaltech.id/service/point/?valueID=V1' } }] }));
    const out = join(dir, 'signed.json');
    const result = await runCli(['inject', source, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toBe(`wrote ${out}: signing hook on 1 request`);
  });
});

describe('--out that cannot be a directory', () => {
  const file = (): string => {
    const path = join(tempDir('myvalue-out-'), 'taken.txt');
    writeFileSync(path, 'not a directory');
    return path;
  };

  it.each([
    ['run', 'mock', ''],
    ['run', 'msw', ''],
    ['gate', 'msw', ''],
    ['run', 'mock', '/sub'],
    ['gate', 'mock', '/sub'],
  ])('%s --target %s --out FILE%s: one line, exit 2, before any target starts', async (command, target, sub) => {
    const taken = file();
    const result = await runCli([command, '--target', target, '--out', `${taken}${sub}`]);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([`myvalue: cannot write reports to ${taken}${sub}: ${taken} is a file, not a directory`]);
  });
});
