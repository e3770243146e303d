// The Postman CLI (npm postman-cli) for the tests that ask Postman's own tooling: MYVALUE_POSTMAN_CLI names
// its entry, else one installed beside the project. It is not a dependency (its other platforms' binaries
// are not on the npm registry, which breaks `npm ci`): .ci/run installs it and sets
// MYVALUE_REQUIRE_POSTMAN_CLI=1, so CI fails instead of skipping; elsewhere the tests are skipped, saying so.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tempDir } from './temp-dir';

const require = createRequire(import.meta.url);

function entry(): string | undefined {
  const given = process.env.MYVALUE_POSTMAN_CLI;
  if (given !== undefined && given !== '') return existsSync(given) ? given : undefined;
  try {
    return require.resolve('postman-cli/bin/postman.js');
  } catch {
    return undefined;
  }
}

export const POSTMAN_CLI = entry();
/** Whether the tests asking the Postman CLI are skipped here (no CLI, and CI's requirement not set). */
export const skipPostmanCli = POSTMAN_CLI === undefined && process.env.MYVALUE_REQUIRE_POSTMAN_CLI !== '1';

/** Says once, for `file`, why its tests are skipped and how to run them. */
export function noticeSkipped(file: string): void {
  if (skipPostmanCli) console.warn(`skipping ${file} (Postman's own tooling): no Postman CLI; install it with \`npm install --no-save --prefix /tmp/postman-cli postman-cli@1.34.0\` and set MYVALUE_POSTMAN_CLI=/tmp/postman-cli/node_modules/postman-cli/bin/postman.js`);
}

export interface PostmanCliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `postman ARGS`, offline: a HOME of its own (no stored login is read) and no API key; bounded at 60 s.
 * @example const r = await postmanCli(['collection', 'migrate', 'c.json', '-o', 'out']);
 */
export function postmanCli(args: string[]): Promise<PostmanCliResult> {
  if (POSTMAN_CLI === undefined) return Promise.reject(new Error('no Postman CLI: set MYVALUE_POSTMAN_CLI (see .ci/run)'));
  const home = tempDir('myvalue-postman-home-');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [POSTMAN_CLI as string, ...args], { env: { ...process.env, HOME: home, POSTMAN_API_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
