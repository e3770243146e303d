// Plain requests for the fake's core, signed the way a partner's backend signs them.
import type { SignRuleName } from '../../src/signing';
import { coreRequest, signedWire } from '../helpers/signed-wire';
import type { FakeRequest } from '../../mocks/http/types';

/** A made-up client the tests register on top of the seed. */
export const TEST_CLIENT = {
  clientId: 'ContractTestPOS',
  clientSecret: 'contract-test-secret',
  redirectUris: ['http://127.0.0.1:5999/callback'],
} as const;

export const ORIGIN = 'http://127.0.0.1:4010';

export interface SignOptions {
  clientId?: string;
  clientSecret?: string;
  /** A sign to send instead of the right one. */
  sign?: string;
  /** Query parameters that are not signed (e.g. a repeated category). */
  extraQuery?: Record<string, string | string[]>;
}

/** The request of a signing rule; `ID` goes into the path. */
export function signed(ruleName: SignRuleName, fields: Record<string, unknown>, options: SignOptions = {}): FakeRequest {
  const creds = { clientId: options.clientId ?? TEST_CLIENT.clientId, clientSecret: options.clientSecret ?? TEST_CLIENT.clientSecret };
  return coreRequest(signedWire(ruleName, creds, fields, { sign: options.sign, extraQuery: options.extraQuery }), ORIGIN);
}

/** A request with a JSON body (or raw text, sent as it is). */
export function json(method: string, path: string, body: unknown, extra: Partial<FakeRequest> = {}): FakeRequest {
  return {
    method,
    path,
    query: {},
    headers: { 'content-type': 'application/json' },
    rawBody: typeof body === 'string' ? body : JSON.stringify(body),
    origin: ORIGIN,
    ...extra,
  };
}

/** A GET with a query. */
export function get(path: string, query: Record<string, string> = {}): FakeRequest {
  return { method: 'GET', path, query, headers: {}, origin: ORIGIN };
}
