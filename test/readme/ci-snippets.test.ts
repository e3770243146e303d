// The README's CI snippets (the sh blocks that start `npx myvalue-harness mock` and run `npm test`), run as a CI
// step runs them: `sh` in a session of its own (setsid), no terminal, stdin from /dev/null, output to
// files, in a partner project whose `npm test` checks the fake it was pointed at. Afterwards nothing
// listens on the fake's port, no process of the step is left, and the step's exit code is the tests'.
// `npx` here runs myvalue (the spawn project's bundle of the source, or the source through tsx) as a child
// that gets no signal passed on, as under `npm exec`.
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shippedFile } from '../../src/shared/package-files';
import { ciSpawn, refused } from '../helpers/ci-process';
import { CLI_BUNDLE, SOURCE_CLI } from '../helpers/spawn-mock';
import { tempDir } from '../helpers/temp-dir';

const README = readFileSync(shippedFile('README.md'), 'utf8');

/** The README's sh blocks that run a partner's tests against `myvalue mock`. */
const CI_BLOCKS = [...README.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '').filter((block) => /npx myvalue(-harness)? mock/.test(block) && block.includes('npm test'));

const NPX = `#!/bin/sh
case "$1" in
  myvalue|myvalue-harness) shift; "$SHIM_NODE" $SHIM_IMPORT "$SHIM_CLI" "$@"; exit $? ;;
  wait-on) shift; "$SHIM_NODE" -e "$SHIM_WAIT_ON" "$@"; exit $? ;;
esac
echo "npx $1: not in this test" >&2
exit 127
`;

/** `npx wait-on URL`: asks until the URL answers (HEAD, as wait-on does). */
const WAIT_ON = `
const poll = () => fetch(process.argv[1], { method: 'HEAD' }).then((r) => (r.ok ? undefined : retry()), retry);
const retry = () => new Promise((done) => setTimeout(done, 100)).then(poll);
poll();
`;

/** The partner's `npm test`: reads the fake's health where it was told the fake is, exits with PROBE_EXIT. */
const PROBE = `
const url = process.env.MYVALUE_EXTERNAL_BASE_URL ?? process.env.PROBE_URL;
const health = await fetch(url + '/__admin/health');
console.log('probe ' + url + ' ' + health.status);
process.exitCode = health.status === 200 ? Number(process.env.PROBE_EXIT) : 1;
`;

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe("the README's CI snippets, as a CI step runs them", () => {
  it('there are two: the fake running the tests, and the fake in the background', () => {
    expect(CI_BLOCKS.map((block) => (block.includes(' -- npm test') ? 'one command' : 'background'))).toEqual(['one command', 'background']);
  });

  it.each(CI_BLOCKS.flatMap((block) => [0, 3].map((code) => [block.trim().split('\n')[0], code, block] as const)))('%s ...: exit %i as the tests, nothing left listening or running', async (_first, code, block) => {
    const project = tempDir('myvalue-ci-snippet-');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'partner-app', version: '1.0.0', private: true, type: 'module', scripts: { test: 'node probe.js' } }));
    writeFileSync(join(project, 'probe.js'), PROBE);
    const bin = join(project, '.bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'npx'), NPX);
    chmodSync(join(bin, 'npx'), 0o755);
    const port = String(await freePort());
    writeFileSync(join(project, 'ci.sh'), block.replaceAll('4010', port));
    const logDir = tempDir('myvalue-ci-snippet-logs-');
    const ci = ciSpawn('sh', ['ci.sh'], {
      cwd: project,
      logDir,
      env: {
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        SHIM_NODE: process.execPath,
        // A file URL has no space to split on.
        SHIM_IMPORT: CLI_BUNDLE ? '' : `--import=${pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href}`,
        SHIM_CLI: CLI_BUNDLE ?? SOURCE_CLI,
        SHIM_WAIT_ON: WAIT_ON,
        PROBE_URL: `http://127.0.0.1:${port}`,
        PROBE_EXIT: String(code),
      },
    });
    const exit = await ci.exited;
    const probed = /probe (http:\/\/\S+) 200/.exec(ci.output());
    expect(probed, ci.output()).not.toBeNull();
    expect(await refused(probed?.[1] ?? '')).toBe(true);
    expect(ci.leftovers()).toEqual([]);
    expect(exit, ci.output()).toBe(code);
    expect(readdirSync(project).filter((f) => f.endsWith('.pid'))).toEqual([]);
  });
});
