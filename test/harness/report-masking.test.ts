// report.html masks the tokens a run saw, and only them: the words around them stay readable.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

describe('report.html of the Auth & SSO folder', () => {
  it('keeps token_type "bearer" and masks the tokens themselves', async () => {
    const out = join(tempDir('myvalue-mask-'), 'reports');
    const result = await runCli(['run', '--target', 'msw', '--folder', 'Auth & SSO', '--out', out]);
    expect(result.code, result.err.join('\n')).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const text = html.replace(/&quot;|&#34;|&#x22;/g, '"');
    expect(text).toMatch(/"token_type":\s*"bearer"/i);
    expect(text).not.toMatch(/"token_type":\s*"\[masked\]"/);
    expect(text).toMatch(/"access_token":\s*"\[masked\]"/);
  });
});
