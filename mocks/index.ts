// Entry point `myvalue-harness/fake`: a stateful, signature-checking fake MyValue for a partner's tests.
import { createFakeMyValue as assemble } from './create-fake';
import type { FakeMyValueOptions } from './fake-options';
import type { FakeMyValue } from './core/fake-my-value';

/**
 * A ready fake with its own in-memory state (or `dataFile`), seeded with the demo seed or yours.
 * Serve it with `myValueHandlers` (myvalue-harness/msw) or `createExpressApp` (myvalue-harness/express).
 * @example
 *   const fake = createFakeMyValue({ clients: [{ clientId: 'MyPOS', clientSecret: 'test-secret' }] });
 *   afterEach(() => fake.reset());
 */
export function createFakeMyValue(options: FakeMyValueOptions = {}): FakeMyValue {
  return assemble(options);
}

export { FakeConfigError, type FakeMyValueOptions } from './fake-options';
export type { FakeMyValue, FakeJournal, FakeFaults, FakeClock } from './core/fake-my-value';
export { ClockError } from './domain/virtual-clock';
export type { FakeRequest, FakeResponse, QueryValue, Clock, Logger, RequestLogRecord, FakeSettings } from './http/types';
export { loadSeed, parseSeed, SeedError, DEFAULT_SEED_FILE } from './store/seed';
export { FaultRuleError, parseFaultRule } from './core/faults';
export type { FaultInput, FaultRule, FaultSpec, FaultTarget, FaultOutcome, FaultStatus, Parsed } from './core/fault-rules';
export type { JournalEntry, JournalFilter } from './core/journal';
export type { JournalExchange, JournalRow, SignExplain } from './core/journal-exchange';
export type { PostmanCollectionV21 } from './core/postman-v21';
export type { Seed } from './store/seed-types';
