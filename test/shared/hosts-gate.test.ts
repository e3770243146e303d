// `myvalue gate` refuses production however its host is spelled, and every place that treats production
// apart gives one answer (the gate command and a run's preparation load Newman, so this runs in the newman
// project; the spellings themselves: hosts.test.ts).
import { describe, expect, it } from 'vitest';
import { isProductionTarget, parseTarget, startTarget } from '../../src/run/run-target';
import { refuseTarget } from '../../src/run/gate';
import { prepare } from '../../src/run/prepare-run';
import { runCli } from '../helpers/cli';
import { PRODUCTION_SPELLINGS } from './production-spellings';

describe('the guard and the gate', () => {
  it.each(['http://external.myvalue.id', 'https://external.myvalue.id./', 'https://EXTERNAL.myvalue.id:443'])('gate --target %s is refused with one line, exit 2', async (url) => {
    const result = await runCli(['gate', '--target', url, '--client-id', 'C', '--client-secret', 'made-up', '--out', '/nonexistent-never-written']);
    expect(result.code).toBe(2);
    expect(result.err).toEqual(['myvalue: the gate does not run against production (its variations send refused and state-changing requests): use --target sandbox']);
  });
});

describe('"is this production?" has one answer', () => {
  // Each place that treats production apart asks isProductionTarget: a twin written again (an exact
  // string compare, a forgotten kind) would disagree with it on one of these spellings.
  const targets = [...PRODUCTION_SPELLINGS, 'production', 'sandbox', 'https://external.ovaltech.id', 'https://external.myvalue.id.example.com', 'http://127.0.0.1:4010'];
  const READ_ONLY = 'a read-only production run reads an existing user';

  it.each(targets)('--target %s: the read-only check, the session guard and the gate refusal agree', async (target) => {
    const parsed = parseTarget(target);
    if (!parsed.ok) throw new Error(parsed.error);
    const production = isProductionTarget(parsed.spec);
    expect(production).toBe(target === 'production' || PRODUCTION_SPELLINGS.includes(target));
    const session = await startTarget(parsed.spec, { clientId: 'C', clientSecret: 'made-up-secret-0123' });
    await session.stop();
    expect(session.production, 'the session guards writes').toBe(production);
    expect(refuseTarget(target)?.startsWith('the gate does not run against production') ?? false, 'the gate refuses it').toBe(production);
    const prepared = await prepare({ target, clientId: 'C', clientSecret: 'made-up-secret-0123' });
    expect(!prepared.ok && prepared.error.startsWith(READ_ONLY), 'a read-only run asks for an existing user').toBe(production);
  });
});
