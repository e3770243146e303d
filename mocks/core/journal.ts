// The fake's request journal: what each request was, who sent it, whether its sign was right and
// what the fake did. Bounded (oldest dropped); secrets masked (by key, and the clients' own by value);
// the admin API's own calls are not in it.
import { parseJsonValue } from '../http/json-body';
import { knownSecretsHider, type Hide } from './known-secrets';
import { compilePattern, matchPattern, pathSegments } from '../../src/shared/path-pattern';
import type { ExchangeEnding, FakeResponse, QueryValue } from '../http/types';

export interface JournalEntry {
  /** 1, 2, 3... in arrival order; keeps counting after entries are dropped or cleared. */
  seq: number;
  /** ISO time from the fake's clock. */
  time: string;
  method: string;
  path: string;
  /** Query as received; keys that look secret are masked. */
  query: Record<string, QueryValue>;
  /** Parsed JSON body with secret-looking keys masked; null when none, not JSON or not kept (see bodyOmitted). */
  body: unknown;
  /** Why a body that came is not shown: longer than the journal keeps, or not JSON; null when shown or none came. */
  bodyOmitted: string | null;
  /** Signing rule of the route (e.g. 'point.earn'); null for unsigned or unknown routes. */
  rule: string | null;
  /** clientID the request named (signed routes). */
  clientId: string | null;
  /** true/false: sign checked; null: not checked (unsigned route, unknown clientID, body not parsed). */
  signOk: boolean | null;
  /** Status the fake decided; with fault 'no-answer' it was never sent; null when the connection was dropped. */
  status: number | null;
  /** Time the core took, in ms (without injected latency). */
  durationMs: number;
  /** Injected latency in ms (0 when none). */
  delayMs: number;
  /** The fault or forced response applied: rule text, 'header:...' or 'prefer:...'; null when none. */
  fault: string | null;
}

export interface JournalFilter {
  method?: string;
  /** Exact path (trailing slash ignored); '*' or ':name' segments match any one segment. */
  path?: string;
  rule?: string;
  clientId?: string;
  status?: number | null;
  signOk?: boolean | null;
  /** Entries at or after this time. */
  since?: Date | string;
}

/** The answer as the core decided it, for the dashboard's detail view: its body as sent, bounded like request bodies. */
export interface RecordedResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** The body as it went on the wire ('' when none); dropped when over the journal's bound (see omitted). */
  text?: string;
  /** Why the body is not kept (longer than the journal keeps). */
  omitted?: string;
  /** Why the headers are not kept (`headers` is then empty): longer together than the journal keeps. */
  headersOmitted?: string;
}

/** What the core records: the time as a number, query and body as received; they are formatted and masked when read, not on the hot path. */
export type JournalRecord = Omit<JournalEntry, 'seq' | 'query' | 'body' | 'bodyOmitted' | 'time'> & {
  timeMs: number;
  query: Readonly<Record<string, QueryValue>>;
  rawBody: string | undefined;
  /** Request headers as received (Node caps them at 16 KiB); masked when read (journal-exchange.ts). */
  headers?: Readonly<Record<string, string>>;
  /** The answer decided; null when the connection was dropped before one. */
  response?: RecordedResponse | null;
  /** The fault directive the adapters acted on: no answer (drop, no-answer) or a broken one (malformed). */
  faultKind?: FakeResponse['fault'];
  /** How the exchange ended, filled in by the adapter after the record is made (the request's own object); absent when no adapter served it. */
  ending?: ExchangeEnding;
};

/** Called with each request as it is journaled (masked, as list() gives it) and its record, for GET /__admin/events. */
export type JournalListener = (entry: JournalEntry, record: KeptRecord) => void;

export interface Journal {
  /** Adds an entry, dropping the oldest past the capacity. */
  record(entry: JournalRecord): void;
  /** Matching entries, oldest first. */
  list(filter?: JournalFilter): JournalEntry[];
  count(filter?: JournalFilter): number;
  /** Empties the journal; returns how many entries it held. */
  clear(): number;
  /** Matching records as kept, oldest first: query and body unmasked (for the core's journal collection, never the wire). */
  records(filter?: JournalFilter): KeptRecord[];
  /** Request `seq` while the journal still holds it: its entry (masked) and its record (not: journal-exchange.ts masks it for the wire). */
  bySeq(seq: number): { entry: JournalEntry; record: KeptRecord } | undefined;
  /**
   * Calls `listener` with each request journaled from now on, and `cleared` when the journal is emptied
   * (DELETE /__admin/requests, a reset); gives the function that stops both.
   * @example const stop = journal.subscribe((entry) => console.log(entry.seq, entry.path)); stop();
   */
  subscribe(listener: JournalListener, cleared?: () => void): () => void;
  readonly capacity: number;
  /** Masks the clients' secrets wherever they stand in a value to show (list() and the listeners' entries already are). */
  readonly hide: Hide;
  /** Requests dropped (oldest first, past the capacity) since the journal was last emptied: what it no longer holds. */
  readonly dropped: number;
}

