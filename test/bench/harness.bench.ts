// `npm run bench:harness`: wall time of the shipped suite against msw and mock, and the harness's
// overhead: `runCollection` (load, inject, mask, reporters) against a plain `newman.run` of the same
// collection, signed once beforehand, with the same reporters and the same running fake. Runs are
// interleaved and the medians compared, so machine load hits both sides alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import newman from 'newman';
import { createFakeMyValue } from '../../mocks/create-fake';
import { createExpressApp, listen } from '../../mocks/express';
import { DEFAULT_COLLECTION, runCollection, SECRET_VARIABLE } from '../../src/harness/index';
import { injectHook } from '../../src/collection/inject-hook';
import { loadCollection } from '../../src/collection/load-collection';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DEMO = { clientId: 'GramediaPOS', clientSecret: 'demo-secret-gramedia-pos' };
const out = mkdtempSync(join(tmpdir(), 'myvalue-bench-'));
const quiet = (): void => undefined;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function harnessRun(target: string): Promise<void> {
  const result = await runCollection({ target, env: {}, clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, out: join(out, 'harness'), write: quiet, log: quiet });
  if (result.exitCode !== 0) throw new Error(`harness run against ${target} failed: exit ${result.exitCode} ${result.error ?? ''}`);
}

function plainRun(collection: object, baseUrl: string): Promise<void> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  return new Promise<void>((resolve, reject) => {
    newman.run(
      {
        collection,
        environment: { values: [{ key: 'clientID', value: DEMO.clientId }, { key: 'externalBaseUrl', value: baseUrl }, { key: 'authBaseUrl', value: baseUrl }, { key: SECRET_VARIABLE, value: DEMO.clientSecret }] },
        reporters: ['cli', 'junit', 'htmlextra'],
        reporter: { junit: { export: join(out, 'plain', 'junit.xml') }, htmlextra: { export: join(out, 'plain', 'report.html') } },
        color: 'off',
      },
      (error, summary) => {
        process.stdout.write = write;
        if (error) reject(error);
        else if (summary.run.failures.length > 0) reject(new Error(`plain newman run failed: ${summary.run.failures.length} failures`));
        else resolve();
      },
    );
  });
}

async function main(): Promise<void> {
  const loaded = await loadCollection(DEFAULT_COLLECTION);
  if (!loaded.ok) throw new Error(loaded.error);
  const signed = injectHook(loaded.collection).toJSON();
  const requests = (JSON.stringify(signed).match(/"request":/g) ?? []).length;

  // Warm-up: module loading and JIT are paid once per process by either side.
  await harnessRun('mock');
  const suite: Record<string, number[]> = { msw: [], mock: [] };
  for (let i = 0; i < ROUNDS; i++) {
    suite.msw?.push(await timed(() => harnessRun('msw')));
    suite.mock?.push(await timed(() => harnessRun('mock')));
  }

  const fake = createFakeMyValue();
  const server = await listen(createExpressApp(fake), 0);
  const harness: number[] = [];
  const plain: number[] = [];
  try {
    await plainRun(signed, server.url);
    for (let i = 0; i < ROUNDS; i++) {
      harness.push(await timed(() => harnessRun(server.url)));
      plain.push(await timed(() => plainRun(signed, server.url)));
    }
  } finally {
    await server.close();
    fake.close();
    rmSync(out, { recursive: true, force: true });
  }

  const ms = (x: number): string => `${(x / 1000).toFixed(2)} s`;
  const lines = [
    `shipped suite: ${requests} requests, ${ROUNDS} rounds, medians (min-max)`,
    `  myvalue run --target msw : ${ms(median(suite.msw ?? []))} (${ms(Math.min(...(suite.msw ?? [])))}-${ms(Math.max(...(suite.msw ?? [])))})   target < 5 s`,
    `  myvalue run --target mock: ${ms(median(suite.mock ?? []))} (${ms(Math.min(...(suite.mock ?? [])))}-${ms(Math.max(...(suite.mock ?? [])))})   target < 5 s`,
    `overhead against one running fake (same reporters: cli, junit, htmlextra):`,
    `  runCollection            : ${ms(median(harness))}`,
    `  plain newman.run, signed : ${ms(median(plain))}`,
    `  ratio                    : ${(median(harness) / median(plain)).toFixed(2)}x   target <= 1.3x`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
