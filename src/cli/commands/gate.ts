// `myvalue gate`: the collection, contract checks and variations in one run; gate.md and an exit code
// a CI job can trust (0 only when everything passed). Production is refused.
import { UsageError } from '../errors';
import type { Register } from '../command';
import { addRunOptions, cliOutput, runOptionsFrom, type RunFlags } from './run';

export const registerGate: Register = (program, ctx) => {
  addRunOptions(
    program
      .command('gate')
      .description('run the collection with contract checks and variations; gate.md, run.json, junit.xml, ctrf.json, report.html in reports/; exit 0 only when all passed')
      .requiredOption('--target <target>', 'sandbox, mock, msw or a base URL (production is refused)'),
  )
    .option('--no-contract', 'do not check responses against the OpenAPI contract (gate.md says the checks were off)')
    .action(async (flags: RunFlags & { target: string }) => {
    const options = runOptionsFrom(flags);
    const { runGate } = await import('../../run/gate');
    const output = cliOutput(ctx);
    const result = await runGate({ ...options, target: flags.target, write: output.write, log: output.log });
    output.flush();
    if (result.error !== undefined) throw new UsageError(result.error, result.exitCode);
    ctx.setExit(result.exitCode);
  });
};
