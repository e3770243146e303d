// The plain request and response the fake's core speaks; adapters convert at the edge.

export type QueryValue = string | string[];

/** A parsed JSON body or a query's first values, by field name. */
export type Fields = Record<string, unknown>;

export interface FakeRequest {
  method: string;
  /** Path without query string, e.g. '/service/point/'. */
  path: string;
  /** Decoded query; a repeated key gives an array. */
  query: Readonly<Record<string, QueryValue>>;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** Raw body text (the core parses JSON, so malformed JSON gets MyValue's error shape). */
  rawBody?: string;
  /** Set by an adapter that stopped reading a body over the size limit. */
  bodyTooLarge?: boolean;
  /** Set by an adapter that could not read the body (unsupported encoding, aborted upload). */
  bodyError?: string;
  /** Set by an adapter that serves GET /__admin/events: how many of its event streams are open (the core refuses past EVENTS_MAX_STREAMS). */
  eventStreams?: number;
  /** Scheme and host the client used, e.g. 'http://127.0.0.1:4010'; used for next/previous URLs. */
  origin: string;
  /**
   * Other origins of this same server (Express: the address the connection came in on, when `origin` is a
   * public URL; the host the fake was started on). The admin API takes them as its own in Origin and Host.
   */
  otherOrigins?: readonly string[];
  /**
   * Filled in by the adapter when the exchange ends, for the journal (which keeps this very object): the
   * answer written, the connection closed by the fake (drop, no-answer) or by the client before an answer
   * came (it gave up while the answer was held). Left empty while the answer is on its way.
   */
  ending?: ExchangeEnding;
}

/** How and when (the fake's clock, ms) an exchange ended, as the adapter saw it. */
export interface ExchangeEnding {
  how?: 'answered' | 'closed' | 'client-closed';
  atMs?: number;
}

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, or a string for HTML pages (content-type says which). */
  body: unknown;
  // Fault directives (mocks/core/faults.ts): the core decides them, and only an adapter can act on them (a wait, a dropped socket).
  /** Wait this long before answering (or before closing the connection). */
  delayMs?: number;
  /**
   * drop: close the connection without an answer (nothing was handled);
   * no-answer: the request was handled (a mutation committed), then close without an answer;
   * malformed: informational, the core already put a body that is not JSON in `body`.
   */
  fault?: 'drop' | 'malformed' | 'no-answer';
  /**
   * journal: after the body, keep the connection open and write each request journaled from now on as a
   * server-sent event (GET /__admin/events; mocks/core/event-stream.ts frames them). Express only.
   */
  stream?: 'journal';
}

export interface Clock {
  now(): Date;
}

/** One request as the fake logs it (never a body, never a secret: the sign explanation masks it). */
export interface RequestLogRecord {
  /** 'warn' for answers of 400 and more, faults and dropped connections. */
  level: 'info' | 'warn';
  method: string;
  path: string;
  /** Status decided; null when the connection was dropped. */
  status: number | null;
  /** True when the answer was decided but never sent (no-answer fault). */
  unsent: boolean;
  durationMs: number;
  /** Signing rule of the route, null when none. */
  rule: string | null;
  clientId: string | null;
  signOk: boolean | null;
  /** The fault or forced answer applied, null when none. */
  fault: string | null;
  delayMs: number;
  /** Why (an invalid sign's explanation, an unknown client...), '' when nothing to say. */
  note: string;
}

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
  /** When present, each request is handed over as a record instead of a formatted line (JSON logs). */
  request?(record: RequestLogRecord): void;
}

export interface ClientConfig {
  clientId: string;
  clientSecret: string;
  name?: string;
  /** Registered redirect URIs for the SSO mapping flow (exact match). */
  redirectUris: string[];
}

/** Settings of the fake that tests may change (SSO lifetimes among them). */
export interface FakeSettings {
  /** Authorization code lifetime in seconds. */
  codeTtlSeconds: number;
  /** Access token lifetime in seconds (the token response's expires_in). */
  accessTokenTtlSeconds: number;
  /** Refresh token lifetime in seconds. */
  refreshTokenTtlSeconds: number;
  /**
   * A referenceNo a client used before: 'refuse' (400 ErrDuplicateReferenceNo, MyValue's documented
   * answer) or 'replay' (200 with the first answer's body, nothing applied twice, as MyValue's older
   * Point API answered a repeat of the same request).
   */
  duplicateReference: 'refuse' | 'replay';
}

export const systemClock: Clock = { now: () => new Date() };

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined };

export const defaultSettings: FakeSettings = {
  codeTtlSeconds: 60,
  accessTokenTtlSeconds: 86_399,
  refreshTokenTtlSeconds: 31_622_400,
  duplicateReference: 'refuse',
};
