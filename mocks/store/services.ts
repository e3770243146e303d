// What the fake's handlers are given (the store, the clock, the logger, the settings), passed in and
// never imported. The core adds the fault rules and the journal for its own admin routes (core/deps.ts).
import type { Clock, FakeSettings, Logger } from '../http/types';
import type { Store } from './store';

export interface Services {
  store: Store;
  clock: Clock;
  logger: Logger;
  settings: FakeSettings;
}
