// A wrong client secret is explained: the target's x-myvalue-sign-explain under each refused request
// and in run.json, and one closing line when every signed request was refused; against mock and msw
// alike (the fake keeps its seed clients' secrets), through the masker, so no secret shows anywhere.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRule } from '../../src/signing';
import type { RunReport } from '../../src/reports/run-json';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { oneRequestCollection, run, serveFake, type Run } from './served-fake';

const WRONG = 'made-up-wrong-secret-7f3a';
const ALL_REFUSED = /signed requests were refused/;

/** Every 12-character piece of the secret (what a cut line would keep), in every text the run wrote. */
function expectSecretNowhere(r: Run, secret: string): void {
  const pieces = Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12));
  for (const [where, text] of [...Object.entries(r.files), ['console', r.console] as const]) {
    for (const piece of pieces) expect(text.includes(piece), `${piece} in ${where}`).toBe(false);
    expect(text.includes(encodeURIComponent(secret)), `secret in ${where}`).toBe(false);
  }
}

/** The console lines of one request: from its "↳ name" line to the next item or folder. */
function blockOf(consoleText: string, name: string): string[] {
  const lines = consoleText.split('\n');
  const start = lines.findIndex((l) => l.trim() === `↳ ${name}`);
  expect(start, `"${name}" in the console`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && /^\s*(↳|❏)/.test(l));
  return lines.slice(start, end < 0 ? undefined : end);
}

const reportOf = (r: Run): RunReport => JSON.parse(r.files['run.json'] ?? '{}') as RunReport;
const signedRequests = (report: RunReport): RunReport['requests'] => report.requests.filter((q) => q.rule !== undefined && findRule(q.rule) !== undefined && q.status !== undefined);

describe.each(['mock', 'msw'] as const)('a run against %s with a wrong --client-secret', (target) => {
  it('explains each refused request under it and in run.json, ends with one line naming how many and the target, and shows the secret nowhere', async () => {
    const r = await run({ target, clientSecret: WRONG, folders: ['Points'] });
    expect(r.exitCode, r.error).toBe(1);
    expect(r.console).toContain('client GramediaPOS, secret from --client-secret');

    const report = reportOf(r);
    const signed = signedRequests(report);
    expect(signed.length).toBeGreaterThan(5);
    expect(signed.map((q) => q.status)).toEqual(signed.map(() => 401));
    for (const q of signed) {
      expect(q.failures.length, q.name).toBeGreaterThan(0);
      expect(q.signExplain, q.name).toMatchObject({ rule: q.rule, maskedString: expect.stringMatching(/^GramediaPOS<clientSecret>/) });
    }

    const balance = blockOf(r.console, 'Get balance (before earn)');
    expect(balance.some((l) => /\[401 Unauthorized/.test(l))).toBe(true);
    expect(balance.filter((l) => l.includes('sign refused (point.get): the target hashes clientID + clientSecret + valueID = "GramediaPOS<clientSecret>'))).toHaveLength(1);
    const earn = blockOf(r.console, 'Earn points');
    expect(earn.filter((l) => l.includes('sign refused (point.earn): the target hashes clientID + clientSecret + amount + referenceNo + exchangeRate + outletID = "GramediaPOS<clientSecret>'))).toHaveLength(1);

    // Said once, just before the summary line, which is always last.
    const lines = r.console.trimEnd().split('\n');
    expect(lines.at(-2)).toBe(`all ${signed.length} signed requests were refused (ErrAuthorizationInvalidSign): check --client-id and --client-secret for ${target}`);
    expect(lines.at(-1)).toMatch(/^FAIL: \d+ requests, \d+ assertions, \d+ failed \(reports: /);
    expect(lines.filter((l) => ALL_REFUSED.test(l))).toHaveLength(1);
    expectSecretNowhere(r, WRONG);
  });
});

describe('myvalue run --target mock --client-secret <wrong>', () => {
  it('exits 1, names the client and the secret source first and the refusals just before the summary line, on stderr', async () => {
    const out = join(tempDir('myvalue-refused-'), 'reports');
    const cli = await runCli(['run', '--target', 'mock', '--client-secret', WRONG, '--folder', 'Points', '--out', out]);
    expect(cli.code).toBe(1);
    const signed = signedRequests(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunReport);
    expect(cli.err[0]).toBe('client GramediaPOS, secret from --client-secret');
    expect(cli.err.at(-2)).toBe(`all ${signed.length} signed requests were refused (ErrAuthorizationInvalidSign): check --client-id and --client-secret for mock`);
    const { totals } = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunReport;
    expect(cli.err.at(-1)).toBe(`FAIL: ${totals.requests} requests, ${totals.assertions} assertions, ${totals.failedRequests} failed (reports: ${out})`);
    expect(cli.out.some((l) => l.includes('sign refused (point.get)'))).toBe(false);
    expect(cli.err.some((l) => l.includes('sign refused (point.get)'))).toBe(true);
    for (const text of [...cli.out, ...cli.err]) expect(text).not.toContain(WRONG.slice(0, 12));
  });
});

describe('an explanation header of a target of its own', () => {
  it('goes through the masker: a secret the target echoes in it shows nowhere; a header that is not JSON is shown as text', async () => {
    const secret = 'made-up-echoed-secret-91c2';
    const served = await serveFake({ clients: [{ clientId: 'MyPOS', clientSecret: 'made-up-right-secret-5e0d' }] }, {
      response: (req, res) => {
        if (res.status !== 401) return res;
        const header = req.path.includes('history') ? `expected ${secret} somewhere` : JSON.stringify({ rule: 'point.get', maskedString: `MyPOS${secret}VR8EPN`, order: [{ field: 'clientSecret', text: secret }], absent: [], unsigned: [] });
        return { ...res, headers: { ...res.headers, 'x-myvalue-sign-explain': header } };
      },
    });
    try {
      const dir = tempDir('myvalue-echo-');
      const file = join(dir, 'echo.postman_collection.json');
      const tested = (name: string, url: string): object => ({ name, event: [{ listen: 'test', script: { exec: ["pm.test('status 200', function () { pm.response.to.have.status(200); });"] } }], request: { method: 'GET', url } });
      writeFileSync(file, JSON.stringify({ ...oneRequestCollection('unused', {}), item: [
        tested('Balance', '{{externalBaseUrl}}/service/point/?valueID=VR8EPN&clientID={{clientID}}&sign={{SIGN}}'),
        tested('History', '{{externalBaseUrl}}/service/point/history/?valueID=VR8EPN&clientID={{clientID}}&sign={{SIGN}}'),
      ] }));
      const r = await run({ target: served.url, collection: file, clientId: 'MyPOS', clientSecret: secret, contract: false });
      expect(r.console).toContain('sign refused (point.get): the target hashes clientSecret = "MyPOS[masked]VR8EPN"');
      expect(r.console).toContain('sign refused: expected [masked] somewhere');
      expect(reportOf(r).requests.map((q) => q.signExplain)).toEqual([
        { rule: 'point.get', maskedString: 'MyPOS[masked]VR8EPN', order: [{ field: 'clientSecret', text: '[masked]' }], absent: [], unsigned: [] },
        { text: 'expected [masked] somewhere' },
      ]);
      expect(r.console.trimEnd().split('\n').at(-2)).toBe(`all 2 signed requests were refused (ErrAuthorizationInvalidSign): check --client-id and --client-secret for ${served.url}`);
      expectSecretNowhere(r, secret);
    } finally {
      await served.close();
    }
  });
});
