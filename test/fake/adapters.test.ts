// The scenario table against both adapters: Express on a port and MSW in process, a fresh fake each.
import { describe, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/index';
import { Api } from '../helpers/api';
import { TRANSPORTS } from '../helpers/transports';
import { SCENARIOS } from './scenarios';

describe.each(TRANSPORTS)('fake over %s', (_, open) => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const transport = await open(createFakeMyValue());
    try {
      await scenario.run(new Api(transport.baseUrl));
    } finally {
      await transport.close();
    }
  });
});
