// Signed requests for the ledger proofs: plain core requests, and HTTP over a node:http agent
// whose socket pool is sized so that N requests really are N connections in flight.
import http from 'node:http';
import { loadSeed } from '../../mocks/create-fake';
import type { FakeRequest, FakeResponse } from '../../mocks/create-fake';

import { coreRequest, searchOf, signedWire, type Credentials } from '../helpers/signed-wire';
import { rawHttp } from '../helpers/raw-http';

export type { Credentials };

/** A client of the shipped demo seed (its demo secret is read from the seed, not copied here). */
export function seedClient(clientId: string): Credentials {
  const found = loadSeed().clients.find((c) => c.clientId === clientId);
  if (!found) throw new Error(`seed has no client ${clientId}`);
  return { clientId: found.clientId, clientSecret: found.clientSecret };
}

/** The wire fields of a body rule's request: the given fields plus clientID and the right sign. */
export function signedFields(ruleName: string, creds: Credentials, fields: Record<string, unknown>): Record<string, unknown> {
  const wire = signedWire(ruleName, creds, fields);
  return wire.body ?? wire.query;
}

export const ORIGIN = 'http://fake.test';

/** A core request for a body rule: `wire` is sent as JSON (or `rawBody` as it is). */
export function postRequest(path: string, wire: Record<string, unknown> | string): FakeRequest {
  return {
    method: 'POST',
    path,
    query: {},
    headers: { 'content-type': 'application/json' },
    rawBody: typeof wire === 'string' ? wire : JSON.stringify(wire),
    origin: ORIGIN,
  };
}

/** A signed core request for any rule (GET rules: fields in the query, as strings). */
export function signedRequest(ruleName: string, creds: Credentials, fields: Record<string, unknown>): FakeRequest {
  return coreRequest(signedWire(ruleName, creds, fields), ORIGIN);
}

/** A core request for a full URL the fake wrote (a history `next` link). */
export function requestForUrl(url: string): FakeRequest {
  const parsed = new URL(url);
  const query: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) query[key] = value;
  return { method: 'GET', path: parsed.pathname, query, headers: {}, origin: parsed.origin };
}

export interface HistoryEntry {
  pointMutationSNO: number;
  referenceNo: string;
  mutationTypeName: string;
  point: number;
  createdDate: string;
  expiredDate: string;
  isExpired: boolean;
}

interface HistoryPage {
  count: number;
  next: string | null;
  results: HistoryEntry[];
}

/** Every history entry of a user, by following the fake's own signed `next` links. */
export async function wholeHistory(
  get: (url: string) => Promise<{ status: number; body: unknown }>,
  firstUrl: string,
): Promise<{ entries: HistoryEntry[]; count: number }> {
  const entries: HistoryEntry[] = [];
  let url: string | null = firstUrl;
  let count = -1;
  for (let pages = 0; url !== null; pages++) {
    if (pages > 10_000) throw new Error('history paging does not end');
    const reply = await get(url);
    if (reply.status !== 200) throw new Error(`history page ${url}: ${reply.status} ${JSON.stringify(reply.body)}`);
    const page = reply.body as HistoryPage;
    count = page.count;
    entries.push(...page.results);
    url = page.next;
  }
  return { entries, count };
}

/** Same, against the core in process. */
export function wholeHistoryInCore(handle: (req: FakeRequest) => FakeResponse, creds: Credentials, valueID: string): { entries: HistoryEntry[]; count: number } {
  const entries: HistoryEntry[] = [];
  let req: FakeRequest | undefined = signedRequest('point.history', creds, { valueID, limit: 100 });
  let count = -1;
  for (let pages = 0; req; pages++) {
    if (pages > 10_000) throw new Error('history paging does not end');
    const res = handle(req);
    if (res.status !== 200) throw new Error(`history of ${valueID}: ${res.status} ${JSON.stringify(res.body)}`);
    const page = res.body as HistoryPage;
    count = page.count;
    entries.push(...page.results);
    req = page.next === null ? undefined : requestForUrl(page.next);
  }
  return { entries, count };
}

export interface HttpReply {
  status: number;
  body: unknown;
}

/** One request over `agent`; the body is parsed as JSON when it is JSON. */
export async function httpRequest(agent: http.Agent, url: string, method: 'GET' | 'POST', body?: string): Promise<HttpReply> {
  const { origin, pathname, search } = new URL(url);
  const reply = await rawHttp(origin, method, `${pathname}${search}`, {}, body, agent);
  return { status: reply.status, body: reply.body };
}

/** The full URL of a signed GET rule (fields, clientID and sign in the query). */
export function signedUrl(baseUrl: string, ruleName: string, creds: Credentials, fields: Record<string, unknown>): string {
  const wire = signedWire(ruleName, creds, fields);
  return `${baseUrl}${wire.path}?${searchOf(wire)}`;
}

/** A signed call of `ruleName` at `baseUrl` over `agent`. */
export function signedHttp(agent: http.Agent, baseUrl: string, ruleName: string, creds: Credentials, fields: Record<string, unknown>): Promise<HttpReply> {
  const wire = signedWire(ruleName, creds, fields);
  if (wire.body !== undefined) return httpRequest(agent, `${baseUrl}${wire.path}`, 'POST', JSON.stringify(wire.body));
  return httpRequest(agent, `${baseUrl}${wire.path}?${searchOf(wire)}`, 'GET');
}
