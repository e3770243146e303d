import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Api, ref } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { CLI, spawnMock } from '../helpers/spawn-mock';
import { shippedFile } from '../../src/shared/package-files';
import { tempDir } from '../helpers/temp-dir';

describe('myvalue mock', () => {
  it('serves on 127.0.0.1, names the clients but never a secret, accepts --client, stops on SIGTERM', async () => {
    const mock = await spawnMock(['--client', 'MyPOS:made-up-secret-42']);
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(new URL(mock.url).port).not.toBe('0');
      const api = new Api(mock.url, { clientId: 'MyPOS', clientSecret: 'made-up-secret-42' });
      expect(await api.balance('VR8EPN')).toBe(36578968);
      const wrong = await api.call('point.get', { valueID: 'VR8EPN' }, { clientSecret: 'another-made-up' });
      expect(wrong.status).toBe(401);
    } finally {
      expect(await mock.stop('SIGTERM')).toBe(0);
    }
    const output = mock.output();
    expect(output).toMatch(/clients: GramediaPOS, KompasCom, MyPOS/);
    expect(output).toMatch(/GET \/service\/point\/ 401 .*expected sha256 of "MyPOS<clientSecret>VR8EPN"/);
    expect(output).not.toContain('made-up-secret-42');
    expect(output).not.toContain('demo-secret');
  });

  it('the banner says where the demo secrets are and how to sign as the demo client, and prints none of them', async () => {
    const seedFile = shippedFile('mocks/seed.json');
    const mock = await spawnMock(['--quiet']);
    await mock.stop();
    const output = mock.output();
    expect(output).toContain(`  client secrets: made up, in ${seedFile} ("clients"); myvalue sign --demo RULE field=value ... signs as GramediaPOS`);
    const listed = /clients: (.*?) {3}/.exec(output)?.[1]?.split(', ') ?? [];
    const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as { clients: Array<{ clientId: string; clientSecret: string }> };
    expect(seed.clients.map((c) => c.clientId)).toEqual(listed);
    for (const client of seed.clients) expect(output).not.toContain(client.clientSecret);
    const json = await spawnMock(['--log-format', 'json', '--seed', seedFile, '--client', 'MyPOS:made-up-secret-44']);
    await json.stop();
    expect(JSON.parse(json.output().split('\n')[0] ?? '{}')).toMatchObject({ event: 'listening', clientSecretsFile: seedFile });
    expect(json.output()).not.toContain('sign --demo');
    expect(json.output()).not.toContain('made-up-secret-44');
  });

  it('--log-format json: one JSON object a line, the listening line too; a refused sign says why, never the secret', async () => {
    const mock = await spawnMock(['--log-format', 'json', '--client', 'MyPOS:made-up-secret-43']);
    try {
      const api = new Api(mock.url, { clientId: 'MyPOS', clientSecret: 'made-up-secret-43' });
      expect(await api.balance('VR8EPN')).toBe(36578968);
      expect((await api.call('point.get', { valueID: 'VR8EPN' }, { clientSecret: 'another-made-up' })).status).toBe(401);
    } finally {
      expect(await mock.stop('SIGTERM')).toBe(0);
    }
    const lines = mock.output().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ level: 'info', event: 'listening', url: mock.url, externalApi: mock.url, authApi: mock.url, state: 'in memory' });
    expect(lines[0]?.clients).toEqual(['GramediaPOS', 'KompasCom', 'MyPOS']);
    const requests = lines.filter((l) => l.event === 'request');
    expect(requests.map((r) => [r.level, r.method, r.path, r.status, r.rule, r.clientId, r.signOk])).toEqual([
      ['info', 'GET', '/service/point/', 200, 'point.get', 'MyPOS', true],
      ['warn', 'GET', '/service/point/', 401, 'point.get', 'MyPOS', false],
    ]);
    expect(requests[1]?.note).toMatch(/expected sha256 of "MyPOS<clientSecret>VR8EPN"/);
    expect(lines.at(-1)).toMatchObject({ event: 'stopping', signal: 'SIGTERM' });
    expect(mock.output()).not.toContain('made-up-secret-43');
  });

  it('--version prints the package version; a bad --log-format is a usage error', async () => {
    const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    expect(await runCli(['--version'])).toEqual({ code: 0, out: [version], err: [] });
    const bad = await runCli(['mock', '--log-format', 'xml']);
    expect(bad).toEqual({ code: 2, out: [], err: ['myvalue: --log-format must be text or json, got "xml"'] });
  });

  it('keeps state in --data across restarts; /__admin/reset restores the seed', async () => {
    const dir = tempDir('myvalue-data-');
    const data = join(dir, 'state.sqlite');
    const first = await spawnMock(['--data', data, '--quiet']);
    const api1 = new Api(first.url);
    const earned = await api1.call('point.earn', { amount: 10000, referenceNo: ref(), exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' });
    expect(earned.body).toEqual({ Point: 160 });
    expect(await first.stop('SIGINT')).toBe(0);
    const second = await spawnMock(['--data', data, '--quiet']);
    try {
      const api2 = new Api(second.url);
      expect(await api2.balance('VB60VS')).toBe(10800);
      await api2.raw('POST', '/__admin/reset');
      expect(await api2.balance('VB60VS')).toBe(10640);
    } finally {
      await second.stop();
    }
  });

  it.each([
    [['--seed', '/nonexistent/seed.json'], /^myvalue: cannot read seed \/nonexistent\/seed.json: ENOENT$/],
    [['--client', 'nocolon'], /^myvalue: --client takes ID:SECRET/],
    [['--port', 'abc'], /^myvalue: --port must be a port number/],
    [['--redirect-uri', 'GramediaPOS=ftp://x'], /is not an http\(s\) URL/],
    [['--redirect-uri', 'Nobody=http://127.0.0.1/cb'], /unknown client Nobody/],
    [['--clock', 'last tuesday'], /^myvalue: the clock's start must be an ISO 8601 instant with its zone/],
  ])('usage error %j: one line on stderr, exit 2', async (args, message) => {
    // In process: these fail before anything listens. The seed test below runs the real binary.
    const result = await runCli(['mock', '--port', '0', ...args]);
    expect(result.code).toBe(2);
    const stderr = result.err.join('\n');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });

  // The real binary, spawned: its exit code and stderr for a usage error.
  it('a seed that breaks the schema names the field', () => {
    const dir = tempDir('myvalue-seed-');
    const file = join(dir, 'seed.yaml');
    writeFileSync(file, 'clients: []\noutlets: []\nusers:\n  - firstName: A\npromos: []\n');
    const result = spawnSync(process.execPath, [...CLI, 'mock', '--port', '0', '--seed', file], { encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`myvalue: seed ${file}: /users/0 must have required property 'valueID'`);
  });

  it('a port in use is a one-line error', async () => {
    // The port is held by a listener in this process; the CLI runs in process and cannot bind it.
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((holder.address() as AddressInfo).port);
      const result = await runCli(['mock', '--port', port]);
      expect(result.code).toBe(2);
      expect(result.err.join('\n').trim()).toBe(`myvalue: cannot listen on 127.0.0.1:${port} (--port): port already in use`);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });
});
