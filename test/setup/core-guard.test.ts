// The core project's guard stops, where it happens, what would make `npm run test:core` slow or leave
// something running, and says which project the file belongs in.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { takeCoreViolations } from './core-guard';
import { BROWSER_FILES, LISTED_FILES, NEWMAN_FILES, SERVER_FILES, SPAWN_FILES } from '../projects';

/** Runs `act`, expects the guard's refusal naming the project, and takes it (so this test's afterEach passes). */
async function refused(act: () => unknown, line: RegExp): Promise<void> {
  await expect(async () => act()).rejects.toThrow(line);
  expect(takeCoreViolations()).toEqual([expect.stringMatching(line)]);
}

describe('the core guard', () => {
  it('refuses to load Newman, naming the newman project', async () => {
    await refused(() => import('newman'), /^a core test loads Newman: list the file in NEWMAN_FILES \(test\/projects\.ts\) \(newman\/index\.js\); see docs\/testing\.md$/);
  });

  it('refuses to load playwright-core, naming the browser list', async () => {
    // Required rather than imported: its ESM wrapper (index.mjs) would leave a second, unhandled rejection.
    await refused(() => createRequire(import.meta.url)('playwright-core'), /^a core test loads playwright-core: list the file in BROWSER_FILES .*\(playwright-core\)/);
  });

  it('refuses a child process, however it is started', async () => {
    await refused(() => spawn(process.execPath, ['--version']), /^a core test starts a child process: list the file in SPAWN_FILES .*\(child_process\.spawn .*node\)/);
    await refused(() => execFileSync('true'), /^a core test starts a child process: .*\(child_process\.execFileSync true\)/);
  });

  it('refuses to listen on a port, naming the server project', async () => {
    const server = createServer();
    await refused(() => server.listen(0, '127.0.0.1'), /^a core test listens on a port: list the file in SERVER_FILES .*\(net\.Server\.listen\)/);
    expect(server.listening).toBe(false);
  });
});

describe('test/projects.ts', () => {
  it('lists files that exist, each in one project only', () => {
    expect(LISTED_FILES.filter((file) => !existsSync(file))).toEqual([]);
    expect(new Set(LISTED_FILES).size).toBe(LISTED_FILES.length);
    expect(LISTED_FILES).toHaveLength(BROWSER_FILES.length + SPAWN_FILES.length + NEWMAN_FILES.length + SERVER_FILES.length);
  });
});
