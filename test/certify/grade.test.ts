// The certification's rules on hand-made journals: the edge cases of "the same operation", "a retry",
// a confirming read, client errors, pauses, attempts and timeouts, each decided by the pure grader.
import { describe, expect, it } from 'vitest';
import { gradeExchanges } from '../../mocks/certify/grade';
import type { Booking, GradeInput, Observed, RuleId, RuleResult } from '../../mocks/certify/types';

const CLIENT = 'MyPOS';
const WRITES = new Set(['user.create', 'point.earn', 'point.redeem', 'point.adjustment', 'promo.buy']);
const PATHS: Record<string, [string, string]> = {
  'point.earn': ['POST', '/service/point/earn/'],
  'point.redeem': ['POST', '/service/point/redeem/'],
  'point.get': ['GET', '/service/point/'],
  'point.history': ['GET', '/service/point/history/'],
  'user.create': ['POST', '/service/user/'],
  'user.get': ['GET', '/v2/service/user/'],
};

let clock = 1_700_000_000_000;
let seq = 0;

/** One exchange: `at` ms after the previous one started (default 300), answered 200 in 5 ms unless told otherwise. */
function x(rule: string, fields: Record<string, string | number>, over: Partial<Observed> & { at?: number } = {}): Observed {
  const { at = 300, ...rest } = over;
  clock += at;
  seq += 1;
  const [method, path] = PATHS[rule] ?? ['GET', '/'];
  const text = Object.fromEntries(Object.entries({ clientID: CLIENT, ...fields, sign: `sign-of-${JSON.stringify(fields)}` }).map(([k, v]) => [k, String(v)]));
  return {
    seq, timeMs: clock, endMs: clock + 5 + (rest.delayMs ?? 0), ending: 'answered', endKnown: true, method, path, rule, write: WRITES.has(rule),
    clientId: CLIENT, signOk: true, signRefusal: null, status: 200, errorId: null, unreadable: false, delayMs: 0, fault: null,
    fields: text, fieldsUnknown: false, secretIn: [], ...rest,
  };
}

const earn = (ref: string, amount = 10_000, valueID = 'VB60VS'): Record<string, string | number> => ({ amount, referenceNo: ref, exchangeRate: 0, outletID: 'MVAPP00001', valueID });
const LOST: Partial<Observed> = { ending: 'lost', fault: 'point.earn:no-answer,times=1' };
const E503: Partial<Observed> = { status: 503, errorId: 'ErrServiceUnavailable', fault: 'point.earn:status=503,times=2' };

function grade(exchanges: Observed[], more: Omit<Partial<GradeInput>, 'options'> & { options?: Partial<GradeInput['options']> } = {}) {
  return gradeExchanges({ exchanges, bookings: more.bookings ?? [], dropped: more.dropped ?? 0, options: { maxWaitMs: 1000, maxAttempts: 5, ...more.options } });
}

const rule = (result: ReturnType<typeof grade>, id: RuleId): RuleResult => result.rules.find((r) => r.id === id) as RuleResult;
const statuses = (result: ReturnType<typeof grade>, ...ids: RuleId[]): Record<string, string> => Object.fromEntries(ids.map((id) => [id, rule(result, id).status]));

