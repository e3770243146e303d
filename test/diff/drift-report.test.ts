// Pairing two sides' requests: by folder, name and iteration; what one side did not send is not compared.
import { describe, expect, it } from 'vitest';
import { buildDrift, driftMarkdown, type Exchange } from '../../src/reports/drift-report';

const ex = (name: string, status: number, body: unknown, folder = 'Points'): Exchange => ({
  folder, name, iteration: 0, method: 'GET', urlTemplate: `{{externalBaseUrl}}/${name}`, status, contentType: 'application/json', body: JSON.stringify(body),
});

describe('the drift report', () => {
  it('compares status and the error id, and names a request only one side ran', () => {
    const report = buildDrift(
      { label: 'mock', exchanges: [ex('Get balance', 200, { point: 1 }), ex('Unknown client', 400, { id: 'InvalidClient', detail: 'x', errorCode: 'a' }), ex('Extra', 200, {})], notSent: [] },
      { label: 'msw', exchanges: [ex('Get balance', 200, { point: 5 }), ex('Unknown client', 400, { id: 'ErrOther', detail: 'y', errorCode: 'b' })], notSent: [] },
    );
    expect(report.totals).toEqual({ requests: 3, differing: 2, agreeing: 1, notCompared: 0 });
    expect(report.agreeing).toEqual(['Points / Get balance']);
    expect(report.differing.map((r) => [r.name, r.differences])).toEqual([
      ['Points / Unknown client', ['id: InvalidClient vs ErrOther']],
      ['Points / Extra', ['request: only in A']],
    ]);
    expect(report.differing[0]?.a).toEqual({ status: 400, id: 'InvalidClient' });
    expect(driftMarkdown(report)).toContain('| Points / Unknown client | GET | `{{externalBaseUrl}}/Unknown client` | 400 InvalidClient | 400 ErrOther | id: InvalidClient vs ErrOther |');
  });

  it('does not compare what one side did not send: a guarded request, a left-out folder', () => {
    const report = buildDrift(
      { label: 'production', exchanges: [ex('Get balance', 200, { point: 1 })], notSent: [{ folder: 'Points', name: 'Earn points', iteration: 0, reason: 'production guard: point.earn changes state' }, { name: 'Auth & SSO', reason: 'needs an SSO authorization code' }] },
      { label: 'mock', exchanges: [ex('Get balance', 200, { point: 1 }), ex('Earn points', 200, { point: 2 }), ex('Refresh the tokens', 200, { access_token: 't' }, 'Auth & SSO')], notSent: [] },
    );
    expect(report.totals).toEqual({ requests: 3, differing: 0, agreeing: 1, notCompared: 2 });
    expect(report.notCompared.map((r) => [r.name, r.a.notSent])).toEqual([
      ['Points / Earn points', 'production guard: point.earn changes state'],
      ['Auth & SSO / Refresh the tokens', 'needs an SSO authorization code'],
    ]);
    expect(driftMarkdown(report)).toContain('## Not compared\n\n- Points / Earn points: A production guard: point.earn changes state\n');
  });
});
