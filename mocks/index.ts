// The fake MyValue, assembled: store + core. Adapters (Express, MSW) take the result.
import { createFake, type Fake } from './core/app';
import { faultSpecs, type FaultInput } from './core/faults';
import { createStore } from './store/store';
import { loadSeed } from './store/seed';
import type { Seed } from './store/seed-types';
import type { ClientConfig, Clock, FakeSettings, Logger } from './core/types';

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
  clock?: Clock;
  logger?: Logger;
  settings?: Partial<FakeSettings>;
  /** Fault rules from the start, e.g. ['point.earn:status=503,times=1']; a bad one throws FaultRuleError. */
  faults?: ReadonlyArray<string | FaultInput>;
  /** Requests the journal keeps (default 1000, oldest dropped). */
  journalSize?: number;
  /** Randomness for fault probabilities and random latency (default Math.random). */
  random?: () => number;
}

/**
 * A ready fake: its own store, seeded.
 * @example const fake = createFakeMyValue({ clients: [{ clientId: 'MyPOS', clientSecret: 'test-secret' }] });
 */
export function createFakeMyValue(options: FakeMyValueOptions = {}): Fake {
  const seed = options.seed ?? loadSeed(options.seedFile);
  const extra = new Map<string, ClientConfig>();
  for (const c of options.clients ?? []) {
    extra.set(c.clientId, { clientId: c.clientId, clientSecret: c.clientSecret, redirectUris: [...(c.redirectUris ?? [])] });
  }
  for (const r of options.redirectUris ?? []) {
    const known = extra.get(r.clientId) ?? seed.clients.find((c) => c.clientId === r.clientId);
    if (!known) throw new FakeConfigError(`--redirect-uri names unknown client ${r.clientId}`);
    const base = extra.get(r.clientId) ?? { clientId: known.clientId, clientSecret: known.clientSecret, redirectUris: [] };
    base.redirectUris.push(r.uri);
    extra.set(r.clientId, base);
  }
  const faults = faultSpecs(options.faults ?? []);
  const store = createStore({ file: options.dataFile, seed, extraClients: [...extra.values()] });
  return createFake({ store, clock: options.clock, logger: options.logger, settings: options.settings, faults, journalSize: options.journalSize, random: options.random });
}

export { createFake, type Fake } from './core/app';
export type { FakeRequest, FakeResponse, Clock, Logger, FakeSettings } from './core/types';
export { loadSeed, parseSeed, SeedError } from './store/seed';
export { FaultRuleError, parseFaultRule, type FaultInput, type FaultRule, type Faults } from './core/faults';
export type { Journal, JournalEntry, JournalFilter } from './core/journal';
export type { Seed } from './store/seed-types';
