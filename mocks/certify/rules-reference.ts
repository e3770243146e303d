// reference-unique, retry-same-reference and no-double-booking: the referenceNo as MyValue's idempotency
// key, and the ledger as the proof. Pure.
import { applied, capEvidence, count, evidenceOf, hasReference, operationKey, referenceOf, succeeded } from './exchange';
import type { Judged, Operation } from './operations';
import type { Booking, Evidence, Observed, RuleResult } from './types';

/** The fields two requests of one referenceNo differ in, as 'amount 10000 → 20000'. */
function differences(a: Observed, b: Observed): string {
  const names = [...new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])].filter((n) => n !== 'sign' && n !== 'referenceNo' && n !== 'clientID');
  const changed = names.filter((n) => (a.fields[n] ?? '') !== (b.fields[n] ?? '')).map((n) => `${n} ${JSON.stringify(a.fields[n] ?? '')} → ${JSON.stringify(b.fields[n] ?? '')}`);
  if (a.rule !== b.rule) changed.unshift(`${a.rule ?? a.path} → ${b.rule ?? b.path}`);
  return changed.join(', ');
}

/** reference-unique: a referenceNo names one operation (one member, amount, outlet and type), and a write that succeeded is not sent again. */
export function referenceUnique({ exchanges, operations, dropped }: Judged): RuleResult {
  const firstUse = new Map<string, Observed>();
  const evidence: Evidence[] = [];
  let carried = 0;
  let unknownBefore = false;
  for (const x of [...exchanges].sort((a, b) => a.seq - b.seq)) {
    const ref = referenceOf(x);
    if (ref === undefined) continue;
    carried += 1;
    const at = JSON.stringify([x.clientId, ref]);
    const first = firstUse.get(at);
    if (first === undefined) {
      firstUse.set(at, x);
      if (x.errorId === 'ErrDuplicateReferenceNo') {
        unknownBefore = true;
        evidence.push(evidenceOf(x, `referenceNo ${ref} was used before this journal starts (its first use here was refused as a duplicate)`));
      }
    } else if (operationKey(first) !== operationKey(x)) {
      evidence.push(evidenceOf(first, `first use of ${ref}`), evidenceOf(x, `${ref} reused for another operation: ${differences(first, x)}`));
    }
  }
  // The same write sent again after the client saw its 2xx: a new sale given the old referenceNo, or a pointless re-send.
  for (const op of operations) {
    const done = op.attempts.findIndex(succeeded);
    if (done < 0 || !hasReference(op.rule)) continue;
    for (const again of op.attempts.slice(done + 1)) evidence.push(evidenceOf(again, `sent again after seq ${(op.attempts[done] as Observed).seq} succeeded with this referenceNo`));
  }
  if (carried === 0) return { id: 'reference-unique', status: 'n/a', message: 'No request carried a referenceNo.', evidence: [] };
  if (evidence.length === 0) return { id: 'reference-unique', status: 'pass', message: `${count(firstUse.size, 'referenceNo')} in ${count(carried, 'request')}, each for one operation.`, evidence: [] };
  // A referenceNo used before the journal's window is not proof when the journal dropped its start.
  const onlyBefore = evidence.every((e) => e.note?.includes('used before this journal starts'));
  return {
    id: 'reference-unique',
    status: onlyBefore && unknownBefore && dropped > 0 ? 'warn' : 'fail',
    message: `A referenceNo was used for more than one operation, or a write that succeeded was sent again (${count(evidence.filter((e) => !e.note?.startsWith('first use')).length, 'request')}).`,
    evidence: capEvidence(evidence),
  };
}

/** retry-same-reference: a write re-sent after a lost answer, a 5xx or a timeout carries its first referenceNo. */
export function retrySameReference({ operations }: Judged): RuleResult {
  const retried = operations.filter((op) => op.write && hasReference(op.rule) && op.attempts.length > 1 && referenceOf(op.attempts[0] as Observed) !== undefined);
  if (retried.length === 0) return { id: 'retry-same-reference', status: 'n/a', message: 'No write with a referenceNo was retried.', evidence: [] };
  const evidence: Evidence[] = [];
  let changed = 0;
  for (const op of retried) {
    const first = op.attempts[0] as Observed;
    const ref = referenceOf(first);
    const others = op.attempts.slice(1).filter((x) => referenceOf(x) !== ref);
    if (others.length === 0) continue;
    changed += 1;
    evidence.push(evidenceOf(first, 'first attempt'), ...others.map((x) => evidenceOf(x, `retry with a new referenceNo (first was ${ref ?? 'none'})`)));
  }
  const retries = retried.reduce((n, op) => n + op.attempts.length - 1, 0);
  if (changed === 0) return { id: 'retry-same-reference', status: 'pass', message: `${count(retries, 'retry', 'retries')} of ${count(retried.length, 'write')} kept the first referenceNo.`, evidence: [] };
  return {
    id: 'retry-same-reference',
    status: 'fail',
    message: `${changed} of ${count(retried.length, 'retried write')} changed the referenceNo on retry: MyValue books each referenceNo once, so a new one can book the sale twice.`,
    evidence: capEvidence(evidence),
  };
}

/** The ledger's bookings of an operation's referenceNos (distinct entries), from bookings indexed by (client, referenceNo). */
function bookingsOf(op: Operation, byReference: ReadonlyMap<string, Booking>): Booking[] {
  const found = new Map<number, Booking>();
  for (const x of op.attempts) {
    const booking = byReference.get(JSON.stringify([x.clientId, referenceOf(x)]));
    if (booking !== undefined) found.set(booking.sno, booking);
  }
  return [...found.values()];
}

/** no-double-booking: no operation is booked twice (the ledger for referenceNo writes, the applied answers for the rest). */
export function noDoubleBooking({ operations, bookings }: Judged): RuleResult {
  const writes = operations.filter((op) => op.write);
  if (writes.length === 0) return { id: 'no-double-booking', status: 'n/a', message: 'No write to judge.', evidence: [] };
  const evidence: Evidence[] = [];
  let twice = 0;
  const byReference = new Map(bookings.map((b) => [JSON.stringify([b.clientId, b.referenceNo]), b]));
  for (const op of writes) {
    const booked = hasReference(op.rule) ? bookingsOf(op, byReference) : [];
    const appliedAttempts = op.attempts.filter(applied);
    const times = booked.length > 0 ? booked.length : appliedAttempts.length;
    if (times <= 1) continue;
    twice += 1;
    evidence.push(
      ...appliedAttempts.map((x) => evidenceOf(x, 'applied')),
      ...booked.map((b) => ({ referenceNo: b.referenceNo, note: `ledger entry ${b.sno}: ${b.type} ${b.point >= 0 ? '+' : ''}${b.point} points, amount ${b.amount}, member ${b.valueId}` })),
    );
  }
  if (twice === 0) return { id: 'no-double-booking', status: 'pass', message: `Each of ${count(writes.length, 'write operation')} was booked at most once.`, evidence: [] };
  return { id: 'no-double-booking', status: 'fail', message: `${twice} of ${count(writes.length, 'write operation')} booked more than once.`, evidence: capEvidence(evidence) };
}
