// What `myvalue certify` (and runCertify) takes, its defaults and bounds, and the check of each: a bad
// value is a one-line error, a value, never a throw.
import { randomBytes } from 'node:crypto';
import { SCENARIO_NAMES } from '../../mocks/index';
import type { Result } from '../shared/result';

export interface CertifyOptions {
  /** The partner's command and its arguments (run without a shell). */
  command: readonly string[];
  /** Scenarios to run, in the order certify runs them; default all. */
  scenarios?: readonly string[];
  /** The longest a client may wait for an answer, in ms (default 10,000; 100 to 300,000). */
  maxWaitMs?: number;
  /** Attempts allowed per operation (default 5; 1 to 100). */
  maxAttempts?: number;
  /** The client the command signs as; default a made-up one, new each run. */
  client?: { clientId: string; clientSecret: string };
  /** Where the reports go (default reports/certify). */
  out?: string;
  /** The longest one scenario's command may run, in ms (default 300,000), then its process group is stopped. */
  scenarioTimeoutMs?: number;
  /** Requests each scenario's journal keeps (default 10,000). */
  journalSize?: number;
  /** The command's environment, before certify's own variables (default process.env). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Progress lines (default stdout). */
  log?: (line: string) => void;
  /** Stops the command and the fake (SIGINT or SIGTERM to the caller); its reason names the signal. */
  signal?: AbortSignal;
  /** A file certify.md is appended to (GitHub Actions' GITHUB_STEP_SUMMARY). */
  stepSummary?: string;
}

export const DEFAULT_SCENARIO_TIMEOUT_MS = 300_000;
export const DEFAULT_JOURNAL_SIZE = 10_000;
export const MADE_UP_CLIENT_ID = 'CertifyPOS';

/** Each numeric option's bounds, for the check and for --help. */
export const BOUNDS = {
  maxWaitMs: { flag: '--max-wait', min: 100, max: 300_000, unit: ' ms' },
  maxAttempts: { flag: '--max-attempts', min: 1, max: 100, unit: '' },
  scenarioTimeoutMs: { flag: '--scenario-timeout', min: 1000, max: 86_400_000, unit: ' ms' },
  journalSize: { flag: '--journal-size', min: 1, max: 1_000_000, unit: '' },
} as const;

type Checked = { command: [string, ...string[]]; scenarios: string[]; client: { clientId: string; clientSecret: string } } & Pick<CertifyOptions, 'maxWaitMs' | 'maxAttempts'>;

/**
 * The options checked: the command, the scenarios (in run order), the client (made up when none), the bounds.
 * @example checkCertifyOptions({ command: [], scenarios: ['nope'] }) // { ok: false, error: 'certify needs a command after --, ...' }
 */
export function checkCertifyOptions(options: CertifyOptions): Result<Checked> {
  const [first, ...rest] = options.command;
  if (first === undefined || first === '') return { ok: false, error: 'certify needs a command after --, e.g. myvalue certify -- npm run test:integration' };
  const unknown = (options.scenarios ?? []).find((name) => !SCENARIO_NAMES.includes(name));
  if (unknown !== undefined) return { ok: false, error: `unknown scenario "${unknown}": use ${SCENARIO_NAMES.join(', ')}` };
  for (const [key, bound] of Object.entries(BOUNDS)) {
    const value = options[key as keyof typeof BOUNDS];
    if (value !== undefined && (!Number.isInteger(value) || value < bound.min || value > bound.max)) {
      return { ok: false, error: `${bound.flag} must be a whole number from ${bound.min} to ${bound.max}${bound.unit}, got ${value}` };
    }
  }
  const wanted = options.scenarios === undefined || options.scenarios.length === 0 ? SCENARIO_NAMES : options.scenarios;
  const client = options.client ?? { clientId: MADE_UP_CLIENT_ID, clientSecret: `certify-${randomBytes(16).toString('hex')}` };
  if (client.clientId === '' || client.clientSecret === '') return { ok: false, error: '--client takes ID:SECRET, e.g. --client MyPOS:my-test-secret' };
  return {
    ok: true,
    value: { command: [first, ...rest], scenarios: SCENARIO_NAMES.filter((name) => wanted.includes(name)), client, maxWaitMs: options.maxWaitMs, maxAttempts: options.maxAttempts },
  };
}