describe('the same operation, and a retry', () => {
  it('two genuine sales of the same amount to the same member are two operations, not a retry', () => {
    const result = grade([x('point.earn', earn('INV-1')), x('point.earn', earn('INV-2'))], { bookings: [booking(1, 'INV-1'), booking(2, 'INV-2')] });
    expect(statuses(result, 'retry-same-reference', 'no-double-booking', 'retry-bounded', 'reference-unique', 'write-completed')).toEqual({
      'retry-same-reference': 'n/a', 'no-double-booking': 'pass', 'retry-bounded': 'n/a', 'reference-unique': 'pass', 'write-completed': 'pass',
    });
    expect(rule(result, 'no-double-booking').message).toMatch(/Each of 2 write operations/);
    expect(result.failed).toEqual([]);
  });

  it('a retry with a new referenceNo after a lost answer fails retry-same-reference, and the ledger shows the double booking', () => {
    const first = x('point.earn', earn('INV-1'), LOST);
    const retry = x('point.earn', earn('INV-1-retry'));
    const result = grade([first, retry], { bookings: [booking(1, 'INV-1'), booking(2, 'INV-1-retry')] });
    expect(result.failed).toEqual(['retry-same-reference', 'no-double-booking']);
    expect(rule(result, 'retry-same-reference').evidence.map((e) => [e.seq, e.referenceNo])).toEqual([[first.seq, 'INV-1'], [retry.seq, 'INV-1-retry']]);
    expect(rule(result, 'no-double-booking').evidence.filter((e) => e.note?.startsWith('ledger')).map((e) => e.referenceNo)).toEqual(['INV-1', 'INV-1-retry']);
  });

  it('a request of the same sale sent while the first is still in flight is concurrent: two operations', () => {
    const first = x('point.earn', earn('INV-1'), LOST);
    first.endMs = first.timeMs + 2000;
    const second = x('point.earn', earn('INV-2'), { at: 100 });
    const result = grade([first, second]);
    expect(rule(result, 'retry-same-reference').status).toBe('n/a');
    expect(rule(result, 'retry-bounded').status).toBe('n/a');
  });

  it('a referenceNo reused for another amount fails reference-unique, naming what changed', () => {
    const result = grade([x('point.earn', earn('INV-1', 10_000)), x('point.earn', earn('INV-1', 20_000), { status: 400, errorId: 'ErrDuplicateReferenceNo' })]);
    expect(result.failed).toEqual(['reference-unique']);
    expect(rule(result, 'reference-unique').evidence[1]?.note).toBe('INV-1 reused for another operation: amount "10000" → "20000"');
  });

  it('a write sent again after its 2xx was read fails reference-unique (a new sale needs a new referenceNo)', () => {
    const result = grade([x('point.earn', earn('INV-1')), x('point.earn', earn('INV-1'), { status: 400, errorId: 'ErrDuplicateReferenceNo' })]);
    expect(result.failed).toEqual(['reference-unique']);
  });
});

function booking(sno: number, referenceNo: string): Booking {
  return { sno, clientId: CLIENT, referenceNo, type: 'EARNING', valueId: 'VB60VS', amount: 10_000, point: 160 };
}

describe('write-completed', () => {
  it('a read of the member after a lost answer completes the write', () => {
    const result = grade([x('point.earn', earn('INV-1'), LOST), x('point.history', { valueID: 'VB60VS' })]);
    expect(rule(result, 'write-completed')).toMatchObject({ status: 'pass', message: 'Every write completed (1 write: 0 answered, 1 lost and then confirmed, 0 ended in a client error).' });
  });

  it("a read of another member, or a read before the write, does not", () => {
    const before = x('point.get', { valueID: 'VB60VS' });
    const result = grade([before, x('point.earn', earn('INV-1'), LOST), x('point.get', { valueID: 'VR8EPN' })]);
    expect(result.failed).toEqual(['write-completed']);
    expect(rule(result, 'write-completed').message).toMatch(/1 applied with the answer lost and never confirmed/);
  });

  it('a retry with its referenceNo answered ErrDuplicateReferenceNo confirms a lost write', () => {
    const result = grade([x('point.earn', earn('INV-1'), LOST), x('point.earn', earn('INV-1'), { status: 400, errorId: 'ErrDuplicateReferenceNo' })]);
    expect(statuses(result, 'write-completed', 'no-retry-on-client-error', 'retry-same-reference')).toEqual({ 'write-completed': 'pass', 'no-retry-on-client-error': 'pass', 'retry-same-reference': 'pass' });
  });

  it('a read does not complete a write that was never applied (503, then only a read)', () => {
    const result = grade([x('point.earn', earn('INV-1'), E503), x('point.history', { valueID: 'VB60VS' })]);
    expect(result.failed).toEqual(['write-completed']);
    expect(rule(result, 'write-completed').message).toMatch(/1 refused \(5xx or no answer before it was applied\) and never applied/);
  });

  it('a write refused twice by 503 and then applied is complete', () => {
    const result = grade([x('point.earn', earn('INV-1'), E503), x('point.earn', earn('INV-1'), E503), x('point.earn', earn('INV-1'))]);
    expect(result.failed).toEqual([]);
    expect(rule(result, 'retry-bounded').message).toMatch(/^2 retries of 1 operation/);
  });

  it('a user created with its answer lost is confirmed by a lookup of its phone number, written another way', () => {
    const create = x('user.create', { email: 'sari@example.co.id', mobilePhoneNumber: '+6281299990001', fullName: 'Sari' }, { ...LOST, fault: 'user.create:no-answer,times=1' });
    const result = grade([create, x('user.get', { by: 'phone', value: '081299990001' })]);
    expect(rule(result, 'write-completed').status).toBe('pass');
  });
});

