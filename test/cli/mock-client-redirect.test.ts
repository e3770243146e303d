// `mock --client ID:SECRET` without --redirect-uri registers the shipped collection's loopback
// redirect URI and says so: running the shipped collection against it passes its Auth & SSO folder.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { spawnMock } from '../helpers/spawn-mock';
import { tempDir } from '../helpers/temp-dir';

describe('mock --client without --redirect-uri', () => {
  it('says which redirect URI it registered, and the shipped Auth & SSO folder passes against it', async () => {
    const mock = await spawnMock(['--client', 'MadeUpPOS:made-up-secret-42', '--quiet']);
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(mock.output()).toContain("redirect URI http://127.0.0.1:5173/callback (the shipped collection's) registered for MadeUpPOS; --redirect-uri ID=URI registers others instead");
      const out = join(tempDir('myvalue-redirect-'), 'reports');
      const run = await runCli(['run', '--target', mock.url, '--client-id', 'MadeUpPOS', '--client-secret', 'made-up-secret-42', '--folder', 'Auth & SSO', '--out', out]);
      expect(run.code, [...run.out, ...run.err].join('\n')).toBe(0);
    } finally {
      await mock.stop();
    }
  });

  it('with --redirect-uri for that client, registers only what it names', async () => {
    const mock = await spawnMock(['--client', 'MadeUpPOS:made-up-secret-42', '--redirect-uri', 'MadeUpPOS=http://127.0.0.1:6000/cb', '--quiet']);
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(mock.output()).not.toContain('redirect URI http://127.0.0.1:5173/callback');
      const authorize = await fetch(`${mock.url}/__admin/authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: 'MadeUpPOS', user_id: 'bu-1', redirect_uri: 'http://127.0.0.1:5173/callback', full_name: 'Eka', email: 'eka@example.test' }),
      });
      expect(authorize.status).toBe(400);
    } finally {
      await mock.stop();
    }
  });
});
