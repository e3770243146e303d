// --variations: generated negative tests after every signed request of the shipped collection; every
// kind fires and passes against both fakes, and a fake that accepts a wrong sign is caught.
import { readFileSync } from 'node:fs';
import sdk from 'postman-collection';
import { afterEach, describe, expect, it } from 'vitest';
import { computeSign, findRule, matchRule, SIGN_RULES, type SignRule } from '../../src/signing';
import { DEFAULT_COLLECTION } from '../../src/harness/index';
import { addVariations, signedRequest, variationName, WRONG_SIGN } from '../../src/collection/variations';
import { wholeGateRun } from '../helpers/shared-runs';
import { readReports, request, run, serveFake, unescapeXml, type Run, type ServedFake } from './served-fake';

const servers: ServedFake[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

interface Node {
  id?: string;
  name: string;
  item?: Node[];
  request?: Parameters<typeof signedRequest>[0];
}

const shipped = (): Node[] => (new sdk.Collection(JSON.parse(readFileSync(DEFAULT_COLLECTION, 'utf8'))).toJSON().item ?? []) as Node[];
const leaves = (nodes: Node[]): Node[] => nodes.flatMap((n) => (n.item ? leaves(n.item) : [n]));

describe('which requests get variations', () => {
  it('every signed request of the shipped collection, none of the Auth API, none written with a literal sign', () => {
    const signed = leaves(shipped()).filter((n) => signedRequest(n.request)).map((n) => n.name);
    const literalSign = ['Wrong sign', 'Earn with a wrong sign'];
    const external = leaves(shipped()).filter((n) => JSON.stringify(n.request?.url).includes('{{externalBaseUrl}}'));
    expect(signed).toEqual(external.map((n) => n.name).filter((name) => !literalSign.includes(name)));
    expect(signed).toContain('Earn points');
    expect(signed).toContain('Get voucher');
    expect(signed).toContain('Unknown client');
    expect(signed).not.toContain('Wrong sign');
    expect(signed).not.toContain('Earn with a wrong sign');
    expect(signed.some((name) => /token|Introspect|authorization code/i.test(name))).toBe(false);
  });

  // The rule a request gets is the signing table's own match (src/signing/rules.ts ruleAt), at the end of
  // the path as the hook finds it: behind any base path, the rule the fake verifies that path with.
  it.each(['', '/gateway', '/api/v9/service'])('behind the base path "%s", each request gets the rule the fake verifies its path with', (base) => {
    const paths = [...SIGN_RULES.map((r) => [r.method, r.path.replace(':ID', '13063')] as const), ['GET', '/v1/service/promos/buy'] as const, ['POST', '/v1/service/promos/buy'] as const];
    for (const [method, path] of paths) {
      const verified = matchRule(method, path)?.rule as SignRule;
      const url = { path: `${base}${path}`.split('/').slice(1), ...(verified.location === 'query' ? { query: [{ key: 'clientID', value: '{{cid}}' }, { key: 'sign', value: '{{SIGN}}' }] } : {}) };
      const body = verified.location === 'body' ? { mode: 'raw', raw: '{"clientID": "{{cid}}", "sign": "{{SIGN}}"}' } : undefined;
      expect(signedRequest({ method, url, ...(body ? { body } : {}) })?.rule.name, `${method} ${base}${path}`).toBe(verified.name);
    }
  });

  it('adds them right after their request: wrong sign, unknown clientID, then each required field of the rule', () => {
    const { items, variations } = addVariations(shipped());
    const points = (items as Node[]).find((n) => n.name === 'Points')?.item ?? [];
    const at = points.findIndex((n) => n.name === 'Earn points');
    const earnRule = findRule('point.earn') as SignRule;
    expect(points.slice(at, at + 7).map((n) => n.name)).toEqual([
      'Earn points',
      'Earn points [variation: wrong sign]',
      'Earn points [variation: unknown clientID]',
      ...earnRule.required.map((field) => variationName('Earn points', 'missing-field', field)),
    ]);
    expect(points[at + 7]?.name).toBe('Get balance (after earn)');
    const ids = leaves(items as Node[]).map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(variations.get(points[at + 3]?.id ?? '')).toEqual({ kind: 'missing-field', field: 'amount', of: 'Earn points' });
  });
});

describe('against the fakes', () => {
  /**
   * Against msw, the whole collection's gate: `run --variations` with the contract checks a run has by default,
   * which is what the gate runs; shared (read only) with the gate and merge tests in this worker.
   */
  const gateRun = async (): Promise<Run> => {
    const { result, console } = await wholeGateRun();
    return { ...result, console, files: readReports(result.reportsDir) };
  };

  it.each(['mock', 'msw'])('every kind fires and passes against %s, each its own testcase, refusals change no balance', async (target) => {
    const r = target === 'msw' ? await gateRun() : await run({ target, variations: true });
    const failed = r.summary?.requests.filter((q) => q.failures.length > 0).map((q) => `${q.name}: ${q.failures.join('; ')}`);
    expect(failed).toEqual([]);
    expect(r.exitCode).toBe(0);
    const sent = (r.summary?.requests ?? []).filter((q) => q.variation && q.skipped === undefined);
    const kinds = new Set(sent.map((q) => `${q.variation?.kind}${q.variation?.field ? `:${q.variation.field}` : ''}`));
    for (const kind of ['wrong-sign', 'unknown-client', 'missing-field:amount', 'missing-field:outletID', 'missing-field:referenceNo', 'missing-field:valueID', 'missing-field:adjustedReferenceNo', 'missing-field:adjustmentType', 'missing-field:id', 'missing-field:fullName', 'missing-field:by', 'missing-field:value']) {
      expect(kinds, kind).toContain(kind);
    }
    const earnWrongSign = request(r, 'Earn points [variation: wrong sign]');
    expect(earnWrongSign).toMatchObject({ status: 401, rule: 'point.earn', contract: [], variation: { kind: 'wrong-sign', of: 'Earn points' } });
    expect(earnWrongSign.assertions.map((a) => a.name)).toEqual(expect.arrayContaining(['variation wrong sign: 401 ErrAuthorizationInvalidSign', 'nothing changed: the balance is the same before and after']));
    expect(request(r, 'Buy promo [variation: unknown clientID]')).toMatchObject({ status: 400, variation: { kind: 'unknown-client' } });
    expect(request(r, 'Redeem points [variation: missing amount]')).toMatchObject({ status: 400, variation: { kind: 'missing-field', field: 'amount' } });
    // Every sent variation that names a valueID compared the balance (user.* requests name none).
    for (const q of sent.filter((q) => !q.rule?.startsWith('user.'))) expect(q.assertions.map((a) => a.name), q.name).toContain('nothing changed: the balance is the same before and after');
    // The probes stay out of the reports: each variation reports its own request.
    expect(request(r, 'Get balance (before earn) [variation: missing valueID]').url).not.toContain('valueID=');
    // Variations of a request MyValue refuses are skipped, saying why.
    expect(request(r, 'Unknown client [variation: wrong sign]').skipped).toBe('variation skipped: its request "Unknown client" was refused (400): variations start from an accepted request');
    const suites = [...(r.files['junit.xml'] ?? '').matchAll(/<testsuite name="([^"]+)"/g)].map((m) => unescapeXml(m[1] ?? ''));
    expect(suites).toContain('Points / Earn points [variation: missing amount]');
    // One testsuite per request, a variation skipped included (its case says why it was not sent).
    expect(suites).toHaveLength(r.summary?.totals.requests ?? -1);
  }, 300_000);

  it('a fake that accepts a wrong sign on earn fails that variation, and its balance check', async () => {
    const secret = 'made-up-secret-variations';
    const earn = findRule('point.earn') as SignRule;
    const fake = await serveFake({ clients: [{ clientId: 'MyPOS', clientSecret: secret }] }, {
      // Bent: a wrong sign on earn is replaced by the right one before the fake checks it (with a new
      // referenceNo: the variation resends the original's, which the ledger would refuse as a duplicate).
      request: (req) => {
        if (req.method !== 'POST' || req.path.replace(/\/+$/, '') !== '/service/point/earn' || !req.rawBody?.includes(WRONG_SIGN)) return req;
        const body = JSON.parse(req.rawBody) as Record<string, unknown>;
        body.referenceNo = `${String(body.referenceNo)}-ACCEPTED`;
        body.sign = computeSign(earn, { clientId: String(body.clientID), clientSecret: secret, fields: body });
        return { ...req, rawBody: JSON.stringify(body) };
      },
    });
    servers.push(fake);
    const r = await run({ target: fake.url, clientId: 'MyPOS', clientSecret: secret, folders: ['Users', 'Points'], variations: true });
    expect(r.exitCode).toBe(1);
    const wrongSign = request(r, 'Earn points [variation: wrong sign]');
    expect(wrongSign.status).toBe(200);
    expect(wrongSign.failures).toEqual([
      expect.stringMatching(/^variation wrong sign: 401 ErrAuthorizationInvalidSign: .*expected 200 to equal 401$/),
      expect.stringMatching(/^nothing changed: the balance is the same before and after: balance of \w+ after \(before: \d+\): status 200: expected \d+ to equal \d+$/),
    ]);
    // The other variations of earn still pass.
    expect(request(r, 'Earn points [variation: unknown clientID]').failures).toEqual([]);
    expect(request(r, 'Earn points [variation: missing amount]').failures).toEqual([]);
    expect(r.files['junit.xml']).toContain('Points / Earn points [variation: wrong sign]');
  }, 180_000);
});
