// The fake MyValue, assembled: store + core. Adapters (Express, MSW) take the result.
// The package entry (mocks/index.ts) hands it out as FakeMyValue; the CLI and tests reach its deps.
import { createFake, type Fake } from './core/app';
import { faultSpecs } from './core/faults';
import { createStore, StoreError, type Store } from './store/store';
import { loadSeed } from './store/seed';
import type { ClientConfig } from './http/types';
import { FakeConfigError, type FakeMyValueOptions } from './fake-options';
import { createVirtualClock, parseInstant } from './domain/virtual-clock';

export { FakeConfigError, type FakeMyValueOptions };

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
  if (seed.clients.length === 0 && extra.size === 0) {
    throw new FakeConfigError(`no client: the seed${options.seedFile ? ` ${options.seedFile}` : ''} has none; add one under "clients" (clientId, clientSecret) or give --client ID:SECRET`);
  }
  const faults = faultSpecs(options.faults ?? []);
  const start = typeof options.startAt === 'string' ? parseInstant(options.startAt) : options.startAt;
  if (options.startAt !== undefined && (start === undefined || Number.isNaN(start.getTime()))) {
    throw new FakeConfigError(`the clock's start must be an ISO 8601 instant with its zone (2022-11-01T00:00:00+07:00), got ${JSON.stringify(options.startAt)}`);
  }
  const clock = createVirtualClock(options.clock, start);
  let store: Store;
  try {
    store = createStore({ file: options.dataFile, seed, extraClients: [...extra.values()], now: () => clock.now() });
  } catch (error) {
    // The seed or the state file is not one the fake can use: a user's mistake, said in one line.
    if (error instanceof StoreError) throw new FakeConfigError(error.message);
    throw error;
  }
  return createFake({ store, clock, logger: options.logger, settings: options.settings, faults, journalSize: options.journalSize, random: options.random, adminToken: options.adminToken });
}

export { createFake, type Fake } from './core/app';
export type { FakeRequest, FakeResponse, Clock, Logger, FakeSettings } from './http/types';
export { loadSeed, parseSeed, SeedError } from './store/seed';
export { FaultRuleError, parseFaultRule, type FaultInput, type FaultRule, type Faults } from './core/faults';
export type { Journal, JournalEntry, JournalFilter } from './core/journal';
export type { Seed } from './store/seed-types';
