// The shipped collection's amounts are not coupled: the refund follows the earn unless given.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

type Report = { requests: Array<{ name: string; failures: string[] }> };

async function points(...envVars: string[]) {
  const dir = join(tempDir('myvalue-amounts-'), 'reports');
  const result = await runCli(['run', '--target', 'msw', '--folder', 'Points', '--out', dir, ...envVars.flatMap((v) => ['--env-var', v])]);
  const report = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Report;
  return { code: result.code, returned: report.requests.find((r) => r.name === 'Return earn (RETURN_EARN)') };
}

describe('earnAmount and returnAmount', () => {
  it('an earn below the old fixed refund (50,000) passes: the refund is half of the earn', async () => {
    const run = await points('earnAmount=20000');
    expect(run.returned?.failures).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('a returnAmount given is used as given (more than the earn is refused by MyValue\'s rules)', async () => {
    const run = await points('earnAmount=20000', 'returnAmount=30000');
    expect(run.code).toBe(1);
    expect(run.returned?.failures.join('\n')).toMatch(/status|Point/);
  });
});
