// One way the tests sign a request of a rule, the way a partner's backend does: the fields plus
// clientID and sign, in the query (GET) or a JSON body (POST), with `ID` in the path.
import { computeSign, findRule } from '../../src/signing';
import type { FakeRequest } from '../../mocks/http/types';

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export interface WireOptions {
  /** A sign to send instead of the right one (null: send none). */
  sign?: string | null;
  /** Query parameters that are not signed (e.g. a repeated category). */
  extraQuery?: Record<string, string | string[]>;
}

export interface Wire {
  method: 'GET' | 'POST';
  path: string;
  query: Record<string, string | string[]>;
  /** The JSON body of body rules. */
  body?: Record<string, unknown>;
}

/** What goes on the wire for `ruleName` with these fields, signed with `creds`. */
export function signedWire(ruleName: string, creds: Credentials, fields: Record<string, unknown>, options: WireOptions = {}): Wire {
  const rule = findRule(ruleName);
  if (!rule) throw new Error(`no signing rule ${ruleName}`);
  const sign = options.sign === undefined ? computeSign(rule, { clientId: creds.clientId, clientSecret: creds.clientSecret, fields }) : options.sign;
  const { ID, ...rest } = fields;
  const path = rule.path.replace(':ID', String(ID ?? ''));
  const payload: Record<string, unknown> = { ...rest, clientID: creds.clientId };
  if (sign !== null) payload.sign = sign;
  if (rule.location === 'body') return { method: 'POST', path, query: {}, body: payload };
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(payload)) if (value !== undefined) query[key] = String(value);
  return { method: 'GET', path, query: { ...query, ...options.extraQuery } };
}

/** The fake core's plain request for a wire request. */
export function coreRequest(wire: Wire, origin: string): FakeRequest {
  if (wire.body === undefined) return { method: wire.method, path: wire.path, query: wire.query, headers: {}, origin };
  return { method: wire.method, path: wire.path, query: wire.query, headers: { 'content-type': 'application/json' }, rawBody: JSON.stringify(wire.body), origin };
}

/** The query string of a wire request (repeated keys repeated). */
export function searchOf(wire: Wire): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(wire.query)) for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  return search.toString();
}
