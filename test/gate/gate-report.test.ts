// gate.md from a run report: rows per endpoint, contract and variations counted apart, failures located.
import { describe, expect, it } from 'vitest';
import { gateMarkdown, summarizeGate, type GateRequest } from '../../src/reports/gate-report';
import { endpointResolver } from '../../src/reports/endpoints';
import type { RunReport } from '../../src/reports/run-json';

const BASE = 'https://external.ovaltech.id';

function request(name: string, fields: Partial<GateRequest>): GateRequest {
  return { name, folder: 'Points', iteration: 0, method: 'POST', url: `${BASE}/service/point/earn/`, status: 200, assertions: [], failures: [], ...fields };
}

function report(requests: GateRequest[], exitCode = 1): RunReport {
  const assertions = requests.flatMap((r) => r.assertions);
  return {
    collection: 'MyValue partner API (shard 1/2)',
    target: 'sandbox',
    externalBaseUrl: BASE,
    authBaseUrl: 'https://auth.ovaltech.id',
    startedAt: '2026-01-02T03:04:05.000Z',
    durationMs: 1000,
    exitCode,
    totals: { requests: requests.length, sent: requests.length, failedRequests: 0, skipped: 0, assertions: assertions.length, failedAssertions: 0 },
    requests,
    skipped: [{ name: 'Auth & SSO', reason: 'needs an SSO authorization code' }],
  };
}

const broken = 'contract: POST /service/point/earn/ 200';
const requests: GateRequest[] = [
  request('Earn points', {
    assertions: [
      { name: broken, passed: false, error: '/Point must be integer (got "160")' },
      { name: 'status 200', passed: true },
      { name: 'points | earned', passed: false, error: 'expected 1 to equal 2' },
    ],
    failures: [`${broken}: /Point must be integer (got "160")`, 'points | earned: expected 1 to equal 2'],
    contract: ['/Point must be integer (got "160")'],
  }),
  request('Earn points [variation: wrong sign]', { status: 401, variation: { kind: 'wrong-sign', of: 'Earn points' }, assertions: [{ name: 'variation wrong sign: 401', passed: true }] }),
  request('Earn points [variation: missing amount]', {
    status: 200,
    variation: { kind: 'missing-field', field: 'amount', of: 'Earn points' },
    assertions: [{ name: 'variation missing amount: 400', passed: false, error: 'expected 200 to equal 400' }],
    failures: ['variation missing amount: 400: expected 200 to equal 400'],
  }),
  request('Get balance', { method: 'GET', url: `${BASE}/service/point/?valueID=VR8EPN`, assertions: [{ name: 'status 200', passed: true }] }),
  request('Redeem points', { url: `${BASE}/service/point/redeem/`, failures: ['request error: socket hang up'], status: undefined }),
  request('Get voucher [variation: wrong sign]', { skipped: 'variation skipped: its request was refused (404)', variation: { kind: 'wrong-sign', of: 'Get voucher' } }),
  request('Get voucher [variation: unknown clientID]', { skipped: 'variation skipped: its request was refused (404)', variation: { kind: 'unknown-client', of: 'Get voucher' } }),
];

describe('summarizeGate and gateMarkdown', () => {
  const r = report(requests);
  const gate = summarizeGate(r, endpointResolver([r.externalBaseUrl, r.authBaseUrl], undefined));
  const md = gateMarkdown(r, gate, { scope: 'shard 1/2', notes: ['shard 1/2 ran: Users + Points'] });

  it('has one row per endpoint, with contract checks and variations counted apart from assertions', () => {
    expect(gate.verdict).toBe('FAIL');
    expect(md).toContain(
      [
        '| Endpoint | Rule | Requests | Assertions | Contract failures | Variations | Verdict |',
        '|---|---|---:|---:|---:|---:|---|',
        '| POST /service/point/earn/ | point.earn | 1 | 1/2 | 1 | 1/2 | FAIL |',
        '| GET /service/point/ | point.get | 1 | 1/1 | – | – | PASS |',
        '| POST /service/point/redeem/ | point.redeem | 1 | – | – | – | FAIL |',
      ].join('\n'),
    );
  });

  it('says where each failure is, once each, with pipes escaped', () => {
    expect(md).toContain(
      [
        '| Request | Endpoint | What | Message |',
        '|---|---|---|---|',
        '| Points / Earn points | POST /service/point/earn/ | assertion "points \\| earned" | expected 1 to equal 2 |',
        '| Points / Earn points | POST /service/point/earn/ | contract | POST /service/point/earn/ 200: /Point must be integer (got "160") |',
        '| Points / Earn points [variation: missing amount] | POST /service/point/earn/ | assertion "variation missing amount: 400" | expected 200 to equal 400 |',
        '| Points / Redeem points | POST /service/point/redeem/ | request error | socket hang up |',
      ].join('\n'),
    );
  });

  it('names the scope and sums up, and lists what did not run (variations grouped per request)', () => {
    expect(md.split('\n').slice(0, 5)).toEqual([
      '# MyValue gate: FAIL',
      '',
      'MyValue partner API against sandbox (shard 1/2), started 2026-01-02T03:04:05.000Z.',
      '',
      '**FAIL**: 1/3 endpoints passed; 3 requests, assertions 2/3, contract failures 1, variations 1/2.',
    ]);
    expect(md).toContain('- shard 1/2 ran: Users + Points');
    expect(md).toContain('## Not run\n\n- Auth & SSO: needs an SSO authorization code\n- Points / Get voucher: 2 variations: its request was refused (404)\n');
  });

  it('passes only when every row passes and the run itself exited 0', () => {
    const clean = requests.filter((q) => q.name === 'Get balance');
    expect(summarizeGate(report(clean, 0), endpointResolver([BASE], undefined)).verdict).toBe('PASS');
    expect(summarizeGate(report(clean, 1), endpointResolver([BASE], undefined)).verdict).toBe('FAIL');
  });
});

describe('the fake\'s admin API in gate.md', () => {
  const AUTH = 'http://127.0.0.1:4010';
  const authorize = (fields: Partial<GateRequest> = {}): GateRequest =>
    request('Authorize (fake shortcut)', { folder: 'Auth & SSO', url: `${AUTH}/__admin/authorize`, assertions: [{ name: 'status 200', passed: true }], ...fields });
  const balance = request('Get balance', { method: 'GET', url: `${BASE}/service/point/?valueID=VR8EPN`, assertions: [{ name: 'status 200', passed: true }] });

  it('is setup, not an endpoint: no row, not in the count, named under the summary', () => {
    const r = { ...report([authorize(), balance], 0), authBaseUrl: AUTH };
    const gate = summarizeGate(r, endpointResolver([r.externalBaseUrl, r.authBaseUrl], undefined));
    const md = gateMarkdown(r, gate);
    expect(gate.rows.map((row) => row.key)).toEqual(['GET /service/point/']);
    expect(md).toContain('**PASS**: 1/1 endpoints passed; 1 requests');
    expect(md).toContain("Setup requests to the fake's admin API, not MyValue endpoints (not counted above): POST /__admin/authorize ×1.");
  });

  it('still fails the gate when it fails', () => {
    const r = { ...report([authorize({ assertions: [{ name: 'status 200', passed: false, error: 'expected 400 to equal 200' }], failures: ['status 200: expected 400 to equal 200'] }), balance], 1), authBaseUrl: AUTH };
    const gate = summarizeGate(r, endpointResolver([r.externalBaseUrl, r.authBaseUrl], undefined));
    expect(gate.verdict).toBe('FAIL');
    expect(gate.failures.map((f) => f.endpoint)).toEqual(['POST /__admin/authorize']);
  });
});
