// Every documented response example (MyValue's own and the fake's) passes the validator.
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../mocks/http/errors';
import { sharedContract } from '../helpers/contract-observer';

const examples = sharedContract().examples();

describe('documented examples keep the contract', () => {
  it('there is an example for every documented status but the voucher list 200', () => {
    const withExample = new Set(examples.map((e) => `${e.operation} ${e.status}`));
    const missing = sharedContract()
      .operations()
      .flatMap((op) => op.statuses.map((s) => `${op.method} ${op.path} ${s}`))
      .filter((key) => !withExample.has(key));
    // The guide shows the voucher list's fields, no example; the mapping page is HTML.
    expect(missing.sort()).toEqual(['GET /authorize/mapping 200', 'GET /authorize/mapping 400', 'GET /v1/service/vouchers 200']);
  });

  it("keeps MyValue's own 200 example of every operation that has one in the docs", () => {
    const withMyValue200 = new Set(examples.filter((e) => e.source === 'myvalue' && e.status === 200).map((e) => e.operation));
    const without = sharedContract()
      .operations()
      .map((op) => `${op.method} ${op.path}`)
      .filter((op) => !withMyValue200.has(op));
    // The guide shows the voucher fields only (buy answers with a voucher); the mapping page is HTML.
    expect(without.sort()).toEqual(['GET /authorize/mapping', 'GET /v1/service/vouchers', 'GET /v1/service/vouchers/{ID}', 'POST /v1/service/promos/buy']);
  });

  it.each(examples.map((e) => [`${e.operation} ${e.status} "${e.name}"`, e] as const))('%s', (_name, e) => {
    const violations = sharedContract().check({ method: e.method, path: e.path.replace('{ID}', '13063'), status: e.status, contentType: e.contentType, body: e.value });
    expect(violations.map((v) => v.message)).toEqual([]);
  });
});

describe("the fake's own error examples", () => {
  it('use ids and statuses the fake really answers with', () => {
    const templates = new Map(Object.entries(ERRORS).map(([key, t]) => [('id' in t ? t.id : key) as string, t.status as number]));
    const fakeErrors = examples.filter((e) => e.source === 'fake' && e.status >= 400);
    expect(fakeErrors.length).toBeGreaterThan(20);
    for (const e of fakeErrors) {
      const id = (e.value as { id: string }).id;
      expect(templates.get(id), `${e.operation} ${e.status} "${e.name}" (${id})`).toBe(e.status);
    }
  });
});
