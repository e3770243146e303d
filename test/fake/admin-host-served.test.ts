// The admin API's Host check on a fake that really listens: Express on 127.0.0.1 (with and without a
// public URL) and `myvalue mock --host 0.0.0.0` (a child process). The check itself: admin-host.test.ts.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { createExpressApp, listen } from '../../mocks/express';
import { rawHttp } from '../helpers/raw-http';
import { spawnMock } from '../helpers/spawn-mock';

describe('the Host check on a served fake', () => {
  it('on 127.0.0.1: a rebound name is refused, the loopback names on its port answer', async () => {
    const server = await listen(createExpressApp(createFakeMyValue()), 0);
    try {
      expect(await rawHttp(server.url, 'GET', '/__admin/users', { host: `rebind.test:${server.port}` })).toMatchObject({ status: 403, body: { id: 'ErrAdminForbidden' } });
      expect(await rawHttp(server.url, 'GET', '/__admin/ui', { host: `rebind.test:${server.port}` })).toMatchObject({ status: 403 });
      expect((await rawHttp(server.url, 'GET', '/__admin/users')).status).toBe(200);
      expect((await rawHttp(server.url, 'GET', '/__admin/users', { host: `localhost:${server.port}` })).status).toBe(200);
      expect((await rawHttp(server.url, 'GET', '/__admin/ui', { host: `[::1]:${server.port}` })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('with a public URL: its host answers, and so do the loopback names on the port the connection came in on', async () => {
    const server = await listen(createExpressApp(createFakeMyValue(), { publicUrl: 'https://fake.example.test:8443' }), 0);
    try {
      expect((await rawHttp(server.url, 'GET', '/__admin/users', { host: 'fake.example.test:8443' })).status).toBe(200);
      expect((await rawHttp(server.url, 'GET', '/__admin/users', { host: `localhost:${server.port}` })).status).toBe(200);
      expect((await rawHttp(server.url, 'GET', '/__admin/users', { host: 'fake.example.test:8080' })).status).toBe(403);
      expect((await rawHttp(server.url, 'GET', '/__admin/users', { host: `rebind.test:${server.port}` })).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('myvalue mock --host 0.0.0.0 answers under the name it was started with, and refuses a rebound one', async () => {
    const mock = await spawnMock(['--host', '0.0.0.0', '--quiet']);
    try {
      const port = new URL(mock.url).port;
      expect((await rawHttp(mock.url, 'GET', '/__admin/users', { host: `0.0.0.0:${port}` })).status).toBe(200);
      expect((await rawHttp(mock.url, 'GET', '/__admin/users', { host: `localhost:${port}` })).status).toBe(200);
      expect((await rawHttp(mock.url, 'GET', '/__admin/users', { host: `rebind.test:${port}` })).status).toBe(403);
    } finally {
      await mock.stop();
    }
  });
});
