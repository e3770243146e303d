// grade(fake) on a real fake: what the adapters record of how an exchange ended (answered, closed by the
// fake, given up by the client while held), where a secret travelled in any of its forms, the sign's
// diagnosis, the ledger's double bookings and a journal that dropped requests.
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { createFakeMyValue as createPublicFake, grade, GradeOptionError, type FakeMyValue } from '../../mocks/index';
import { myValueHandlers } from '../../mocks/msw';
import { computeSign, findRule } from '../../src/signing';
import { coreRequest, signedWire } from '../helpers/signed-wire';

const CLIENT = { clientId: 'CertifyTestPOS', clientSecret: 'made-up-certify-secret-77' };
const ORIGIN = 'http://fake.test';
const earnFields = (referenceNo: string): Record<string, unknown> => ({ amount: 10_000, referenceNo, exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' });

function fake(options: Parameters<typeof createPublicFake>[0] = {}): FakeMyValue {
  return createPublicFake({ clients: [CLIENT], ...options });
}

/** A signed request handled in process (no adapter), with extra headers. */
function send(f: FakeMyValue, rule: string, fields: Record<string, unknown>, headers: Record<string, string> = {}): number {
  const request = coreRequest(signedWire(rule, CLIENT, fields), ORIGIN);
  return f.handle({ ...request, headers: { ...request.headers, ...headers } }).status;
}

const ruleOf = (f: FakeMyValue, id: string, options = {}) => grade(f, options).rules.find((r) => r.id === id);

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A wait the test ends by hand: the answer stays held until `release()`. */
function heldWait(): { wait: () => Promise<void>; release: () => void } {
  let release = (): void => undefined;
  return { wait: () => new Promise<void>((done) => (release = done)), release: () => release() };
}

async function until(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((done) => setTimeout(done, 5));
}

describe('how an exchange ended, as the adapters record it', () => {
  it('Express: a client that aborts while the answer is held is recorded as giving up; timeout passes', async () => {
    const f = fake({ faults: ['point.earn:latency=70000,times=1'] });
    const held = heldWait();
    server = await listen(createExpressApp(f, { wait: held.wait }), 0);
    const aborted = new AbortController();
    const wire = signedWire('point.earn', CLIENT, earnFields('CERT-1'));
    const sent = fetch(`${server.url}${wire.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(wire.body), signal: aborted.signal }).catch((e: unknown) => e);
    await until(() => f.journal.count() === 1);
    aborted.abort();
    expect(await sent).toBeInstanceOf(Error);
    await until(() => ruleOf(f, 'timeout', { maxWaitMs: 60_000 })?.status !== 'fail');
    held.release();
    expect(ruleOf(f, 'timeout', { maxWaitMs: 60_000 })).toMatchObject({ status: 'pass', message: 'The client gave up on 1 held answer within 60000 ms.' });
    expect(ruleOf(f, 'timeout', { maxWaitMs: 60_000 })?.evidence[0]?.answer).toMatch(/^client gave up after \d+ ms \(answer 200 held 70000 ms\)$/);
    // Applied, answer never read, nothing confirmed: the write is not complete.
    expect(grade(f, { maxWaitMs: 60_000 }).failed).toEqual(['write-completed']);
  });

  it('Express: a client that waits for the held answer fails timeout', async () => {
    const f = fake({ faults: ['point.earn:latency=70000,times=1'] });
    const held = heldWait();
    server = await listen(createExpressApp(f, { wait: held.wait }), 0);
    const wire = signedWire('point.earn', CLIENT, earnFields('CERT-2'));
    const answered = fetch(`${server.url}${wire.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(wire.body) });
    await until(() => f.journal.count() === 1);
    expect(ruleOf(f, 'timeout', { maxWaitMs: 60_000 })?.evidence[0]?.note).toBe('was still waiting when the command ended; --max-wait is 60000 ms');
    held.release();
    expect((await answered).status).toBe(200);
    expect(ruleOf(f, 'timeout', { maxWaitMs: 60_000 })?.evidence[0]?.note).toMatch(/^waited \d+ ms for the held answer; --max-wait is 60000 ms$/);
  });

  it('Express: a lost answer (no-answer) is applied; a history read after it completes the write', async () => {
    const f = fake({ faults: ['point.earn:no-answer,times=1'] });
    server = await listen(createExpressApp(f), 0);
    const wire = signedWire('point.earn', CLIENT, earnFields('CERT-3'));
    const lost: unknown = await fetch(`${server.url}${wire.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(wire.body) }).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(TypeError);
    expect(ruleOf(f, 'write-completed')?.evidence[0]?.answer).toBe('lost: applied, then the connection was closed');
    const history = signedWire('point.history', CLIENT, { valueID: 'VB60VS' });
    expect((await fetch(`${server.url}${history.path}?${new URLSearchParams(history.query as Record<string, string>)}`)).status).toBe(200);
    expect(grade(f).failed).toEqual([]);
    expect(ruleOf(f, 'write-completed')?.message).toMatch(/1 lost and then confirmed/);
  });

  it('MSW: a fetch aborted while the answer is held is recorded as giving up', async () => {
    const f = fake({ faults: ['point.earn:latency=70000,times=1'] });
    const held = heldWait();
    const msw = setupServer(...myValueHandlers(f, { baseUrls: ['http://myvalue.test'], wait: held.wait }));
    msw.listen({ onUnhandledRequest: 'error' });
    try {
      const aborted = new AbortController();
      const wire = signedWire('point.earn', CLIENT, earnFields('CERT-4'));
      const sent = fetch(`http://myvalue.test${wire.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(wire.body), signal: aborted.signal }).catch((e: unknown) => e);
      await until(() => f.journal.count() === 1);
      aborted.abort();
      expect(await sent).toBeInstanceOf(Error);
      held.release();
      await until(() => ruleOf(f, 'timeout', { maxWaitMs: 60_000 })?.status === 'pass');
      expect(ruleOf(f, 'timeout', { maxWaitMs: 60_000 })?.evidence[0]?.answer).toMatch(/^client gave up after/);
    } finally {
      msw.close();
    }
  });
});

describe('where the secret travelled', () => {
  const secret = CLIENT.clientSecret;
  const basic = Buffer.from(`${CLIENT.clientId}:${secret}`).toString('base64');

  it.each([
    ['as it is, in a header', { 'x-client-secret': secret }, 'header x-client-secret'],
    ['base64 of ID:SECRET, in Authorization: Basic', { authorization: `Basic ${basic}` }, 'header authorization'],
    ['base64 of the secret alone', { 'x-api-key': Buffer.from(secret).toString('base64') }, 'header x-api-key'],
    ['percent-encoded', { 'x-token': encodeURIComponent(`${secret}&`) }, 'header x-token'],
  ])('%s', (_name, headers, place) => {
    const f = fake();
    expect(send(f, 'point.get', { valueID: 'VB60VS' }, headers)).toBe(200);
    const result = ruleOf(f, 'secret-not-sent');
    expect(result).toMatchObject({ status: 'fail', message: `The client secret travelled in 1 request, in: ${place}.` });
    expect(JSON.stringify(grade(f))).not.toContain(secret);
  });

  it('in a body field (nested) and in the query', () => {
    const f = fake();
    send(f, 'point.earn', { ...earnFields('CERT-5'), meta: { auth: secret } });
    send(f, 'point.get', { valueID: 'VB60VS', debug: secret });
    expect(ruleOf(f, 'secret-not-sent')?.message).toBe('The client secret travelled in 2 requests, in: body field meta.auth, query debug.');
  });

  it("client_secret in the Auth API's token body is its place (JSON and form); anywhere else in that body is not", () => {
    const f = fake();
    const token = (body: string, type: string): void => void f.handle({ method: 'POST', path: '/auth/token/', query: {}, headers: { 'content-type': type }, rawBody: body, origin: ORIGIN });
    token(JSON.stringify({ client_id: CLIENT.clientId, client_secret: secret, grant_type: 'authorization_code', code: 'x' }), 'application/json');
    token(new URLSearchParams({ client_id: CLIENT.clientId, client_secret: secret, grant_type: 'authorization_code', code: 'x' }).toString(), 'application/x-www-form-urlencoded');
    expect(ruleOf(f, 'secret-not-sent')?.status).toBe('pass');
    token(JSON.stringify({ client_id: CLIENT.clientId, client_secret: secret, note: secret }), 'application/json');
    expect(ruleOf(f, 'secret-not-sent')?.message).toBe('The client secret travelled in 1 request, in: body field note.');
  });
});

describe('the sign, the ledger and the journal', () => {
  it("sign-valid names the fake's diagnosis of a sign hashed in the wrong order", () => {
    const f = fake();
    const fields = earnFields('CERT-6');
    const rule = findRule('point.earn');
    if (!rule) throw new Error('no rule');
    const reversed = computeSign({ ...rule, fields: [...rule.fields].reverse() }, { ...CLIENT, fields });
    const wire = signedWire('point.earn', CLIENT, fields, { sign: reversed });
    expect(f.handle(coreRequest(wire, ORIGIN)).status).toBe(401);
    const result = ruleOf(f, 'sign-valid');
    expect(result?.status).toBe('fail');
    expect(result?.message).toBe('1 of 1 signed request refused: point.earn: fields seem hashed in reverse order; expected sha256 of "CertifyTestPOS<clientSecret>10000CERT-60MVAPP00001"');
  });

  it('no-double-booking reads the ledger: a lost earn retried with a new referenceNo is booked twice', () => {
    // A clock of the test's own: the retry comes 300 ms after the lost answer, whatever the machine's load.
    let now = Date.parse('2025-03-01T08:00:00Z');
    const f = fake({ faults: ['point.earn:no-answer,times=1'], clock: { now: () => new Date(now) } });
    send(f, 'point.earn', earnFields('CERT-7'));
    now += 300;
    send(f, 'point.earn', earnFields('CERT-7-again'));
    const result = grade(f);
    expect(result.failed).toEqual(['retry-same-reference', 'no-double-booking']);
    expect(result.rules.find((r) => r.id === 'no-double-booking')?.evidence.filter((e) => e.note?.startsWith('ledger entry')).map((e) => e.referenceNo)).toEqual(['CERT-7', 'CERT-7-again']);
  });

  it('a journal that dropped requests says so; reset starts the count again', () => {
    const f = fake({ journalSize: 2 });
    for (const ref of ['CERT-8', 'CERT-9', 'CERT-10']) send(f, 'point.earn', earnFields(ref));
    expect(f.journal.dropped).toBe(1);
    expect(grade(f)).toMatchObject({ verdict: 'pass', dropped: 1, requests: 2 });
    expect(ruleOf(f, 'write-completed')?.status).toBe('warn');
    f.reset();
    expect(f.journal.dropped).toBe(0);
  });

  it('grade refuses what is not a fake, and bad limits, by a throw', () => {
    expect(() => grade({} as FakeMyValue)).toThrow(new TypeError('grade() takes a fake made by createFakeMyValue'));
    expect(() => grade(fake(), { maxAttempts: 0 })).toThrow(GradeOptionError);
    expect(() => grade(fake(), { maxWaitMs: 1.5 })).toThrow('maxWaitMs must be a whole number of at least 1, got 1.5');
  });
});
