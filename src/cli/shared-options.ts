// What more than one command declares, declared once: commander's accumulator for a repeatable option,
// and the credential pair (`run`, `gate`, `diff` and `sign` take the same flags, read the same way).
import type { Command } from 'commander';
import { ENV } from '../config';

/** Commander's accumulator for a repeatable option: `.option('--folder <name>', '...', collect, [])`. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * --client-id and --client-secret, which resolveCredentials reads (flag, then environment, then .env);
 * `idFallback` is what the command falls back to after those, in the help's words.
 * @example addCredentialOptions(program.command('sign'), 'with --demo: GramediaPOS')
 */
export function addCredentialOptions(command: Command, idFallback: string): Command {
  return command
    .option('--client-id <id>', `client ID (default: ${ENV.clientId} or .env; ${idFallback})`)
    .option('--client-secret <secret>', `client secret (default: ${ENV.clientSecret} or .env)`);
}
