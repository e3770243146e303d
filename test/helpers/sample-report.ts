// A small run.json by hand, for the report writers' unit tests: a folder with a passed request, a
// request refused for its sign (two failed assertions, the explanation, a body excerpt), a request
// error, a skipped assertion, a request not sent, and a retried request.
import type { RunReport } from '../../src/reports/run-json';

export function sampleReport(overrides: Partial<RunReport> = {}): RunReport {
  return {
    collection: 'MyValue partner API',
    target: 'msw',
    externalBaseUrl: 'https://external.ovaltech.id',
    authBaseUrl: 'https://auth.ovaltech.id',
    startedAt: '2026-01-02T03:04:05.000Z',
    durationMs: 1234,
    exitCode: 1,
    totals: { requests: 5, sent: 4, failedRequests: 2, skipped: 1, assertions: 6, failedAssertions: 2 },
    requests: [
      { name: 'Get balance', folder: 'Points', iteration: 0, method: 'GET', url: 'https://external.ovaltech.id/service/point/?valueID=VR8EPN', status: 200, statusText: 'OK', responseTimeMs: 10, assertions: [{ name: 'status 200', passed: true }, { name: 'not yet', passed: true, skipped: true }], failures: [], rule: 'point.get', contract: [] },
      {
        name: 'Earn points',
        folder: 'Points',
        iteration: 0,
        method: 'POST',
        url: 'https://external.ovaltech.id/service/point/earn/',
        status: 401,
        statusText: 'Unauthorized',
        responseTimeMs: 7,
        assertions: [
          { name: 'status 200', passed: false, error: 'expected response to have status code 200 but got 401' },
          { name: 'status 200', passed: false, error: 'again <401> & "quoted"' },
          { name: 'body has Point', passed: true },
        ],
        failures: ['status 200: expected response to have status code 200 but got 401', 'status 200: again <401> & "quoted"'],
        signExplain: { rule: 'point.earn', maskedString: 'GramediaPOS<clientSecret>100REF1', order: [{ field: 'clientID', text: 'GramediaPOS' }], absent: ['outletID'], unsigned: [], hint: 'the secret differs' },
        responseExcerpt: '{"id":"ErrAuthorizationInvalidSign","detail":"bad\u0001sign","errorCode":401}',
      },
      { name: 'Point history', folder: 'Points.v2', iteration: 0, method: 'GET', url: 'https://external.ovaltech.id/service/point/history/', responseTimeMs: 0, assertions: [], failures: ['request error: read ECONNRESET'], retries: { count: 1, reasons: ['dropped'], recovered: false, message: 'retried GET /service/point/history/ once: dropped' } },
      { name: 'Redeem', folder: 'Points', iteration: 0, assertions: [], failures: [], skipped: 'production guard: POST /service/point/redeem/ changes state' },
      { name: 'Fake is up', iteration: 0, method: 'GET', url: 'https://auth.ovaltech.id/__admin/health', status: 200, statusText: 'OK', responseTimeMs: 3, assertions: [{ name: 'up', passed: true }], failures: [] },
    ],
    skipped: [{ name: 'Auth & SSO', reason: 'needs a code' }],
    ...overrides,
  };
}
