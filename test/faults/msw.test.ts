// The same fault scenarios in process through MSW (setupServer(...myValueHandlers(fake))), at MyValue's sandbox host.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { myValueHandlers } from '../../mocks/msw';
import { balancePath, freshFake } from './helpers';
import { SCENARIOS, type Transport } from './scenarios';

const SANDBOX = 'https://external.ovaltech.id';
const server = setupServer();
const http: Transport = { send: (method, path, init = {}) => fetch(`${SANDBOX}${path}`, { method, body: init.body, headers: init.headers }) };

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('faults in process (MSW)', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const fake = freshFake({ faults: scenario.faults ?? [] });
      const waits: number[] = [];
      server.use(...myValueHandlers(fake, { wait: async (ms) => void waits.push(ms) }));
      await scenario.run({ http, fake, waits });
    });
  }

  it('a dropped request is the network error MSW gives (HttpResponse.error())', async () => {
    server.use(...myValueHandlers(freshFake({ faults: ['point.get:drop'] })));
    await expect(http.send('GET', balancePath())).rejects.toThrow('Failed to fetch');
  });
});
