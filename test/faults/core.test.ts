// Faults and forced answers in the fake's core, without a port: what each fault decides and what it leaves changed.
import { describe, expect, it } from 'vitest';
import { FAULT_HEADER } from '../../mocks/core/faults';
import { FaultRuleError } from '../../mocks/create-fake';
import { balance, balancePath, call, EARN_PATH, earnBody, freshFake } from './helpers';

/** A random source that returns the given values in turn. */
const sequence = (...values: number[]): (() => number) => {
  let i = 0;
  return () => values[i++ % values.length] as number;
};

describe('fault rules in the core', () => {
  it('a fixed latency is a directive on the answer; the answer itself is the real one', () => {
    const fake = freshFake({ faults: ['point.get:latency=250'] });
    const response = call(fake, 'GET', balancePath());
    expect(response.status).toBe(200);
    expect(response.delayMs).toBe(250);
    expect(response.headers[FAULT_HEADER]).toBe('point.get:latency=250');
  });

  it('a random latency draws between min and max from the injected randomness', () => {
    const fake = freshFake({ faults: ['*:latency=100-300'], random: sequence(0, 0.999999, 0.5) });
    const delays = [1, 2, 3].map(() => call(fake, 'GET', balancePath()).delayMs);
    expect(delays).toEqual([100, 300, 200]);
  });

  it.each([500, 502, 503, 504] as const)('status=%i answers in MyValue error shape and changes nothing', (status) => {
    const fake = freshFake({ faults: [`point.earn:status=${status}`] });
    const before = balance(fake);
    const response = call(fake, 'POST', EARN_PATH, { body: earnBody('REF-STATUS') });
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ id: expect.stringMatching(/^Err/), errorCode: status, detail: expect.stringContaining('point.earn:status=') });
    expect(Object.keys(response.body as object).sort()).toEqual(['detail', 'errorCode', 'id']);
    expect(balance(fake)).toBe(before);
  });

  it('times=1 gives exactly one 503, then the route recovers and the rule is gone', () => {
    const fake = freshFake({ faults: ['point.earn:status=503,times=1'] });
    expect(call(fake, 'POST', EARN_PATH, { body: earnBody('REF-1') }).status).toBe(503);
    expect(call(fake, 'POST', EARN_PATH, { body: earnBody('REF-1') }).status).toBe(200);
    expect(fake.faults.list()).toEqual([]);
  });

  it('a rule for one route leaves the others alone; a path rule matches by method and pattern', () => {
    const fake = freshFake({ faults: ['point.earn:drop', 'GET /v1/service/promos/*:status=502'] });
    expect(call(fake, 'GET', balancePath()).status).toBe(200);
    expect(call(fake, 'POST', EARN_PATH, { body: earnBody('REF-D') }).fault).toBe('drop');
    expect(call(fake, 'GET', '/v1/service/promos/13063?valueID=VR8EPN').status).toBe(502);
    expect(call(fake, 'POST', '/v1/service/promos/buy', { body: '{}' }).status).not.toBe(502);
  });

  it('drop answers before the handler (nothing committed); no-answer commits, then closes', () => {
    const fake = freshFake();
    const before = balance(fake);
    expect(call(fake, 'POST', EARN_PATH, { body: earnBody('REF-DROP'), headers: { [FAULT_HEADER]: 'drop' } }).fault).toBe('drop');
    expect(balance(fake)).toBe(before);
    const unanswered = call(fake, 'POST', EARN_PATH, { body: earnBody('REF-NA'), headers: { [FAULT_HEADER]: 'no-answer' } });
    expect(unanswered).toMatchObject({ status: 200, fault: 'no-answer' });
    expect(balance(fake)).toBe(before + 100);
  });

  it('malformed keeps the status and declared JSON content type, with a body JSON.parse rejects', () => {
    const fake = freshFake({ faults: ['point.get:malformed'] });
    const response = call(fake, 'GET', balancePath());
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(typeof response.body).toBe('string');
    expect(() => JSON.parse(response.body as string)).toThrow();
  });

  it('probability: a rule fires only when the draw is below p, and a miss uses up no times', () => {
    const fake = freshFake({ faults: ['point.get:status=500,p=0.5,times=1'], random: sequence(0.7, 0.2) });
    expect(call(fake, 'GET', balancePath()).status).toBe(200);
    expect(call(fake, 'GET', balancePath()).status).toBe(500);
    expect(call(fake, 'GET', balancePath()).status).toBe(200);
  });

  it('a latency rule and a status rule combine; each uses up its own times', () => {
    const fake = freshFake({ faults: ['*:latency=40', 'point.get:status=503,times=1'] });
    expect(call(fake, 'GET', balancePath())).toMatchObject({ status: 503, delayMs: 40 });
    expect(call(fake, 'GET', balancePath())).toMatchObject({ status: 200, delayMs: 40 });
  });

  it('the fault header wins over rules for that request and uses up none of their times', () => {
    const fake = freshFake({ faults: ['point.get:status=503,times=1'] });
    expect(call(fake, 'GET', balancePath(), { headers: { [FAULT_HEADER]: 'status=500' } }).status).toBe(500);
    expect(call(fake, 'GET', balancePath()).status).toBe(503);
  });

  it('a bad fault header is a 400 naming the problem', () => {
    const fake = freshFake();
    const response = call(fake, 'GET', balancePath(), { headers: { [FAULT_HEADER]: 'status=418' } });
    expect(response).toMatchObject({ status: 400, body: { id: 'ErrValidation', detail: expect.stringContaining('status must be 500, 502, 503 or 504') } });
    expect(call(fake, 'GET', balancePath(), { headers: { [FAULT_HEADER]: 'drop,times=2' } }).body).toMatchObject({ detail: expect.stringContaining('times means nothing') });
  });

  it('the admin API is never faulted, so a "*" fault can always be cleared', () => {
    const fake = freshFake({ faults: ['*:drop'] });
    expect(call(fake, 'GET', '/__admin/faults')).toMatchObject({ status: 200, body: { count: 1 } });
    expect(call(fake, 'DELETE', '/__admin/faults').body).toEqual({ cleared: 1 });
    expect(call(fake, 'GET', balancePath()).status).toBe(200);
  });

  it('reset restores the startup rules (with their times) and the seed', () => {
    const fake = freshFake({ faults: ['point.earn:status=503,times=1'] });
    expect(call(fake, 'POST', EARN_PATH, { body: earnBody('R') }).status).toBe(503);
    fake.faults.add('*:latency=5');
    fake.reset();
    expect(fake.faults.list().map((f) => f.text)).toEqual(['point.earn:status=503,times=1']);
    expect(call(fake, 'POST', EARN_PATH, { body: earnBody('R') }).status).toBe(503);
  });

  it('a bad rule given in code throws FaultRuleError; added at run time it is a value', () => {
    expect(() => freshFake({ faults: ['point.earn:status=200'] })).toThrow(FaultRuleError);
    expect(freshFake().faults.add('nope')).toMatchObject({ ok: false, detail: expect.stringContaining('TARGET:SPEC') });
  });
});

