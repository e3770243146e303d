// Where a run's own values go (src/run/run-scopes.ts): the user's environment keeps its name and values,
// the collection's variables win over the harness's, --target still decides the base URLs; the production
// guard is no variable (test/harness/production-guard.test.ts covers it). End to end through `myvalue run`, then the table.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCollection } from '../../src/harness/index';
import { runScopes, type RunScopesInput } from '../../src/run/run-scopes';
import { shippedFile } from '../../src/shared/package-files';
import { tempDir } from '../helpers/temp-dir';
import { startCaptureServer } from './capture-server';

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

describe('myvalue run keeps what the collection and the user set', () => {
  it("a collection's own clientID is sent, and scripts see the user's environment by its name, with its keys only", async () => {
    const server = await startCaptureServer();
    try {
      const dir = tempDir('myvalue-scopes-');
      const collection = join(dir, 'partner.postman_collection.json');
      const environment = join(dir, 'staging.postman_environment.json');
      writeFileSync(collection, JSON.stringify({
        info: { name: 'Partner API', schema: SCHEMA },
        variable: [{ key: 'clientID', value: 'partner-own-client' }],
        item: [{ name: 'Orders', request: { method: 'GET', header: [{ key: 'X-Env', value: '{{env}}' }], url: `${server.url}/orders?client={{clientID}}` }, event: [{ listen: 'prerequest', script: { exec: ["pm.variables.set('env', pm.environment.name + ':' + Object.keys(pm.environment.toObject()).sort().join(','));"] } }] }],
      }));
      writeFileSync(environment, JSON.stringify({ name: 'Staging', values: [{ key: 'region', value: 'id-jkt', enabled: true }] }));
      const lines: string[] = [];
      const r = await runCollection({ collection, environment, target: 'mock', cwd: dir, env: {}, contract: false, reporters: { cli: false, junit: false, html: false }, write: () => undefined, log: (line) => lines.push(line) });
      expect(r.exitCode).toBe(0);
      expect(server.requests[0]?.query.get('client')).toBe('partner-own-client');
      expect(server.requests[0]?.headers['x-env']).toBe('Staging:region');
      expect(lines).toContain("clientID is partner-own-client, set by the collection or the environment, not the run's client GramediaPOS: requests MyValue's rules sign carry it, signed with the run's secret");
    } finally {
      await server.close();
    }
  });

  it('--target still decides where MyValue requests go when the environment names other hosts (the shipped mock environment, against msw)', async () => {
    const dir = tempDir('myvalue-scopes-target-');
    const lines: string[] = [];
    const environment = shippedFile('collections/environments/mock.postman_environment.json');
    const r = await runCollection({ environment, target: 'msw', folders: ['Points'], cwd: dir, env: {}, reporters: { cli: false, junit: false, html: false }, write: () => undefined, log: (line) => lines.push(line) });
    expect(r.error).toBeUndefined();
    expect(r.exitCode).toBe(0);
    expect(r.summary?.requests.every((q) => q.url?.startsWith('https://external.ovaltech.id/'))).toBe(true);
    const name = (JSON.parse(readFileSync(environment, 'utf8')) as { name: string }).name;
    expect(name).toBe('MyValue local fake (myvalue mock)');
    expect(lines).toContain("the environment's externalBaseUrl (http://127.0.0.1:4010) is replaced by the target's (https://external.ovaltech.id): --target decides where MyValue's requests go");
  });
});

