// What the core's handlers are given: the store and the rest, passed in (never imported).
// Kept out of types.ts so that the public types do not reach the SQLite store.
import type { Store } from '../store/store';
import type { Faults } from './faults';
import type { Journal } from './journal';
import type { Clock, FakeSettings, Logger } from './types';

export interface Deps {
  store: Store;
  clock: Clock;
  logger: Logger;
  settings: FakeSettings;
  /** Fault rules and the request journal (issue 5), for the admin routes. */
  faults: Faults;
  journal: Journal;
}
