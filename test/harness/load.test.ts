// The loader: v2.1, v2.0 and v1 files, http(s) URLs, and one-line errors for everything else.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { countHooked, injectHook } from '../../src/collection/inject-hook';
import { loadCollection, MAX_COLLECTION_BYTES } from '../../src/collection/load-collection';
import { runCli } from '../helpers/cli';
import { startCaptureServer, type CaptureServer } from './capture-server';

const FIXTURES = 'test/fixtures';

describe('loadCollection', () => {
  it.each([
    ['partner-style.postman_collection.json', '2.1.0', 8],
    ['v20.postman_collection.json', '2.0.0', 2],
    ['v1.postman_collection.json', '1.0.0', 1],
  ])('loads %s as v%s and the hook reaches its %i requests', async (file, version, requests) => {
    const loaded = await loadCollection(`${FIXTURES}/${file}`);
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.version).toBe(version);
    expect(countHooked(injectHook(loaded.collection))).toBe(requests);
  });

  it.each([
    ['garbage.txt', /garbage\.txt is not JSON: /],
    ['not-a-collection.json', /not-a-collection\.json is not a Postman collection/],
    ['missing.json', /cannot read collection .*missing\.json: no such file/],
  ])('refuses %s with one line', async (file, message) => {
    const loaded = await loadCollection(`${FIXTURES}/${file}`);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error).toMatch(message);
    expect(loaded.error).not.toContain('\n');
  });

  describe('from a URL', () => {
    let server: CaptureServer;
    const body = JSON.parse(readFileSync(`${FIXTURES}/v20.postman_collection.json`, 'utf8')) as unknown;
    beforeAll(async () => {
      server = await startCaptureServer((req) => (req.path === '/c.json' ? { body } : { status: 404, body: { detail: 'no' } }));
    });
    afterAll(() => server.close());

    it('loads a collection served over http', async () => {
      const loaded = await loadCollection(`${server.url}/c.json`);
      expect(loaded.ok && loaded.collection.name).toBe('v2.0 fixture');
    });

    it('refuses a collection larger than 64 MiB in one line: by its Content-Length, or once a stream without end passes it', async () => {
      let sent = 0;
      const endless = createServer((req, res) => {
        if (req.url === '/big.json') return void res.writeHead(200, { 'content-length': String(MAX_COLLECTION_BYTES + 1) }).end();
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        const more = (): void => {
          while (!res.destroyed && sent < 4 * MAX_COLLECTION_BYTES && res.write(chunk)) sent += chunk.length;
          if (sent >= 4 * MAX_COLLECTION_BYTES) res.end();
        };
        res.on('drain', more);
        more();
      });
      await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
      onTestFinished(() => new Promise<void>((resolve) => endless.close(() => resolve())));
      const url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}`;
      for (const path of ['/big.json', '/endless.json']) {
        const loaded = await loadCollection(`${url}${path}`);
        expect(loaded.ok ? '' : loaded.error).toBe(`cannot load collection ${url}${path}: it is larger than 64 MiB`);
      }
      // The stream was left once past the bound, not read to its end.
      expect(sent).toBeLessThan(2 * MAX_COLLECTION_BYTES);
    });

    it('reports an HTTP error in one line', async () => {
      const loaded = await loadCollection(`${server.url}/nothing.json`);
      expect(loaded.ok ? '' : loaded.error).toBe(`cannot load collection ${server.url}/nothing.json: HTTP 404`);
    });
  });
});

describe('myvalue run / inject with bad input', () => {
  it('run exits 2 with one line for a file that is not JSON', async () => {
    const result = await runCli(['run', '--collection', `${FIXTURES}/garbage.txt`, '--target', 'mock']);
    expect(result.code).toBe(2);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^myvalue: .*garbage\.txt is not JSON/);
    expect(result.out).toEqual([]);
  });

  it('run exits 2 with one line for JSON that is not a collection', async () => {
    const result = await runCli(['run', '--collection', `${FIXTURES}/not-a-collection.json`, '--target', 'msw']);
    expect(result.code).toBe(2);
    expect(result.err).toEqual([`myvalue: ${FIXTURES}/not-a-collection.json is not a Postman collection (expected an "item" list, or a v1 "requests" list)`]);
  });

  it('run exits 2 for an unknown target', async () => {
    const result = await runCli(['run', '--collection', `${FIXTURES}/v20.postman_collection.json`, '--target', 'staging']);
    expect(result.code).toBe(2);
    expect(result.err).toEqual(['myvalue: --target must be mock, msw, sandbox, production or an http(s) URL, got "staging"']);
  });

  it('inject exits 2 with one line for garbage', async () => {
    const result = await runCli(['inject', `${FIXTURES}/garbage.txt`, '--out', '/tmp/never-written.json']);
    expect(result.code).toBe(2);
    expect(result.err).toHaveLength(1);
  });
});

describe('myvalue inject', () => {
  it('writes a v2.0 collection as v2.0 with the hook on every request, and injecting its output again changes nothing', async () => {
    const { mkdtempSync, readFileSync: read, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'myvalue-inject-'));
    try {
      const first = join(dir, 'once.postman_collection.json');
      const second = join(dir, 'twice.postman_collection.json');
      const once = await runCli(['inject', `${FIXTURES}/v20.postman_collection.json`, '--out', first]);
      expect(once.code).toBe(0);
      expect(once.out[0]).toBe(`wrote ${first}: signing hook on 2 requests`);
      const twice = await runCli(['inject', first, '--out', second]);
      expect(twice.code).toBe(0);
      expect(read(second, 'utf8')).toBe(read(first, 'utf8'));
      const json = JSON.parse(read(first, 'utf8')) as { info: { schema: string } };
      expect(json.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.0.0/collection.json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
