// One scenario table for both adapters (Express on a port, MSW in process): each fault kind as a
// client sees it over HTTP, and what it left in the fake.
import { expect } from 'vitest';
import type { Fake } from '../../mocks/create-fake';
import { balance, balancePath, call, EARN_PATH, earnBody, historyPath } from './helpers';

export interface Transport {
  /** Sends a request the way a partner's code would (global fetch). */
  send(method: string, pathAndQuery: string, init?: { body?: string; headers?: Record<string, string> }): Promise<Response>;
}

export interface ScenarioContext {
  http: Transport;
  fake: Fake;
  /** Every wait (ms) the adapter was asked to make, in order. */
  waits: number[];
}

export interface Scenario {
  name: string;
  faults?: string[];
  run(ctx: ScenarioContext): Promise<void>;
}

const earn = (http: Transport, ref: string, headers: Record<string, string> = {}): Promise<Response> =>
  http.send('POST', EARN_PATH, { body: earnBody(ref), headers: { 'content-type': 'application/json', ...headers } });

const referencesInHistory = (fake: Fake): string[] => {
  const response = call(fake, 'GET', historyPath());
  const body = response.body as { results?: Array<{ referenceNo?: string }> };
  return (body.results ?? []).map((r) => r.referenceNo ?? '');
};

export const SCENARIOS: Scenario[] = [
  {
    name: 'latency: the adapter waits the drawn time, then gives the real answer',
    faults: ['point.get:latency=250'],
    async run({ http, waits }) {
      const response = await http.send('GET', balancePath());
      expect(response.status).toBe(200);
      expect(await response.json()).toHaveProperty('point');
      expect(waits).toEqual([250]);
    },
  },
  {
    name: 'status=503: a 503 in MyValue error shape, nothing committed',
    faults: ['point.earn:status=503'],
    async run({ http, fake }) {
      const before = balance(fake);
      const response = await earn(http, 'REF-503');
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ id: 'ErrServiceUnavailable', errorCode: 503 });
      expect(balance(fake)).toBe(before);
    },
  },
  {
    name: 'drop: fetch fails with a network error, nothing committed',
    faults: ['point.earn:drop'],
    async run({ http, fake }) {
      const before = balance(fake);
      await expect(earn(http, 'REF-DROP')).rejects.toThrow(TypeError);
      expect(balance(fake)).toBe(before);
      expect(referencesInHistory(fake)).not.toContain('REF-DROP');
    },
  },
  {
    name: 'malformed: declared JSON, body does not parse',
    faults: ['point.get:malformed'],
    async run({ http }) {
      const response = await http.send('GET', balancePath());
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      await expect(response.json()).rejects.toThrow(SyntaxError);
    },
  },
  {
    name: 'no-answer: fetch fails, but the earn is in the balance and the history afterwards',
    faults: ['point.earn:no-answer'],
    async run({ http, fake }) {
      const before = balance(fake);
      await expect(earn(http, 'REF-NO-ANSWER')).rejects.toThrow(TypeError);
      expect(balance(fake)).toBe(before + 100);
      expect(referencesInHistory(fake)).toContain('REF-NO-ANSWER');
    },
  },
  {
    name: 'times=1: exactly one 503, then the same earn succeeds',
    faults: ['point.earn:status=503,times=1'],
    async run({ http, fake }) {
      const before = balance(fake);
      expect((await earn(http, 'REF-RETRY')).status).toBe(503);
      const retried = await earn(http, 'REF-RETRY');
      expect(retried.status).toBe(200);
      expect(balance(fake)).toBe(before + 100);
    },
  },
  {
    name: 'fault header: x-myvalue-fault: status=504 on one request only',
    async run({ http }) {
      expect((await http.send('GET', balancePath(), { headers: { 'x-myvalue-fault': 'status=504' } })).status).toBe(504);
      expect((await http.send('GET', balancePath())).status).toBe(200);
    },
  },
  {
    name: 'Prefer: code=401 and code=404 give the documented examples, nothing committed',
    async run({ http, fake }) {
      const before = balance(fake);
      const unauthorized = await earn(http, 'REF-PREFER', { prefer: 'code=401' });
      expect(unauthorized.status).toBe(401);
      expect(await unauthorized.json()).toEqual({ id: 'ErrAuthorizationInvalidSign', detail: 'Invalid Sign Parameter', errorCode: 401 });
      const notFound = await earn(http, 'REF-PREFER', { prefer: 'code=404' });
      expect(await notFound.json()).toEqual({ id: 'ErrSuboutletNotfound', detail: 'Suboutlet not found', errorCode: 404 });
      expect(balance(fake)).toBe(before);
    },
  },
];
