// A journal record as the certification's rules read it: its fields as text, how and when it ended, why a
// sign was refused, and where (never what) the client secret travelled. No secret leaves this module.
import { findRule } from '../../src/signing';
import { parseJsonValue } from '../http/json-body';
import type { KeptRecord } from '../core/journal';
import { signExplainOf } from '../core/journal-exchange';
import type { Hide } from '../core/known-secrets';
import type { LedgerRepository } from '../domain/repositories';
import { referenceOf } from './exchange';
import type { Booking, Ending, Observed } from './types';

/** The Auth API's token endpoint, where `client_secret` belongs (the one place it may travel). */
const TOKEN_PATH = /^\/auth\/token\/?$/;

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');

/** The body's top-level fields (JSON, or a form for the Auth API), or undefined when it has none we can read. */
function bodyFields(record: KeptRecord): Record<string, string> | undefined {
  const raw = record.rawBody;
  if (raw === undefined || raw.trim() === '') return record.omitted === undefined ? {} : undefined;
  const parsed = parseJsonValue(raw);
  if (parsed.ok) {
    const value = parsed.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text(v)]));
  }
  if (/x-www-form-urlencoded/i.test(record.headers?.['content-type'] ?? '')) return Object.fromEntries(new URLSearchParams(raw));
  return undefined;
}

function queryFields(record: KeptRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(record.query).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : v]));
}

/** Where the secret is in a JSON value, as 'body field a.b' (without recursion: a body may nest deep). */
function jsonPlaces(value: unknown, found: RegExp, skipTop: string | undefined): string[] {
  const places: string[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [v, at] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (found.test(v)) places.push(`body field ${at || '(the whole body)'}`);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (at === '' && k === skipTop) continue;
        const name = at === '' ? k : `${at}.${k}`;
        if (found.test(k)) places.push(`body key ${name}`);
        stack.push([child, name]);
      }
    }
  }
  return places;
}

/** Where the secret travelled in one request; `client_secret` of the token endpoint's body is its place. */
function secretPlaces(record: KeptRecord, found: RegExp | undefined): string[] {
  if (found === undefined) return [];
  const places: string[] = [];
  if (found.test(record.path)) places.push('path');
  for (const [name, value] of Object.entries(record.headers ?? {})) if (found.test(value)) places.push(`header ${name}`);
  for (const [key, value] of Object.entries(record.query)) {
    if (found.test(key) || (Array.isArray(value) ? value : [value]).some((v) => found.test(v))) places.push(`query ${key}`);
  }
  const raw = record.rawBody;
  if (raw === undefined || raw === '') return places;
  const token = TOKEN_PATH.test(record.path) ? 'client_secret' : undefined;
  const parsed = parseJsonValue(raw);
  if (parsed.ok) places.push(...jsonPlaces(parsed.value, found, token));
  else if (token !== undefined) {
    for (const [key, value] of new URLSearchParams(raw)) if (key !== token && (found.test(key) || found.test(value))) places.push(`body field ${key}`);
  } else if (found.test(raw)) places.push('body');
  return places;
}

const ENDINGS: Record<'answered' | 'closed' | 'client-closed', Ending> = { answered: 'answered', closed: 'lost', 'client-closed': 'client-closed' };

/**
 * One record as the rules read it. `found` matches every form of every client secret (secretPattern, no
 * `g` flag); `nowMs` is the grading time, the end of an exchange still open.
 */
export function observe(record: KeptRecord, found: RegExp | undefined, nowMs: number, hide: Hide): Observed {
  const rule = record.rule === null ? undefined : findRule(record.rule);
  const fromQuery = rule ? rule.location === 'query' : record.method === 'GET' || record.method === 'HEAD';
  const fields = fromQuery ? queryFields(record) : bodyFields(record);
  const lostByFault = record.faultKind === 'drop' || record.faultKind === 'no-answer';
  let ending: Ending;
  let endMs: number;
  if (record.ending === undefined) {
    // Served without an adapter (fake.handle in a test): the end is what the core decided and waited.
    ending = lostByFault ? 'lost' : 'answered';
    endMs = Math.round(record.timeMs + record.durationMs + record.delayMs);
  } else if (record.ending.how === undefined) {
    ending = 'pending';
    endMs = nowMs;
  } else {
    ending = ENDINGS[record.ending.how];
    endMs = record.ending.atMs ?? record.timeMs;
  }
  const answer = record.response?.text === undefined ? undefined : parseJsonValue(record.response.text);
  const errorId = answer?.ok && answer.value !== null && typeof answer.value === 'object' && typeof (answer.value as { id?: unknown }).id === 'string' ? (answer.value as { id: string }).id : null;
  const explain = record.signOk === false ? signExplainOf(record, hide) : null;
  return {
    seq: record.seq,
    timeMs: record.timeMs,
    endMs,
    ending,
    endKnown: record.ending?.how !== undefined,
    method: record.method,
    path: record.path,
    rule: record.rule,
    write: rule?.mutates === true,
    clientId: record.clientId,
    signOk: record.signOk,
    signRefusal: explain === null ? null : { ...(explain.hint !== undefined ? { hint: explain.hint } : {}), expected: explain.maskedString },
    status: record.status,
    errorId,
    unreadable: record.faultKind === 'malformed',
    delayMs: record.delayMs,
    fault: record.fault,
    fields: fields ?? {},
    fieldsUnknown: fields === undefined,
    secretIn: secretPlaces(record, found),
  };
}

/** The ledger's entries of the referenceNos the journal's writes used, each once. */
export function bookingsOf(exchanges: readonly Observed[], ledger: Pick<LedgerRepository, 'byReference'>): Booking[] {
  const bookings = new Map<number, Booking>();
  for (const x of exchanges) {
    const ref = referenceOf(x);
    if (!x.write || ref === undefined || x.clientId === null) continue;
    const m = ledger.byReference(x.clientId, ref);
    if (m !== undefined) bookings.set(m.sno, { sno: m.sno, clientId: m.clientId, referenceNo: m.referenceNo, type: m.type, valueId: m.valueId, amount: m.amount, point: m.point });
  }
  return [...bookings.values()];
}
