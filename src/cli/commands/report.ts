// `myvalue report merge DIR...`: the shards' run.json (and gate.md) into one set of reports and one verdict.
import { UsageError } from '../errors';
import type { Register } from '../command';

export const registerReport: Register = (program, ctx) => {
  const report = program.command('report').description('work with reports of earlier runs');
  report
    .command('merge')
    .description('merge the reports directories of shards (run/gate --shard i/n) into one run.json, junit.xml, ctrf.json, report.html and gate.md; exit 0 if all passed, 1 if any failed')
    .argument('<dir...>', 'reports directories, one per shard')
    .option('--out <dir>', 'where the merged reports go', 'reports')
    .action(async (dirs: string[], flags: { out: string }) => {
      const { mergeReportDirs } = await import('../../reports/merge');
      const result = await mergeReportDirs(dirs, flags.out);
      if (result.error !== undefined) throw new UsageError(result.error, result.exitCode);
      const r = result.report;
      const counts = result.gate?.counts;
      if (r && counts) {
        const shards = r.merged.map((m) => `${m.index}/${m.total} ${m.verdict}`).join(', ');
        const variations = counts.variations > 0 ? `, ${counts.variations} variations (${counts.failedVariations} failed)` : '';
        ctx.io.out(`merged ${r.merged.length} ${result.gated ? 'gate' : 'run'} shard${r.merged.length === 1 ? '' : 's'} (${shards}): ${counts.requests} requests (${counts.failedRequests} failed)${variations}; ${result.exitCode === 0 ? 'PASS' : 'FAIL'}`);
      }
      ctx.io.out(`reports: ${result.files.join(', ')}`);
      ctx.setExit(result.exitCode);
    });
};
