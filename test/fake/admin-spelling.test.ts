// The admin API is one area whatever the path's spelling: `//__admin`, `%5F_admin`, `/./`, `/x/../` and
// `%2e%2e` reach its routes only through its guard (token, Origin, media type), and none of them is
// journaled or faulted. Another case (`/__ADMIN/`) is no route of it, but still guarded and not journaled.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { createExpressApp, listen } from '../../mocks/express';
import { DEMO } from '../helpers/api';
import { coreRequest, signedWire } from '../helpers/signed-wire';
import { rawHttp } from '../helpers/raw-http';
import { TRANSPORTS } from '../helpers/transports';

const ORIGIN = 'http://127.0.0.1:4010';
const TOKEN = 'made-up-admin-token-spelling';
const call = (fake: Fake, method: string, path: string, headers: Record<string, string> = {}, rawBody?: string) =>
  fake.handle({ method, path, query: {}, headers, ...(rawBody === undefined ? {} : { rawBody }), origin: ORIGIN });

/** Spellings a server reads as /__admin/users. */
const SPELLINGS = ['/__admin/users', '//__admin/users', '/%5F_admin/users', '/%5f%5fadmin/users', '/./__admin/users', '/x/../__admin/users', '/x/%2e%2E/__admin/users', '/x/.%2e/__admin/users', '/%2e/__admin//users', '/__admin/./users/'];
/** Spellings in another case: in the admin area (guarded, not journaled), but no route of it. */
const OTHER_CASE = ['/__ADMIN/users', '/__Admin/users', '/%5F_ADMIN/users', '//__aDmIn/users'];

describe('the admin area, however its path is spelled', () => {
  it.each(SPELLINGS)('%s: 401 without the token, the users with it, never journaled', (path) => {
    const fake = createFakeMyValue({ adminToken: TOKEN });
    expect(call(fake, 'GET', path)).toMatchObject({ status: 401, body: { id: 'ErrAdminToken' } });
    const answer = call(fake, 'GET', path, { 'x-myvalue-admin-token': TOKEN });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(call(fake, 'GET', '/__admin/users', { 'x-myvalue-admin-token': TOKEN }).body);
    expect(fake.journal.count({})).toBe(0);
  });

  it.each(OTHER_CASE)('%s: 401 without the token, 404 with it (no such admin route), never journaled', (path) => {
    const fake = createFakeMyValue({ adminToken: TOKEN });
    expect(call(fake, 'GET', path)).toMatchObject({ status: 401, body: { id: 'ErrAdminToken' } });
    expect(call(fake, 'GET', path, { 'x-myvalue-admin-token': TOKEN })).toMatchObject({ status: 404, body: { id: 'ErrRouteNotFound' } });
    expect(fake.journal.count({})).toBe(0);
  });

  it.each(['//__admin/faults', '/%5F_admin/faults', '/x/../__admin/faults', '/__ADMIN/faults'])('POST %s from another origin or as text/plain adds no fault', (path) => {
    const fake = createFakeMyValue();
    const rule = '{"rule": "*:status=503"}';
    expect(call(fake, 'POST', path, { origin: 'https://evil.example', 'content-type': 'text/plain' }, rule)).toMatchObject({ status: 403, body: { id: 'ErrAdminForbidden' } });
    expect(call(fake, 'POST', path, { 'content-type': 'text/plain' }, rule)).toMatchObject({ status: 415, body: { id: 'ErrUnsupportedMediaType' } });
    expect(fake.faults.list()).toEqual([]);
    // A fault rule for every route does not touch the admin area either.
    expect(call(fake, 'POST', '/__admin/faults', { 'content-type': 'application/json' }, rule).status).toBe(201);
    expect(call(fake, 'GET', path.replace('faults', 'health'))).not.toMatchObject({ status: 503 });
  });

  it('MyValue\'s routes and unknown paths are as before: dot segments resolved, unknown paths 404 and journaled', () => {
    const fake = createFakeMyValue();
    const wire = signedWire('point.get', DEMO, { valueID: 'VR8EPN' });
    const request = coreRequest(wire, ORIGIN);
    expect(fake.handle(request).status).toBe(200);
    expect(fake.handle({ ...request, path: `/x/..${request.path}` }).status).toBe(200);
    for (const path of ['/service/nothing/here', '/__adminx/users', '/x/__admin/users']) {
      expect(call(fake, 'GET', path)).toMatchObject({ status: 404, body: { id: 'ErrRouteNotFound' } });
    }
    expect(fake.journal.list({}).map((r) => r.path)).toEqual([request.path, `/x/..${request.path}`, '/service/nothing/here', '/__adminx/users', '/x/__admin/users']);
  });
});

describe('the reported bypasses, on a fake started with an admin token', () => {
  it('GET //__admin/users, POST /%5F_admin/reset and POST //__admin/authorize are refused; the spelling a tool uses still works', async () => {
    const fake = createFakeMyValue({ adminToken: TOKEN });
    const server = await listen(createExpressApp(fake), 0);
    try {
      const token = { 'x-myvalue-admin-token': TOKEN };
      expect(await rawHttp(server.url, 'POST', '/__admin/faults', token, '{"rule": "point.earn:status=503"}')).toMatchObject({ status: 201 });
      expect(await rawHttp(server.url, 'GET', '//__admin/users')).toMatchObject({ status: 401, body: { id: 'ErrAdminToken' } });
      expect(await rawHttp(server.url, 'GET', '/x/../__admin/requests')).toMatchObject({ status: 401, body: { id: 'ErrAdminToken' } });
      expect(await rawHttp(server.url, 'POST', '/%5F_admin/reset')).toMatchObject({ status: 401, body: { id: 'ErrAdminToken' } });
      const authorize = { client_id: 'GramediaPOS', user_id: 'bu-1', redirect_uri: 'http://127.0.0.1:5173/callback', full_name: 'Budi', email: 'budi.santoso@example.co.id' };
      expect(await rawHttp(server.url, 'POST', '//__admin/authorize', {}, JSON.stringify(authorize))).toMatchObject({ status: 401, body: { id: 'ErrAdminToken' } });
      expect(fake.faults.list()).toHaveLength(1);
      expect(fake.deps.store.db.prepare('SELECT count(*) FROM auth_codes').pluck().get()).toBe(0);
      expect(fake.journal.count({})).toBe(0);
      expect((await rawHttp(server.url, 'GET', '/__admin/users', token)).status).toBe(200);
      expect(await rawHttp(server.url, 'POST', '/__admin/reset', token)).toMatchObject({ status: 200, body: { reset: true } });
      expect(fake.faults.list()).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it.each(TRANSPORTS)('over %s, the other spellings need the token like /__admin/users', async (_name, open) => {
    const fake = createFakeMyValue({ adminToken: TOKEN });
    const transport = await open(fake);
    try {
      for (const path of ['/__admin/users', '//__admin/users', '/%5F_admin/users']) {
        expect((await fetch(`${transport.baseUrl}${path}`)).status).toBe(401);
        expect((await fetch(`${transport.baseUrl}${path}`, { headers: { 'x-myvalue-admin-token': TOKEN } })).status).toBe(200);
      }
      expect(fake.journal.count({})).toBe(0);
    } finally {
      await transport.close();
    }
  });
});
