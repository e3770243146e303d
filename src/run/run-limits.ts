// Bounds of the run options, in a module of their own so that `myvalue --help` can name them
// without loading the runner.

/** Most retries --retries accepts (with the backoff, 10 already means minutes on a dead host). */
export const MAX_RETRIES = 10;

/**
 * The largest response body a run reads, after decompression (10 MiB; MyValue's answers are a few kB).
 * A larger one fails its request and the run goes on: a 100 kB gzip body inflating to 100 MB took a
 * run to a 3.4 GB peak and into a 105 MB report.html.
 */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
