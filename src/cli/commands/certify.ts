// `myvalue certify [options] -- <command...>`: grades the partner's own backend (its sign code, referenceNo
// scheme, retries, timeouts) against the fake under faults. The fake and Express load when it runs.
import { UsageError } from '../errors';
import { collect } from '../shared-options';
import type { Register } from '../command';
import { parseClientFlag } from './mock';

interface CertifyFlags {
  scenario?: string[];
  maxWait: string;
  maxAttempts: string;
  client?: string;
  out: string;
  scenarioTimeout: string;
  journalSize: string;
}

/** A whole number within its bounds, or the usage error that names the flag. */
function wholeNumber(value: string, bound: { flag: string; min: number; max: number; unit: string }): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < bound.min || n > bound.max) throw new UsageError(`${bound.flag} must be a whole number from ${bound.min} to ${bound.max}${bound.unit}, got "${value}"`);
  return n;
}

export const registerCertify: Register = (program, ctx) => {
  program
    .command('certify')
    .usage('[options] -- <command> [args...]')
    .summary('grade your backend against the fake under faults (4 scenarios x 10 rules); certify.md in reports/certify/')
    .description('grade your backend against the fake under faults: runs <command> once per scenario (baseline, lost-response, server-error, slow-response) with MYVALUE_EXTERNAL_BASE_URL, MYVALUE_AUTH_BASE_URL, MYVALUE_CLIENT_ID, MYVALUE_CLIENT_SECRET and MYVALUE_SCENARIO set; certify.md, certify.json, junit.xml and a log per scenario in --out; exit 0 pass, 1 a rule failed, 2 usage')
    .argument('[command...]', 'your command and its arguments, after --')
    .option('--scenario <name>', 'run only this scenario (repeatable): baseline, lost-response, server-error, slow-response; default all', collect)
    .option('--max-wait <ms>', 'the longest your client may wait for an answer; slow-response holds one 1,000 ms longer', '10000')
    .option('--max-attempts <n>', 'attempts allowed per operation, the first included', '5')
    .option('--client <id:secret>', 'the client your command signs as (default: a made-up one, new each run)')
    .option('--out <dir>', 'where the reports and logs go', 'reports/certify')
    .option('--scenario-timeout <ms>', "stop the command's process group when one scenario runs longer", '300000')
    .option('--journal-size <n>', 'requests each scenario keeps to judge (past it, passes become warnings)', '10000')
    .action(async (command: string[], flags: CertifyFlags) => {
      const [{ runCertify }, { BOUNDS }, { stepSummaryFile }] = await Promise.all([import('../../run/certify'), import('../../run/certify-options'), import('../../config')]);
      const options = {
        command,
        scenarios: flags.scenario,
        maxWaitMs: wholeNumber(flags.maxWait, BOUNDS.maxWaitMs),
        maxAttempts: wholeNumber(flags.maxAttempts, BOUNDS.maxAttempts),
        scenarioTimeoutMs: wholeNumber(flags.scenarioTimeout, BOUNDS.scenarioTimeoutMs),
        journalSize: wholeNumber(flags.journalSize, BOUNDS.journalSize),
        ...(flags.client !== undefined ? { client: parseClientFlag(flags.client) } : {}),
        out: flags.out,
      };
      // SIGINT or SIGTERM stops the command's process group and the fake, then certify exits 128+n.
      const stop = new AbortController();
      const onSignal = (signal: NodeJS.Signals): void => stop.abort(signal);
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const result = await runCertify({ ...options, env: process.env, stepSummary: stepSummaryFile(), log: ctx.io.out, signal: stop.signal });
        if (result.error !== undefined) throw new UsageError(result.error, result.exitCode);
        ctx.setExit(result.exitCode);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
};
