// Flags more than one command takes are declared once (src/cli/shared-options.ts): the help of `run`, `gate`,
// `diff` and `sign` says the same, and a copy written again in a command file would show up here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

const CLI_DIR = join(__dirname, '../../src/cli');
const sources = readdirSync(CLI_DIR, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(join(CLI_DIR, file), 'utf8') }));

/** The CLI files that hold `pattern`. */
const filesWith = (pattern: RegExp): string[] => sources.filter((s) => pattern.test(s.text)).map((s) => s.file);

describe('declared once', () => {
  it.each([
    ['--client-id', /\.option\(\s*'--client-id\b/],
    ['--client-secret', /\.option\(\s*'--client-secret\b/],
    ["commander's accumulator for a repeatable option", /\[\s*\.\.\.previous\s*,\s*value\s*\]/],
  ])('%s: in shared-options.ts only', (_what, pattern) => {
    expect(filesWith(pattern)).toEqual(['shared-options.ts']);
  });

  it.each(['run', 'gate', 'diff', 'sign'])('myvalue %s --help: the credential flags from the one declaration', async (command) => {
    const { out } = await runCli([command, '--help']);
    // Commander wraps the descriptions at the terminal's width: read as one line.
    const text = out.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('--client-id <id> client ID (default: MYVALUE_CLIENT_ID or .env; ');
    expect(text).toContain('--client-secret <secret> client secret (default: MYVALUE_CLIENT_SECRET or .env)');
  });
});
