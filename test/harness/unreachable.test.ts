// A target that cannot be reached stops the run at its first request: one line naming the host and
// the error, exit 1, and run.json and gate.md say why; a short output instead of one failure per request.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

/** A loopback port nobody listens on. */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('an unreachable target', () => {
  it.each(['run', 'gate'])('%s stops at the first connection error, with one line naming the host', async (command) => {
    const port = await closedPort();
    const out = join(tempDir('myvalue-unreachable-'), 'reports');
    const printed: string[] = [];
    const result = await runCli([command, '--target', `http://127.0.0.1:${port}`, '--out', out]);
    printed.push(...result.out, ...result.err);
    expect(result.code).toBe(1);
    const line = `cannot reach 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}; the run stopped at its first request there (check --target and your network)`;
    expect(printed.filter((l) => l.includes('cannot reach'))).toEqual([line]);
    const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { stopped?: string; requests: unknown[] };
    expect(report.stopped).toBe(line);
    expect(report.requests).toHaveLength(1);
    if (command === 'gate') expect(readFileSync(join(out, 'gate.md'), 'utf8')).toContain(`**The run stopped:** ${line}.`);
  });
});

describe('a partner\'s own service that is down', () => {
  it('fails its own request only; the run goes on to MyValue\'s', async () => {
    const port = await closedPort();
    const { writeFileSync } = await import('node:fs');
    const file = join(tempDir('myvalue-unreachable-'), 'partner.postman_collection.json');
    writeFileSync(file, JSON.stringify({
      info: { name: 'Partner', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'My own service', request: { method: 'GET', url: `http://127.0.0.1:${port}/health` } },
        { name: 'Balance', request: { method: 'GET', url: '{{externalBaseUrl}}/service/point/?valueID=VR8EPN&clientID={{clientID}}&sign={{SIGN}}' } },
      ],
    }));
    const out = join(tempDir('myvalue-unreachable-'), 'reports');
    const result = await runCli(['run', '--collection', file, '--target', 'msw', '--out', out]);
    expect(result.code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { stopped?: string; requests: Array<{ name: string; status?: number }> };
    expect(report.stopped).toBeUndefined();
    expect(report.requests.map((r) => [r.name, r.status])).toEqual([['My own service', undefined], ['Balance', 200]]);
  });
});
