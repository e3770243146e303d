// Requests grouped into operations: a first attempt and its retries. Pure.
//
// A request joins an earlier operation when
//   - it carries the referenceNo that operation used first, with the same rule and fields (a retry that
//     kept its referenceNo, or a re-send), or
//   - it has the same rule and fields apart from referenceNo and sign, and the operation's last attempt
//     failed in a way a retry answers (no answer, 5xx, 408, 429, given up) and had ended when it came.
// Anything else starts a new operation: after a 2xx the client saw, the same sale again is a new sale
// (two genuine sales of the same amount to the same member are two operations); a 4xx ends an operation
// (re-sending it is judged by no-retry-on-client-error); a request sent while the same one is still in
// flight is concurrent, not a retry. docs/decisions/certify.md says why.
import { failedAttempt, operationKey, referenceOf } from './exchange';
import type { GradeInput, Observed } from './types';

export interface Operation {
  key: string;
  rule: string | null;
  write: boolean;
  /** The first attempt, then each retry, in arrival order. */
  attempts: Observed[];
}

/** Whether `x` retries `op`: its last attempt failed and had ended (or was given up on, or is still held) when `x` came. */
function awaitsRetry(op: Operation, x: Observed): boolean {
  const last = op.attempts[op.attempts.length - 1] as Observed;
  if (!failedAttempt(last)) return false;
  // A client that gave up may send its retry before the fake noticed the closed connection: no ordering to ask of those.
  if (last.ending === 'client-closed' || last.ending === 'pending') return true;
  return last.endMs <= x.timeMs;
}

/**
 * The operations of a journal, in the order they started.
 * @example groupOperations(exchanges).filter((op) => op.write && op.attempts.length > 1) // retried writes
 */
export function groupOperations(exchanges: readonly Observed[]): Operation[] {
  const operations: Operation[] = [];
  /** The operation that used a (client, referenceNo) first. */
  const byReference = new Map<string, Operation>();
  /** The latest operation of each key. */
  const latest = new Map<string, Operation>();
  for (const x of [...exchanges].sort((a, b) => a.seq - b.seq)) {
    const key = operationKey(x);
    const ref = referenceOf(x);
    const refKey = ref === undefined ? undefined : JSON.stringify([x.clientId, ref]);
    const owner = refKey === undefined ? undefined : byReference.get(refKey);
    let op: Operation | undefined;
    if (owner !== undefined) op = owner.key === key ? owner : undefined;
    else {
      const candidate = latest.get(key);
      if (candidate !== undefined && awaitsRetry(candidate, x)) op = candidate;
    }
    if (op === undefined) {
      op = { key, rule: x.rule, write: x.write, attempts: [] };
      operations.push(op);
    }
    op.attempts.push(x);
    if (refKey !== undefined && owner === undefined) byReference.set(refKey, op);
    latest.set(key, op);
  }
  return operations;
}

/** What every rule is given: the grading input and its operations, grouped once. */
export interface Judged extends GradeInput {
  operations: Operation[];
}
