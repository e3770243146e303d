// `myvalue convert SRC --to v2.1|v3 --out DEST`: a collection in the other Postman format, both ways
// (v2.1 JSON <-> collection schema 3.0.0 directory); v1 and v2.0 files convert too.
import { UsageError } from '../errors';
import type { Register } from '../command';

const FORMATS = ['v2.1', 'v3'];

export const registerConvert: Register = (program, ctx) => {
  program
    .command('convert')
    .description('write a collection in the other Postman format: v2.1 JSON, or a v3 directory (collection schema 3.0.0, Postman v12)')
    .argument('<source>', 'collection file or http(s) URL (v1, v2.0, v2.1) or v3 collection directory')
    .requiredOption('--to <format>', 'v2.1 (a .postman_collection.json file) or v3 (a new or empty directory)')
    .requiredOption('--out <path>', 'where to write it')
    .action(async (source: string, opts: { to: string; out: string }) => {
      if (!FORMATS.includes(opts.to)) throw new UsageError(`--to takes v2.1 or v3, got "${opts.to}"`);
      const { convertCollection } = await import('../../collection/convert-collection');
      const done = await convertCollection(source, opts.to as 'v2.1' | 'v3', opts.out);
      if (!done.ok) throw new UsageError(done.error);
      for (const warning of done.value.warnings) ctx.io.err(warning);
      const what = done.value.to === 'v3' ? `${done.value.files} files` : 'one file';
      ctx.io.out(`wrote ${opts.out} (${done.value.to}, ${what}): ${done.value.requests} ${done.value.requests === 1 ? 'request' : 'requests'} from v${done.value.from}`);
    });
};
