// The corpus: small collections of our own (test/fixtures/corpus/README.md) that reproduce what real
// ones showed, each run through plain Newman (`newman.run`, the collection as it is) and through the
// harness: `myvalue run`, `convert` to v3 and back (run by Newman), `myvalue run` of the v3 directory,
// and `inject` (run by Newman). Every way must send the same requests (method, URL, headers, body) and
// get the same result for every assertion; any difference fails. Requests go to http://postman-echo.com
// through HTTP_PROXY, answered by a local stand-in: nothing leaves the machine, and a request that would
// (another host, or https) fails the test. Every v3 directory written is linted by Postman's own CLI when
// it is there (test/helpers/postman-cli.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import newman from 'newman';
import { describe, expect, it, vi } from 'vitest';
import { convertCollection } from '../../src/collection/convert-collection';
import { signCollection } from '../../src/collection/sign-collection';
import { runCollection } from '../../src/harness/index';
import { ECHO_HOST, startEchoStandIn, type EchoStandIn, type Sent } from '../helpers/echo-stand-in';
import { fileTree } from '../helpers/file-tree';
import { postmanLintEach, skipPostmanCli, type PostmanLintBatch } from '../helpers/postman-cli';
import { fileTempDir, tempDir } from '../helpers/temp-dir';

const work = fileTempDir('myvalue-corpus-');
const corpus = (name: string): string => fileURLToPath(new URL(`../fixtures/corpus/${name}`, import.meta.url));

/** What one way of running a collection did: the requests the stand-in got, and each assertion's result in order. */
interface Outcome {
  sent: Array<Omit<Sent, 'headers'> & { headers: Record<string, string> }>;
  assertions: Array<[number, string, boolean]>;
}

/** Headers that differ between any two runs of the same request (a random token), left out of the comparison. */
const RANDOM_HEADERS = new Set(['postman-token']);

const normal = (sent: Sent): Outcome['sent'][number] => ({ ...sent, headers: Object.fromEntries(Object.entries(sent.headers).filter(([name]) => !RANDOM_HEADERS.has(name))) });

/** Plain Newman, the collection and environment as files, as `newman run C -e E` reads them. */
function plainNewman(collection: string, environment: string | undefined): Promise<Array<[number, string, boolean]>> {
  return new Promise((resolve, reject) => {
    newman.run({ collection, ...(environment ? { environment } : {}), reporters: [] }, (error, summary) => {
      if (error) reject(error);
      else resolve(summary.run.executions.flatMap((e, i) => (e.assertions ?? []).map((a): [number, string, boolean] => [i, a.assertion, !a.error])));
    });
  });
}

/** `myvalue run` of a collection (file or v3 directory) against the mock; its assertions from run.json. */
async function harnessRun(collection: string, environment: string | undefined): Promise<Array<[number, string, boolean]>> {
  const cwd = tempDir('myvalue-corpus-run-');
  const result = await runCollection({ collection, target: 'mock', cwd, env: {}, ...(environment ? { environment } : {}), reporters: { cli: false, junit: false, html: false }, write: () => undefined, log: () => undefined });
  expect(result.error).toBeUndefined();
  const report = JSON.parse(readFileSync(join(result.reportsDir, 'run.json'), 'utf8')) as { requests: Array<{ assertions: Array<{ name: string; passed: boolean }> }> };
  return report.requests.flatMap((r, i) => r.assertions.map((a): [number, string, boolean] => [i, a.name, a.passed]));
}

/**
 * Postman's lint of the v3 directory the harness writes of each corpus collection: no error, no warning
 * (when the Postman CLI is there). All of them in one start of the linter, once for the file's tests; each
 * test reads its own collection's diagnostics.
 */
let linted: Promise<PostmanLintBatch> | undefined;
function lintCorpus(): Promise<PostmanLintBatch> {
  linted ??= (async () => {
    const dir = work();
    const dirs: Record<string, string> = {};
    for (const collection of new Set(CASES.map((c) => c.collection))) {
      const out = join(dir, 'v3', collection);
      const there = await convertCollection(corpus(collection), 'v3', out);
      if (!there.ok) throw new Error(there.error);
      dirs[collection] = out;
    }
    return postmanLintEach(dirs, join(dir, 'lint'));
  })();
  return linted;
}

async function lintClean(collection: string, dir: string): Promise<void> {
  if (skipPostmanCli) return;
  const lint = await lintCorpus();
  const label = basename(collection);
  // What was linted is what this way wrote, file for file.
  expect(fileTree(join(lint.parent, label))).toEqual(fileTree(dir));
  expect(lint.of[label], dir).toEqual([]);
}

