// retry-bounded, no-retry-on-client-error and timeout: how the client behaves when MyValue fails, refuses
// or is slow. Pure.
import { applied, capEvidence, count, evidenceOf, isClientError, referenceOf, seen, sentAs } from './exchange';
import type { Judged } from './operations';
import { MIN_RETRY_PAUSE_MS, type Evidence, type Observed, type RuleResult } from './types';

/** retry-bounded: at most --max-attempts attempts per operation, each retry at least 100 ms after the failed answer. */
export function retryBounded({ operations, options }: Judged): RuleResult {
  const retried = operations.filter((op) => op.attempts.length > 1);
  if (retried.length === 0) return { id: 'retry-bounded', status: 'n/a', message: 'No operation was retried.', evidence: [] };
  const evidence: Evidence[] = [];
  let over = 0;
  let hasty = 0;
  for (const op of retried) {
    const { attempts } = op;
    if (attempts.length > options.maxAttempts) {
      over += 1;
      const last = attempts[attempts.length - 1] as Observed;
      evidence.push(evidenceOf(attempts[0] as Observed, `first of ${attempts.length} attempts (at most ${options.maxAttempts})`), evidenceOf(last, `attempt ${attempts.length}, ${last.timeMs - (attempts[0] as Observed).timeMs} ms after the first`));
    }
    attempts.forEach((x, i) => {
      const before = attempts[i - 1];
      // A held answer the client never closed has no end to measure the pause from.
      if (before === undefined || before.ending === 'pending') return;
      const pause = x.timeMs - before.endMs;
      if (pause >= MIN_RETRY_PAUSE_MS) return;
      hasty += 1;
      evidence.push(evidenceOf(x, `sent ${pause} ms after the ${before.ending === 'client-closed' ? 'client gave up on' : 'answer to'} seq ${before.seq} (${MIN_RETRY_PAUSE_MS} ms at least)`));
    });
  }
  const retries = retried.reduce((n, op) => n + op.attempts.length - 1, 0);
  if (over === 0 && hasty === 0) {
    return { id: 'retry-bounded', status: 'pass', message: `${count(retries, 'retry', 'retries')} of ${count(retried.length, 'operation')}: at most ${options.maxAttempts} attempts each, every retry ${MIN_RETRY_PAUSE_MS} ms or more after the failed answer.`, evidence: [] };
  }
  const what = [over > 0 ? `${count(over, 'operation')} over ${options.maxAttempts} attempts` : '', hasty > 0 ? `${count(hasty, 'retry', 'retries')} sooner than ${MIN_RETRY_PAUSE_MS} ms after the failed answer` : ''].filter((s) => s !== '');
  return { id: 'retry-bounded', status: 'fail', message: `Retries are not bounded: ${what.join('; ')}.`, evidence: capEvidence(evidence) };
}

/** The seqs of each client's applied writes, and whether one falls strictly between two seqs (a binary search). */
function appliedSeqs(sorted: readonly Observed[]): { between(clientId: string | null, after: number, before: number): boolean } {
  const byClient = new Map<string | null, number[]>();
  for (const w of sorted) {
    if (!applied(w)) continue;
    const seqs = byClient.get(w.clientId);
    if (seqs) seqs.push(w.seq);
    else byClient.set(w.clientId, [w.seq]);
  }
  return {
    between(clientId, after, before) {
      const seqs = byClient.get(clientId) ?? [];
      let lo = 0;
      let hi = seqs.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((seqs[mid] as number) <= after) lo = mid + 1;
        else hi = mid;
      }
      return lo < seqs.length && (seqs[lo] as number) < before;
    },
  };
}

