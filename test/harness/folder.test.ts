import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const out = (): string => join(tempDir('myvalue-folder-'), 'reports');

describe('myvalue run --folder', () => {
  it('an unknown folder is one line naming the top-level folders, exit 2', async () => {
    const result = await runCli(['run', '--target', 'msw', '--folder', 'Nope', '--out', out()]);
    expect(result.code).toBe(2);
    expect(result.err).toEqual(['myvalue: --folder "Nope": no folder or request of that name; top level: Users, Points, Promos & vouchers, Negative, Auth & SSO']);
  });

  it('the Auth & SSO folder against sandbox without a code says how to get one, exit 2', async () => {
    const result = await runCli(['run', '--target', 'sandbox', '--client-id', 'MadeUpPOS', '--client-secret', 'made-up-secret-9', '--folder', 'Auth & SSO', '--out', out()]);
    expect(result.code).toBe(2);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/^myvalue: --folder "Auth & SSO" needs an SSO authorization code against sandbox: .*--env-var authCode=<code>$/);
  });

  it('a folder that exists runs on its own: every request of it, nothing else', async () => {
    const dir = out();
    const result = await runCli(['run', '--target', 'msw', '--folder', 'Points', '--out', dir]);
    expect(result.code, result.err.join('\n')).toBe(0);
    const { readFileSync } = await import('node:fs');
    const report = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { requests: Array<{ folder?: string }> };
    expect(report.requests).toHaveLength(13);
    expect(new Set(report.requests.map((r) => r.folder?.split(' / ')[0]))).toEqual(new Set(['Points']));
  });
});
