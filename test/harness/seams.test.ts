// Three bugs that lived in the seams between modules, each pinned by a test:
// the gate's endpoint table follows --contract FILE; every file option of a run resolves against the
// run's cwd; --retries honours --insecure on a self-signed HTTPS target.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { createExpressApp } from '../../mocks/express';
import { DEFAULT_CONTRACT_FILE } from '../../src/contract/load-contract';
import { DEFAULT_COLLECTION } from '../../src/run/prepare-run';
import { runGate } from '../../src/run/gate';
import { tempDir } from '../helpers/temp-dir';
import { request, run } from './served-fake';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('gate --contract FILE', () => {
  it("builds gate.md's endpoint table from FILE, not from the shipped contract", async () => {
    const cwd = tempDir('myvalue-seams-');
    // The same contract, with the balance path written without its trailing slash (a valid template
    // that matches the same requests): the table must name the endpoint as FILE does.
    const file = join(cwd, 'partner.openapi.yaml');
    writeFileSync(file, readFileSync(DEFAULT_CONTRACT_FILE, 'utf8').replace(/^ {2}\/service\/point\/:$/m, '  /service/point:'));
    const result = await runGate({ cwd, env: {}, target: 'msw', contract: 'partner.openapi.yaml', folders: ['Points'], write: () => undefined, log: () => undefined });
    expect(result.exitCode, result.error).toBe(0);
    const md = readFileSync(join(result.reportsDir, 'gate.md'), 'utf8');
    expect(md).toMatch(/^\| GET \/service\/point \| point\.get \|/m);
    expect(md).not.toMatch(/^\| GET \/service\/point\/ \|/m);
  });
});

describe("a run's file options", () => {
  it('resolve the collection and the environment against the run\'s cwd, like out, contract and iteration data', async () => {
    const cwd = tempDir('myvalue-seams-');
    copyFileSync(DEFAULT_COLLECTION, join(cwd, 'partner.postman_collection.json'));
    writeFileSync(join(cwd, 'partner.postman_environment.json'), JSON.stringify({ name: 'partner', values: [{ key: 'partnerNote', value: 'from the environment file', enabled: true }] }));
    expect(existsSync('partner.postman_collection.json')).toBe(false); // not in the process's own cwd
    const r = await run({ cwd, target: 'msw', collection: 'partner.postman_collection.json', environment: 'partner.postman_environment.json', folders: ['Points'] });
    expect(r.error).toBeUndefined();
    expect(r.exitCode).toBe(0);
    expect(r.reportsDir).toBe(join(cwd, 'reports'));
    expect(request(r, 'Earn points').status).toBe(200);
  });

  it('a missing relative collection is named as the user wrote it', async () => {
    const r = await run({ cwd: tempDir('myvalue-seams-'), target: 'msw', collection: 'nowhere.postman_collection.json' });
    expect(r.exitCode).toBe(2);
    expect(r.error).toBe('cannot read collection nowhere.postman_collection.json: no such file');
  });
});

/** A made-up self-signed certificate for 127.0.0.1, made with openssl for this test only. */
function selfSigned(dir: string): { key: Buffer; cert: Buffer } {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

describe('--retries with --insecure', () => {
  it('retries GETs on a self-signed HTTPS target without verifying its certificate, as Newman does', async () => {
    const fake = createFakeMyValue({ faults: ['point.get:status=503,times=1'] });
    const server = createServer(selfSigned(tempDir('myvalue-tls-')), createExpressApp(fake));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    closers.push(async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      fake.close();
    });
    const target = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const r = await run({ target, insecure: true, retries: 1, folders: ['Users', 'Points'] });
    expect(r.exitCode, r.console.slice(-2000)).toBe(0);
    expect(request(r, 'Get balance (before earn)')).toMatchObject({ status: 200, retries: { count: 1, reasons: ['503 Service Unavailable'], recovered: true } });
    expect(fake.journal.count({ rule: 'point.get', status: 503 })).toBe(1);
  });
});
