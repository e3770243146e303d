// grade(fake): the certification's rules over a fake's journal and ledger, for a partner's own tests
// (after driving their code through MSW or Express) and for `myvalue certify`.
import { MIN_SECRET_LENGTH, secretPattern } from '../../src/shared/secret-forms';
import type { Fake } from '../core/app';
import type { FakeMyValue } from '../core/fake-my-value';
import { gradeExchanges } from './grade';
import { bookingsOf, observe } from './observe';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_WAIT_MS, type Grade, type GradeOptions } from './types';

/** A bad option given in code: a bug in the caller's test, so a throw (the CLI checks its flags first). */
export class GradeOptionError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'GradeOptionError';
  }
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new GradeOptionError(`${name} must be a whole number of at least 1, got ${String(value)}`);
  return value;
}

/**
 * Grades what the fake saw since it was created or last reset: every rule, and the ids of those that failed.
 * @example
 *   fake.faults.add('point.earn:no-answer,times=1'); // the first earn is applied, its answer lost
 *   await checkout(); // your code, through MSW
 *   expect(grade(fake).failed).toEqual([]);
 */
export function gradeFake(fake: FakeMyValue, options: GradeOptions = {}): Grade {
  // Every FakeMyValue is one createFakeMyValue made, with its journal and ledger in reach. The public type
  // stays FakeMyValue: the internal one reaches the store's SQLite types, which a partner's tsc has not got.
  if (!('deps' in fake)) throw new TypeError('grade() takes a fake made by createFakeMyValue');
  const maxWaitMs = positiveInteger(options.maxWaitMs, DEFAULT_MAX_WAIT_MS, 'maxWaitMs');
  const maxAttempts = positiveInteger(options.maxAttempts, DEFAULT_MAX_ATTEMPTS, 'maxAttempts');
  const { journal, store, clock } = (fake as Fake).deps;
  const secrets = [...store.clients.values()].flatMap((c) => [c.clientSecret, `${c.clientId}:${c.clientSecret}`]).filter((s) => s.length >= MIN_SECRET_LENGTH);
  const found = secretPattern(secrets, '');
  const now = clock.now().getTime();
  const exchanges = journal.records().map((record) => observe(record, found, now, journal.hide));
  return gradeExchanges({ exchanges, bookings: bookingsOf(exchanges, store.ledger), dropped: journal.dropped, options: { ...options, maxWaitMs, maxAttempts } });
}
