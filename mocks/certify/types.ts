// What the certification grades and what it gives: each journaled exchange as the rules see it (no
// secret in it, only where one was found), the ledger's bookings, and each rule's verdict with evidence.

/** The rules, in the order the scorecard shows them. */
export const RULE_IDS = [
  'sign-valid',
  'secret-not-sent',
  'reference-unique',
  'retry-same-reference',
  'no-double-booking',
  'write-completed',
  'retry-bounded',
  'no-retry-on-client-error',
  'timeout',
  'command-succeeded',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** n/a: nothing in this journal to judge (no write retried, no answer held, ...). */
export type RuleStatus = 'pass' | 'warn' | 'fail' | 'n/a';

/** How an exchange ended: the client read an answer, the fake closed the connection without one, the client gave up first, or it was still open when graded. */
export type Ending = 'answered' | 'lost' | 'client-closed' | 'pending';

/** One journaled request as the rules read it. Times are the fake's clock, in ms. */
export interface Observed {
  seq: number;
  /** When the request arrived. */
  timeMs: number;
  /** When it ended (see ending); for 'pending', when it was graded. */
  endMs: number;
  ending: Ending;
  /** false when no adapter said when the exchange ended (fake.handle called directly): endMs is arrival + handling + injected latency. */
  endKnown: boolean;
  method: string;
  path: string;
  /** Signing rule ('point.earn'); null for the Auth API and unknown routes. */
  rule: string | null;
  /** The rule changes state (user.create, point.earn, point.redeem, point.adjustment, promo.buy). */
  write: boolean;
  clientId: string | null;
  signOk: boolean | null;
  /** Why the fake refused the sign: its diagnosis (field order, a field left out, uppercase hex...) and the string it expected, secret masked. */
  signRefusal: { hint?: string; expected: string } | null;
  /** Status the fake decided (also when the answer was then lost); null when the connection was dropped before handling. */
  status: number | null;
  /** The `id` of an error answer ('ErrDuplicateReferenceNo'), null otherwise. */
  errorId: string | null;
  /** The answer was cut (a malformed-body fault): the client could not read it. */
  unreadable: boolean;
  /** Latency the fake held the answer for, in ms. */
  delayMs: number;
  /** The fault rule that acted on it, as text. */
  fault: string | null;
  /** The body's top-level fields (POST) or the query's first values (GET), each as text; `sign` and `clientID` included. */
  fields: Record<string, string>;
  /** The fields were not kept (body over the journal's bound, or not JSON). */
  fieldsUnknown: boolean;
  /** Where the client secret travelled in this request ('header x-client-secret', 'body field note', 'query sign2'); empty when nowhere. */
  secretIn: string[];
}

/** A ledger entry of a referenceNo a write in the journal used. */
export interface Booking {
  sno: number;
  clientId: string;
  referenceNo: string;
  type: string;
  valueId: string;
  amount: number;
  point: number;
}

/** One item of a rule's evidence: a journal entry (seq) and what matters of it, or a ledger entry. */
export interface Evidence {
  seq?: number;
  /** ISO time of the request (the fake's clock). */
  time?: string;
  /** 'POST /service/point/earn/ (point.earn)'. */
  request?: string;
  referenceNo?: string;
  /** '200', '503 ErrServiceUnavailable', 'lost: applied, connection closed', 'client gave up after 412 ms'. */
  answer?: string;
  note?: string;
}

export interface RuleResult {
  id: RuleId;
  status: RuleStatus;
  /** One or two sentences: what was judged and what was found. */
  message: string;
  evidence: Evidence[];
}

/** What the command did, when there was one (`myvalue certify`); undefined in process. */
export interface CommandOutcome {
  exitCode: number | null;
  /** The signal that ended it, when one did. */
  signal: string | null;
  /** It ran past the scenario's time bound and was stopped. */
  timedOut: boolean;
}

export interface GradeOptions {
  /** The longest a client may wait for a held answer, in ms (default 10,000). */
  maxWaitMs?: number;
  /** Attempts allowed per operation, the first included (default 5). */
  maxAttempts?: number;
  /** The scenario graded ('baseline', 'lost-response', ...); command-succeeded is judged in baseline only. */
  scenario?: string;
  command?: CommandOutcome;
}

export interface GradeInput {
  exchanges: readonly Observed[];
  bookings: readonly Booking[];
  /** Requests the journal dropped (its capacity), so not judged. */
  dropped: number;
  options: Required<Pick<GradeOptions, 'maxWaitMs' | 'maxAttempts'>> & Omit<GradeOptions, 'maxWaitMs' | 'maxAttempts'>;
}

export interface Grade {
  verdict: 'pass' | 'fail';
  /** Every rule, in RULE_IDS order. */
  rules: RuleResult[];
  /** Ids of the rules that failed: `expect(grade(fake).failed).toEqual([])`. */
  failed: RuleId[];
  /** Requests judged (the journal's). */
  requests: number;
  /** Requests the journal dropped before grading: rules that passed on what was left say warn. */
  dropped: number;
}

export const DEFAULT_MAX_WAIT_MS = 10_000;
export const DEFAULT_MAX_ATTEMPTS = 5;
/** The least pause between a failed answer and the retry: less is a storm. */
export const MIN_RETRY_PAUSE_MS = 100;
