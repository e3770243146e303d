// CLI failures a user can cause: printed as one line, with an exit code, never a stack trace.

/** Exit codes: 0 all passed, 1 a run failed, 2 usage or loading errors. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.usage) {
    super(message);
    this.name = 'UsageError';
    this.exitCode = exitCode;
  }
}
