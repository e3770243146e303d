// The one module that reads the environment: defaults, then .env, then process.env, then CLI flags.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';

export interface Credentials {
  clientId?: string;
  clientSecret?: string;
  /** Where each came from, for messages (never the values themselves). */
  source: { clientId?: 'flag' | 'env' | '.env'; clientSecret?: 'flag' | 'env' | '.env' };
}

/** Variables this project reads. */
export const ENV = {
  clientId: 'MYVALUE_CLIENT_ID',
  clientSecret: 'MYVALUE_CLIENT_SECRET',
  adminToken: 'MYVALUE_ADMIN_TOKEN',
  /** What `myvalue certify` gives the partner's command: the fake's URLs and the scenario's name. */
  externalBaseUrl: 'MYVALUE_EXTERNAL_BASE_URL',
  authBaseUrl: 'MYVALUE_AUTH_BASE_URL',
  scenario: 'MYVALUE_SCENARIO',
  /** GitHub Actions' job summary file: run, gate and certify append their summary to it. */
  stepSummary: 'GITHUB_STEP_SUMMARY',
} as const;

/** The job summary file when GITHUB_STEP_SUMMARY is set and not empty. */
export function stepSummaryFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[ENV.stepSummary];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Whether the console gets colour: --no-color wins, then NO_COLOR (any value, no-color.org), then
 * FORCE_COLOR (0 or false turn it off, anything else on), then whether stdout is a terminal.
 * @example colorWanted(flags.color, process.env, process.stdout.isTTY === true)
 */
export function colorWanted(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env, isTTY = process.stdout.isTTY === true): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return isTTY;
}

/** The fake's admin token from MYVALUE_ADMIN_TOKEN, when set and not empty. */
export function adminTokenFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[ENV.adminToken];
  return value === undefined || value === '' ? undefined : value;
}

function readDotenv(cwd: string): Record<string, string> {
  const file = join(cwd, '.env');
  if (!existsSync(file)) return {};
  return parseDotenv(readFileSync(file));
}

/** What each credential is called, and its flag (its variable is ENV's). */
const CREDENTIAL_NAMES = { clientId: { words: 'client ID', flag: '--client-id' }, clientSecret: { words: 'client secret', flag: '--client-secret' } } as const;

/**
 * The one line for a credential that no flag, variable or .env gave.
 * @example missingCredential('clientSecret', 'sandbox') // 'no client secret for sandbox: give --client-secret, or set MYVALUE_CLIENT_SECRET (environment or .env)'
 */
export function missingCredential(which: keyof typeof CREDENTIAL_NAMES, forWhat?: string): string {
  const { words, flag } = CREDENTIAL_NAMES[which];
  return `no ${words}${forWhat === undefined ? '' : ` for ${forWhat}`}: give ${flag}, or set ${ENV[which]} (environment or .env)`;
}

/** Credentials from --client-id/--client-secret, else MYVALUE_CLIENT_ID/SECRET, else ./.env. */
export function resolveCredentials(flags: { clientId?: string; clientSecret?: string }, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Credentials {
  const dotenv = readDotenv(cwd);
  const pick = (flag: string | undefined, name: string): [string | undefined, 'flag' | 'env' | '.env' | undefined] => {
    if (flag !== undefined && flag !== '') return [flag, 'flag'];
    const fromEnv = env[name];
    if (fromEnv !== undefined && fromEnv !== '') return [fromEnv, 'env'];
    const fromFile = dotenv[name];
    if (fromFile !== undefined && fromFile !== '') return [fromFile, '.env'];
    return [undefined, undefined];
  };
  const [clientId, idSource] = pick(flags.clientId, ENV.clientId);
  const [clientSecret, secretSource] = pick(flags.clientSecret, ENV.clientSecret);
  return { clientId, clientSecret, source: { clientId: idSource, clientSecret: secretSource } };
}
