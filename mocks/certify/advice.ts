// Each rule in words for the scorecard: what it checks, what a backend should do, and how to fix one that
// does not. One table, read by certify.md and by a partner's own report.
import type { RuleId } from './types';

export interface RuleAdvice {
  /** What the rule checks, in one line. */
  checks: string;
  /** What a correct backend does. */
  should: string;
  /** How to fix a backend that fails it. */
  fix: string;
}

export const RULE_ADVICE: Readonly<Record<RuleId, RuleAdvice>> = {
  'sign-valid': {
    checks: 'every signed request carries a sign MyValue accepts',
    should: 'sign = lowercase hex of sha256(clientID + clientSecret + the rule\'s fields in their documented order), a missing field as the empty string, numbers as written in the request',
    fix: 'take the field order from the signing rules table (npx myvalue sign RULE field=value ... --explain prints the exact string to hash); the evidence names the mistake the fake recognised',
  },
  'secret-not-sent': {
    checks: 'the client secret never travels to MyValue, except as client_secret in the Auth API\'s token body',
    should: 'use the secret only inside the sign (it goes into the hash, never on the wire)',
    fix: 'remove the header, query parameter or body field that carries the secret (or a base64 / URL-encoded form of it); rotate the secret if it went to a real host',
  },
  'reference-unique': {
    checks: 'a referenceNo names one operation: one member, amount, outlet and type',
    should: 'give each sale its own referenceNo (an invoice or transaction id), keep it with the sale, and never send a write again once its 2xx was read',
    fix: 'derive the referenceNo from your own transaction id, not from a counter that restarts or a constant; store it with the transaction',
  },
  'retry-same-reference': {
    checks: 'a write re-sent after a lost answer, a 5xx or a timeout carries the referenceNo of its first attempt',
    should: 'retry with the same referenceNo; on ErrDuplicateReferenceNo after a retry, treat the write as applied and confirm it in the history',
    fix: 'create the referenceNo once per sale, before the first attempt, and pass the same request body to every retry',
  },
  'no-double-booking': {
    checks: 'no operation is booked twice in the ledger',
    should: 'make every retry idempotent: same referenceNo for points; for a voucher purchase (no referenceNo), read the member\'s vouchers before buying again',
    fix: 'keep the referenceNo across retries; after a lost promo.buy answer, check voucher.list before sending it again',
  },
  'write-completed': {
    checks: 'every write refused with a 5xx is applied by a later attempt; every write whose answer was lost is confirmed',
    should: 'retry a 5xx, a timeout or a lost answer (with a pause, a bounded number of times); after a lost answer, confirm with a retry of the same referenceNo or a read of the member\'s history or balance',
    fix: 'wrap MyValue writes in a retry loop for network errors, timeouts, 5xx, 408 and 429; when the loop gives up, queue the write for later instead of dropping it',
  },
  'retry-bounded': {
    checks: 'at most --max-attempts attempts per operation, each retry at least 100 ms after the failed answer',
    should: 'back off between attempts (for example 200 ms, 400 ms, 800 ms with jitter) and stop after a few',
    fix: 'add a delay before each retry and a cap on attempts; never loop on an error without a pause',
  },
  'no-retry-on-client-error': {
    checks: 'a request answered 4xx (other than 408 and 429) is not re-sent unchanged',
    should: 'treat a 4xx as final for that request: fix the request (or the state it needs) first, or report the error',
    fix: 'retry only network errors, timeouts, 5xx, 408 and 429; on ErrDuplicateReferenceNo after a retry, confirm the write in the history instead of sending it again',
  },
  timeout: {
    checks: 'the client gives up on an answer held past --max-wait, within --max-wait, and closes the connection',
    should: 'set a timeout on every call to MyValue (shorter than your own caller\'s, e.g. a cashier\'s till) and abort the request when it passes',
    fix: 'pass a timeout to the HTTP client (fetch: AbortSignal.timeout(ms); axios: timeout; Java: connect and read timeouts), then retry with the same referenceNo',
  },
  'command-succeeded': {
    checks: 'the command exits 0 with no fault injected',
    should: 'pass its own tests against MyValue behaving normally',
    fix: 'read the scenario\'s log (baseline.log): the command failed before any fault was injected',
  },
};
