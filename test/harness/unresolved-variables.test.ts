// A {{sign}} written for {{SIGN}}, or any {{variable}} no scope sets, in a signed request: one warning
// line per request naming it (and offering {{SIGN}} for the sign), kept in run.json; a request with
// {{SIGN}} gets none, and a run where only some signed requests are refused does not say "all".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/reports/run-json';
import { tempDir } from '../helpers/temp-dir';
import { run, type Run } from './served-fake';

const ALL_REFUSED = /signed requests were refused/;
const reportOf = (r: Run): RunReport => JSON.parse(r.files['run.json'] ?? '{}') as RunReport;

/** Requests a partner might write: {{SIGN}} right, {{sign}} in the query and the body, and a valueID variable never set. */
function partnerCollection(dir: string): string {
  const balance = (name: string, valueID: string, sign: string): object => ({
    name,
    event: [{ listen: 'test', script: { exec: ["pm.test('status 200', function () { pm.response.to.have.status(200); });"] } }],
    request: { method: 'GET', url: `{{externalBaseUrl}}/service/point/?valueID=${valueID}&clientID={{clientID}}&sign=${sign}` },
  });
  const earn = (name: string, sign: string): object => ({
    name,
    event: [{ listen: 'test', script: { exec: ["pm.test('status 200', function () { pm.response.to.have.status(200); });"] } }],
    request: {
      method: 'POST',
      header: [{ key: 'Content-Type', value: 'application/json' }],
      url: '{{externalBaseUrl}}/service/point/earn/',
      body: { mode: 'raw', raw: `{\n  "amount": 10000,\n  "exchangeRate": 0,\n  "outletID": "MVAPP00001",\n  "referenceNo": "REF-${sign === '{{SIGN}}' ? 'right' : 'lower'}",\n  "valueID": "VR8EPN",\n  "clientID": "{{clientID}}",\n  "sign": "${sign}"\n}` },
    },
  });
  const file = join(dir, 'partner.postman_collection.json');
  writeFileSync(file, JSON.stringify({
    info: { name: 'Partner mistakes', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    item: [
      balance('Balance, sign {{SIGN}}', 'VR8EPN', '{{SIGN}}'),
      balance('Balance, sign {{sign}}', 'VR8EPN', '{{sign}}'),
      earn('Earn, sign {{sign}} in the body', '{{sign}}'),
      balance('Balance of a valueId never set', '{{valueId}}', '{{SIGN}}'),
      earn('Earn, sign {{SIGN}} in the body', '{{SIGN}}'),
    ],
  }));
  return file;
}

const warningsIn = (consoleText: string): string[] => consoleText.split('\n').filter((l) => l.startsWith('warning: '));

describe.each(['mock', 'msw'] as const)('unresolved variables in signed requests against %s', (target) => {
  it('warn once per request, naming the variable ({{sign}} with {{SIGN}} offered); {{SIGN}} gives none; some refusals are not "all"', async () => {
    const dir = tempDir('myvalue-unresolved-');
    const r = await run({ target, collection: partnerCollection(dir), contract: false });
    const report = reportOf(r);
    expect(report.requests.map((q) => [q.name, q.status])).toEqual([
      ['Balance, sign {{SIGN}}', 200],
      ['Balance, sign {{sign}}', 401],
      ['Earn, sign {{sign}} in the body', 401],
      ['Balance of a valueId never set', 404],
      ['Earn, sign {{SIGN}} in the body', 200],
    ]);

    const warnings = warningsIn(r.console);
    expect(warnings).toHaveLength(3);
    const [query, body, valueId] = warnings;
    for (const line of [query, body]) {
      expect(line).toContain('sign is "{{sign}}"');
      expect(line).toContain('write {{SIGN}}');
    }
    expect(query).toMatch(/^warning: "Balance, sign \{\{sign\}\}": /);
    expect(body).toMatch(/^warning: "Earn, sign \{\{sign\}\} in the body": /);
    expect(valueId).toMatch(/^warning: "Balance of a valueId never set": .*valueID is "\{\{valueId\}\}"/);
    expect(valueId).not.toContain('{{SIGN}}');
    // No box of Newman's around the same words: each warning is said once.
    expect(r.console.split('valueID is "{{valueId}}"').length - 1).toBe(1);

    expect(report.requests.map((q) => q.warnings?.length ?? 0)).toEqual([0, 1, 1, 1, 0]);
    expect(report.requests[1]?.warnings?.[0]).toContain('write {{SIGN}}');
    expect(r.console).not.toMatch(ALL_REFUSED);
    // The refused ones are explained too, and only they.
    expect(report.requests.map((q) => q.signExplain !== undefined)).toEqual([false, true, true, false, false]);
  });
});
