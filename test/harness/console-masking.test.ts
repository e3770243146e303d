// A secret a script logs is masked before Newman's CLI reporter wraps the line: no piece of it, however
// the terminal cuts it, reaches stdout (run as a process, as a CI log would show it).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/spawn-mock';
import { tempDir } from '../helpers/temp-dir';

describe('console lines of scripts', () => {
  it('a 70-character secret logged by a script shows nowhere on stdout, not even cut by the wrapping', () => {
    const secret = `made-up-${'s3cr3t-'.repeat(9)}end`;
    const dir = tempDir('myvalue-console-');
    const collection = join(dir, 'logs.postman_collection.json');
    writeFileSync(collection, JSON.stringify({
      info: { name: 'Logs', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{
        name: 'Balance',
        request: { method: 'GET', url: '{{externalBaseUrl}}/service/point/?valueID=VR8EPN&clientID={{clientID}}&sign={{SIGN}}' },
        event: [{ listen: 'test', script: { type: 'text/javascript', exec: ["console.log('the secret is ' + pm.variables.get('myvalueClientSecret') + ' and that is all');"] } }],
      }],
    }));
    const result = spawnSync(process.execPath, [...CLI, 'run', '--collection', collection, '--target', 'msw', '--client-id', 'MyPOS', '--client-secret', secret, '--out', join(dir, 'reports')], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, COLUMNS: '60' } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('the secret is [masked] and that is all');
    const pieces = Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12));
    expect(pieces.filter((p) => result.stdout.includes(p) || result.stderr.includes(p))).toEqual([]);
  });
});
