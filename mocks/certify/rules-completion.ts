// write-completed: every write the fake refused with a 5xx was applied by a later attempt, and every write
// applied whose answer was lost was confirmed, by a retry with its referenceNo or by a read after it. Pure.
import { applied, capEvidence, count, evidenceOf, hasReference, isClientError, seen, succeeded } from './exchange';
import type { Judged, Operation } from './operations';
import type { Evidence, Observed, RuleResult } from './types';

/** The national part of a phone number, so +62812..., 62812... and 0812... are one number. */
const phoneDigits = (text: string): string => text.replace(/\D/g, '').replace(/^(62|0)/, '');

/** Whether a user.get's `value` names the user a user.create made (its email, phone or membership number). */
function looksUpCreated(write: Observed, read: Observed): boolean {
  const value = read.fields.value ?? '';
  if (value === '') return false;
  const { email = '', mobilePhoneNumber = '', membershipNumber = '' } = write.fields;
  return (email !== '' && value.toLowerCase() === email.toLowerCase())
    || (mobilePhoneNumber !== '' && phoneDigits(value) !== '' && phoneDigits(value) === phoneDigits(mobilePhoneNumber))
    || (membershipNumber !== '' && value === membershipNumber);
}

const sameMember = (write: Observed, read: Observed): boolean => (write.fields.valueID ?? '') !== '' && read.fields.valueID === write.fields.valueID;

/** The reads that confirm each kind of write, and how a read names the write's member. */
const CONFIRMED_BY: Record<string, { rules: readonly string[]; names: (write: Observed, read: Observed) => boolean }> = {
  'point.earn': { rules: ['point.history', 'point.get'], names: sameMember },
  'point.redeem': { rules: ['point.history', 'point.get'], names: sameMember },
  'point.adjustment': { rules: ['point.history', 'point.get'], names: sameMember },
  'promo.buy': { rules: ['voucher.list', 'voucher.get', 'point.history', 'point.get'], names: sameMember },
  'user.create': { rules: ['user.get'], names: looksUpCreated },
};

type Verdict = { ok: true; how: 'answered' | 'confirmed' | 'client-error' } | { ok: false; why: 'never-applied' | 'unconfirmed'; evidence: Evidence[] };

/** How one write operation ended, judged against everything the client sent after it. */
function judge(op: Operation, exchanges: readonly Observed[]): Verdict {
  if (op.attempts.some(succeeded)) return { ok: true, how: 'answered' };
  const lost = op.attempts.find(applied);
  if (lost !== undefined) {
    // A retry with its referenceNo that the client read: 2xx (a replay) or ErrDuplicateReferenceNo both say it was applied.
    const retry = hasReference(op.rule) ? op.attempts.find((x) => x.seq > lost.seq && seen(x) && ((x.status ?? 0) < 300 || x.errorId === 'ErrDuplicateReferenceNo')) : undefined;
    const confirm = CONFIRMED_BY[op.rule ?? ''];
    const read = confirm && exchanges.find((r) => r.seq > lost.seq && r.clientId === lost.clientId && confirm.rules.includes(r.rule ?? '') && seen(r) && r.status === 200 && confirm.names(lost, r));
    if (retry !== undefined || read) return { ok: true, how: 'confirmed' };
    return { ok: false, why: 'unconfirmed', evidence: [evidenceOf(lost, `applied, but the client never read its answer and never confirmed it (no retry with its referenceNo answered, no ${confirm?.rules.join(' or ') ?? 'read'} of the member after it)`)] };
  }
  const last = op.attempts[op.attempts.length - 1] as Observed;
  if (isClientError(last) && seen(last)) return { ok: true, how: 'client-error' };
  return { ok: false, why: 'never-applied', evidence: op.attempts.map((x, i) => evidenceOf(x, i === op.attempts.length - 1 ? 'last attempt: never applied, and not sent again' : 'not applied')) };
}

/** write-completed: no write left refused or unconfirmed when the command ended. */
export function writeCompleted({ operations, exchanges }: Judged): RuleResult {
  const writes = operations.filter((op) => op.write);
  if (writes.length === 0) return { id: 'write-completed', status: 'n/a', message: 'No write to judge.', evidence: [] };
  const verdicts = writes.map((op) => judge(op, exchanges));
  const failed = verdicts.filter((v): v is Extract<Verdict, { ok: false }> => !v.ok);
  const tally = (how: string): number => verdicts.filter((v) => v.ok && v.how === how).length;
  if (failed.length === 0) {
    const parts = [`${tally('answered')} answered`, `${tally('confirmed')} lost and then confirmed`, `${tally('client-error')} ended in a client error`];
    return { id: 'write-completed', status: 'pass', message: `Every write completed (${count(writes.length, 'write')}: ${parts.join(', ')}).`, evidence: [] };
  }
  const unconfirmed = failed.filter((v) => v.why === 'unconfirmed').length;
  const never = failed.length - unconfirmed;
  const what = [never > 0 ? `${never} refused (5xx or no answer before it was applied) and never applied by a later attempt` : '', unconfirmed > 0 ? `${unconfirmed} applied with the answer lost and never confirmed` : ''].filter((s) => s !== '');
  return { id: 'write-completed', status: 'fail', message: `${failed.length} of ${count(writes.length, 'write')} not completed: ${what.join('; ')}.`, evidence: capEvidence(failed.flatMap((v) => v.evidence)) };
}