/** Each way the harness runs or rewrites a collection, as the run that shows what it means. */
const WAYS: Record<string, (collection: string, environment: string | undefined) => Promise<Array<[number, string, boolean]>>> = {
  'myvalue run': harnessRun,
  'convert to v3 and back, run by Newman': async (collection, environment) => {
    const dir = join(tempDir('myvalue-corpus-v3-'), 'v3');
    const there = await convertCollection(collection, 'v3', dir);
    if (!there.ok) throw new Error(there.error);
    await lintClean(collection, dir);
    const file = join(dir, '..', 'back.postman_collection.json');
    const back = await convertCollection(dir, 'v2.1', file);
    if (!back.ok) throw new Error(back.error);
    expect(back.value.warnings).toEqual([]);
    return plainNewman(file, environment);
  },
  'myvalue run of the v3 directory': async (collection, environment) => {
    const dir = join(tempDir('myvalue-corpus-v3run-'), 'v3');
    const there = await convertCollection(collection, 'v3', dir);
    if (!there.ok) throw new Error(there.error);
    return harnessRun(dir, environment);
  },
  'inject, run by Newman': async (collection, environment) => {
    const signed = await signCollection(collection);
    if (!signed.ok) throw new Error(signed.error);
    const file = join(tempDir('myvalue-corpus-inject-'), 'signed.postman_collection.json');
    writeFileSync(file, JSON.stringify(signed.collection, null, 2));
    return plainNewman(file, environment);
  },
};

/** An environment file written in another encoding (what Windows editors save). */
function encoded(name: string, encoding: 'utf8-bom' | 'utf16le'): () => string {
  return () => {
    const text = readFileSync(corpus(name), 'utf8');
    const file = join(tempDir('myvalue-corpus-env-'), name);
    writeFileSync(file, encoding === 'utf16le' ? Buffer.from(`\uFEFF${text}`, 'utf16le') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    return file;
  };
}

const CASES: Array<{ name: string; collection: string; environment?: () => string }> = [
  { name: 'a v2 collection without info, inheriting auth, scripts and variables (inherited-entities)', collection: 'inherited-entities.postman_collection.json', environment: () => corpus('inherited-entities.postman_environment.json') },
  { name: 'an environment with a UTF-8 byte order mark (bom-in-environment-file)', collection: 'host-name.postman_collection.json', environment: encoded('host-name.postman_environment.json', 'utf8-bom') },
  { name: 'an environment in UTF-16 LE (utf16-le-encoding-in-env)', collection: 'host-name.postman_collection.json', environment: encoded('host-name.postman_environment.json', 'utf16le') },
  { name: 'request shapes: a numeric path variable, a disabled body, an unnamed request, ?foo=bar&&&bar=baz, GraphQL, numbers as values, a system header off', collection: 'request-shapes.postman_collection.json' },
  { name: "a partner's own API: its collection variable clientID, scripts on pm.environment.name and toObject()", collection: 'partner-api.postman_collection.json', environment: () => corpus('partner-api.postman_environment.json') },
];

/** Every URL a corpus file names: http://postman-echo.com only (https would need a tunnel the stand-in does not open). */
const urlsIn = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/[a-z][a-z0-9+.-]*:\/\/[^/"\s?]*/gi)].map((m) => m[0]).filter((u) => !u.startsWith('https://schema.getpostman.com'));

/** Runs `run` with HTTP(S)_PROXY at the stand-in, and returns what it sent and asserted. */
async function through(echo: EchoStandIn, run: () => Promise<Array<[number, string, boolean]>>): Promise<Outcome> {
  const from = echo.sent.length;
  const assertions = await run();
  return { sent: echo.sent.slice(from).map(normal), assertions };
}

describe('the corpus: plain Newman and every way through the harness send the same requests and get the same results', () => {
  it.each(CASES)('$name', async ({ collection, environment }) => {
    const echo = await startEchoStandIn();
    try {
      // Newman (postman-request) honours HTTP_PROXY and NO_PROXY; the fake behind --target mock is on 127.0.0.1.
      for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy']) vi.stubEnv(name, echo.url);
      for (const name of ['NO_PROXY', 'no_proxy']) vi.stubEnv(name, '127.0.0.1,localhost');
      expect(process.env.NO_PROXY?.split(',')).not.toContain(ECHO_HOST);
      const file = corpus(collection);
      const env = environment?.();
      expect(new Set(urlsIn(file))).toEqual(new Set([`http://${ECHO_HOST}`]));
      const newmanOutcome = await through(echo, () => plainNewman(file, env));
      // The baseline itself: every request reached the stand-in, and Newman's own assertions ran.
      expect(newmanOutcome.sent.length).toBeGreaterThan(0);
      expect(newmanOutcome.assertions.length).toBeGreaterThan(0);
      const outcomes: Record<string, Outcome> = {};
      for (const [way, run] of Object.entries(WAYS)) outcomes[way] = await through(echo, () => run(file, env));
      // One comparison for all ways: a failure shows every way that differs, and how.
      expect(outcomes).toEqual(Object.fromEntries(Object.keys(WAYS).map((way) => [way, newmanOutcome])));
      expect(echo.escaped).toEqual([]);
    } finally {
      await echo.close();
    }
  }, 240_000);
});
