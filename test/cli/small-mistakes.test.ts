// Small user mistakes and messages, run in process: each answer is one line a user can act on.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedFile } from '../../src/shared/package-files';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const occupy = (): Promise<{ server: Server; port: number }> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });

describe('mock', () => {
  it('an --auth-port in use is named with its port and flag, exit 2', async () => {
    const taken = await occupy();
    try {
      const result = await runCli(['mock', '--port', '0', '--auth-port', String(taken.port), '--quiet']);
      expect(result.code).toBe(2);
      expect(result.err).toEqual([`myvalue: cannot listen on 127.0.0.1:${taken.port} (--auth-port): port already in use`]);
    } finally {
      taken.server.close();
    }
  });
});

describe('inject', () => {
  it('counts one request in the singular', async () => {
    const dir = tempDir('myvalue-inject-');
    const source = join(dir, 'one.postman_collection.json');
    writeFileSync(source, JSON.stringify({ info: { name: 'one', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'balance', request: { method: 'GET', url: 'https://external.ovaltech.id/service/point/?valueID=V1' } }] }));
    const out = join(dir, 'signed.json');
    const result = await runCli(['inject', source, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toBe(`wrote ${out}: signing hook on 1 request`);
  });
});

describe('--out that cannot be a directory', () => {
  const file = (): string => {
    const path = join(tempDir('myvalue-out-'), 'taken.txt');
    writeFileSync(path, 'not a directory');
    return path;
  };

  it.each([
    ['run', 'mock', ''],
    ['run', 'msw', ''],
    ['gate', 'msw', ''],
    ['run', 'mock', '/sub'],
    ['gate', 'mock', '/sub'],
  ])('%s --target %s --out FILE%s: one line, exit 2, before any target starts', async (command, target, sub) => {
    const taken = file();
    const result = await runCli([command, '--target', target, '--out', `${taken}${sub}`]);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([`myvalue: cannot write reports to ${taken}${sub}: ${taken} is a file, not a directory`]);
  });
});

describe('--iteration-data', () => {
  const data = (name: string, text: string): string => {
    const path = join(tempDir('myvalue-data-'), name);
    writeFileSync(path, text);
    return path;
  };

  it.each([
    ['data.json', '[{"earnAmount": 1', /^myvalue: --iteration-data .*data\.json is not valid JSON: .+ \(line 1, column 18\)$/],
    ['data.json', '{"earnAmount": 1}', /^myvalue: --iteration-data .*data\.json must be a JSON list of objects, one per iteration/],
    ['data.json', '[]', /^myvalue: --iteration-data .*data\.json must be a JSON list of objects/],
    ['data.txt', '[{"earnAmount": 1', /^myvalue: --iteration-data .*data\.txt is not valid JSON: /],
    ['data.csv', 'earnAmount\n', /^myvalue: --iteration-data .*data\.csv has no data row: a CSV file needs a header line and one line per iteration$/],
  ])('%s holding %s: one line, exit 2, nothing runs', async (name, text, message) => {
    const result = await runCli(['run', '--target', 'msw', '--iteration-data', data(name, text), '--out', join(tempDir('myvalue-data-'), 'reports')]);
    expect(result.code).toBe(2);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(message);
  });

  it('a row nested 100,000 deep: one line naming the row, exit 2, before Newman reads it (it overflowed mid-run)', async () => {
    const deep = `[{"earnAmount": "1"}, ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}]`;
    const result = await runCli(['run', '--target', 'msw', '--iteration-data', data('data.json', deep), '--out', join(tempDir('myvalue-data-'), 'reports')]);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual([expect.stringMatching(/^myvalue: --iteration-data .*data\.json: row 2 is nested deeper than 32 levels; a row's values are variables, text or numbers$/)]);
  });

  it('a missing file names it', async () => {
    const result = await runCli(['run', '--target', 'msw', '--iteration-data', '/nonexistent/data.json', '--out', join(tempDir('myvalue-data-'), 'reports')]);
    expect(result.err).toEqual(['myvalue: cannot read --iteration-data /nonexistent/data.json: no such file']);
    expect(result.code).toBe(2);
  });

  it('a good JSON list runs one iteration per object', async () => {
    const out = join(tempDir('myvalue-data-'), 'reports');
    const result = await runCli(['run', '--target', 'msw', '--folder', 'Points', '--iteration-data', data('data.json', '[{"earnAmount": "20000"}, {"earnAmount": "30000"}]'), '--out', out]);
    expect(result.code, result.err.join('\n')).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { requests: Array<{ iteration: number }> };
    expect(new Set(report.requests.map((r) => r.iteration))).toEqual(new Set([0, 1]));
  });
});

describe('an environment given as the collection', () => {
  it('says it is an environment and names --environment', async () => {
    const env = shippedFile('collections/environments/mock.postman_environment.json');
    const result = await runCli(['run', '--collection', env, '--target', 'msw', '--out', join(tempDir('myvalue-env-'), 'reports')]);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([`myvalue: ${env} is not a Postman collection: it is a Postman environment (a "values" list); give it with --environment ${env}`]);
  });
});

describe('a read-only production run of the shipped collection', () => {
  it.each(['production', 'https://EXTERNAL.myvalue.id.'])('--target %s without existingValueID: one line naming the flag, exit 2, nothing sent', async (target) => {
    const result = await runCli(['run', '--target', target, '--client-id', 'MadeUpPOS', '--client-secret', 'made-up-secret-77', '--out', join(tempDir('myvalue-prod-'), 'reports')]);
    expect(result.code).toBe(2);
    expect(result.err).toEqual(['myvalue: a read-only production run reads an existing user: pass --env-var existingValueID=<a value ID you own> (or --allow-production-writes to create one)']);
  });
});

describe('a collection nested deep', () => {
  const nested = (folders: number): string => {
    const request = { name: 'balance', request: { method: 'GET', url: '{{externalBaseUrl}}/service/point/?valueID=V1' } };
    let item: unknown = [request];
    for (let i = 0; i < folders; i += 1) item = [{ name: `f${i}`, item }];
    const file = join(tempDir('myvalue-deep-'), 'deep.postman_collection.json');
    // Built as text: JSON.stringify itself recurses.
    writeFileSync(file, `{"info":{"name":"deep","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":${folders > 1000 ? `${'[{"name":"f","item":'.repeat(folders)}[${JSON.stringify(request)}]${'}]'.repeat(folders)}` : JSON.stringify(item)}}`);
    return file;
  };

  it('100 folders within folders run; 100,000 are one line, exit 2 (the SDK overflowed the stack)', async () => {
    const ok = await runCli(['run', '--target', 'msw', '--collection', nested(100), '--out', join(tempDir('myvalue-deep-'), 'reports')]);
    expect(ok.code).toBe(0);
    expect(ok.err).toEqual(["client GramediaPOS, secret from the fake's seed", expect.stringMatching(/^reports: .*report\.html \(open this first\)/), expect.stringMatching(/^PASS: 1 request, \d+ assertions?, 0 failed \(reports: /)]);
    expect(ok.out.join('\n')).toContain('balance');
    const file = nested(100_000);
    const refused = await runCli(['run', '--target', 'msw', '--collection', file, '--out', join(tempDir('myvalue-deep-'), 'reports')]);
    expect(refused.code).toBe(2);
    expect(refused.err).toEqual([`myvalue: ${file} is not read: its JSON is nested deeper than 256 levels (folders within folders about 128 deep)`]);
  });
});
