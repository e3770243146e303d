// The scenario table against both adapters: Express on a port and MSW in process, a fresh fake each.
// Every response is also checked against the project's OpenAPI contract, so the fake cannot drift.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { Api } from '../helpers/api';
import { observeContract } from '../helpers/contract-observer';
import { TRANSPORTS } from '../helpers/transports';
import { SCENARIOS } from './scenarios';

describe.each(TRANSPORTS)('fake over %s', (_, open) => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const observed = observeContract(createFakeMyValue());
    const transport = await open(observed.fake);
    try {
      await scenario.run(new Api(transport.baseUrl));
    } finally {
      await transport.close();
    }
    // A deliberately unknown route (the bad-input scenario) is the only response outside the contract.
    const drift = observed.violations().filter((v) => !(v.kind === 'unknown-path' && v.request.path === '/service/nothing/here'));
    expect(drift.map((v) => `${v.request.method} ${v.request.path}: ${v.message}`)).toEqual([]);
    expect(observed.checked()).toBeGreaterThan(0);
  });
});
