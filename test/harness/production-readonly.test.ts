// The shipped collection against production without --allow-production-writes: no write is sent,
// the reads run on an existing user, and the run passes. Production is MSW at its host names here.
import { setupServer } from 'msw/node';
import { expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { myValueHandlers } from '../../mocks/msw';
import { runCollection } from '../../src/harness/index';
import { findRule } from '../../src/signing';
import { TARGET_HOSTS } from '../../src/shared/hosts';
import { tempDir } from '../helpers/temp-dir';

it('a read-only production run of the shipped collection sends no write and passes on an existing user', async () => {
  const creds = { clientId: 'ProdPOS', clientSecret: 'made-up-prod-secret' };
  const fake = createFakeMyValue({ clients: [creds] });
  const server = setupServer(...myValueHandlers(fake, { baseUrls: [TARGET_HOSTS.production.externalBaseUrl, TARGET_HOSTS.production.authBaseUrl] }));
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const result = await runCollection({
      target: 'production',
      ...creds,
      insecure: true,
      envVars: [{ key: 'existingValueID', value: 'VB60VS' }],
      cwd: tempDir('myvalue-prod-'),
      write: () => undefined,
      log: () => undefined,
    });
    expect(result.exitCode, result.error).toBe(0);
    // Writes are the rules that change state; the estimate is a POST that changes nothing and is sent.
    const writes = fake.journal.list({ method: 'POST' }).filter((e) => findRule(e.rule ?? '')?.mutates !== false);
    expect(writes.map((e) => `${e.path} ${e.rule}`)).toEqual([]);
    expect(fake.journal.list({ method: 'POST' }).map((e) => e.rule)).toEqual(['point.earn.estimate']);
    expect(fake.journal.count({ method: 'GET' })).toBeGreaterThan(10);
    // Every read is about the existing user, but the negative test's made-up value ID.
    const read = new Set(fake.journal.list({ method: 'GET' }).map((e) => String(e.query.valueID ?? '')).filter((v) => v !== '' && !v.startsWith('UNKNOWN-')));
    expect(read).toEqual(new Set(['VB60VS']));
    const guarded = result.summary?.skipped.filter((s) => s.reason.startsWith('production guard')).map((s) => s.name) ?? [];
    expect(guarded).toEqual(expect.arrayContaining(['Create user', 'Earn points', 'Redeem points', 'Buy promo']));
    expect(result.summary?.skipped.map((s) => s.name)).toContain('Auth & SSO');
  } finally {
    server.close();
  }
});
