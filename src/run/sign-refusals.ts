// Why a target refused a sign, said where a partner looks: the target's x-myvalue-sign-explain header
// (the fake sends it, the secret masked) under each failed request and in run.json, and one closing line
// when every request signed for the run's client was refused with ErrAuthorizationInvalidSign, which is
// what a wrong --client-secret (or --client-id) looks like.
import { findRule, SIGN_EXPLAIN_HEADER } from '../signing';
import { isObject, oneLine } from '../shared/text';
import type { RequestExtras, SignExplainReport } from '../reports/run-json';
import { signExplainText } from '../reports/report-cases';
import type { RequestEvent } from './newman-bridge';
import type { RunChannel } from './run-channel';

/** The `id` of MyValue's error body for a wrong sign (its `errorCode` is the HTTP status). */
export const INVALID_SIGN = 'ErrAuthorizationInvalidSign';

export interface SignRefusalOptions {
  /** The run's client: only requests signed for it count towards "all refused". */
  clientId: string;
  /** The signing rule or contract operation of a request (the contract checker's). */
  ruleOf(method: string, url: string): string | undefined;
  extrasOf(ref: string): RequestExtras;
  log(line: string): void;
}

/** The run's channel that counts and explains refused signs, and its closing line. */
export interface SignRefusals extends RunChannel {
  /** The closing line when every request signed for the run's client was refused; undefined otherwise. */
  closing(target: string): string | undefined;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The header as the fake writes it, or its text when it is something else (a target of its own). */
export function readSignExplain(header: string): SignExplainReport {
  const json = parsed(header);
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  if (!isObject(json) || typeof json.rule !== 'string' || typeof json.maskedString !== 'string' || !Array.isArray(json.order)) return { text: oneLine(header, 500) };
  const order = json.order.filter(isObject).map((o) => ({ field: String(o.field), text: String(o.text) }));
  return { rule: json.rule, maskedString: json.maskedString, order, absent: strings(json.absent), unsigned: strings(json.unsigned), ...(typeof json.hint === 'string' ? { hint: json.hint } : {}) };
}

/** One line under the refused request: what the target hashes, which rule fields were absent, the mistake it recognised. */
export const signExplainLine = (explain: SignExplainReport): string => `  ${signExplainText(explain)}`;

/** The clientID a signed request carries: in its query or its JSON body, as the rule signs it. */
function clientIdOf(request: NonNullable<RequestEvent['request']>, location: 'query' | 'body'): unknown {
  if (location === 'body') {
    const body = parsed(request.body());
    return isObject(body) ? body.clientID : undefined;
  }
  try {
    return new URL(request.url).searchParams.get('clientID');
  } catch {
    return undefined;
  }
}

/**
 * The channel for one run; in the run's listener table before any event.
 * @example const refusals = createSignRefusals({ clientId, ruleOf, extrasOf, log }); const channels = [refusals, ...]; ...; refusals.closing('mock')
 */
export function createSignRefusals(options: SignRefusalOptions): SignRefusals {
  let signed = 0;
  let refused = 0;
  /** Explanations waiting for their item's tests, by cursor ref. */
  const pending = new Map<string, SignExplainReport>();
  const tested = new Set<string>();
  const failed = new Set<string>();
  return {
    request({ ref, request, response }) {
      if (!request || !response) return;
      const header = response.header(SIGN_EXPLAIN_HEADER);
      if (typeof header === 'string' && header !== '') pending.set(ref, readSignExplain(header));
      const name = options.ruleOf(request.method, request.url);
      const rule = name === undefined ? undefined : findRule(name);
      if (!rule || clientIdOf(request, rule.location) !== options.clientId) return;
      signed += 1;
      const body = parsed(response.text());
      if (response.code === 401 && isObject(body) && body.id === INVALID_SIGN) refused += 1;
    },
    assertion({ ref, passed, skipped }) {
      if (skipped) return;
      tested.add(ref);
      if (!passed) failed.add(ref);
    },
    // After the item's tests: a refusal its tests expected (a negative test) is not explained.
    item({ ref }) {
      const explain = pending.get(ref);
      const expected = tested.has(ref) && !failed.has(ref);
      for (const seen of [pending, tested, failed]) seen.delete(ref);
      if (!explain || expected) return;
      options.extrasOf(ref).signExplain = explain;
      options.log(signExplainLine(explain));
    },
    closing(target) {
      if (signed === 0 || refused < signed) return undefined;
      const what = signed === 1 ? 'the one signed request was refused' : `all ${signed} signed requests were refused`;
      return `${what} (${INVALID_SIGN}): check --client-id and --client-secret for ${target}`;
    },
  };
}
