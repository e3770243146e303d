// `myvalue diff` against production is read-only: the run's production guard is never lifted, and what
// it held back is "not compared", not drift. Production is a fake behind MSW at its host names here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { myValueHandlers } from '../../mocks/msw';
import type { DriftReport } from '../../src/reports/drift-report';
import { findRule } from '../../src/signing';
import { TARGET_HOSTS } from '../../src/shared/hosts';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

it('diff --target production sends no write there; guarded requests are not compared', async () => {
  const creds = { clientId: 'ProdPOS', clientSecret: 'made-up-prod-secret' };
  const production = createFakeMyValue({ clients: [creds] });
  const server = setupServer(...myValueHandlers(production, { baseUrls: [TARGET_HOSTS.production.externalBaseUrl, TARGET_HOSTS.production.authBaseUrl] }));
  // The other side (mock) listens on 127.0.0.1: its requests pass by.
  server.listen({ onUnhandledRequest: 'bypass' });
  const out = tempDir('myvalue-diff-prod-');
  try {
    const cli = await runCli(['diff', '--target', 'production', '--against', 'mock', '--folder', 'Points', '--client-id', creds.clientId, '--client-secret', creds.clientSecret, '--env-var', 'existingValueID=VB60VS', '--insecure', '--out', out]);
    expect(cli.code, cli.err.join('\n')).toBeLessThan(2);
    const writes = production.journal.list({ method: 'POST' }).filter((e) => findRule(e.rule ?? '')?.mutates !== false);
    expect(writes.map((e) => e.rule)).toEqual([]);
    const report = JSON.parse(readFileSync(join(out, 'drift.json'), 'utf8')) as DriftReport;
    const notCompared = report.notCompared.map((r) => r.name);
    expect(notCompared).toEqual(expect.arrayContaining(['Points / Earn points', 'Points / Redeem points']));
    for (const r of report.notCompared) expect(r.a.notSent).toMatch(/^production guard/);
    expect(report.totals.requests).toBe(13);
    expect(JSON.stringify(report) + readFileSync(join(out, 'drift.md'), 'utf8')).not.toContain(creds.clientSecret);
  } finally {
    server.close();
  }
});
