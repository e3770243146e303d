// The Postman CLI (npm postman-cli) for the tests that ask Postman's own tooling: MYVALUE_POSTMAN_CLI names
// its entry, else one installed beside the project. It is not a dependency (its other platforms' binaries
// are not on the npm registry, which breaks `npm ci`): .ci/run installs it and sets
// MYVALUE_REQUIRE_POSTMAN_CLI=1, so CI fails instead of skipping; elsewhere the tests are skipped, saying so.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
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

/** What `postman collection lint PATH -r json` says, with its exit code. */
export interface PostmanLint {
  code: number | null;
  errorCount: number;
  warningCount: number;
  filesScanned: number;
  diagnostics: Array<{ ruleId: string; severity: string; message: string; filePath: string }>;
}

/** `postman collection lint PATH -r json`: every v3 collection under PATH (one directory or several below it). */
export async function postmanLint(path: string): Promise<PostmanLint> {
  const result = await postmanCli(['collection', 'lint', path, '-r', 'json']);
  const start = result.stdout.indexOf('{');
  if (start < 0) throw new Error(`postman collection lint ${path} printed no report (exit ${result.code}): ${result.stderr.trim()}`);
  return { code: result.code, ...(JSON.parse(result.stdout.slice(start)) as Omit<PostmanLint, 'code'>) };
}

/** Request files under `dir`, as the linter counts them (filesScanned). */
export function requestFiles(dir: string): number {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((file) => file.endsWith('.request.yaml')).length;
}

/** A batch lint: the whole call, and the diagnostics of each labelled collection. */
export interface PostmanLintBatch extends PostmanLint {
  /** The directory holding a copy of each, by label. */
  parent: string;
  /** Request files in the batch: what filesScanned is when every file was read. */
  requestFiles: number;
  of: Record<string, PostmanLint['diagnostics']>;
}

/**
 * Lints several v3 directories in one start of the Postman CLI (each start costs about 2 s of CPU; the
 * linter reads every collection under the path it is given and names each diagnostic's file). Each
 * directory is copied under `<parent>/<label>`, and the diagnostics come back by label. `parent` is a
 * directory that is not there yet, in one the caller removes.
 * @example const batch = await postmanLintEach({ shipped: SHIPPED_V3, partner: PARTNER }, join(tempDir(), 'lint'));
 */
export async function postmanLintEach(dirs: Record<string, string>, parent: string): Promise<PostmanLintBatch> {
  if (existsSync(parent)) throw new Error(`postmanLintEach: ${parent} is there already`);
  for (const [label, dir] of Object.entries(dirs)) cpSync(dir, join(parent, label), { recursive: true });
  const report = await postmanLint(parent);
  const of = Object.fromEntries(Object.keys(dirs).map((label) => [label, report.diagnostics.filter((d) => d.filePath.startsWith(join(parent, label) + sep))]));
  const placed = new Set(Object.values(of).flat());
  const elsewhere = report.diagnostics.filter((d) => !placed.has(d));
  if (elsewhere.length > 0) throw new Error(`postman collection lint named files outside the batch: ${elsewhere.map((d) => d.filePath).join(', ')}`);
  return { ...report, parent, requestFiles: requestFiles(parent), of };
}
