// The validator on its own: matching paths, statuses, content types and bodies, with readable lines.
import { describe, expect, it } from 'vitest';
import { createContract, loadContract, ContractError, requestPath } from '../../src/contract';
import { createFakeMyValue } from '../../mocks/create-fake';
import { sharedContract } from '../helpers/contract-observer';

const JSON_TYPE = 'application/json';
const contract = sharedContract();
const messages = (r: Parameters<typeof contract.check>[0]): string[] => contract.check(r).map((v) => v.message);

describe('matching a request to an operation', () => {
  it('takes the path of a full URL, with or without the trailing slash', () => {
    for (const url of ['https://external.ovaltech.id/service/point/?valueID=VR8EPN', 'https://external.myvalue.id/service/point', 'http://127.0.0.1:4010/service/point/']) {
      expect(contract.match('GET', url)?.operationId, url).toBe('pointGet');
    }
    expect(contract.match('POST', '/service/point/earn/estimate/')?.operationId).toBe('pointEarnEstimate');
  });

  it('strips a base URL with a path of its own', () => {
    const behindGateway = loadContract(undefined, { baseUrls: ['https://gateway.example/myvalue/'] });
    expect(behindGateway.match('GET', 'https://gateway.example/myvalue/service/point/?x=1')?.operationId).toBe('pointGet');
    expect(requestPath('https://gateway.example/myvalue/service/point/?x=1', ['https://gateway.example/myvalue'])).toBe('/service/point/');
  });

  it('matches {ID}, and a literal path wins for its own method', () => {
    expect(contract.match('GET', '/v1/service/promos/13063')?.operationId).toBe('promoGet');
    expect(contract.match('GET', '/v1/service/vouchers/7/')?.operationId).toBe('voucherGet');
    expect(contract.match('POST', '/v1/service/promos/buy')?.operationId).toBe('promoBuy');
    expect(contract.match('GET', '/v1/service/promos/buy')?.operationId).toBe('promoGet');
    expect(contract.match('GET', '/v1/service/promos/1/2')).toBeUndefined();
  });
});

describe("a request's own path (decoded, its query already taken off)", () => {
  // Found by the fuzz test: PUT /v1/service/promos/<an ID with a `?` and a `\`>. The fake's router reads
  // `?` as part of the path (it came as %3F) and `\` as `/`, so no route: 404. The contract cut the path
  // at the `?`, found /v1/service/promos/{ID}, and called the 404 an undocumented method.
  it('reads a `?` or `#` in it as part of the path, and `\\` as `/`, as the fake does; a URL\'s query is still cut', () => {
    const fake = createFakeMyValue();
    try {
      const cases: Array<[string, number, string[]]> = [
        ['/v1/service/promos/a?b', 405, []],
        ['/v1/service/promos/a#b', 405, []],
        ['/v1/service/promos/a?b,\\,c', 404, ['unknown-path']],
        ['/v1/service/promos/a\\b', 404, ['unknown-path']],
      ];
      for (const [path, status, kinds] of cases) {
        const answer = fake.handle({ method: 'PUT', path, query: {}, headers: {}, rawBody: '', origin: 'http://127.0.0.1:4010' });
        expect(answer.status, path).toBe(status);
        const found = contract.check({ method: 'PUT', path, status: answer.status, contentType: JSON_TYPE, body: answer.body });
        expect(found.map((v) => v.kind), path).toEqual(kinds);
      }
      expect(contract.match('GET', 'https://external.ovaltech.id/v1/service/promos/a?b=1')?.operationId).toBe('promoGet');
      expect(requestPath('/v1/service/promos/a?b', [], { query: false })).toBe('/v1/service/promos/a?b');
      expect(requestPath('/v1/service/promos/a?b', [])).toBe('/v1/service/promos/a');
    } finally {
      fake.close();
    }
  });
});