describe('Prefer: code=... (documented examples, as Prism does)', () => {
  it.each([
    ['400', EARN_PATH, 'POST', { id: 'InvalidClient', detail: 'Client id or client secret is invalid', errorCode: 400 }],
    ['401', EARN_PATH, 'POST', { id: 'ErrAuthorizationInvalidSign', detail: 'Invalid Sign Parameter', errorCode: 401 }],
    ['404', EARN_PATH, 'POST', { id: 'ErrSuboutletNotfound', detail: 'Suboutlet not found', errorCode: 404 }],
    ['404', '/v2/service/user/?by=valueid&value=VR8EPN', 'GET', { id: 'MUD001', detail: 'User not found', errorCode: 404 }],
    ['404, example=ErrMembershipNotFound', EARN_PATH, 'POST', { id: 'ErrMembershipNotFound', detail: 'User membership not found', errorCode: 404 }],
    ['400; example=ErrInvalidAdjustedRefCode', '/service/point/adjustment/', 'POST', { id: 'ErrInvalidAdjustedRefCode', detail: 'Invalid adjusted reference no', errorCode: 400 }],
  ])('code=%s on %s %s', (code, path, method, expected) => {
    const fake = freshFake();
    const response = call(fake, method, path, { body: method === 'POST' ? earnBody('PREFER') : undefined, headers: { prefer: `code=${code}` } });
    expect(response.status).toBe(expected.errorCode);
    expect(response.body).toEqual(expected);
  });

  it('forces the answer even for a correctly signed earn, and commits nothing', () => {
    const fake = freshFake();
    const before = balance(fake);
    expect(call(fake, 'POST', EARN_PATH, { body: earnBody('PREFER-401'), headers: { prefer: 'code=401' } }).status).toBe(401);
    expect(balance(fake)).toBe(before);
    // The same referenceNo is still free: the forced request did not use it.
    expect(call(fake, 'POST', EARN_PATH, { body: earnBody('PREFER-401') }).status).toBe(200);
  });

  it('an undocumented code is a 400 ErrValidation naming the available ones', () => {
    const fake = freshFake();
    const response = call(fake, 'GET', balancePath(), { headers: { prefer: 'code=418' } });
    expect(response).toMatchObject({ status: 400, body: { id: 'ErrValidation', detail: 'Prefer code=418 is not documented for GET /service/point; available: 400, 401, 404, 405, 413' } });
    expect(call(fake, 'GET', balancePath(), { headers: { prefer: 'code=abc' } }).status).toBe(400);
  });

  it('the README\'s example: the 404 the contract documents for the balance (the fake\'s own answer) is forced too', () => {
    const response = call(freshFake(), 'GET', balancePath(), { headers: { prefer: 'code=404, example=ErrMembershipNotFound' } });
    expect(response).toMatchObject({ status: 404, body: { id: 'ErrMembershipNotFound', errorCode: 404 } });
  });

  it('a Prefer without code or example (e.g. return=minimal) is ignored', () => {
    expect(call(freshFake(), 'GET', balancePath(), { headers: { prefer: 'return=minimal' } }).status).toBe(200);
  });
});
