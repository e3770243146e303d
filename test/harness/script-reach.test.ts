// What a collection's own scripts can reach of the client secret in a `myvalue run` (Newman 6.2), as
// docs/decisions/harness.md records it, and the README's promise
// about secrets, which must say what it covers: masking catches the secret and tokens in their encoded
// forms, not a form a script makes up, and a script can read the secret. A change in either fails here.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCollection } from '../../src/harness/index';
import { shippedFile } from '../../src/shared/package-files';
import { tempDir } from '../helpers/temp-dir';

const SECRET = 'made-up-reach-secret-5150';
const reversed = [...SECRET].reverse().join('');

const collectionScript = [
  "var s = 'myvalueClientSecret';",
  "var has = function (v) { return v !== undefined && v !== null && v !== '' ? 'yes' : 'no'; };",
  "pm.test('pm.variables: ' + has(pm.variables.get(s)), function () {});",
  "pm.test('pm.environment: ' + has(pm.environment.get(s)), function () {});",
  "pm.test('pm.collectionVariables: ' + has(pm.collectionVariables.get(s)), function () {});",
  "pm.test('pm.globals: ' + has(pm.globals.get(s)), function () {});",
  "pm.test('pm.iterationData: ' + has(pm.iterationData.get(s)), function () {});",
  // Every script of a run shares one sandbox: a module patched here is what the hook calls later.
  "var C = require('crypto-js');",
  'if (!C.__reach) { var sha = C.SHA256; C.SHA256 = function (m) { C.__reach = String(m); return sha.apply(this, arguments); }; }',
  "console.log('plain ' + pm.variables.get(s));",
  "console.log('reversed ' + String(pm.variables.get(s)).split('').reverse().join(''));",
];

const balanceTest = [
  "var C = require('crypto-js');",
  "var hex = C.enc.Utf8.parse(pm.variables.get('myvalueClientSecret')).toString();",
  "pm.test('the sign\\'s pre-image, seen through a patched crypto-js: ' + (String(C.__reach).indexOf(hex) >= 0 ? 'yes' : 'no'), function () {});",
];

const tokenTest = ["pm.test('pm.request after the hook, in a test script: ' + (String(pm.request.body.raw).indexOf(pm.variables.get('myvalueClientSecret')) >= 0 ? 'yes' : 'no'), function () {});"];

it('a collection script reads the secret from pm.variables, pm.globals, the signing hook\'s crypto and the request; a reversed secret is not masked', async () => {
  const dir = tempDir('myvalue-reach-');
  const file = join(dir, 'reach.postman_collection.json');
  writeFileSync(
    file,
    JSON.stringify({
      info: { name: 'Reach', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: collectionScript } }],
      item: [
        { name: 'Balance', request: { method: 'GET', url: '{{externalBaseUrl}}/service/point/?valueID=VR8EPN&clientID={{clientID}}&sign={{SIGN}}' }, event: [{ listen: 'test', script: { type: 'text/javascript', exec: balanceTest } }] },
        {
          name: 'Token',
          request: { method: 'POST', header: [{ key: 'Content-Type', value: 'application/json' }], body: { mode: 'raw', raw: '{"grant_type": "client_credentials", "client_id": "{{clientID}}", "client_secret": "{{myvalueClientSecret}}"}' }, url: '{{authBaseUrl}}/auth/token' },
          event: [{ listen: 'test', script: { type: 'text/javascript', exec: tokenTest } }],
        },
      ],
    }),
  );
  const printed: string[] = [];
  const result = await runCollection({ collection: file, target: 'mock', clientId: 'MyPOS', clientSecret: SECRET, contract: false, cwd: dir, write: (text) => void printed.push(text), log: (line) => void printed.push(line) });
  const names = new Set(result.summary?.requests.flatMap((r) => r.assertions.map((a) => a.name)));
  expect([...names].sort()).toEqual(
    [
      'pm.variables: yes',
      'pm.environment: no',
      'pm.collectionVariables: no',
      'pm.globals: yes',
      'pm.iterationData: no',
      "the sign's pre-image, seen through a patched crypto-js: yes",
      'pm.request after the hook, in a test script: yes',
    ].sort(),
  );
  const output = printed.join('');
  expect(output).toContain("'plain [masked]'");
  expect(output).toContain(reversed);
  expect(output).not.toContain(SECRET);

  // The README's promise says what it covers, and that a collection's scripts can read the secret.
  const readme = readFileSync(shippedFile('README.md'), 'utf8').replace(/\s+/g, ' ');
  expect(readme).toContain('a collection\'s own scripts can read the client secret');
  expect(readme).toContain('run real credentials only with collections you trust');
  expect(readme).not.toMatch(/never contain the secret|never (?:appears?|written|printed) in any form/i);
}, 60_000);
