// `myvalue sign <rule> field=value ...`: prints MyValue's sign, from the one signing table.
import { computeSign, explainSign, findRule, SIGN_RULES } from '../../signing';
import { missingCredential, resolveCredentials } from '../../config';
import { addCredentialOptions } from '../shared-options';
import { UsageError } from '../errors';
import type { Register } from '../command';

const RULE_NAMES = SIGN_RULES.map((r) => r.name).join(', ');

/**
 * --demo: a client of the shipped demo seed with its made-up secret, the one a fresh `myvalue mock`
 * accepts. The seed (and the fake's modules) load only when --demo is given.
 */
async function demoCredentials(clientId: string | undefined): Promise<{ clientId: string; clientSecret: string }> {
  const [{ loadSeed }, { DEMO_CLIENT_ID }] = await Promise.all([import('../../../mocks/index'), import('../../run/run-target')]);
  const clients = loadSeed().clients;
  const wanted = clientId ?? DEMO_CLIENT_ID;
  const client = clients.find((c) => c.clientId === wanted);
  if (!client) throw new UsageError(`--demo: ${wanted} is not a client of the demo seed; its clients: ${clients.map((c) => c.clientId).join(', ')}`);
  return { clientId: client.clientId, clientSecret: client.clientSecret };
}

export const registerSign: Register = (program, ctx) => {
  addCredentialOptions(
    program
      .command('sign')
      .description('print the sign of one request (sha256 of clientID + clientSecret + fields)')
      .argument('<rule>', `signing rule: ${RULE_NAMES}`)
      .argument('[fields...]', 'field=value pairs; absent fields count as empty'),
    'with --demo: GramediaPOS',
  )
    .option('--demo', "sign as the demo seed's client GramediaPOS (or --client-id another of its clients) with its made-up secret, as a fresh `myvalue mock` accepts it")
    .option('--explain', 'also print the string hashed (secret masked) and the field order')
    .action(async (ruleName: string, pairs: string[], opts: { clientId?: string; clientSecret?: string; explain?: boolean; demo?: boolean }) => {
      const rule = findRule(ruleName);
      if (!rule) throw new UsageError(`unknown rule "${ruleName}"; valid rules: ${RULE_NAMES}`);
      const fields: Record<string, string> = {};
      for (const pair of pairs) {
        const at = pair.indexOf('=');
        if (at <= 0) throw new UsageError(`"${pair}" is not field=value; fields of ${rule.name}: ${rule.fields.join(', ')}`);
        const name = pair.slice(0, at);
        if (!rule.fields.includes(name)) throw new UsageError(`unknown field "${name}" for ${rule.name}; valid fields: ${rule.fields.join(', ')}`);
        fields[name] = pair.slice(at + 1);
      }
      if (opts.demo && opts.clientSecret !== undefined) throw new UsageError("--demo signs with the demo client's own secret: leave out --client-secret");
      const creds = opts.demo ? await demoCredentials(opts.clientId) : resolveCredentials(opts);
      if (!creds.clientId) throw new UsageError(missingCredential('clientId'));
      if (!creds.clientSecret) throw new UsageError(missingCredential('clientSecret'));
      const input = { clientId: creds.clientId, clientSecret: creds.clientSecret, fields };
      ctx.io.out(computeSign(rule, input));
      if (opts.explain) {
        const explanation = explainSign(rule, input);
        ctx.io.out(`string: ${explanation.maskedString}`);
        ctx.io.out(`order:  ${explanation.order.map((o) => `${o.field}=${JSON.stringify(o.text)}`).join(' + ')}`);
      }
    });
};
