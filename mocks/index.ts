// Entry point `myvalue-harness/fake`: a stateful, signature-checking fake MyValue for a partner's tests.
import { createFakeMyValue as assemble } from './create-fake';
import type { FakeMyValueOptions } from './fake-options';
import type { FakeMyValue } from './core/fake-my-value';
import { gradeFake } from './certify/grade-fake';
import type { Grade, GradeOptions } from './certify/types';

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

/**
 * Grades what the fake saw since it was created or last reset against the certification's rules (sign,
 * secret, referenceNo, retries, timeouts, double booking): `failed` lists the rules that failed.
 * @example
 *   fake.faults.add('point.earn:no-answer,times=1'); // the first earn is applied, its answer lost
 *   await checkout(); // your code, through MSW
 *   expect(grade(fake).failed).toEqual([]);
 */
export function grade(fake: FakeMyValue, options: GradeOptions = {}): Grade {
  return gradeFake(fake, options);
}

export { FakeConfigError, type FakeMyValueOptions } from './fake-options';
export { GradeOptionError } from './certify/grade-fake';
export { RULE_IDS, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_WAIT_MS, MIN_RETRY_PAUSE_MS } from './certify/types';
export type { Grade, GradeOptions, RuleId, RuleResult, RuleStatus, Evidence, CommandOutcome } from './certify/types';
export { RULE_ADVICE, type RuleAdvice } from './certify/advice';
export { SCENARIOS, SCENARIO_NAMES, findScenario, HOLD_PAST_MAX_WAIT_MS, type Scenario } from './certify/scenarios';
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
