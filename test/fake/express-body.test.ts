// Bodies the Express adapter cannot read still get MyValue's error shape from the core.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { computeSign, findRule } from '../../src/signing';
import { Api, DEMO } from '../helpers/api';
import { expressTransport } from '../helpers/transports';

describe('Express adapter, unreadable bodies', () => {
  it('an unsupported content-encoding is 400 ErrMalformedJSON naming it, and changes nothing', async () => {
    const fake = createFakeMyValue();
    const transport = await expressTransport(fake);
    try {
      const api = new Api(transport.baseUrl);
      const reply = await api.raw('POST', '/service/point/earn/', '{"amount": 10}', { 'content-encoding': 'x-unknown' });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ id: 'ErrMalformedJSON', detail: expect.stringMatching(/^Request body could not be read: .*x-unknown/), errorCode: 400 });
      expect(await api.balance('VB60VS')).toBe(10640);
    } finally {
      await transport.close();
    }
  });

  it('a body is read as UTF-8 JSON whatever charset the content-type claims', async () => {
    const fake = createFakeMyValue();
    const transport = await expressTransport(fake);
    try {
      const api = new Api(transport.baseUrl);
      const fields = { email: 'dede@contoh.co.id', fullName: 'Dédé Ñoño', passwordLess: true };
      const sign = computeSign(findRule('user.create')!, { ...DEMO, fields });
      const body = JSON.stringify({ ...fields, clientID: DEMO.clientId, sign });
      const reply = await api.raw('POST', '/service/user/', body, { 'content-type': 'application/json; charset=latin1' });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body.firstName).toBe('Dédé Ñoño');
    } finally {
      await transport.close();
    }
  });
});
