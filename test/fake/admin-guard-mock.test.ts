// The admin API's guard as `myvalue mock` starts it (a child process): --admin-token protects it and is
// never printed; listening beyond this machine without one says the admin API is open.
import { describe, expect, it } from 'vitest';
import { spawnMock } from '../helpers/spawn-mock';

describe('myvalue mock and the admin API', () => {
  it('--admin-token protects it; the token is never printed', async () => {
    const mock = await spawnMock(['--admin-token', 'made-up-admin-token-3', '--quiet']);
    try {
      expect((await fetch(`${mock.url}/__admin/reset`, { method: 'POST' })).status).toBe(401);
      expect((await fetch(`${mock.url}/__admin/reset`, { method: 'POST', headers: { 'x-myvalue-admin-token': 'made-up-admin-token-3' } })).status).toBe(200);
      expect(mock.output()).not.toContain('made-up-admin-token-3');
    } finally {
      await mock.stop();
    }
  });

  it('listening beyond this machine without a token says the admin API is open', async () => {
    const mock = await spawnMock(['--host', '0.0.0.0', '--quiet']);
    try {
      expect(mock.output()).toContain('warning: listening on 0.0.0.0, beyond this machine: anyone who reaches it can use the admin API (reset, faults, authorize); give --admin-token');
    } finally {
      await mock.stop();
    }
  });
});
