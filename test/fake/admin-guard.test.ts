// The fake's admin API is not for other sites: a page elsewhere cannot reset it, add a fault or mint
// an SSO code; a shared fake can require a token. MyValue's JSON routes take JSON only.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue, type Fake } from '../../mocks/create-fake';
import { coreRequest, signedWire } from '../helpers/signed-wire';
import { DEMO } from '../helpers/api';

const ORIGIN = 'http://127.0.0.1:4010';
const admin = (fake: Fake, method: string, path: string, headers: Record<string, string> = {}, rawBody?: string) =>
  fake.handle({ method, path, query: {}, headers, ...(rawBody === undefined ? {} : { rawBody }), origin: ORIGIN });
const DROP = '{"rule": "*:drop"}';

describe('the admin API and other sites', () => {
  it.each([
    ['POST', '/__admin/reset', undefined],
    ['POST', '/__admin/faults', DROP],
    ['DELETE', '/__admin/faults', undefined],
    ['POST', '/__admin/authorize', '{"client_id": "GramediaPOS", "user_id": "u1", "redirect_uri": "http://127.0.0.1:5173/callback", "full_name": "A", "email": "a@example.test"}'],
    ['GET', '/__admin/requests', undefined],
  ])('%s %s from another origin: 403, nothing done', (method, path, body) => {
    const fake = createFakeMyValue();
    const res = admin(fake, method, path, { origin: 'https://evil.example', ...(body ? { 'content-type': 'application/json' } : {}) }, body);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ id: 'ErrAdminForbidden', detail: `The fake's admin API answers only its own origin (${ORIGIN}), not https://evil.example`, errorCode: 403 });
    expect(fake.faults.list()).toEqual([]);
    expect((fake.deps.store.db.prepare('SELECT count(*) AS n FROM auth_codes').get() as { n: number }).n).toBe(0);
  });

  it.each([
    ['http://localhost:4010', 201],
    ['http://[::1]:4010', 201],
    ['http://localhost:4011', 403],
    ['https://localhost:4010', 403],
    ['http://127.0.0.2:4010', 403],
    ['http://localhost.evil.example:4010', 403],
    ['null', 403],
  ])('Origin %s, for a fake on 127.0.0.1:4010: %i (the same port under another loopback name is the same server)', (origin, status) => {
    const fake = createFakeMyValue();
    expect(admin(fake, 'POST', '/__admin/faults', { origin, 'content-type': 'application/json' }, DROP).status).toBe(status);
    expect(fake.faults.list()).toHaveLength(status === 201 ? 1 : 0);
  });

  it('a text/plain body (what a page can send without asking) is 415 and adds no fault', () => {
    const fake = createFakeMyValue();
    const res = admin(fake, 'POST', '/__admin/faults', { 'content-type': 'text/plain;charset=UTF-8' }, DROP);
    expect(res).toMatchObject({ status: 415, body: { id: 'ErrUnsupportedMediaType', detail: 'Admin request bodies must be application/json, got text/plain', errorCode: 415 } });
    expect(fake.faults.list()).toEqual([]);
  });

  it('its own origin, no origin (curl, Node) and a bodiless POST still work', () => {
    const fake = createFakeMyValue();
    expect(admin(fake, 'POST', '/__admin/faults', { origin: ORIGIN, 'content-type': 'application/json' }, DROP).status).toBe(201);
    expect(admin(fake, 'POST', '/__admin/reset').status).toBe(200);
    expect(fake.faults.list()).toEqual([]);
  });

  it('with an admin token: refused without it or with another, answered with it', () => {
    const fake = createFakeMyValue({ adminToken: 'made-up-admin-token-1' });
    expect(admin(fake, 'POST', '/__admin/reset')).toMatchObject({ status: 401, body: { id: 'ErrAdminToken' } });
    expect(admin(fake, 'POST', '/__admin/reset', { 'x-myvalue-admin-token': 'made-up-admin-token-2' }).status).toBe(401);
    expect(admin(fake, 'POST', '/__admin/reset', { 'x-myvalue-admin-token': 'made-up-admin-token-1' }).status).toBe(200);
  });
});

describe('MyValue\'s JSON routes', () => {
  it('a body sent as a form or text/plain is 415 in MyValue\'s shape, and books nothing', async () => {
    const fake = createFakeMyValue();
    const wire = signedWire('point.earn', DEMO, { amount: 10000, outletID: 'MVAPP00001', referenceNo: 'R-415', valueID: 'VR8EPN' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = fake.handle({ ...coreRequest(wire, ORIGIN), headers: { 'content-type': type } });
      expect(res).toMatchObject({ status: 415, body: { id: 'ErrUnsupportedMediaType', detail: `Request body must be application/json, got ${type}`, errorCode: 415 } });
    }
    expect(fake.handle(coreRequest(wire, ORIGIN)).status).toBe(200);
  });
});
