// Bounds of the run options, in a module of their own so that `myvalue --help` can name them
// without loading the runner.

/** Most retries --retries accepts (with the backoff, 10 already means minutes on a dead host). */
export const MAX_RETRIES = 10;

/**
 * What is wrong with a --retries value, as the flag's text or as a run's option (one line), or undefined
 * for a whole number from 0 to MAX_RETRIES: the CLI and runCollection refuse alike.
 */
export function retriesProblem(value: string | number): string | undefined {
  const retries = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isInteger(retries) && retries >= 0 && retries <= MAX_RETRIES) return undefined;
  return `--retries takes a whole number from 0 to ${MAX_RETRIES}, got "${value}"`;
}

/**
 * The largest response body a run reads, after decompression (10 MiB; MyValue's answers are a few kB).
 * A larger one fails its request and the run goes on: a 100 kB gzip body inflating to 100 MB took a
 * run to a 3.4 GB peak and into a 105 MB report.html.
 */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
