// Every `myvalue` subcommand, registered in one list.
import type { Command } from 'commander';
import type { CliIO } from '../io';
import { registerSign } from './sign';
import { registerMock } from './mock';
import { registerRun } from './run';
import { registerInject } from './inject';
import { registerGate } from './gate';
import { registerReport } from './report';

/** A subcommand adds itself to the program; async actions resolve to an exit code via ctx.setExit. */
export type Register = (program: Command, ctx: CommandContext) => void;

export interface CommandContext {
  io: CliIO;
  /** Records the exit code of the command that ran. */
  setExit(code: number): void;
  /** Resolves when a long-running command (mock) has finished. */
  keepAlive(done: Promise<void>): void;
}

export const COMMANDS: Register[] = [registerSign, registerMock, registerRun, registerInject, registerGate, registerReport];
