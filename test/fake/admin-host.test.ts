// DNS rebinding: a page on http://rebind.test:PORT, its name rebound to 127.0.0.1, reads the fake
// same-origin (no Origin header). Only the Host header tells it apart, so without an admin token the
// admin API and the dashboard answer only this machine's loopback names on the fake's port and the
// names the fake was started with. MyValue's own routes answer any Host.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { createExpressApp, listen } from '../../mocks/express';
import { DEMO } from '../helpers/api';
import { coreRequest, signedWire } from '../helpers/signed-wire';
import { rawHttp } from '../helpers/raw-http';
import { spawnMock } from '../helpers/spawn-mock';

const ORIGIN = 'http://127.0.0.1:4010';
const TOKEN = 'made-up-admin-token-host';
const get = (fake: Fake, path: string, headers: Record<string, string>) => fake.handle({ method: 'GET', path, query: {}, headers, origin: ORIGIN });

const ADMIN_READS = ['/__admin/users', '/__admin/requests', '/__admin/ui', '/__admin/ui/dashboard.js', '//__admin/users'];

describe('the Host a request names, for a fake on 127.0.0.1:4010 without a token', () => {
  it.each(ADMIN_READS)('GET %s under a rebound name is 403, under the loopback names 200', (path) => {
    const fake = createFakeMyValue();
    for (const host of ['rebind.test:4010', 'localhost.rebind.test:4010', '127.0.0.1.rebind.test:4010', 'localhost:4011', 'localhost', 'x@127.0.0.1:4010']) {
      const res = get(fake, path, { host });
      expect(res.status, host).toBe(403);
      expect(res.body).toMatchObject({ id: 'ErrAdminForbidden', errorCode: 403 });
      expect((res.body as { detail: string }).detail).toContain(`not ${host}`);
    }
    for (const host of ['127.0.0.1:4010', 'localhost:4010', 'LocalHost:4010', '[::1]:4010']) expect(get(fake, path, { host }).status, host).toBe(200);
  });

  it('a request without Host (no browser sends one) is answered', () => {
    expect(get(createFakeMyValue(), '/__admin/users', {}).status).toBe(200);
  });

  it('with an admin token the token decides, under any name', () => {
    const fake = createFakeMyValue({ adminToken: TOKEN });
    expect(get(fake, '/__admin/users', { host: 'rebind.test:4010' })).toMatchObject({ status: 401, body: { id: 'ErrAdminToken' } });
    expect(get(fake, '/__admin/users', { host: 'rebind.test:4010', 'x-myvalue-admin-token': TOKEN }).status).toBe(200);
  });

  it('MyValue\'s own routes answer any Host', () => {
    const fake = createFakeMyValue();
    const request = coreRequest(signedWire('point.get', DEMO, { valueID: 'VR8EPN' }), ORIGIN);
    expect(fake.handle({ ...request, headers: { host: 'rebind.test:4010' } }).status).toBe(200);
    expect(fake.handle({ method: 'GET', path: '/authorize/mapping/login', query: {}, headers: { host: 'rebind.test:4010' }, origin: ORIGIN }).status).not.toBe(403);
  });
});

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
