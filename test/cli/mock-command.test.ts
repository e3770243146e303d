// `myvalue mock [options] -- COMMAND...` as a CI step runs it: no terminal, stdin from /dev/null, output
// to pipes, in a session of its own. The fake starts, the command runs against it, everything stops,
// and the exit code is the command's; afterwards nothing listens and no process of the step is left.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ciSpawn, refused } from '../helpers/ci-process';
import { CLI } from '../helpers/spawn-mock';
import { tempDir } from '../helpers/temp-dir';

const node = process.execPath;
/** `myvalue ARGS` from source, as a CI step would start it. */
const myvalue = (args: readonly string[]): ReturnType<typeof ciSpawn> => ciSpawn(node, [...CLI, ...args]);

/** A test command: reads the fake's health at the URLs it was given, prints what it saw, exits with argv[1]. */
const PROBE = `
const ext = process.env.MYVALUE_EXTERNAL_BASE_URL, auth = process.env.MYVALUE_AUTH_BASE_URL;
const [a, b] = await Promise.all([fetch(ext + '/__admin/health'), fetch(auth + '/__admin/health')]);
console.log('probe external=' + ext + ' ' + a.status + ' auth=' + auth + ' ' + b.status);
process.exitCode = Number(process.argv[1]);
`;

/**
 * A test command that starts a server of its own (an app under test) and prints its port; then it waits,
 * or exits leaving the server running.
 */
const WITH_SERVER = (then: 'wait' | 'exit'): string => `
const { spawn } = require('node:child_process');
const server = spawn(process.execPath, ['-e', "require('node:net').createServer().listen(0, '127.0.0.1', function () { console.log('app port ' + this.address().port) })"], { stdio: ['ignore', 'pipe', 'inherit'] });
server.stdout.once('data', (line) => {
  process.stdout.write(line);
  ${then === 'wait' ? "console.log('command pid ' + process.pid);" : 'server.stdout.destroy(); server.unref();'}
});
${then === 'wait' ? 'setInterval(() => undefined, 60_000);' : ''}
`;

const bannerUrl = (output: string): string => /fake MyValue listening on (http:\/\/\S+)/.exec(output)?.[1] ?? 'no banner';