/** no-retry-on-client-error: a request answered 4xx (not 408 or 429) is not re-sent unchanged. */
export function noRetryOnClientError({ exchanges }: Judged): RuleResult {
  const sorted = [...exchanges].sort((a, b) => a.seq - b.seq);
  const refused = sorted.filter((x) => isClientError(x) && seen(x) && !x.fieldsUnknown);
  if (refused.length === 0) return { id: 'no-retry-on-client-error', status: 'n/a', message: 'No request was answered with a client error (4xx other than 408 and 429).', evidence: [] };
  // The same requests in arrival order, and where each stands among them: a re-send is looked for after it only.
  const bySent = new Map<string, Observed[]>();
  const position = new Map<Observed, number>();
  for (const x of sorted) {
    if (x.fieldsUnknown) continue;
    const key = sentAs(x);
    const same = bySent.get(key) ?? [];
    if (same.length === 0) bySent.set(key, same);
    position.set(x, same.length);
    same.push(x);
  }
  const writesApplied = appliedSeqs(sorted);
  const evidence: Evidence[] = [];
  let resent = 0;
  for (const first of refused) {
    // A lookup refused (404) and sent again once a write succeeded is a new question (lookup, create, lookup);
    // a write with a referenceNo re-sent is always a retry.
    const same = bySent.get(sentAs(first)) ?? [];
    let again: Observed | undefined;
    for (let i = (position.get(first) ?? 0) + 1; i < same.length && again === undefined; i += 1) {
      const x = same[i] as Observed;
      if (referenceOf(first) !== undefined || !writesApplied.between(first.clientId, first.seq, x.seq)) again = x;
    }
    if (again === undefined) continue;
    resent += 1;
    evidence.push(evidenceOf(first, 'client error'), evidenceOf(again, `the same request re-sent unchanged ${again.timeMs - first.endMs} ms after the answer to seq ${first.seq}`));
  }
  if (resent === 0) return { id: 'no-retry-on-client-error', status: 'pass', message: `None of ${count(refused.length, 'client error')} was re-sent unchanged.`, evidence: [] };
  return { id: 'no-retry-on-client-error', status: 'fail', message: `${resent} of ${count(refused.length, 'client error')} re-sent unchanged: the same request gets the same answer.`, evidence: capEvidence(evidence) };
}

/** timeout: a client gives up on an answer held past --max-wait within --max-wait, and closes the connection. */
export function timeout({ exchanges, operations, options }: Judged): RuleResult {
  const held = exchanges.filter((x) => x.delayMs > options.maxWaitMs);
  if (held.length === 0) return { id: 'timeout', status: 'n/a', message: `No answer was held past --max-wait ${options.maxWaitMs} ms (slow-response holds one).`, evidence: [] };
  const evidence: Evidence[] = [];
  let failed = 0;
  let open = 0;
  for (const x of held) {
    if (x.ending === 'client-closed' && x.endMs - x.timeMs <= options.maxWaitMs) continue;
    const attempts = operations.find((op) => op.attempts.includes(x))?.attempts ?? [];
    const next = attempts[attempts.indexOf(x) + 1];
    if (next !== undefined && next.timeMs - x.timeMs <= options.maxWaitMs && x.ending !== 'answered') {
      open += 1;
      evidence.push(evidenceOf(x, `gave up (retried as seq ${next.seq} after ${next.timeMs - x.timeMs} ms) but left the connection open`));
      continue;
    }
    failed += 1;
    const did = x.ending === 'answered' ? `waited ${x.endMs - x.timeMs} ms for the held answer` : x.ending === 'client-closed' ? `gave up only after ${x.endMs - x.timeMs} ms` : 'was still waiting when the command ended';
    evidence.push(evidenceOf(x, `${did}; --max-wait is ${options.maxWaitMs} ms`));
  }
  if (failed === 0 && open === 0) return { id: 'timeout', status: 'pass', message: `The client gave up on ${count(held.length, 'held answer')} within ${options.maxWaitMs} ms.`, evidence: held.map((x) => evidenceOf(x)) };
  if (failed === 0) return { id: 'timeout', status: 'warn', message: `The client gave up within ${options.maxWaitMs} ms but did not close ${count(open, 'connection')}: an abandoned request still holds a socket.`, evidence };
  return { id: 'timeout', status: 'fail', message: `${failed} of ${count(held.length, 'held answer')} not given up within --max-wait ${options.maxWaitMs} ms: the client has no timeout of its own, or a longer one.`, evidence: capEvidence(evidence) };
}
