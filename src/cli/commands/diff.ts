// `myvalue diff`: the same collection against two targets; drift.json and drift.md say where status,
// error id or the body's shape differ. Exit 0 the shapes agree, 1 they differ, 2 a usage error.
// The runner and the fake's fault parser are loaded when the command runs.
import { UsageError } from '../errors';
import type { Register } from '../command';
import { addRequestOptions, requestOptionsFrom, type RequestFlags } from './run';
import { collect } from '../shared-options';

interface DiffFlags extends RequestFlags {
  target: string;
  against: string;
  targetSeed?: string;
  againstSeed?: string;
  targetFault: string[];
  againstFault: string[];
}

export const registerDiff: Register = (program, ctx) => {
  addRequestOptions(
    program
      .command('diff')
      .description('run the collection against two targets and write drift.json and drift.md (status, error id and body shape per request); exit 0 when the shapes agree, 1 when they differ')
      .requiredOption('--target <target>', 'side A: mock, msw, sandbox, production (read-only) or a base URL')
      .requiredOption('--against <target>', 'side B: mock, msw, sandbox, production (read-only) or a base URL')
      .option('--out <dir>', 'where drift.json, drift.md and each side\'s run.json (diff-a/, diff-b/) go', 'reports'),
  )
    .option('--target-seed <file>', 'seed for side A\'s fake (mock or msw)')
    .option('--against-seed <file>', 'seed for side B\'s fake (mock or msw)')
    .option('--target-fault <rule>', 'fault for side A\'s fake, TARGET:SPEC as in `myvalue mock --fault` (repeatable)', collect, [])
    .option('--against-fault <rule>', 'fault for side B\'s fake, TARGET:SPEC (repeatable)', collect, [])
    .action(async (flags: DiffFlags) => {
      // Both sides send their requests alike: the flags of `run` that say how.
      const requests = requestOptionsFrom(flags);
      const [{ runDiff }, { parseFaultRule }] = await Promise.all([import('../../run/diff'), import('../../../mocks/index')]);
      for (const [flag, rules] of [['--target-fault', flags.targetFault], ['--against-fault', flags.againstFault]] as const) {
        for (const rule of rules) {
          const parsed = parseFaultRule(rule);
          if (!parsed.ok) throw new UsageError(`${flag} "${rule}": ${parsed.detail}`);
        }
      }
      const result = await runDiff({
        a: { target: flags.target, ...(flags.targetSeed ? { seedFile: flags.targetSeed } : {}), faults: flags.targetFault },
        b: { target: flags.against, ...(flags.againstSeed ? { seedFile: flags.againstSeed } : {}), faults: flags.againstFault },
        ...requests,
        // Newman's progress is not the point of a diff: only the harness's notes, on stderr.
        write: () => undefined,
        log: (line) => ctx.io.err(line),
      });
      if (result.error !== undefined) throw new UsageError(result.error, result.exitCode);
      const t = result.report?.totals;
      if (t) {
        const differing = result.report?.differing.map((r) => r.name) ?? [];
        ctx.io.out(`diff ${result.report?.a} vs ${result.report?.b}: ${t.requests} requests, ${t.differing} ${t.differing === 1 ? 'differs' : 'differ'}, ${t.agreeing} ${t.agreeing === 1 ? 'agrees' : 'agree'}${t.notCompared > 0 ? `, ${t.notCompared} not compared` : ''}${differing.length > 0 ? `: ${differing.join(', ')}` : ''}`);
      }
      ctx.io.out(`reports: ${result.files.join(', ')}`);
      ctx.setExit(result.exitCode);
    });
};
