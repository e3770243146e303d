// --target msw serves MyValue's hosts in process; a collection's requests to any other host (the partner's
// own API, here a second local server) go out to the network as they would without the harness.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { startCaptureServer } from './capture-server';
import { mswUnhandled } from '../../src/run/run-target';

interface Report {
  requests: Array<{ name: string; status?: number; failures: unknown[] }>;
}

const collection = (partnerUrl: string): object => ({
  info: { name: 'Partner with its own API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [
    {
      name: 'Our own order service',
      request: { method: 'POST', url: `${partnerUrl}/orders`, header: [{ key: 'content-type', value: 'application/json' }], body: { mode: 'raw', raw: '{"orderId":"ORD-1"}' } },
      event: [{ listen: 'test', script: { exec: ["pm.test('our API answered', () => pm.expect(pm.response.json()).to.eql({ accepted: 'ORD-1' }));"] } }],
    },
    {
      name: 'MyValue balance',
      request: { method: 'GET', url: '{{externalBaseUrl}}/service/point/?valueID=VR8EPN&clientID={{clientID}}&sign={{SIGN}}' },
      event: [{ listen: 'test', script: { exec: ["pm.test('balance', () => pm.expect(pm.response.json().point).to.be.a('number'));"] } }],
    },
    {
      // A path MyValue does not have is still the fake's to answer (its 404), never sent to MyValue's real host.
      name: 'MyValue path that does not exist',
      request: { method: 'GET', url: '{{externalBaseUrl}}/service/no-such-thing/' },
      event: [{ listen: 'test', script: { exec: ["pm.test('the fake answers 404', () => pm.response.to.have.status(404));"] } }],
    },
  ],
});

describe('--target msw and the partner\'s own services', () => {
  it('a request to another host (a second local server) reaches it; MyValue\'s hosts, known paths or not, stay with the fake', async () => {
    const partner = await startCaptureServer((req) => ({ body: { accepted: (JSON.parse(req.body) as { orderId: string }).orderId } }));
    try {
      const dir = tempDir('myvalue-msw-hosts-');
      const file = join(dir, 'partner.postman_collection.json');
      writeFileSync(file, JSON.stringify(collection(partner.url)));
      const out = join(dir, 'reports');
      const result = await runCli(['run', '--target', 'msw', '--collection', file, '--no-contract', '--out', out]);
      expect(result.err.join('\n')).not.toMatch(/MSW|bypass/);
      const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Report;
      expect(report.requests.map((r) => [r.name, r.status, r.failures.length])).toEqual([
        ['Our own order service', 200, 0],
        ['MyValue balance', 200, 0],
        ['MyValue path that does not exist', 404, 0],
      ]);
      expect(result.code).toBe(0);
      expect(partner.requests.map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual(['POST /orders {"orderId":"ORD-1"}']);
    } finally {
      await partner.close();
    }
  });

  it('what MSW does with a request no handler took: other hosts pass, MyValue\'s hosts (another scheme or port than the fake\'s) are refused', () => {
    expect(mswUnhandled('http://127.0.0.1:52998/orders')).toBe('bypass');
    expect(mswUnhandled('https://api.partner.example/v1/orders')).toBe('bypass');
    expect(mswUnhandled('http://external.ovaltech.id/service/point/')).toBe('error');
    expect(mswUnhandled('https://EXTERNAL.myvalue.id.:8443/service/point/')).toBe('error');
    expect(mswUnhandled('https://auth.ovaltech.id:444/authorize/mapping')).toBe('error');
  });
});
