// ctrf.json from run.json: valid by the `ctrf` package's own validator, the cases JUnit counts, each
// with its status, duration, message and its request as context.
import { validate } from 'ctrf';
import { describe, expect, it } from 'vitest';
import { ctrfReport } from '../../src/reports/ctrf-report';
import { sampleReport } from '../helpers/sample-report';

describe('ctrfReport', () => {
  const ctrf = ctrfReport(sampleReport(), '9.9.9');

  it('is valid CTRF, summed by the ctrf package over the run\'s start and stop', () => {
    expect(validate(ctrf)).toEqual({ valid: true, errors: [] });
    expect(ctrf.results.tool).toEqual({ name: 'myvalue-harness', version: '9.9.9' });
    expect(ctrf.results.summary).toMatchObject({ tests: 8, passed: 3, failed: 3, skipped: 2, pending: 0, other: 0, start: Date.parse('2026-01-02T03:04:05.000Z'), stop: Date.parse('2026-01-02T03:04:05.000Z') + 1234 });
  });

  it('gives each case its status, duration, message, failure text and request', () => {
    expect(ctrf.results.tests.map((t) => [t.name, t.status, t.duration])).toEqual([
      ['Points / Get balance › status 200', 'passed', 5],
      ['Points / Get balance › not yet', 'skipped', 5],
      ['Points / Earn points › status 200', 'failed', 3],
      ['Points / Earn points › status 200 (2)', 'failed', 2],
      ['Points / Earn points › body has Point', 'passed', 2],
      ['Points.v2 / Point history › request error', 'failed', 0],
      ['Points / Redeem › request not sent', 'skipped', 0],
      ['Fake is up › up', 'passed', 3],
    ]);
    const earn = ctrf.results.tests[2];
    expect(earn).toMatchObject({ suite: ['MyValue partner API', 'Points', 'Earn points'], message: 'expected response to have status code 200 but got 401', type: 'api', extra: { request: { method: 'POST', status: 401, iteration: 1, signExplain: { rule: 'point.earn' } } } });
    expect(earn?.trace).toContain('response: 401 Unauthorized, 7 ms\nsign refused (point.earn)');
    expect(ctrf.results.tests[5]).toMatchObject({ rawStatus: 'error', message: 'read ECONNRESET', retries: 1, flaky: false });
    expect(ctrf.results.tests[6]).toMatchObject({ message: 'production guard: POST /service/point/redeem/ changes state', extra: { request: { notSent: 'production guard: POST /service/point/redeem/ changes state' } } });
  });
});
