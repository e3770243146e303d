// The certification's verdict over a journal: every rule judged on the exchanges (and the ledger's
// bookings), in one table. Pure: the same input gives the same grade.
import { groupOperations, type Judged } from './operations';
import { noDoubleBooking, referenceUnique, retrySameReference } from './rules-reference';
import { noRetryOnClientError, retryBounded, timeout } from './rules-retry';
import { secretNotSent, signValid } from './rules-wire';
import { writeCompleted } from './rules-completion';
import { RULE_IDS, type Grade, type GradeInput, type RuleId, type RuleResult } from './types';

/** command-succeeded: the command exits 0 in baseline; under faults its exit is reported, not judged. */
function commandSucceeded({ options }: Judged): RuleResult {
  const command = options.command;
  if (command === undefined) return { id: 'command-succeeded', status: 'n/a', message: 'No command: graded in process.', evidence: [] };
  const how = command.timedOut ? `was stopped after the scenario's time bound${command.exitCode !== null ? ` (exit ${command.exitCode})` : ''}` : command.signal !== null ? `was ended by ${command.signal}` : `exited ${command.exitCode}`;
  if (options.scenario !== 'baseline') {
    return { id: 'command-succeeded', status: command.timedOut ? 'warn' : 'n/a', message: `The command ${how}: reported, not judged under faults.`, evidence: [] };
  }
  const ok = command.exitCode === 0 && !command.timedOut && command.signal === null;
  return { id: 'command-succeeded', status: ok ? 'pass' : 'fail', message: ok ? 'The command exited 0.' : `The command ${how} with no fault injected.`, evidence: [] };
}

const JUDGES: Record<RuleId, (judged: Judged) => RuleResult> = {
  'sign-valid': signValid,
  'secret-not-sent': secretNotSent,
  'reference-unique': referenceUnique,
  'retry-same-reference': retrySameReference,
  'no-double-booking': noDoubleBooking,
  'write-completed': writeCompleted,
  'retry-bounded': retryBounded,
  'no-retry-on-client-error': noRetryOnClientError,
  timeout,
  'command-succeeded': commandSucceeded,
};

/** Rules judged on the journal, whose pass is only as good as what the journal still holds. */
const FROM_JOURNAL = new Set<RuleId>(RULE_IDS.filter((id) => id !== 'command-succeeded'));

/**
 * Grades exchanges: every rule, the failed ones listed.
 * @example gradeExchanges({ exchanges, bookings: [], dropped: 0, options: { maxWaitMs: 10_000, maxAttempts: 5 } }).failed
 */
export function gradeExchanges(input: GradeInput): Grade {
  const judged: Judged = { ...input, operations: groupOperations(input.exchanges) };
  const rules = RULE_IDS.map((id) => {
    const result = JUDGES[id](judged);
    // A pass on a journal that dropped its oldest requests is a pass on part of the run: say so.
    if (input.dropped > 0 && result.status === 'pass' && FROM_JOURNAL.has(id)) {
      return { ...result, status: 'warn' as const, message: `${result.message} Only the last ${input.exchanges.length} requests were judged: the journal dropped ${input.dropped} (raise its size).` };
    }
    return result;
  });
  const failed = rules.filter((r) => r.status === 'fail').map((r) => r.id);
  return { verdict: failed.length === 0 ? 'pass' : 'fail', rules, failed, requests: input.exchanges.length, dropped: input.dropped };
}