describe('checking a response', () => {
  it('accepts a documented body, parsed or as text', () => {
    expect(messages({ method: 'POST', path: '/service/point/earn/', status: 200, contentType: JSON_TYPE, body: { Point: 160 } })).toEqual([]);
    expect(messages({ method: 'POST', path: '/service/point/earn/', status: 200, contentType: 'application/json; charset=utf-8', body: '{"Point":160}' })).toEqual([]);
  });

  it('names the operation, the status and the JSON path that broke', () => {
    const found = contract.check({ method: 'POST', url: 'https://external.ovaltech.id/service/point/earn', status: 200, contentType: JSON_TYPE, body: { Point: '160' } });
    expect(found).toEqual([
      { kind: 'schema', operation: 'POST /service/point/earn/', status: 200, jsonPath: '/Point', message: 'POST /service/point/earn/ 200: /Point must be integer (got "160")' },
    ]);
  });

  it('names a missing field by its own path, deep inside arrays too', () => {
    const page = { count: 1, next: null, previous: null, perPage: 8, results: [{ id: 1, code: 'X' }] };
    const found = contract.check({ method: 'GET', path: '/v1/service/vouchers', status: 200, contentType: JSON_TYPE, body: page });
    expect(found.map((v) => v.jsonPath)).toContain('/results/0/promo');
    expect(found.map((v) => v.message)).toContain('GET /v1/service/vouchers 200: /results/0/usedDate is required');
  });

  it('allows null only where the docs show it', () => {
    const entry = { pointMutationSNO: 1, createdDate: '', expiredDate: '', outletName: '', subOutletName: '', mutationTypeName: 'EARNING', referenceNo: 'R', point: 1, memberNo: 'V', memberName: '', valueID: 'V', status: null, isExpired: false };
    const ok = { count: 1, next: null, previous: null, perPage: 10, results: [entry] };
    expect(messages({ method: 'GET', path: '/service/point/history/', status: 200, contentType: JSON_TYPE, body: ok })).toEqual([]);
    expect(messages({ method: 'GET', path: '/service/point/history/', status: 200, contentType: JSON_TYPE, body: { ...ok, perPage: null } })).toEqual([
      'GET /service/point/history/ 200: /perPage must be integer (got null)',
    ]);
  });

  it('requires {id, detail, errorCode} on errors', () => {
    expect(messages({ method: 'GET', path: '/service/point/', status: 401, contentType: JSON_TYPE, body: { id: 'ErrAuthorizationInvalidSign', detail: 'Invalid Sign Parameter' } })).toEqual([
      'GET /service/point/ 401: /errorCode is required',
    ]);
  });

  it('reports an undocumented status', () => {
    expect(messages({ method: 'GET', path: '/service/point/', status: 418, contentType: JSON_TYPE, body: {} })).toEqual([
      'GET /service/point/ 418: status 418 is not documented for GET /service/point/ (documented: 200, 400, 401, 404, 405, 413)',
    ]);
    expect(contract.check({ method: 'GET', path: '/service/point/', status: 500, body: {} })[0]?.kind).toBe('undocumented-status');
  });

  it('reports an unknown path and an undocumented method', () => {
    expect(contract.check({ method: 'GET', path: '/service/points/', status: 404, body: {} })).toEqual([
      { kind: 'unknown-path', operation: 'GET /service/points/', status: 404, message: 'GET /service/points/ 404: path /service/points/ is not in the contract' },
    ]);
    expect(messages({ method: 'DELETE', path: '/service/point/', status: 200, body: {} })).toEqual(['DELETE /service/point/ 200: DELETE is not documented for /service/point/ (documented: GET)']);
  });

  it('checks a 405 for a method the path lacks against the documented 405', () => {
    const body = { id: 'ErrMethodNotAllowed', detail: 'DELETE is not allowed on /service/point/; use GET', errorCode: 405 };
    expect(messages({ method: 'DELETE', path: '/service/point/', status: 405, contentType: JSON_TYPE, body })).toEqual([]);
    expect(messages({ method: 'DELETE', path: '/service/point/', status: 405, contentType: JSON_TYPE, body: { error: 'nope' } })).toHaveLength(3);
  });

  it('reports a content type that is not documented, and JSON that is not JSON', () => {
    expect(messages({ method: 'GET', path: '/service/point/', status: 200, contentType: 'text/html; charset=utf-8', body: '<html>' })).toEqual([
      'GET /service/point/ 200: content type text/html is not documented (documented: application/json)',
    ]);
    expect(contract.check({ method: 'GET', path: '/service/point/', status: 200, contentType: JSON_TYPE, body: '{"point":' })[0]?.kind).toBe('invalid-json');
    expect(contract.check({ method: 'GET', path: '/service/point/', status: 200, contentType: JSON_TYPE })[0]?.message).toBe('GET /service/point/ 200: body is empty, JSON is documented');
  });

  it('checks the HTML mapping page by its content type', () => {
    expect(messages({ method: 'GET', url: 'https://auth.ovaltech.id/authorize/mapping?user_id=x', status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html>' })).toEqual([]);
    expect(messages({ method: 'GET', path: '/authorize/mapping', status: 200, contentType: JSON_TYPE, body: {} })).toHaveLength(1);
  });

  it("leaves the fake's admin API alone", () => {
    expect(messages({ method: 'POST', path: '/__admin/reset', status: 200, contentType: JSON_TYPE, body: { reset: true } })).toEqual([]);
    expect(messages({ method: 'GET', path: '/__admin', status: 404, body: {} })).toEqual([]);
  });
});

describe('a broken contract file', () => {
  it('fails at load with ContractError, naming where', () => {
    const doc = { openapi: '3.0.3', paths: { '/x': { get: { responses: { '200': { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Missing' } } } } } } } } };
    expect(() => createContract(doc)).toThrow(ContractError);
    expect(() => createContract({ openapi: '3.0.3' })).toThrow(/no paths/);
    expect(() => loadContract('/nonexistent/contract.yaml')).toThrow(/cannot read contract file/);
  });
});
