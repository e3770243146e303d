// Bounds of the run options, in a module of their own so that `myvalue --help` can name them
// without loading the runner.

/** Most retries --retries accepts (with the backoff, 10 already means minutes on a dead host). */
export const MAX_RETRIES = 10;
