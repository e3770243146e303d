// The run's header against a fake names the client and where its secret came from, never the secret:
// the fake keeps a seed client's own secret, and a client it does not know passes with any.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/run/prepare-run';
import { tempDir } from '../helpers/temp-dir';

describe("the run's header names the client and where its secret came from (never the secret)", () => {
  const header = async (target: string, options: { clientId?: string; clientSecret?: string; env?: NodeJS.ProcessEnv; dotenv?: string }): Promise<string | undefined> => {
    const cwd = tempDir('myvalue-header-');
    if (options.dotenv !== undefined) writeFileSync(join(cwd, '.env'), options.dotenv);
    const prepared = await prepare({ target, cwd, env: options.env ?? {}, clientId: options.clientId, clientSecret: options.clientSecret });
    if (!prepared.ok) throw new Error(prepared.error);
    return prepared.value.header;
  };

  it.each([
    ['--client-secret', { clientSecret: 'made-up-flag-secret' }, 'client GramediaPOS, secret from --client-secret'],
    ['the environment', { env: { MYVALUE_CLIENT_SECRET: 'made-up-env-secret' } }, 'client GramediaPOS, secret from MYVALUE_CLIENT_SECRET in the environment'],
    ['.env', { dotenv: 'MYVALUE_CLIENT_SECRET=made-up-dotenv-secret\n' }, 'client GramediaPOS, secret from MYVALUE_CLIENT_SECRET in .env'],
    ['the seed', {}, "client GramediaPOS, secret from the fake's seed"],
    ['a client the seed does not know', { clientId: 'MyPOS', clientSecret: 'made-up-flag-secret' }, "client MyPOS, secret from --client-secret (MyPOS is not in the fake's seed: the run adds it with this secret, so any secret passes)"],
  ] as const)('from %s', async (_label, options, expected) => {
    for (const target of ['mock', 'msw']) expect(await header(target, options)).toBe(expected);
  });

  it('is not said against MyValue itself', async () => {
    expect(await header('sandbox', { clientId: 'MyPOS', clientSecret: 'made-up-flag-secret' })).toBeUndefined();
  });
});
