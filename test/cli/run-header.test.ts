// `npm start` is `myvalue run --target mock`: before Newman's output it says what runs, against what and
// as whom; it ends with where the reports are, which to open first, and the summary line. No secret in either.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedFile } from '../../src/shared/package-files';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const DEMO_SECRETS = (JSON.parse(readFileSync(shippedFile('mocks/seed.json'), 'utf8')) as { clients: Array<{ clientSecret: string }> }).clients.map((c) => c.clientSecret);

describe('what `npm start` (myvalue run --target mock) says first and last', () => {
  it('opens with the shipped collection, the fake on its port and the demo client; ends with the reports, report.html first', async () => {
    const out = join(tempDir('myvalue-start-'), 'reports');
    const result = await runCli(['run', '--target', 'mock', '--out', out]);
    expect(result.code, result.err.join('\n')).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { externalBaseUrl: string };
    expect(report.externalBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.out.slice(0, 2)).toEqual([
      `myvalue run: the shipped collection "MyValue partner API" (${shippedFile('collections/myvalue-partner.postman_collection.json')})`,
      `  against the fake MyValue on ${report.externalBaseUrl} (--target mock: started for this run, stopped after it), as the demo client GramediaPOS`,
    ]);
    expect(result.out[2]).toBe('newman');
    // The line before the summary says which report to open first; the summary line is the last.
    expect(result.err.at(-2)).toBe(`reports: ${join(out, 'report.html')} (open this first), ${['run.json', 'junit.xml', 'ctrf.json'].map((f) => join(out, f)).join(', ')}`);
    expect(result.err.at(-1)).toMatch(/^PASS: 45 requests, \d+ assertions, 0 failed \(reports: .+\)$/);
    for (const secret of DEMO_SECRETS) expect([...result.out, ...result.err].join('\n')).not.toContain(secret);
  });

  it.each([
    [['--target', 'msw', '--client-id', 'MadeUpPOS', '--client-secret', 'made-up-secret-start'], '  against the fake MyValue in this process (--target msw: MSW answers https://external.ovaltech.id and https://auth.ovaltech.id; other hosts go to the network), as client MadeUpPOS'],
  ])('%j names its target and client', async (args, second) => {
    const out = join(tempDir('myvalue-start-'), 'reports');
    const result = await runCli(['run', ...args, '--folder', 'Users', '--out', out]);
    expect(result.code, result.err.join('\n')).toBe(0);
    expect(result.out[1]).toBe(second);
    expect([...result.out, ...result.err].join('\n')).not.toContain('made-up-secret-start');
  });
});
