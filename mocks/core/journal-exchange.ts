// One journaled request in full, for the dashboard's detail view (GET /__admin/requests/:seq) and its live
// list: the request's headers and the answer the fake decided, secrets masked, and why a sign was refused.
import { parseJsonValue } from '../http/json-body';
import { SIGN_EXPLAIN_HEADER } from './admission';
import { maskSecrets, SECRET_KEY, type JournalEntry, type KeptRecord } from './journal';
import type { Hide } from './known-secrets';

/** Why a sign was refused, as the x-myvalue-sign-explain header says it (the client secret already masked). */
export interface SignExplain {
  rule: string;
  /** The string that should have been hashed, the client secret replaced by ***. */
  maskedString: string;
  /** The fields in the order they are hashed, each with its text. */
  order: Array<{ field: string; text: string }>;
  /** The first 20 rule fields absent from the request; absentMore counts the rest. */
  absent: string[];
  absentMore?: number;
  /** The first 20 fields sent that the rule does not sign; unsignedMore counts the rest. */
  unsigned: string[];
  unsignedMore?: number;
  /** The mistake the fake recognised, when one reproduced the sign received. */
  hint?: string;
}

/** A journal entry as the dashboard's live list shows it: the entry, and the refused sign's explanation. */
export type JournalRow = JournalEntry & { signExplain: SignExplain | null };

/** A journal entry with its request headers and its answer, masked. */
export type JournalExchange = JournalRow & {
  requestHeaders: Record<string, string>;
  /** Why the request's headers are not kept (longer together than the journal keeps); null when kept. */
  requestHeadersOmitted: string | null;
  /** null when the connection was dropped before an answer. */
  response: { status: number; headers: Record<string, string>; headersOmitted: string | null; body: unknown; bodyOmitted: string | null } | null;
};

const MASK = '***';
/** Headers that carry credentials whatever their name says. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$/i;

/** Header values with credentials masked; a Location's secret query parameters (an SSO code) too. */
export function maskHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (SECRET_HEADER.test(name) || SECRET_KEY.test(name)) out[name] = MASK;
    else if (name.toLowerCase() === 'location') out[name] = maskUrl(value);
    else out[name] = value;
  }
  return out;
}

function maskUrl(value: string): string {
  const q = value.indexOf('?');
  if (q < 0) return value;
  const [query, fragment = ''] = value.slice(q + 1).split(/#(.*)/s);
  const masked = (query ?? '').split('&').map((pair) => {
    const key = decodeURIComponentSafe(pair.split('=')[0] ?? '');
    return SECRET_KEY.test(key) ? `${pair.split('=')[0]}=${MASK}` : pair;
  });
  return `${value.slice(0, q)}?${masked.join('&')}${fragment !== '' ? `#${fragment}` : ''}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The explanation of a refused sign, from the answer's header, the clients' secrets hidden (`journal.hide`); null for any other answer. */
export function signExplainOf(record: KeptRecord, hide: Hide): SignExplain | null {
  const header = record.response?.headers[SIGN_EXPLAIN_HEADER];
  if (header === undefined) return null;
  try {
    return hide(JSON.parse(header) as SignExplain);
  } catch {
    return null;
  }
}

/** A body as sent, parsed and masked; one that is not JSON (an SSO page with its ticket, a malformed-body fault) is only measured, as request bodies are. */
function shownBody(text: string): { body: unknown; bodyOmitted: string | null } {
  if (text === '') return { body: null, bodyOmitted: null };
  const parsed = parseJsonValue(text);
  return parsed.ok ? { body: maskSecrets(parsed.value), bodyOmitted: null } : { body: null, bodyOmitted: parsed.why };
}

/**
 * The full exchange of a journaled request, from its masked entry and its record; `hide` (the journal's)
 * masks the clients' secrets in what the entry does not hold.
 * @example const found = journal.bySeq(7); if (found) exchangeOf(found.entry, found.record, journal.hide);
 */
export function exchangeOf(entry: JournalEntry, record: KeptRecord, hide: Hide): JournalExchange {
  return {
    ...entry,
    signExplain: signExplainOf(record, hide),
    ...hide(exchangeRest(record)),
  };
}

/** The request's headers and the answer, masked by key. */
function exchangeRest(record: KeptRecord): Pick<JournalExchange, 'requestHeaders' | 'requestHeadersOmitted' | 'response'> {
  const { response } = record;
  return {
    requestHeaders: maskHeaders(record.headers ?? {}),
    requestHeadersOmitted: record.headersOmitted ?? null,
    response: response
      ? {
          status: response.status,
          headers: maskHeaders(response.headers),
          headersOmitted: response.headersOmitted ?? null,
          ...(response.omitted !== undefined ? { body: null, bodyOmitted: response.omitted } : shownBody(response.text ?? '')),
        }
      : null,
  };
}
