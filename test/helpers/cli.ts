// Runs the CLI in process and captures what it prints.
import { main } from '../../src/cli/main';

export interface CliResult {
  code: number;
  out: string[];
  err: string[];
}

export async function runCli(args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'myvalue', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}
