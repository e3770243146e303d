// Routes what Newman's reporters print (they write to process.stdout/stderr directly) through the
// masker during a run, to a sink of the caller's choice.

export type Sink = (text: string) => void;

/**
 * Patches process.stdout.write and process.stderr.write until the returned function is called.
 * @example const restore = captureOutput((t) => masker.mask(t)); try { await run(); } finally { restore(); }
 */
export function captureOutput(mask: (text: string) => string, stdout?: Sink, stderr?: Sink): () => void {
  const originalOut = process.stdout.write;
  const originalErr = process.stderr.write;
  // A sink may itself write to process.stdout (the CLI's io.out does): those writes go straight through.
  let inSink = false;
  const wrap = (original: typeof process.stdout.write, stream: NodeJS.WriteStream, sink: Sink | undefined): typeof process.stdout.write =>
    function write(this: unknown, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
      const done = typeof encoding === 'function' ? encoding : callback;
      const masked = inSink ? text : mask(text);
      if (sink && !inSink) {
        inSink = true;
        try {
          sink(masked);
        } finally {
          inSink = false;
        }
        if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
        return true;
      }
      return typeof done === 'function' ? original.call(stream, masked, 'utf8', done as () => void) : original.call(stream, masked);
    } as typeof process.stdout.write;
  process.stdout.write = wrap(originalOut, process.stdout, stdout);
  process.stderr.write = wrap(originalErr, process.stderr, stderr);
  return () => {
    process.stdout.write = originalOut;
    process.stderr.write = originalErr;
  };
}

/**
 * Turns chunks into whole lines for a line-oriented writer (the CLI's io.out); flush() emits the rest.
 * @example const lines = lineSink(io.out); ...; lines.flush();
 */
export function lineSink(writeLine: (line: string) => void): { write: Sink; flush(): void } {
  let pending = '';
  return {
    write(text) {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) writeLine(line);
    },
    flush() {
      if (pending !== '') writeLine(pending);
      pending = '';
    },
  };
}
