// At most 1,000 fault rules at a time (each request scans them all): from the start (code, --fault), by
// POST /__admin/faults (all or nothing) and fake.faults.add. Rules used up (`times`) no longer count. In
// process; `myvalue mock` with 1,000 --fault flags: rule-cap-mock.test.ts.
import { describe, expect, it } from 'vitest';
import { FaultRuleError } from '../../mocks/create-fake';
import { balancePath, call, CAP, CLIENT, freshFake, rules, TOO_MANY } from './helpers';

const postRules = (fake: ReturnType<typeof freshFake>, list: string[]): ReturnType<typeof call> =>
  call(fake, 'POST', '/__admin/faults', { body: JSON.stringify({ rules: list }), headers: { 'content-type': 'application/json' } });

describe('the cap on fault rules', () => {
  it('1,000 rules from the start are taken; 1,001 throw FaultRuleError', () => {
    expect(freshFake({ faults: rules(CAP) }).faults.list()).toHaveLength(CAP);
    expect(() => freshFake({ faults: rules(CAP + 1) })).toThrow(FaultRuleError);
    expect(() => freshFake({ faults: rules(CAP + 1) })).toThrow('too many fault rules: 1001 given, at most 1000 at a time');
  });

  it('POST /__admin/faults: 1,000 rules are 201; the 1,001st is 400 in MyValue\'s shape and adds nothing', () => {
    const fake = freshFake();
    expect(postRules(fake, rules(CAP)).status).toBe(201);
    const refused = postRules(fake, ['point.earn:status=503']);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ id: 'ErrValidation', detail: expect.stringMatching(TOO_MANY), errorCode: 400 });
    expect((refused.body as { detail: string }).detail).toContain('1000 are set and this adds 1');
    expect(fake.faults.list()).toHaveLength(CAP);
    expect(call(fake, 'GET', balancePath()).status).toBe(200);
  });

  it('POST /__admin/faults: one body of 1,001 rules adds none; 999 + 1 is 201, 999 + 2 is 400', () => {
    const fake = freshFake();
    const refused = postRules(fake, rules(CAP + 1));
    expect(refused.status).toBe(400);
    expect((refused.body as { detail: string }).detail).toContain('0 are set and this adds 1001');
    expect(fake.faults.list()).toEqual([]);
    expect(postRules(fake, rules(CAP - 1)).status).toBe(201);
    expect(postRules(fake, rules(2, 'S')).status).toBe(400);
    expect(fake.faults.list()).toHaveLength(CAP - 1);
    expect(postRules(fake, rules(1, 'S')).status).toBe(201);
    expect(fake.faults.list()).toHaveLength(CAP);
  });

  it('fake.faults.add past the cap is a value saying so; a rule used up (times) makes room', () => {
    const fake = freshFake({ faults: [...rules(CAP - 1), 'point.get:status=503,times=1'] });
    const refused = fake.faults.add('point.earn:status=503');
    expect(refused).toEqual({ ok: false, detail: expect.stringMatching(TOO_MANY) });
    expect(call(fake, 'GET', balancePath()).status).toBe(503); // the times=1 rule fires and is gone
    expect(fake.faults.add('point.earn:status=503').ok).toBe(true);
    expect(fake.faults.list()).toHaveLength(CAP);
  });
});
