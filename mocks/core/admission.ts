// The admission step of the pipeline: the body parsed, the client known, the sign right, the signing
// rule's required fields there (checked here once for every signed route). Pure: it changes nothing,
// and its result names the caller for the journal whether or not it was admitted.
import { diagnoseSign, explainSign, SIGN_EXPLAIN_HEADER, verifySign, type SignDiagnosis, type SignExplanation, type SignRule } from '../../src/signing';
import { errorResponse } from '../http/errors';
import { isBlank } from '../domain/validate';
import { parseJsonBody } from '../http/json-body';
import type { FakeRequest, FakeResponse, Fields } from '../http/types';
import { MAX_BODY_BYTES } from '../http/wire';
import type { Route, RouteContext } from '../routes/route';
import type { Deps } from './deps';

/** Response header carrying why a sign was refused (its name is the harness's too, which shows it). */
export { SIGN_EXPLAIN_HEADER };

/** Who sent a request and whether its sign was right, for the journal. */
export interface Who {
  rule: string | null;
  clientId: string | null;
  signOk: boolean | null;
}

export const NOBODY: Who = { rule: null, clientId: null, signOk: null };

export type Admitted = { ok: true; ctx: RouteContext<Deps>; who: Who } | { ok: false; response: FakeResponse; note: string; who: Who };

function firstValues(query: FakeRequest['query']): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(query)) out[key] = Array.isArray(value) ? value[0] : value;
  return out;
}

/** Non-ASCII characters escaped, so the explanation fits in an HTTP header. */
function headerSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Longest text of one value in the explanation header and the log line: the 401 must reach any HTTP client. */
export const EXPLAIN_VALUE_MAX = 512;
/** Names listed in the explanation's `absent` and `unsigned`; the rest are counted (`absentMore`, `unsignedMore`). */
export const EXPLAIN_LIST_MAX = 20;
/**
 * Longest explanation header, in bytes: under 8 KiB, so an answer's headers stay far below the 16 KiB that
 * Node's http and fetch accept (a 2,000-field body made one of 150 KB, and the documented 401 never arrived).
 */
export const EXPLAIN_HEADER_MAX = 8 * 1024 - 1;
/** Tighter caps of each value, tried in turn until the header fits (long non-ASCII text grows sixfold once escaped). */
const VALUE_CAPS = [EXPLAIN_VALUE_MAX, 128, 32] as const;
/** The last cap: at 8 characters (48 bytes escaped, plus the note of what was cut) the 38 values at most are under 5 KB. */
const LAST_VALUE_CAP = 8;

/** Texts longer than `max` cut, saying how much went (the explanation is ours: shallow, no cycles). */
function capped(value: unknown, max: number): unknown {
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, max)}... (${value.length - max} more characters)` : value;
  if (Array.isArray(value)) return value.map((v) => capped(v, max));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, capped(v, max)]));
  return value;
}

/** How many names of a list the explanation leaves out. */
const leftOut = (names: readonly string[]): number => Math.max(0, names.length - EXPLAIN_LIST_MAX);

/** The x-myvalue-sign-explain header: lists cut to EXPLAIN_LIST_MAX, values capped until the whole is under EXPLAIN_HEADER_MAX. */
function explainHeader(explanation: SignExplanation, diagnosis: SignDiagnosis): string {
  const { absent, unsigned } = diagnosis;
  const explain = {
    ...explanation,
    ...diagnosis,
    absent: absent.slice(0, EXPLAIN_LIST_MAX),
    ...(leftOut(absent) > 0 ? { absentMore: leftOut(absent) } : {}),
    unsigned: unsigned.slice(0, EXPLAIN_LIST_MAX),
    ...(leftOut(unsigned) > 0 ? { unsignedMore: leftOut(unsigned) } : {}),
  };
  for (const max of VALUE_CAPS) {
    const text = headerSafeJson(capped(explain, max));
    if (text.length <= EXPLAIN_HEADER_MAX) return text;
  }
  return headerSafeJson(capped(explain, LAST_VALUE_CAP));
}

function signRefused(rule: SignRule, input: { clientId: string; clientSecret: string; fields: Fields }, received: unknown): { response: FakeResponse; note: string } {
  const explanation = explainSign(rule, input);
  const diagnosis = diagnoseSign(rule, input, received);
  const hint = diagnosis.hint ? `; ${capped(diagnosis.hint, EXPLAIN_VALUE_MAX) as string}` : '';
  const note = `${rule.name}: invalid sign; expected sha256 of "${capped(explanation.maskedString, EXPLAIN_VALUE_MAX) as string}" (fields: clientID, clientSecret, ${rule.fields.join(', ')})${hint}`;
  return { response: errorResponse('ErrAuthorizationInvalidSign', undefined, { [SIGN_EXPLAIN_HEADER]: explainHeader(explanation, diagnosis) }), note };
}

/** Parses the body and checks client and sign: ready for the handler, or refused. Changes nothing. */
export function admit(deps: Deps, req: FakeRequest, route: Route, params: Record<string, string>): Admitted {
  const unsigned: Who = { ...NOBODY, rule: route.rule?.name ?? null, clientId: route.callerOf?.(req) ?? null };
  if (req.bodyTooLarge) {
    return { ok: false, response: errorResponse('ErrPayloadTooLarge', `Request body is larger than ${MAX_BODY_BYTES} bytes`), note: '', who: unsigned };
  }
  if (req.bodyError !== undefined) {
    return { ok: false, response: errorResponse('ErrMalformedJSON', `Request body could not be read: ${req.bodyError}`), note: '', who: unsigned };
  }
  let body: Fields = {};
  if (route.body === 'json') {
    const parsed = parseJsonBody(req.rawBody);
    if (!parsed.ok) return { ok: false, response: parsed.response, note: '', who: unsigned };
    body = parsed.body;
  }
  const rule = route.rule;
  const fields: Fields = rule?.location === 'body' ? body : firstValues(req.query);
  if (!rule) {
    const client = { clientId: '', clientSecret: '', redirectUris: [] };
    return { ok: true, ctx: { req, deps, client, fields, body, params }, who: unsigned };
  }
  const clientId = fields.clientID;
  const named = typeof clientId === 'string' ? clientId : null;
  const client = named === null ? undefined : deps.store.clients.get(named);
  if (!client) {
    return { ok: false, response: errorResponse('InvalidClient'), note: `unknown clientID ${JSON.stringify(clientId ?? null)}`, who: { rule: rule.name, clientId: named, signOk: null } };
  }
  const signFields: Fields = params.ID === undefined ? fields : { ...fields, ID: params.ID };
  const input = { clientId: client.clientId, clientSecret: client.clientSecret, fields: signFields };
  if (!verifySign(rule, input, fields.sign)) {
    return { ok: false, ...signRefused(rule, input, fields.sign), who: { rule: rule.name, clientId: named, signOk: false } };
  }
  const who: Who = { rule: rule.name, clientId: named, signOk: true };
  // Presence only, in the rule's order; each handler reads its fields' types and ranges.
  const missing = rule.required.find((name) => isBlank(fields[name]));
  if (missing !== undefined) return { ok: false, response: errorResponse('ErrValidation', `${missing} is required`), note: rule.name, who };
  return { ok: true, ctx: { req, deps, rule, client, fields, body, params }, who };
}
