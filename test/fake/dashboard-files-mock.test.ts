// Where `myvalue mock` (a child process) says the dashboard is: its URL, and with --admin-token that the
// page asks for the token, never the token itself.
import { describe, expect, it } from 'vitest';
import { spawnMock } from '../helpers/spawn-mock';

describe('the dashboard files', () => {
  it('`myvalue mock` prints the dashboard URL; with --admin-token it says the page asks for it, and never prints it', async () => {
    const mock = await spawnMock(['--quiet', '--admin-token', 'tok-never-printed']);
    try {
      await expect.poll(() => mock.output()).toContain(`dashboard: ${mock.url}/__admin/ui   (asks for the admin token once, kept in the browser tab)`);
      expect(mock.output()).not.toContain('tok-never-printed');
    } finally {
      await mock.stop();
    }
  });
});
