// The shipped seed is checked here (the fake trusts it at start-up), and the fake's public handle:
// clientIds() and close().
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import { createFakeMyValue } from '../../mocks/index';
import { DEFAULT_SEED_FILE, loadSeed, parseSeed, SEED_SCHEMA } from '../../mocks/store/seed';
import { computeSign, findRule } from '../../src/signing';

describe('seed', () => {
  it('the seed schema is a valid JSON Schema, and the shipped seed passes it', () => {
    const ajv = new Ajv();
    expect(ajv.validateSchema(SEED_SCHEMA), ajv.errorsText()).toBe(true);
    expect(() => parseSeed(readFileSync(DEFAULT_SEED_FILE, 'utf8'), DEFAULT_SEED_FILE)).not.toThrow();
    expect(loadSeed()).toEqual(parseSeed(readFileSync(DEFAULT_SEED_FILE, 'utf8'), DEFAULT_SEED_FILE));
  });

  it('each load of the shipped seed is a fresh copy: changing one changes no later fake', () => {
    const first = loadSeed();
    first.clients.length = 0;
    expect(loadSeed().clients.map((c) => c.clientId)).toEqual(['GramediaPOS', 'KompasCom']);
  });
});

describe('the fake a partner gets', () => {
  const client = { clientId: 'MyPOS', clientSecret: 'made-up-secret-44' };
  const sign = computeSign(findRule('point.get')!, { ...client, fields: { valueID: 'VR8EPN' } });
  const balance = { method: 'GET', path: '/service/point/', query: { valueID: 'VR8EPN', clientID: 'MyPOS', sign }, headers: {}, origin: 'http://fake.test' };

  it('names its clients (seed plus added), never a secret', () => {
    const fake = createFakeMyValue({ clients: [client] });
    try {
      expect(fake.clientIds()).toEqual(['GramediaPOS', 'KompasCom', 'MyPOS']);
      expect(Object.keys(fake).sort()).toEqual(['clientIds', 'clock', 'close', 'faults', 'handle', 'journal', 'reset', 'deps'].sort());
    } finally {
      fake.close();
    }
  });

  it('close() may be called twice; a closed fake answers 503 in MyValue shape, saying so, instead of throwing', async () => {
    // Straight from the module, not through the suite's contract observer: this 503 is on purpose.
    const { createFakeMyValue: unobserved } = await vi.importActual<typeof import('../../mocks/create-fake')>('../../mocks/create-fake');
    const fake = unobserved({ clients: [client] });
    expect(fake.handle(balance)).toMatchObject({ status: 200, body: { point: 36578968 } });
    fake.close();
    expect(() => fake.close()).not.toThrow();
    const after = fake.handle(balance);
    expect(after).toMatchObject({ status: 503, body: { id: 'ErrServiceUnavailable', errorCode: 503, detail: expect.stringMatching(/was closed/) } });
  });
});
