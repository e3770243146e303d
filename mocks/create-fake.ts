// The fake MyValue, assembled: store + core. Adapters (Express, MSW) take the result.
// The package entry (mocks/index.ts) hands it out as FakeMyValue; the CLI and tests reach its deps.
import { createFake, type Fake } from './core/app';
import { faultSpecs } from './core/faults';
import { createStore, StoreError, type Store } from './store/store';
import { loadSeed } from './store/seed';
import { FakeConfigError, type FakeMyValueOptions } from './fake-options';
import { createVirtualClock, parseInstant, resumeAt } from './domain/virtual-clock';
import { systemClock, type ClientConfig } from './http/types';

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
  const base = options.clock ?? systemClock;
  // The clock a new state is seeded at; a state opened again says where the clock goes on from.
  let clock = createVirtualClock(base, start);
  let store: Store;
  try {
    store = createStore({ file: options.dataFile, seed, extraClients: [...extra.values()], now: () => clock.now() });
  } catch (error) {
    // The seed or the state file is not one the fake can use: a user's mistake, said in one line.
    if (error instanceof StoreError) throw new FakeConfigError(error.message);
    throw error;
  }
  const left = store.clockLeft === undefined ? undefined : resumeAt(store.clockLeft, base.now());
  if (left !== undefined && start !== undefined && start.getTime() < left.getTime()) {
    store.close();
    throw new FakeConfigError(`the clock's start ${start.toISOString()} is before the state in ${options.dataFile}, whose clock is at ${left.toISOString()}: the clock never moves back; start without one to go on from there, or delete the file to start over`);
  }
  clock = createVirtualClock(base, start ?? left, (offsetMs) => store.saveClockOffset(offsetMs));
  return createFake({ store, clock, logger: options.logger, settings: options.settings, faults, journalSize: options.journalSize, random: options.random, adminToken: options.adminToken });
}

export { createFake, type Fake } from './core/app';
export type { FakeRequest, FakeResponse, Clock, Logger, FakeSettings } from './http/types';
export { loadSeed, parseSeed, SeedError } from './store/seed';
export { FaultRuleError, parseFaultRule, type FaultInput, type FaultRule, type Faults } from './core/faults';
export type { Journal, JournalEntry, JournalFilter } from './core/journal';
export type { Seed } from './store/seed-types';
