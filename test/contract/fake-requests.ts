// Plain requests for the fake's core, signed the way a partner's backend signs them.
import { computeSign, findRule, type SignRuleName } from '../../src/signing';
import type { FakeRequest } from '../../mocks/core/types';

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
  const rule = findRule(ruleName);
  if (!rule) throw new Error(`no rule ${ruleName}`);
  const clientId = options.clientId ?? TEST_CLIENT.clientId;
  const clientSecret = options.clientSecret ?? TEST_CLIENT.clientSecret;
  const sign = options.sign ?? computeSign(rule, { clientId, clientSecret, fields });
  const { ID, ...rest } = fields;
  const path = rule.path.replace(':ID', String(ID ?? ''));
  const payload: Record<string, unknown> = { ...rest, clientID: clientId, sign };
  if (rule.location === 'query') {
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(payload)) if (v !== undefined) query[k] = String(v);
    return { method: 'GET', path, query: { ...query, ...options.extraQuery }, headers: {}, origin: ORIGIN };
  }
  return json('POST', path, payload);
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
