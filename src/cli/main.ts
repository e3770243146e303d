// `myvalue`: one CLI with subcommands. Usage errors print one line and exit 2.
import { basename } from 'node:path';
import { Command, CommanderError } from 'commander';
import type { CommandContext } from './command';
import { COMMANDS } from './commands/index';
import { EXIT, UsageError } from './errors';
import { processIO, type CliIO } from './io';
import { PACKAGE_BINS, PACKAGE_VERSION } from '../shared/package-files';

/**
 * The name the user typed (`myvalue`, or `myvalue-harness`, the alias npx resolves to this package
 * outside a project), so usage lines and errors name a command that works where they ran it.
 */
function programName(script: string | undefined): string {
  const typed = basename(script ?? '');
  return PACKAGE_BINS.includes(typed) ? typed : 'myvalue';
}

/** Runs the CLI and resolves to the process exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const waits: Promise<void>[] = [];
  const ctx: CommandContext = {
    io,
    argv,
    setExit: (code) => {
      exitCode = code;
    },
    keepAlive: (done) => {
      waits.push(done);
    },
  };
  const name = programName(argv[1]);
  const program = new Command(name)
    .description('Test harness and local fake for the MyValue partner API')
    .version(PACKAGE_VERSION, '-V, --version', 'print the version of myvalue-harness')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showSuggestionAfterError(true)
    // Everything after the subcommand's name is the subcommand's, `--` included: `mock -- npm test --coverage`
    // hands `npm test --coverage` to the command instead of reading --coverage as an option of mock.
    .enablePositionalOptions();
  for (const register of COMMANDS) register(program, ctx);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  try {
    await program.parseAsync(argv);
    await Promise.all(waits);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; commander already printed its one-line message.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.err(`${name}: ${error.message}`);
      return error.exitCode;
    }
    io.err(`${name}: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return EXIT.failed;
  }
  return exitCode;
}