describe('myvalue mock -- COMMAND (a CI step, no terminal)', () => {
  it.each([0, 3])('runs the command once the fake listens, gives it the URLs (--port 0, --auth-port 0), exits with its code %i; nothing is left listening', async (code) => {
    const ci = myvalue(['mock', '--port', '0', '--auth-port', '0', '--quiet', '--', node, '--input-type=module', '-e', PROBE, String(code)]);
    expect(await ci.exited, ci.output()).toBe(code);
    const probe = /probe external=(\S+) 200 auth=(\S+) 200/.exec(ci.stdout());
    expect(probe, ci.output()).not.toBeNull();
    const [, external = '', auth = ''] = probe ?? [];
    expect(external).toBe(bannerUrl(ci.stdout()));
    expect(auth).not.toBe(external);
    expect(new URL(external).port).not.toBe('0');
    expect(await refused(external)).toBe(true);
    expect(await refused(auth)).toBe(true);
    expect(ci.leftovers()).toEqual([]);
    expect(ci.stderr()).toBe('');
  });

  it("--log-format json: the command's start and end are JSON lines too; the command's own output passes through", async () => {
    const ci = myvalue(['mock', '--port', '0', '--log-format', 'json', '--', node, '--input-type=module', '-e', PROBE, '5']);
    expect(await ci.exited, ci.output()).toBe(5);
    const lines = ci.stdout().trim().split('\n');
    const fake = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    const url = fake[0]?.url;
    expect(fake.map((l) => l.event)).toEqual(['listening', 'command', 'request', 'request', 'command-exit']);
    expect(fake[1]).toMatchObject({ command: 'node', env: { MYVALUE_EXTERNAL_BASE_URL: url, MYVALUE_AUTH_BASE_URL: url } });
    expect(fake[4]).toMatchObject({ command: 'node', exitCode: 5 });
    expect(lines.filter((line) => !line.startsWith('{'))).toEqual([`probe external=${String(url)} 200 auth=${String(url)} 200`]);
  });

  it('a command that is not there: one line, exit 127 (as a shell says), and the fake is stopped', async () => {
    const ci = myvalue(['mock', '--port', '0', '--quiet', '--', 'no-such-command-h7', '--flag']);
    expect(await ci.exited).toBe(127);
    expect(ci.stderr().trim().split('\n')).toEqual(['myvalue: cannot run no-such-command-h7: command not found']);
    expect(await refused(bannerUrl(ci.stdout()))).toBe(true);
    expect(ci.leftovers()).toEqual([]);
  });

  it('a command killed by a signal: exit 128 + n (143 for SIGTERM)', async () => {
    const ci = myvalue(['mock', '--port', '0', '--quiet', '--', 'sh', '-c', 'kill -TERM $$']);
    expect(await ci.exited).toBe(143);
    expect(ci.stdout()).toContain('the command (sh) was killed by SIGTERM (exit 143)');
    expect(await refused(bannerUrl(ci.stdout()))).toBe(true);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('myvalue itself gets %s: the command, the server it started and the fake stop; exit %i; the pid file goes', async (signal, code) => {
    const pidFile = join(tempDir('myvalue-ci-'), 'fake.pid');
    const ci = myvalue(['mock', '--port', '0', '--quiet', '--pid-file', pidFile, '--', node, '-e', WITH_SERVER('wait')]);
    const [, app = ''] = await ci.waitFor(/app port (\d+)/);
    await ci.waitFor(/command pid \d+/);
    expect(readFileSync(pidFile, 'utf8').trim()).toBe(String(ci.pid));
    process.kill(ci.pid, signal);
    expect(await ci.exited, ci.output()).toBe(code);
    expect(await refused(`http://127.0.0.1:${app}`)).toBe(true);
    expect(await refused(bannerUrl(ci.stdout()))).toBe(true);
    expect(ci.leftovers()).toEqual([]);
    expect(existsSync(pidFile)).toBe(false);
    expect(ci.stdout()).toContain(`${signal}: stopping the command (${node.split('/').at(-1)}) and the fake`);
  });

  it('what the command left running (a server it started in the background) is stopped with it', async () => {
    const ci = myvalue(['mock', '--port', '0', '--quiet', '--', node, '-e', WITH_SERVER('exit')]);
    const [, app = ''] = await ci.waitFor(/app port (\d+)/);
    expect(await ci.exited, ci.output()).toBe(0);
    expect(await refused(`http://127.0.0.1:${app}`)).toBe(true);
    expect(ci.leftovers()).toEqual([]);
  });

  it.each([
    ['a second signal', true],
    ['the grace period (5 s)', false],
  ])('a command that ignores SIGTERM is killed (exit 137) after %s', async (_label, twice) => {
    const ci = myvalue(['mock', '--port', '0', '--quiet', '--', 'sh', '-c', "trap '' TERM; echo ignoring; while :; do sleep 1; done"]);
    await ci.waitFor(/ignoring/);
    process.kill(ci.pid, 'SIGTERM');
    if (twice) {
      await ci.waitFor(/SIGTERM: stopping/);
      process.kill(ci.pid, 'SIGTERM');
    }
    expect(await ci.exited, ci.output()).toBe(137);
    expect(ci.leftovers()).toEqual([]);
  });

  it('a fake that cannot start (port taken): one line, exit 2, and the command never runs', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((holder.address() as AddressInfo).port);
      const marker = join(tempDir('myvalue-ci-'), 'ran');
      const ci = myvalue(['mock', '--port', port, '--', node, '-e', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`]);
      expect(await ci.exited).toBe(2);
      expect(ci.stderr().trim().split('\n')).toEqual([`myvalue: cannot listen on 127.0.0.1:${port} (--port): port already in use`]);
      expect(existsSync(marker)).toBe(false);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });
});

describe('myvalue mock --pid-file (the fake in the background)', () => {
  it('holds the pid of the node process that listens, from the first line on; kill "$(cat FILE)" stops it (exit 0) and the file goes', async () => {
    const pidFile = join(tempDir('myvalue-ci-'), 'fake.pid');
    const ci = myvalue(['mock', '--port', '0', '--pid-file', pidFile]);
    await ci.waitFor(/fake MyValue listening on/);
    expect(readFileSync(pidFile, 'utf8')).toBe(`${ci.pid}\n`);
    process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
    expect(await ci.exited).toBe(0);
    expect(existsSync(pidFile)).toBe(false);
    expect(await refused(bannerUrl(ci.stdout()))).toBe(true);
  });

  it.each([
    [(dir: string) => join(dir, 'missing', 'fake.pid'), (dir: string) => `myvalue: --pid-file ${join(dir, 'missing', 'fake.pid')}: no directory ${join(dir, 'missing')}`],
    [(dir: string) => dir, (dir: string) => `myvalue: --pid-file ${dir}: it is a directory`],
  ])('refuses a path it cannot write before anything starts: one line, exit 2', async (path, message) => {
    const dir = tempDir('myvalue-ci-');
    const ci = myvalue(['mock', '--port', '0', '--pid-file', path(dir)]);
    expect(await ci.exited).toBe(2);
    expect(ci.stderr().trim().split('\n')).toEqual([message(dir)]);
    expect(ci.stdout()).toBe('');
  });

  it('refuses a pid file that names a running process (another fake), and leaves the file as it was', async () => {
    const pidFile = join(tempDir('myvalue-ci-'), 'fake.pid');
    writeFileSync(pidFile, `${process.pid}\n`);
    const ci = myvalue(['mock', '--port', '0', '--pid-file', pidFile]);
    expect(await ci.exited).toBe(2);
    expect(ci.stderr().trim().split('\n')).toEqual([`myvalue: --pid-file ${pidFile} holds pid ${process.pid}, which is running: stop that fake first, or remove the file`]);
    expect(readFileSync(pidFile, 'utf8')).toBe(`${process.pid}\n`);
  });
});

describe('myvalue mock: the command after --, and only there', () => {
  it.each([
    [['npm', 'test'], 'myvalue: mock runs a command only after --, e.g. myvalue mock --port 0 -- npm test; got "npm" before it'],
    [['--'], 'myvalue: nothing after --: give the command to run, e.g. myvalue mock --port 0 -- npm test'],
  ])('%j: one line, exit 2, nothing starts', async (args, message) => {
    const ci = myvalue(['mock', '--port', '0', ...args]);
    expect(await ci.exited).toBe(2);
    expect(ci.stderr().trim().split('\n')).toEqual([message]);
    expect(ci.stdout()).toBe('');
  });
});
