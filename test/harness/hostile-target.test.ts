// A target that answers badly never breaks the run: every answer a JSON body nested 100,000 deep, a
// token deep inside. The run reports failed assertions (exit 1), prints no stack trace, writes its
// reports, and the token is masked everywhere (the masker finds tokens without recursion).
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const TOKEN = 'at-deep-made-up-7f3a9c1e5b2d';

it('a body nested 100,000 deep with a token inside: failed assertions, exit 1, reports written, the token nowhere', async () => {
  const depth = 100_000;
  const body = `${'{"a":['.repeat(depth)}{"access_token":"${TOKEN}"}${']}'.repeat(depth)}`;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const out = join(tempDir('myvalue-hostile-target-'), 'reports');
  const result = await runCli(['run', '--target', `http://127.0.0.1:${(server.address() as AddressInfo).port}`, '--client-id', 'MADEUP', '--client-secret', 'made-up-secret-9d2c', '--folder', 'Users', '--out', out]);
  const printed = [...result.out, ...result.err].join('\n');
  expect(result.code).toBe(1);
  expect(printed).toMatch(/AssertionError/);
  expect(printed).not.toMatch(/RangeError|Maximum call stack|\n\s+at .+\(.+:\d+:\d+\)/);
  expect(readdirSync(out).sort()).toEqual(['ctrf.json', 'junit.xml', 'report.html', 'run.json']);
  for (const file of readdirSync(out)) expect(readFileSync(join(out, file), 'utf8'), file).not.toContain(TOKEN);
  expect(printed).not.toContain(TOKEN);
}, 60_000);
