// DNS rebinding: a page on http://rebind.test:PORT, its name rebound to 127.0.0.1, reads the fake
// same-origin (no Origin header). Only the Host header tells it apart, so without an admin token the
// admin API and the dashboard answer only this machine's loopback names on the fake's port and the
// names the fake was started with. MyValue's own routes answer any Host.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { DEMO } from '../helpers/api';
import { coreRequest, signedWire } from '../helpers/signed-wire';

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
