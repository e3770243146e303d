// What the fake's handlers are given (the store's repositories, the clock, the logger, the settings), passed
// in and never imported. No database handle: handlers reach state only through the repositories. The core
// adds the whole store, the fault rules and the journal for its own admin routes (core/deps.ts).
import type { Repositories } from '../domain/repositories';
import type { ClientConfig, Clock, FakeSettings, Logger } from '../http/types';

/** The store as handlers see it. */
export interface StoreAccess extends Repositories {
  /** Client credentials and redirect URIs, from the seed plus extra clients. */
  readonly clients: ReadonlyMap<string, ClientConfig>;
  /** Runs fn in one IMMEDIATE transaction: all of it commits, or none. */
  tx<T>(fn: () => T): T;
}

export interface Services {
  store: StoreAccess;
  clock: Clock;
  logger: Logger;
  settings: FakeSettings;
}
