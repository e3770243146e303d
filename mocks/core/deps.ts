// What the core's handlers are given: the services every route gets, with the whole store (reset, close),
// plus the fault rules and the request journal for the admin routes. Kept out of types.ts so that the
// public types do not reach the store.
import type { Services } from '../store/services';
import type { Store } from '../store/store';
import type { Faults } from './faults';
import type { Journal } from './journal';
import type { ExpiringClock } from './expiries';

export interface Deps extends Services {
  store: Store;
  faults: Faults;
  journal: Journal;
  /** The fake's clock: settable, never moved back, booking the expiries a move passes (GET/POST /__admin/clock, fake.clock). */
  clock: ExpiringClock;
  /** The fake's own reset (seed, startup fault rules, empty journal): what POST /__admin/reset calls. */
  reset(): void;
  /** The admin API's token, when one is set (--admin-token). */
  adminToken?: string;
}