describe('no-retry-on-client-error', () => {
  it('a 4xx re-sent unchanged fails; the same request changed passes', () => {
    const refused = { status: 400, errorId: 'ErrSuboutletNotfound' };
    const unchanged = grade([x('point.earn', { ...earn('INV-1'), outletID: 'NOPE' }, refused), x('point.earn', { ...earn('INV-1'), outletID: 'NOPE' }, refused)]);
    expect(unchanged.failed).toContain('no-retry-on-client-error');
    expect(rule(unchanged, 'no-retry-on-client-error').evidence[1]?.note).toMatch(/re-sent unchanged 295 ms after the answer/);
    const changed = grade([x('point.earn', { ...earn('INV-1'), outletID: 'NOPE' }, refused), x('point.earn', earn('INV-2'))]);
    expect(rule(changed, 'no-retry-on-client-error').status).toBe('pass');
  });

  it('408 and 429 are not client errors: re-sending them is a retry', () => {
    const result = grade([x('point.get', { valueID: 'VB60VS' }, { status: 429 }), x('point.get', { valueID: 'VB60VS' }, { status: 408 }), x('point.get', { valueID: 'VB60VS' })]);
    expect(statuses(result, 'no-retry-on-client-error', 'retry-bounded')).toEqual({ 'no-retry-on-client-error': 'n/a', 'retry-bounded': 'pass' });
  });

  it('a lookup refused 404, a create, then the same lookup is a new question, not a retry', () => {
    const lookup = { by: 'phone', value: '+6281299990001' };
    const result = grade([x('user.get', lookup, { status: 404, errorId: 'MUD001' }), x('user.create', { mobilePhoneNumber: '+6281299990001', fullName: 'Sari' }), x('user.get', lookup)]);
    expect(rule(result, 'no-retry-on-client-error').status).toBe('pass');
  });

  it('a lookup refused 404 and re-sent with nothing between fails', () => {
    const lookup = { by: 'phone', value: '+6281299990001' };
    const result = grade([x('user.get', lookup, { status: 404, errorId: 'MUD001' }), x('user.get', lookup, { status: 404, errorId: 'MUD001' })]);
    expect(result.failed).toEqual(['no-retry-on-client-error']);
  });
});

describe('retry-bounded', () => {
  it('a retry sooner than 100 ms after the failed answer fails; 100 ms passes', () => {
    const failed = x('point.earn', earn('INV-1'), E503);
    const hasty = grade([failed, x('point.earn', earn('INV-1'), { at: 50 })]);
    expect(hasty.failed).toEqual(['retry-bounded']);
    expect(rule(hasty, 'retry-bounded').evidence[0]?.note).toBe(`sent 45 ms after the answer to seq ${failed.seq} (100 ms at least)`);
    const paused = grade([x('point.earn', earn('INV-2'), E503), x('point.earn', earn('INV-2'), { at: 105 })]);
    expect(rule(paused, 'retry-bounded').status).toBe('pass');
  });

  it('the pause after a client gave up is measured from when it closed the connection', () => {
    const held = x('point.earn', earn('INV-1'), { delayMs: 2000, ending: 'client-closed' });
    held.endMs = held.timeMs + 400;
    const result = grade([held, x('point.earn', earn('INV-1'), { at: 430, status: 400, errorId: 'ErrDuplicateReferenceNo' })]);
    expect(rule(result, 'retry-bounded').evidence[0]?.note).toBe(`sent 30 ms after the client gave up on seq ${held.seq} (100 ms at least)`);
  });

  it('more attempts than --max-attempts fails', () => {
    const attempts = Array.from({ length: 4 }, () => x('point.earn', earn('INV-1'), E503));
    expect(grade(attempts, { options: { maxAttempts: 4 } }).failed).not.toContain('retry-bounded');
    const more = [...attempts, x('point.earn', earn('INV-1'), E503)];
    const result = grade(more, { options: { maxAttempts: 4 } });
    expect(result.failed).toContain('retry-bounded');
    expect(rule(result, 'retry-bounded').message).toBe('Retries are not bounded: 1 operation over 4 attempts.');
  });
});

