// A fake that drifts from the contract is caught: responses of the real fake, mutated the way drift looks.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import type { Fake } from '../../mocks/core/app';
import type { FakeRequest, FakeResponse } from '../../mocks/http/types';
import { observeContract } from '../helpers/contract-observer';
import { signed, TEST_CLIENT } from './fake-requests';

/** The fake, with every response passed through `drift` first. */
function drifting(drift: (res: FakeResponse, req: FakeRequest) => FakeResponse): Fake {
  const fake = createFakeMyValue({ clients: [{ ...TEST_CLIENT, redirectUris: [] }] });
  return { ...fake, handle: (req) => drift(structuredClone(fake.handle(req)), req) };
}

const earn = signed('point.earn', { amount: 10000, referenceNo: 'CT-DRIFT-1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' });

describe('a contract violation in the fake is caught', () => {
  it('a wrong type names the field', () => {
    const observed = observeContract(drifting((res) => ({ ...res, body: { Point: String((res.body as { Point: number }).Point) } })));
    observed.fake.handle(earn);
    expect(observed.violations().map((v) => [v.kind, v.jsonPath, v.message])).toEqual([
      ['schema', '/Point', 'POST /service/point/earn/ 200: /Point must be integer (got "160")'],
    ]);
  });

  it('a missing required field deep in a page names its path', () => {
    const observed = observeContract(
      drifting((res) => {
        const page = res.body as { results: Array<Record<string, unknown>> };
        if (Array.isArray(page.results) && page.results[1]) delete page.results[1].referenceNo;
        return res;
      }),
    );
    observed.fake.handle(signed('point.history', { valueID: 'VB60VS' }));
    expect(observed.violations().map((v) => v.message)).toEqual(['GET /service/point/history/ 200: /results/1/referenceNo is required']);
  });

  it('an undocumented status is caught', () => {
    const observed = observeContract(drifting((res) => ({ ...res, status: res.status === 401 ? 403 : res.status })));
    observed.fake.handle(signed('point.get', { valueID: 'VB60VS' }, { sign: 'f'.repeat(64) }));
    expect(observed.violations().map((v) => [v.kind, v.message])).toEqual([
      ['undocumented-status', 'GET /service/point/ 403: status 403 is not documented for GET /service/point/ (documented: 200, 400, 401, 404, 405, 413)'],
    ]);
  });

  it('an error body that lost its errorCode, or a JSON answer sent as HTML, is caught', () => {
    const observed = observeContract(
      drifting((res, req) => {
        if (res.status !== 200) return { ...res, body: { id: (res.body as { id: string }).id, detail: 'x' } };
        if (req.path === '/service/point/') return { ...res, headers: { ...res.headers, 'content-type': 'text/html' } };
        return res;
      }),
    );
    observed.fake.handle(signed('point.get', { valueID: 'VNOPE1' }));
    observed.fake.handle(signed('point.get', { valueID: 'VB60VS' }));
    expect(observed.violations().map((v) => v.message)).toEqual([
      'GET /service/point/ 404: /errorCode is required',
      'GET /service/point/ 200: content type text/html is not documented (documented: application/json)',
    ]);
    expect(observed.checked()).toBe(2);
    observed.clear();
    expect(observed.violations()).toEqual([]);
  });

  it('the untouched fake gives no violation for the same requests', () => {
    const observed = observeContract(drifting((res) => res));
    for (const req of [earn, signed('point.history', { valueID: 'VB60VS' }), signed('point.get', { valueID: 'VNOPE1' }), signed('point.get', { valueID: 'VB60VS' })]) observed.fake.handle(req);
    expect(observed.checked()).toBe(4);
    expect(observed.violations()).toEqual([]);
  });
});