describe('runScopes: the precedence', () => {
  const harness: RunScopesInput['harness'] = { clientId: 'GramediaPOS', externalBaseUrl: 'http://127.0.0.1:5000', authBaseUrl: 'http://127.0.0.1:5000', secretVariable: 'myvalueClientSecret', secret: 'made-up-run-secret' };
  const scopes = (over: Partial<RunScopesInput> = {}) => runScopes({ environment: { values: [] }, envVars: [], collection: { info: { name: 'c' }, item: [] }, harness, ...over });
  const valueIn = (list: Array<{ key: string; value: unknown }>, key: string): unknown => list.find((v) => v.key === key)?.value;

  it("with nothing of the user's: the harness's values in globals, the environment empty and unnamed, as in Newman without one", () => {
    const s = scopes();
    expect(s.environment).toEqual({ values: [] });
    expect(s.globals.values.map((v) => [v.key, v.value])).toEqual([
      ['externalBaseUrl', 'http://127.0.0.1:5000'],
      ['authBaseUrl', 'http://127.0.0.1:5000'],
      ['clientID', 'GramediaPOS'],
      ['myvalueClientSecret', 'made-up-run-secret'],
    ]);
    expect(s.notes).toEqual([]);
  });

  it('the environment keeps its name and values; --env-var replaces or adds a key, as Newman does', () => {
    const s = scopes({ environment: { name: 'Staging', values: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }, envVars: [{ key: 'b', value: '3' }, { key: 'c', value: '4' }] });
    expect(s.environment.name).toBe('Staging');
    expect(s.environment.values.map((v) => [v.key, v.value])).toEqual([['a', '1'], ['b', '3'], ['c', '4']]);
  });

  it("clientID and the secret of the collection or the environment win (in globals, the harness's lose); the other secret is masked", () => {
    const s = scopes({ collection: { info: { name: 'c' }, item: [], variable: [{ key: 'clientID', value: 'own' }] }, environment: { values: [{ key: 'myvalueClientSecret', value: 'made-up-env-secret' }] } });
    expect(valueIn(s.collection.variable as Array<{ key: string; value: unknown }>, 'clientID')).toBe('own');
    expect(valueIn(s.environment.values, 'myvalueClientSecret')).toBe('made-up-env-secret');
    expect(s.secrets).toEqual(['made-up-env-secret']);
    expect(s.notes).toHaveLength(2);
  });

  it("clientID or the secret declared empty (the journal collection's, a blank environment slot) gets the run's value in its place, no key added", () => {
    const s = scopes({
      collection: { info: { name: 'c' }, item: [], variable: [{ key: 'clientID', value: '' }, { key: 'myvalueClientSecret', value: '' }] },
      environment: { name: 'Blank', values: [{ key: 'myvalueClientSecret', value: '' }, { key: 'other', value: '' }] },
    });
    expect((s.collection.variable as Array<{ key: string; value: unknown }>).map((v) => [v.key, v.value])).toEqual([['clientID', 'GramediaPOS'], ['myvalueClientSecret', 'made-up-run-secret']]);
    expect(s.environment.values.map((v) => [v.key, v.value])).toEqual([['myvalueClientSecret', 'made-up-run-secret'], ['other', '']]);
    expect(s.secrets).toEqual([]);
    expect(s.notes).toEqual([]);
  });

  it('the base URLs: the target replaces those of the environment file and the collection, --env-var wins over the target', () => {
    const s = scopes({
      environment: { values: [{ key: 'externalBaseUrl', value: 'http://127.0.0.1:4010' }] },
      collection: { info: { name: 'c' }, item: [], variable: [{ key: 'authBaseUrl', value: 'https://auth.ovaltech.id' }] },
    });
    expect(valueIn(s.environment.values, 'externalBaseUrl')).toBe('http://127.0.0.1:5000');
    expect(valueIn(s.collection.variable as Array<{ key: string; value: unknown }>, 'authBaseUrl')).toBe('http://127.0.0.1:5000');
    expect(s.notes).toEqual([
      "the environment's externalBaseUrl (http://127.0.0.1:4010) is replaced by the target's (http://127.0.0.1:5000): --target decides where MyValue's requests go",
      "the collection's authBaseUrl (https://auth.ovaltech.id) is replaced by the target's (http://127.0.0.1:5000): --target decides where MyValue's requests go",
    ]);
    const given = scopes({ envVars: [{ key: 'externalBaseUrl', value: 'http://127.0.0.1:6000' }] });
    expect(valueIn(given.environment.values, 'externalBaseUrl')).toBe('http://127.0.0.1:6000');
    expect(valueIn(given.globals.values, 'externalBaseUrl')).toBeUndefined();
  });

  it('sets no guard variable: the production guard is in the hook\'s text, and a user\'s value stays as given', () => {
    const given = scopes({ environment: { values: [{ key: 'myvalueBlockWrites', value: 'false' }] } });
    expect(given.environment.values).toEqual([{ key: 'myvalueBlockWrites', value: 'false' }]);
    expect(given.globals.values.some((v) => v.key === 'myvalueBlockWrites')).toBe(false);
  });
});
