// What the rules ask of one exchange: did it fail in a way a retry answers, was the write applied, did the
// client see the answer, which referenceNo and which operation it is, and how it reads as evidence.
import { findRule } from '../../src/signing';
import type { Evidence, Observed } from './types';

/** Statuses a client may retry: the server was busy or slow, the request itself is fine. */
const RETRYABLE_4XX = new Set([408, 429]);

const is2xx = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

/** A client error the request itself caused: re-sending it unchanged gets the same answer. */
export function isClientError(x: Observed): boolean {
  return x.status !== null && x.status >= 400 && x.status < 500 && !RETRYABLE_4XX.has(x.status);
}

/** The client saw the answer the fake decided. */
export const seen = (x: Observed): boolean => x.ending === 'answered' && !x.unreadable;

/** An attempt a retry answers: no answer (lost, given up, still held), an unreadable one, a 5xx, 408 or 429. */
export function failedAttempt(x: Observed): boolean {
  if (!seen(x) || x.status === null) return true;
  return x.status >= 500 || RETRYABLE_4XX.has(x.status);
}

/** The write was applied (the handler ran and succeeded), whether or not its answer reached the client. */
export const applied = (x: Observed): boolean => x.write && is2xx(x.status);

/** Applied and the client saw its 2xx: nothing left to do. */
export const succeeded = (x: Observed): boolean => applied(x) && seen(x);

/** The rule's documented fields: what makes two requests the same operation (besides the rule and client). */
function operationFields(rule: string): string[] {
  const found = findRule(rule);
  if (!found) return [];
  const names = new Set<string>([...found.fields, ...found.required]);
  names.delete('referenceNo');
  return [...names].sort();
}

/** Whether the rule carries a referenceNo (point.earn, point.redeem, point.adjustment). */
export const hasReference = (rule: string | null): boolean => rule !== null && (findRule(rule)?.fields as readonly string[] | undefined)?.includes('referenceNo') === true;

/** The referenceNo a request carried, on a rule that has one. */
export function referenceOf(x: Observed): string | undefined {
  if (!hasReference(x.rule)) return undefined;
  const ref = x.fields.referenceNo;
  return ref === undefined || ref === '' ? undefined : ref;
}

/**
 * The operation a request belongs to: same client, same rule, same documented fields apart from referenceNo
 * and sign (a field left out counts as ''; an `:ID` in the path counts too).
 */
export function operationKey(x: Observed): string {
  const rule = x.rule === null ? undefined : findRule(x.rule);
  const fields = rule === undefined ? Object.keys(x.fields).filter((k) => k !== 'sign').sort() : operationFields(rule.name);
  const where = rule === undefined || rule.path.includes(':ID') ? x.path : rule.name;
  return JSON.stringify([x.clientId, x.method, where, ...fields.map((name) => [name, x.fields[name] ?? ''])]);
}

/** The request exactly as sent (method, path and every field, sign included): a re-send is byte-for-byte this. */
export function sentAs(x: Observed): string {
  return JSON.stringify([x.clientId, x.method, x.path, Object.keys(x.fields).sort().map((k) => [k, x.fields[k]])]);
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** How the answer reads in evidence. */
export function answerText(x: Observed): string {
  const status = x.status === null ? 'none' : `${x.status}${x.errorId ? ` ${x.errorId}` : ''}`;
  switch (x.ending) {
    case 'lost':
      return x.status === null ? 'dropped before handling: connection closed, nothing applied' : `lost: ${applied(x) ? 'applied' : `decided ${status}`}, then the connection was closed`;
    case 'client-closed':
      return `client gave up after ${x.endMs - x.timeMs} ms (answer ${status} held ${x.delayMs} ms)`;
    case 'pending':
      return `still held when graded (answer ${status})`;
    default:
      return x.unreadable ? `${status}, body cut (malformed)` : status;
  }
}

/** One exchange as evidence. */
export function evidenceOf(x: Observed, note?: string): Evidence {
  const ref = referenceOf(x);
  return {
    seq: x.seq,
    time: iso(x.timeMs),
    request: `${x.method} ${x.path}${x.rule ? ` (${x.rule})` : ''}`,
    ...(ref !== undefined ? { referenceNo: ref } : {}),
    answer: answerText(x),
    ...(note !== undefined ? { note } : {}),
  };
}

/** At most this many evidence items a rule lists; the message gives the count. */
export const EVIDENCE_MAX = 20;

/** `items` cut to EVIDENCE_MAX, with a last item saying how many more there were. */
export function capEvidence(items: Evidence[]): Evidence[] {
  if (items.length <= EVIDENCE_MAX) return items;
  return [...items.slice(0, EVIDENCE_MAX), { note: `${items.length - EVIDENCE_MAX} more not listed` }];
}

/** "1 request" / "3 requests"; "1 retry" / "2 retries" with the plural given. */
export const count = (n: number, word: string, plural = `${word}s`): string => `${n} ${n === 1 ? word : plural}`;
