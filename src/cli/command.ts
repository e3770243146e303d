// What a `myvalue` subcommand is given: where to write, how to set the exit code, how to stay alive.
import type { Command } from 'commander';
import type { CliIO } from './io';

/** A subcommand adds itself to the program; async actions resolve to an exit code via ctx.setExit. */
export type Register = (program: Command, ctx: CommandContext) => void;

export interface CommandContext {
  io: CliIO;
  /** The command line as given (node, script, then the arguments): what commander does not keep, such as `--`. */
  argv: readonly string[];
  /** Records the exit code of the command that ran. */
  setExit(code: number): void;
  /** Resolves when a long-running command (mock) has finished. */
  keepAlive(done: Promise<void>): void;
}
