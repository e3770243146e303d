// The fake as the package hands it out: answer a request, reset, close, and the journal and fault
// rules a partner's test reads and changes. No store handle, so no SQLite types reach a partner.
import type { Faults } from './faults';
import type { Journal, JournalFilter } from './journal';
import type { JournalExchange, JournalRow } from './journal-exchange';
import type { PostmanCollectionV21 } from './postman-v21';
import type { FakeRequest, FakeResponse } from '../http/types';

/** The journal as a partner's test reads it: list(filter), count(filter), clear(), toCollection(filter), exchange(seq), subscribe(listener). */
export type FakeJournal = Omit<Journal, 'record' | 'records' | 'bySeq' | 'subscribe' | 'hide'> & {
  /** The External and Auth API requests as a Postman v2.1 collection, secrets replaced by variables (what GET /__admin/requests/collection gives). */
  toCollection(filter?: JournalFilter): PostmanCollectionV21;
  /** Request `seq` in full, secrets masked: its headers and the answer (body kept up to 4,096 characters); undefined once dropped (GET /__admin/requests/:seq). */
  exchange(seq: number): JournalExchange | undefined;
  /**
   * Calls `listener` with each request journaled from now on (masked, with a refused sign's explanation), and
   * `cleared` when the journal is emptied (a reset, DELETE /__admin/requests); gives the function that stops both.
   * @example const stop = fake.journal.subscribe((row) => console.log(row.status, row.path)); stop();
   */
  subscribe(listener: (row: JournalRow) => void, cleared?: () => void): () => void;
};

/** The fault rules as a partner's test changes them: add(rule), list(), remove(id), clear(), reset(). */
export type FakeFaults = Omit<Faults, 'pick' | 'addAll'>;

/** A fake MyValue, as the package's entry points hand it out (no store handle: no SQLite types needed). */
export interface FakeMyValue {
  /** Answers one plain request (what the Express and MSW adapters call). Never throws for anything a client can send. */
  handle(req: FakeRequest): FakeResponse;
  /** Restores the seed and the startup fault rules, and empties the journal. */
  reset(): void;
  /** Closes the fake's database (the file with `dataFile`); later requests get 503 ErrServiceUnavailable. Safe to call twice. */
  close(): void;
  /** Client IDs the fake accepts (never their secrets). */
  clientIds(): string[];
  /** Fault rules: add('point.earn:status=503,times=1'), list(), remove(id), clear(). */
  readonly faults: FakeFaults;
  /** Every request but the admin API's: list(filter), count(filter), clear(), toCollection(filter). */
  readonly journal: FakeJournal;
  /** The fake's clock, which every time-based rule reads: now(), set(iso), advance('P1M' | '30d' | ms). */
  readonly clock: FakeClock;
}

/**
 * The fake's clock in code. It keeps running from where it was set; it never moves back. A move books
 * the expiries it passes; a bad time or duration throws ClockError.
 * @example fake.clock.set('2024-10-31T16:59:59Z'); fake.clock.advance('2s'); // points earned in October 2022 expire
 */
export interface FakeClock {
  now(): Date;
  /** Sets the time (an ISO 8601 instant with its zone, or a Date), not before now; gives the new time. */
  set(to: Date | string): Date;
  /** Moves forward by an ISO 8601 duration ('P1M', on the WIB calendar), '30d' / '12h' / '90m' / '45s' / '2w' / '500ms', or milliseconds. */
  advance(by: string | number): Date;
}
