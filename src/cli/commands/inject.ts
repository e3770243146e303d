// `myvalue inject <collection> --out FILE`: the collection with the signing hook, for the Postman app.
import { writeFile } from 'node:fs/promises';
import { SECRET_VARIABLE } from '../../collection/hook-script';
import { UsageError } from '../errors';
import type { Register } from '../command';

export const registerInject: Register = (program, ctx) => {
  program
    .command('inject')
    .description('write the collection with the MyValue signing hook added to every request (import it into Postman)')
    .argument('<collection>', 'collection file or http(s) URL (v2.0, v2.1, or v1)')
    .requiredOption('--out <file>', 'where to write the signed collection (v2.1)')
    .option('--single-script', "append the hook to each request's own pre-request script instead of adding a second one (for Postman versions that keep one script per request; the hook then runs before that script's callbacks)")
    .action(async (source: string, opts: { out: string; singleScript?: boolean }) => {
      const { signCollection } = await import('../../collection/sign-collection');
      const signed = await signCollection(source, { singleScript: opts.singleScript });
      if (!signed.ok) throw new UsageError(signed.error);
      try {
        await writeFile(opts.out, `${JSON.stringify(signed.collection, null, 2)}\n`);
      } catch (error) {
        throw new UsageError(`cannot write ${opts.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const from = signed.version === '2.1.0' ? '' : ` (converted from v${signed.version})`;
      ctx.io.out(`wrote ${opts.out}: signing hook on ${signed.hooked} ${signed.hooked === 1 ? 'request' : 'requests'}${from}`);
      ctx.io.out(`in Postman, set the variable ${SECRET_VARIABLE} (type secret) and clientID in your environment; leave sign as {{SIGN}}`);
    });
};
