import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { Api } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { expressTransport } from '../helpers/transports';
import { VECTORS } from '../signing/vectors';

describe('myvalue sign', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('prints the sign of every known-answer vector', async () => {
    for (const v of VECTORS) {
      const pairs = Object.entries(v.fields).filter(([, value]) => value !== undefined).map(([k, value]) => `${k}=${value}`);
      const result = await runCli(['sign', v.rule, ...pairs, '--client-id', v.clientId, '--client-secret', v.clientSecret]);
      expect(result.code, result.err.join('\n')).toBe(0);
      expect(result.out).toEqual([v.sign]);
    }
  });

  it('--explain shows the hashed string with the secret masked, and the order', async () => {
    const result = await runCli(['sign', 'point.earn', 'amount=10000', 'referenceNo=R1', 'exchangeRate=0', 'outletID=MVAPP00001', '--client-id', 'GramediaPOS', '--client-secret', 'made-up-secret', '--explain']);
    expect(result.code).toBe(0);
    expect(result.out[1]).toBe('string: GramediaPOS<clientSecret>10000R10MVAPP00001');
    expect(result.out[2]).toMatch(/^order: +clientID="GramediaPOS" \+ clientSecret="<clientSecret>" \+ amount="10000" \+ referenceNo="R1" \+ exchangeRate="0" \+ outletID="MVAPP00001"$/);
    expect(result.out.join('\n')).not.toContain('made-up-secret');
  });

  it('reads credentials from the environment', async () => {
    vi.stubEnv('MYVALUE_CLIENT_ID', 'GramediaPOS');
    vi.stubEnv('MYVALUE_CLIENT_SECRET', 'test-secret-123');
    const result = await runCli(['sign', 'point.get', 'valueID=VR8EPN']);
    expect(result.out).toEqual([VECTORS.find((v) => v.rule === 'point.get')!.sign]);
  });

  it.each([
    [['sign', 'point.gets', 'valueID=1'], /unknown rule "point.gets"; valid rules: user.get, .*voucher.get/],
    [['sign', 'point.get', 'valueId=1', '--client-id', 'a', '--client-secret', 'b'], /unknown field "valueId" for point.get; valid fields: valueID/],
    [['sign', 'point.get', 'valueID'], /"valueID" is not field=value/],
  ])('usage error %j: one line, exit 2', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(message);
  });

  it('missing credentials: one line, exit 2', async () => {
    vi.stubEnv('MYVALUE_CLIENT_ID', '');
    vi.stubEnv('MYVALUE_CLIENT_SECRET', '');
    const result = await runCli(['sign', 'point.get', 'valueID=VR8EPN']);
    expect(result.code).toBe(2);
    expect(result.err).toEqual(['myvalue: no client ID: give --client-id, or set MYVALUE_CLIENT_ID (environment or .env)']);
  });
});

describe('myvalue sign --demo', () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    [[], 'GramediaPOS'],
    [['--client-id', 'KompasCom'], 'KompasCom'],
  ])('%j signs as a demo client (%s) of the shipped seed, which a fresh fake accepts; the secret is never printed', async (extra, clientId) => {
    // An environment with other credentials does not count: --demo means the demo seed's client.
    vi.stubEnv('MYVALUE_CLIENT_ID', 'SomeoneElse');
    vi.stubEnv('MYVALUE_CLIENT_SECRET', 'made-up-other-secret');
    const result = await runCli(['sign', '--demo', 'point.get', 'valueID=VR8EPN', ...extra, '--explain']);
    expect(result.code, result.err.join('\n')).toBe(0);
    expect(result.out[1]).toBe(`string: ${clientId}<clientSecret>VR8EPN`);
    expect(result.out.join('\n')).not.toMatch(/demo-secret|made-up-other-secret/);
    const fake = createFakeMyValue();
    const transport = await expressTransport(fake);
    try {
      const reply = await new Api(transport.baseUrl, { clientId, clientSecret: 'not-used-a-sign-is-given' }).call('point.get', { valueID: 'VR8EPN' }, { sign: result.out[0] });
      expect(reply.status, reply.text).toBe(200);
    } finally {
      await transport.close();
      fake.close();
    }
  });

  it.each([
    [['--client-id', 'Nobody'], 'myvalue: --demo: Nobody is not a client of the demo seed; its clients: GramediaPOS, KompasCom'],
    [['--client-secret', 'made-up-secret'], 'myvalue: --demo signs with the demo client\'s own secret: leave out --client-secret'],
  ])('--demo %j: one line, exit 2', async (extra, message) => {
    const result = await runCli(['sign', '--demo', 'point.get', 'valueID=VR8EPN', ...extra]);
    expect(result).toEqual({ code: 2, out: [], err: [message] });
  });
});