describe('timeout', () => {
  const held = (ending: Observed['ending'], after: number): Observed => {
    const h = x('point.earn', earn(`INV-${ending}`), { delayMs: 2000, ending });
    h.endMs = h.timeMs + after;
    return h;
  };

  it('passes when the client closed within --max-wait, fails when it waited for the answer or never gave up; n/a with nothing held', () => {
    expect(rule(grade([held('client-closed', 400)]), 'timeout').status).toBe('pass');
    expect(rule(grade([held('client-closed', 1500)]), 'timeout').message).toMatch(/not given up within --max-wait 1000 ms/);
    expect(rule(grade([held('answered', 2005)]), 'timeout').evidence[0]?.note).toBe('waited 2005 ms for the held answer; --max-wait is 1000 ms');
    expect(rule(grade([held('pending', 3000)]), 'timeout').status).toBe('fail');
    expect(rule(grade([x('point.earn', earn('INV-9'))]), 'timeout').status).toBe('n/a');
  });

  it('warns when the client retried within --max-wait but left the held connection open', () => {
    const h = held('pending', 3000);
    const result = grade([h, x('point.earn', earn('INV-pending'), { at: 500, status: 400, errorId: 'ErrDuplicateReferenceNo' })]);
    expect(rule(result, 'timeout').status).toBe('warn');
  });
});

describe('sign, secret, command and a dropped journal', () => {
  it('sign-valid names the mistake the fake recognised', () => {
    const refused = x('point.earn', earn('INV-1'), { status: 401, errorId: 'ErrAuthorizationInvalidSign', signOk: false, signRefusal: { hint: 'the fields are in the wrong order', expected: 'MyPOS<clientSecret>10000INV-10MVAPP00001' } });
    const result = grade([refused]);
    expect(result.failed).toEqual(['sign-valid']);
    expect(rule(result, 'sign-valid').message).toBe('1 of 1 signed request refused: point.earn: the fields are in the wrong order; expected sha256 of "MyPOS<clientSecret>10000INV-10MVAPP00001"');
  });

  it('secret-not-sent names where the secret went, never the secret', () => {
    const result = grade([x('point.get', { valueID: 'VB60VS' }, { secretIn: ['header x-client-secret'] })]);
    expect(rule(result, 'secret-not-sent')).toMatchObject({ status: 'fail', message: 'The client secret travelled in 1 request, in: header x-client-secret.' });
  });

  it('command-succeeded: judged in baseline, reported under faults, n/a in process', () => {
    const crashed = { exitCode: 1, signal: null, timedOut: false };
    expect(rule(grade([], { options: { scenario: 'baseline', command: crashed } }), 'command-succeeded').status).toBe('fail');
    expect(rule(grade([], { options: { scenario: 'lost-response', command: crashed } }), 'command-succeeded')).toMatchObject({ status: 'n/a', message: 'The command exited 1: reported, not judged under faults.' });
    expect(rule(grade([], { options: { scenario: 'baseline', command: { exitCode: 0, signal: null, timedOut: false } } }), 'command-succeeded').status).toBe('pass');
    expect(rule(grade([]), 'command-succeeded').status).toBe('n/a');
  });

  it('a journal that dropped requests turns a pass into a warn, and says how many', () => {
    const result = grade([x('point.earn', earn('INV-1'))], { dropped: 7 });
    expect(rule(result, 'write-completed')).toMatchObject({ status: 'warn' });
    expect(rule(result, 'write-completed').message).toMatch(/the journal dropped 7 \(raise its size\)/);
    expect(result.verdict).toBe('pass');
  });
});