export const DEFAULT_JOURNAL_SIZE = 1000;
/** The longest body the journal keeps, in characters: its memory is bounded by capacity times this. */
export const JOURNAL_BODY_MAX_CHARS = 4096;
/**
 * The most of a request's or an answer's headers the journal keeps, names and values together, in characters:
 * what Node accepts of a request's (16 KiB), so a request that came over a port is kept whole; a client in
 * process (MSW) has no such limit.
 */
export const JOURNAL_HEADERS_MAX_CHARS = 16_384;

/** The characters of a set of headers, names and values. */
function headersLength(headers: Readonly<Record<string, string>>): number {
  let n = 0;
  for (const [name, value] of Object.entries(headers)) n += name.length + value.length;
  return n;
}
/** Keys whose values the journal masks (and the journal collection replaces): secrets, passwords, tokens, API keys, codes. */
export const SECRET_KEY = /secret|password|passwd|pwd|token|ticket|api[-_]?key|^auth$|^code$/i;

/** Copy of a query or body with secret-looking keys (client_secret, password, tokens, codes) masked. */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskSecrets) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? '***' : maskSecrets(v);
  return out as T;
}

/** The body as the journal shows it, and why not when it cannot. */
function journalBody(rawBody: string | undefined, omitted: string | undefined): { body: unknown; bodyOmitted: string | null } {
  if (omitted !== undefined) return { body: null, bodyOmitted: omitted };
  if (rawBody === undefined || rawBody.trim() === '') return { body: null, bodyOmitted: null };
  const parsed = parseJsonValue(rawBody);
  return parsed.ok ? { body: maskSecrets(parsed.value), bodyOmitted: null } : { body: null, bodyOmitted: parsed.why };
}

type Matched = Pick<JournalRecord, 'method' | 'path' | 'rule' | 'clientId' | 'status' | 'signOk' | 'timeMs'>;

/** The filter as a test of one entry; its path pattern ('*' or ':name' match any one segment) compiled once. */
function matcher(filter: JournalFilter): (entry: Matched) => boolean {
  const pattern = filter.path === undefined ? undefined : compilePattern(filter.path);
  const method = filter.method?.toUpperCase();
  const since = filter.since === undefined ? undefined : new Date(filter.since).getTime();
  return (entry) => {
    if (method !== undefined && entry.method !== method) return false;
    if (pattern !== undefined && matchPattern(pattern, pathSegments(entry.path)) === undefined) return false;
    if (filter.rule !== undefined && entry.rule !== filter.rule) return false;
    if (filter.clientId !== undefined && entry.clientId !== filter.clientId) return false;
    if (filter.status !== undefined && entry.status !== filter.status) return false;
    if (filter.signOk !== undefined && entry.signOk !== filter.signOk) return false;
    if (since !== undefined && entry.timeMs < since) return false;
    return true;
  };
}

/** A record as the journal keeps it: its seq, and why its body (`omitted`) or its request headers (`headersOmitted`) were not kept. */
export type KeptRecord = JournalRecord & { seq: number; omitted?: string; headersOmitted?: string };
type Kept = KeptRecord;

/**
 * A journal keeping the last `capacity` requests (0 keeps none), and of each body at most `maxBodyChars`;
 * what it shows has the secrets of `clients()` masked wherever they stand.
 * @example const journal = createJournal(1000); journal.list({ rule: 'point.earn', signOk: false });
 */
