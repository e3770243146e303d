// A fresh fake on a free port, optionally bent (its answers rewritten) to break the contract or accept
// what MyValue refuses, and a runner that keeps each run's reports and console in a temp directory.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFakeMyValue, type Fake, type FakeMyValueOptions, type FakeRequest, type FakeResponse } from '../../mocks/create-fake';
import { createExpressApp, listen } from '../../mocks/express';
import { runCollection, type RunOptions, type RunResult } from '../../src/harness/index';
import { tempDir } from '../helpers/temp-dir';

export interface ServedFake {
  fake: Fake;
  url: string;
  close(): Promise<void>;
}

/** Serves a new fake; `bend` may rewrite a request before the fake sees it, or its answer after. */
export async function serveFake(
  options: FakeMyValueOptions = {},
  bend: { request?: (req: FakeRequest) => FakeRequest; response?: (req: FakeRequest, res: FakeResponse) => FakeResponse } = {},
): Promise<ServedFake> {
  const fake = createFakeMyValue(options);
  const bent: Fake = {
    ...fake,
    handle: (req) => {
      const request = bend.request ? bend.request(req) : req;
      const response = fake.handle(request);
      return bend.response ? bend.response(request, response) : response;
    },
  };
  const server = await listen(createExpressApp(bent), 0, '127.0.0.1');
  return {
    fake,
    url: server.url,
    close: async () => {
      await server.close();
      fake.close();
    },
  };
}

export interface Run extends RunResult {
  console: string;
  files: Record<string, string>;
}

/** Runs with made-up settings isolated from the machine's environment and .env; reports read back. */
export async function run(options: Partial<RunOptions> & { target: string }): Promise<Run> {
  const cwd = tempDir('myvalue-run-');
  let console = '';
  const result = await runCollection({ cwd, env: {}, ...options, write: (t) => (console += t), log: (l) => (console += `${l}\n`) });
  return { ...result, console, files: readReports(result.reportsDir) };
}

/** Every file a run wrote in `dir`, by name. */
export function readReports(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of existsSync(dir) ? readdirSync(dir) : []) files[name] = readFileSync(join(dir, name), 'utf8');
  return files;
}

/** A request of the run's report by name (first iteration). */
export function request(r: Run, name: string): NonNullable<Run['summary']>['requests'][number] {
  const found = r.summary?.requests.find((q) => q.name === name);
  if (!found) throw new Error(`no request "${name}" in the report: ${r.summary?.requests.map((q) => q.name).join(', ')}`);
  return found;
}

export const unescapeXml = (s: string): string => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A one-request collection, v2.1. */
export function oneRequestCollection(name: string, request: object): object {
  return { info: { name: 'one request', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name, request }] };
}
