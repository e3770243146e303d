// The CLI answers to both of its installed names: `myvalue`, and `myvalue-harness`, the one npx finds
// outside a project (`npx myvalue` there fetches an unrelated registry package). Help and errors name
// the command the user typed, so what they copy from them runs where they are.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

async function cli(script: string, args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', script, ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('the program name', () => {
  it.each([
    ['/partner/node_modules/.bin/myvalue-harness', 'myvalue-harness'],
    ['/partner/node_modules/.bin/myvalue', 'myvalue'],
    // Windows shims and `node dist/cli.mjs` pass the file itself: the short name.
    ['/partner/node_modules/myvalue-harness/dist/cli.mjs', 'myvalue'],
  ])('run as %s, --help and sign --help show "Usage: %s ..."', async (script, name) => {
    const help = await cli(script, ['--help']);
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(new RegExp(`^Usage: ${name} \\[options\\] \\[command\\]$`, 'm'));
    const sign = await cli(script, ['sign', '--help']);
    expect(sign.out.join('\n')).toMatch(new RegExp(`^Usage: ${name} sign `, 'm'));
  });

  it('a usage error names the command typed: "myvalue-harness: ...", exit 2', async () => {
    const result = await cli('/partner/node_modules/.bin/myvalue-harness', ['sign', 'no.such.rule']);
    expect(result.code).toBe(2);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^myvalue-harness: /);
  });
});
