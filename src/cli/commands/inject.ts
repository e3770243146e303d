// `myvalue inject <collection> --out FILE|DIR`: the collection with the signing hook, for the Postman
// app: v2.1 JSON, or a v3 directory when the collection is one (one beforeRequest script per request).
import { SECRET_VARIABLE } from '../../collection/hook-script';
import { UsageError } from '../errors';
import type { Register } from '../command';

export const registerInject: Register = (program, ctx) => {
  program
    .command('inject')
    .description('write the collection with the MyValue signing hook added to every request (import it into Postman)')
    .argument('<collection>', 'collection file or http(s) URL (v2.0, v2.1, or v1), or a v3 collection directory')
    .requiredOption('--out <path>', 'where to write the signed collection (v2.1 file; for a v3 collection, a new or empty directory)')
    .option('--single-script', "append the hook to each request's own pre-request script instead of adding a second one (for Postman versions that keep one script per request; the hook then runs before that script's callbacks)")
    .action(async (source: string, opts: { out: string; singleScript?: boolean }) => {
      const { signCollection } = await import('../../collection/sign-collection');
      const { writeCollectionAs } = await import('../../collection/convert-collection');
      const signed = await signCollection(source, { singleScript: opts.singleScript });
      if (!signed.ok) throw new UsageError(signed.error);
      for (const warning of signed.warnings) ctx.io.err(warning);
      const v3 = signed.version === '3.0.0';
      const left: string[] = [];
      const written = await writeCollectionAs(signed.collection, v3 ? 'v3' : 'v2.1', opts.out, process.cwd(), left);
      if (!written.ok) throw new UsageError(written.error);
      for (const warning of left) ctx.io.err(warning);
      // v2.0 and v2.1 are written in their own format (the hook is the same in both); v1 has no events to add it to.
      const from = v3 ? ' (v3 directory, one beforeRequest script per request)' : signed.version === '1.0.0' ? ' (converted from v1.0.0 to v2.1)' : '';
      ctx.io.out(`wrote ${opts.out}: signing hook on ${signed.hooked} ${signed.hooked === 1 ? 'request' : 'requests'}${from}`);
      ctx.io.out(`in Postman, set the variable ${SECRET_VARIABLE} (type secret) and clientID in your environment; leave sign as {{SIGN}}`);
    });
};
