// Contract checks look only at MyValue's responses (the run's base URLs): a partner's collection that
// also calls its own service is not failed for it. The gate can turn the checks off and says so.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

let own: Server;
let ownUrl = '';
beforeAll(async () => {
  own = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"mine": true}'));
  await new Promise<void>((done) => own.listen(0, '127.0.0.1', done));
  ownUrl = `http://127.0.0.1:${(own.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => own.close(() => done())));

function partnerCollection(): string {
  const file = join(tempDir('myvalue-scope-'), 'partner.postman_collection.json');
  const test = (code: number) => [{ listen: 'test', script: { type: 'text/javascript', exec: [`pm.test('status ${code}', function () { pm.response.to.have.status(${code}); });`] } }];
  writeFileSync(file, JSON.stringify({
    info: { name: 'Partner', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [
      { name: 'My own service', request: { method: 'GET', url: `${ownUrl}/my.json` }, event: test(200) },
      { name: 'Balance', request: { method: 'GET', url: '{{externalBaseUrl}}/service/point/?valueID=VR8EPN&clientID={{clientID}}&sign={{SIGN}}' }, event: test(200) },
    ],
  }));
  return file;
}

type Report = { requests: Array<{ name: string; assertions: Array<{ name: string; passed: boolean }> }> };

describe('contract checks and the run\'s base URLs', () => {
  it('check MyValue\'s response, not the partner\'s own service: exit 0', async () => {
    const out = join(tempDir('myvalue-scope-'), 'reports');
    const result = await runCli(['run', '--collection', partnerCollection(), '--target', 'msw', '--out', out]);
    expect(result.code, result.err.join('\n')).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Report;
    const contract = (name: string) => report.requests.find((r) => r.name === name)?.assertions.filter((a) => a.name.startsWith('contract:')).map((a) => [a.name, a.passed]);
    expect(contract('My own service')).toEqual([]);
    expect(contract('Balance')).toEqual([['contract: GET /service/point/ 200', true]]);
  });

  it('gate --no-contract runs without them and gate.md says so', async () => {
    const out = join(tempDir('myvalue-scope-'), 'reports');
    const result = await runCli(['gate', '--collection', partnerCollection(), '--target', 'msw', '--no-contract', '--out', out]);
    expect(result.code, [...result.out, ...result.err].join('\n')).toBe(0);
    const md = readFileSync(join(out, 'gate.md'), 'utf8');
    expect(md).toContain('- contract checks were off (--no-contract): responses were not checked against the OpenAPI contract');
    expect(md).toContain('contract failures –');
    const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Report;
    expect(report.requests.flatMap((r) => r.assertions).filter((a) => a.name.startsWith('contract:'))).toEqual([]);
  });
});
