// The certification's scenarios as fault rules of the fake (the engine's own `times`), one table.
import { SIGN_RULES } from '../../src/signing';

/** How long past --max-wait slow-response holds the first earn's answer: a client without a timeout gets it then. */
export const HOLD_PAST_MAX_WAIT_MS = 1000;

const WRITES = SIGN_RULES.filter((rule) => rule.mutates).map((rule) => rule.name);
const ROUTES = SIGN_RULES.map((rule) => rule.name);

export interface Scenario {
  name: string;
  /** One line for the scorecard and --help. */
  description: string;
  /** The fault rules the fake starts with. */
  faults(options: { maxWaitMs: number }): string[];
}

/** Every scenario, in the order certify runs them. */
export const SCENARIOS: readonly Scenario[] = [
  { name: 'baseline', description: 'no faults', faults: () => [] },
  {
    name: 'lost-response',
    description: `the first request to each write route (${WRITES.join(', ')}) is applied and committed, then its answer is lost (connection closed)`,
    faults: () => WRITES.map((rule) => `${rule}:no-answer,times=1`),
  },
  {
    name: 'server-error',
    description: 'the first two requests to each External API route answer 503 before anything is applied',
    faults: () => ROUTES.map((rule) => `${rule}:status=503,times=2`),
  },
  {
    name: 'slow-response',
    description: `the first earn is applied, but its answer is held ${HOLD_PAST_MAX_WAIT_MS} ms longer than --max-wait`,
    faults: ({ maxWaitMs }) => [`point.earn:latency=${maxWaitMs + HOLD_PAST_MAX_WAIT_MS},times=1`],
  },
];

export const SCENARIO_NAMES: readonly string[] = SCENARIOS.map((s) => s.name);

/** The scenario called `name`, or undefined. */
export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