export function createJournal(
  capacity: number = DEFAULT_JOURNAL_SIZE,
  maxBodyChars: number = JOURNAL_BODY_MAX_CHARS,
  clients: () => Iterable<{ clientId: string; clientSecret: string }> = () => [],
): Journal {
  const hide = knownSecretsHider(clients);
  // A ring of the last `capacity` records; `start` is the oldest. Masking and body parsing happen on read.
  let ring: Kept[] = [];
  let start = 0;
  let seq = 0;
  let dropped = 0;
  const ordered = (): Kept[] => (start === 0 ? ring : [...ring.slice(start), ...ring.slice(0, start)]);
  const listeners = new Set<JournalListener>();
  const clearedListeners = new Set<() => void>();
  // The request's headers and answer are for the detail view only (journal-exchange.ts): list() stays as it was.
  const view = ({ rawBody, omitted, query, timeMs, headers: _headers, headersOmitted: _headersOmitted, response: _response, faultKind: _kind, ending: _ending, ...rest }: Kept): JournalEntry => hide({
    ...rest,
    time: new Date(timeMs).toISOString(),
    query: maskSecrets({ ...query }),
    ...journalBody(rawBody, omitted),
  });
  return {
    capacity,
    hide,
    get dropped() {
      return dropped;
    },
    record(entry) {
      seq += 1;
      if (capacity <= 0) {
        dropped += 1;
        return;
      }
      // A body over maxBodyChars is not kept (the entry says so): the journal's memory is bounded by its
      // capacity times a few KB, not by what clients send. A cut JSON body would not parse, so none is cut.
      const over = (length: number, max = maxBodyChars): string => `${length} characters, over the ${max} the journal keeps`;
      const kept: Kept = entry.rawBody !== undefined && entry.rawBody.length > maxBodyChars
        ? { seq, ...entry, rawBody: undefined, omitted: over(entry.rawBody.length) }
        : { seq, ...entry };
      // The answer's body under the same bound as the request's.
      const text = kept.response?.text;
      if (kept.response && text !== undefined && text.length > maxBodyChars) kept.response = { status: kept.response.status, headers: kept.response.headers, omitted: over(text.length) };
      // Headers likewise: past their bound none are kept, and the record says why.
      const requestHeaders = kept.headers === undefined ? 0 : headersLength(kept.headers);
      if (requestHeaders > JOURNAL_HEADERS_MAX_CHARS) Object.assign(kept, { headers: {}, headersOmitted: over(requestHeaders, JOURNAL_HEADERS_MAX_CHARS) });
      const answerHeaders = kept.response ? headersLength(kept.response.headers) : 0;
      if (kept.response && answerHeaders > JOURNAL_HEADERS_MAX_CHARS) kept.response = { ...kept.response, headers: {}, headersOmitted: over(answerHeaders, JOURNAL_HEADERS_MAX_CHARS) };
      if (ring.length < capacity) ring.push(kept);
      else {
        ring[start] = kept;
        start = (start + 1) % capacity;
        dropped += 1;
      }
      // Masking costs only when someone listens (the dashboard's event stream).
      if (listeners.size > 0) {
        const shown = view(kept);
        for (const listener of listeners) listener(shown, kept);
      }
    },
    bySeq(wanted) {
      const record = ring.find((r) => r.seq === wanted);
      return record && { entry: view(record), record };
    },
    subscribe(listener, cleared) {
      listeners.add(listener);
      if (cleared) clearedListeners.add(cleared);
      return () => {
        listeners.delete(listener);
        if (cleared) clearedListeners.delete(cleared);
      };
    },
    list: (filter = {}) => ordered().filter(matcher(filter)).map(view),
    records: (filter = {}) => ordered().filter(matcher(filter)),
    count: (filter = {}) => {
      const test = matcher(filter);
      return ring.reduce((n, e) => (test(e) ? n + 1 : n), 0);
    },
    clear() {
      const n = ring.length;
      ring = [];
      start = 0;
      dropped = 0;
      for (const cleared of clearedListeners) cleared();
      return n;
    },
  };
}

const FILTER_KEYS = ['method', 'path', 'rule', 'clientId', 'status', 'signOk', 'since'] as const;

/** A filter from `GET /__admin/requests?...`; bad values are a value, not a throw. */
export function parseJournalQuery(query: Readonly<Record<string, QueryValue>>): { ok: true; filter: JournalFilter } | { ok: false; detail: string } {
  const filter: JournalFilter = {};
  for (const [key, raw] of Object.entries(query)) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] ?? '' : raw;
    switch (key) {
      case 'method':
      case 'path':
      case 'rule':
      case 'clientId':
        filter[key] = value;
        break;
      case 'status':
        if (value === 'null' || value === 'none') filter.status = null;
        else if (/^\d{3}$/.test(value)) filter.status = Number(value);
        else return { ok: false, detail: `status must be a 3-digit HTTP status or null, got "${value}"` };
        break;
      case 'signOk':
        if (value === 'true' || value === 'false' || value === 'null') filter.signOk = value === 'null' ? null : value === 'true';
        else return { ok: false, detail: `signOk must be true, false or null, got "${value}"` };
        break;
      case 'since':
        if (Number.isNaN(Date.parse(value))) return { ok: false, detail: `since must be an ISO date-time, got "${value}"` };
        filter.since = value;
        break;
      default:
        return { ok: false, detail: `unknown filter "${key}"; use ${FILTER_KEYS.join(', ')}` };
    }
  }
  return { ok: true, filter };
}
