// What createFakeMyValue takes, apart from the assembly (so the public types never reach the store).
import type { FaultInput } from './core/fault-rules';
import type { Clock, FakeSettings, Logger } from './http/types';
import type { Seed } from './store/seed-types';

/** A configuration of the fake that cannot work (unknown client for a redirect URI, ...). */
export class FakeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FakeConfigError';
  }
}

export interface FakeMyValueOptions {
  /** Seed data; default: mocks/seed.json. */
  seed?: Seed;
  /** Seed file (JSON or YAML), used when `seed` is not given. */
  seedFile?: string;
  /** SQLite file for state that survives restarts; default: in memory. */
  dataFile?: string;
  /** Clients added or overridden on top of the seed. */
  clients?: Array<{ clientId: string; clientSecret: string; redirectUris?: string[] }>;
  /** Redirect URIs registered per client, on top of the seed's. */
  redirectUris?: Array<{ clientId: string; uri: string }>;
  /** The time underneath the fake's clock (default: the system's); the fake's clock moves on top of it. */
  clock?: Clock;
  /** Where the fake's clock starts: an ISO 8601 instant with its zone ('2022-11-01T00:00:00+07:00'); default now (--clock). */
  startAt?: string | Date;
  logger?: Logger;
  settings?: Partial<FakeSettings>;
  /** Fault rules from the start, e.g. ['point.earn:status=503,times=1']; a bad one throws FaultRuleError. */
  faults?: ReadonlyArray<string | FaultInput>;
  /** Requests the journal keeps (default 1000, oldest dropped). */
  journalSize?: number;
  /** Randomness for fault probabilities and random latency (default Math.random). */
  random?: () => number;
  /** When set, the admin API (/__admin/...) needs this value in the `x-myvalue-admin-token` header. */
  adminToken?: string;
}
