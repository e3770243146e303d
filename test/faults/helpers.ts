// Shared by the fault and journal tests: a fresh fake per test, signed requests, a settable clock.
import { createFakeMyValue, type Fake, type FakeRequest, type FakeResponse } from '../../mocks/create-fake';
import type { FakeMyValueOptions } from '../../mocks/create-fake';
import { searchOf, signedWire } from '../helpers/signed-wire';

/** Made-up credentials: never a real client's. */
export const CLIENT = { clientId: 'FaultTestPOS', clientSecret: 'made-up-secret-for-fault-tests' };
export const USER = 'VR8EPN';
export const OUTLET = '10000';

export interface TestClock {
  now(): Date;
  set(iso: string): void;
}

export function testClock(iso = '2025-03-01T08:00:00.000Z'): TestClock {
  let current = new Date(iso);
  return { now: () => new Date(current), set: (next) => (current = new Date(next)) };
}

export function freshFake(options: FakeMyValueOptions = {}): Fake {
  return createFakeMyValue({ clients: [CLIENT], clock: testClock(), ...options });
}

/** Path and query of a signed GET /service/point/ (balance). */
export function balancePath(valueID = USER): string {
  const wire = signedWire('point.get', CLIENT, { valueID });
  return `${wire.path}?${searchOf(wire)}`;
}

/** JSON body of a signed earn; `wrongSign` signs with another secret. */
export function earnBody(referenceNo: string, options: { amount?: number; wrongSign?: boolean } = {}): string {
  const fields = { amount: options.amount ?? 10_000, referenceNo, outletID: OUTLET, valueID: USER };
  const creds = options.wrongSign ? { ...CLIENT, clientSecret: 'not-the-secret' } : CLIENT;
  return JSON.stringify(signedWire('point.earn', creds, fields).body);
}

export const EARN_PATH = '/service/point/earn/';

/** A core request with sensible defaults. */
export function coreRequest(partial: Partial<FakeRequest> & { path: string }): FakeRequest {
  return { method: 'GET', query: {}, headers: {}, origin: 'http://127.0.0.1:4010', ...partial };
}

/** Calls the core directly: path may carry a query string. */
export function call(fake: Fake, method: string, pathAndQuery: string, init: { body?: string; headers?: Record<string, string> } = {}): FakeResponse {
  const url = new URL(pathAndQuery, 'http://127.0.0.1:4010');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  return fake.handle(coreRequest({ method, path: url.pathname, query, headers: init.headers ?? {}, rawBody: init.body }));
}

/** The user's balance, read through the core. */
export function balance(fake: Fake): number {
  const response = call(fake, 'GET', balancePath());
  if (response.status !== 200) throw new Error(`balance: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { point: number }).point;
}

/** Path and query of a signed GET /service/point/history/ for the test user. */
export function historyPath(): string {
  const wire = signedWire('point.history', CLIENT, { valueID: USER, limit: '100' });
  return `${wire.path}?${searchOf(wire)}`;
}

/** The most fault rules a fake keeps at a time, as documented (MAX_FAULT_RULES in mocks/core/faults.ts). */
export const CAP = 1000;
/** `n` rules that match no request of the cap's tests (a path rule scans like any other). */
export const rules = (n: number, prefix = 'R'): string[] => Array.from({ length: n }, (_, i) => `GET /nowhere/${prefix}${i}:status=503`);
/** What a fake says when rules would pass the cap. */
export const TOO_MANY = /^too many fault rules: at most 1000 at a time; \d+ (is|are) set and this adds \d+ \(remove some first: DELETE \/__admin\/faults, fake\.faults\.clear\(\)\)$/;
