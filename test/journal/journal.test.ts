// The request journal: what it records, its filters, its bound, clearing, and what it never keeps.
import { afterEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { myValueHandlers } from '../../mocks/msw';
import { balancePath, call, CLIENT, EARN_PATH, earnBody, freshFake, testClock } from '../faults/helpers';

describe('journal in the core', () => {
  it('records method, path, query, rule, clientId, sign verdict, status, time and fault', () => {
    const clock = testClock('2025-03-01T08:00:00.000Z');
    const fake = freshFake({ clock, faults: ['point.earn:status=503,times=1'] });
    call(fake, 'GET', balancePath());
    clock.set('2025-03-01T08:00:05.000Z');
    call(fake, 'POST', EARN_PATH, { body: earnBody('J-1') });
    call(fake, 'POST', EARN_PATH, { body: earnBody('J-2', { wrongSign: true }) });
    call(fake, 'GET', '/service/point/?valueID=VR8EPN');
    call(fake, 'GET', '/no/such/route');
    const [get, faulted, wrongSign, unsigned, unknown] = fake.journal.list();
    expect(get).toMatchObject({
      seq: 1, time: '2025-03-01T08:00:00.000Z', method: 'GET', path: '/service/point/',
      query: { clientID: CLIENT.clientId, valueID: 'VR8EPN' }, rule: 'point.get', clientId: CLIENT.clientId, signOk: true, status: 200, fault: null, delayMs: 0,
    });
    expect(get?.durationMs).toBeGreaterThanOrEqual(0);
    expect(faulted).toMatchObject({ time: '2025-03-01T08:00:05.000Z', rule: 'point.earn', signOk: true, status: 503, fault: 'point.earn:status=503,times=1', body: { referenceNo: 'J-1', amount: 10000 } });
    expect(wrongSign).toMatchObject({ rule: 'point.earn', signOk: false, status: 401 });
    expect(unsigned).toMatchObject({ rule: 'point.get', clientId: null, signOk: null, status: 400 });
    expect(unknown).toMatchObject({ rule: null, signOk: null, status: 404 });
  });

  it('records drop as status null and no-answer with the status that was never sent', () => {
    const fake = freshFake();
    call(fake, 'POST', EARN_PATH, { body: earnBody('J-DROP'), headers: { 'x-myvalue-fault': 'drop' } });
    call(fake, 'POST', EARN_PATH, { body: earnBody('J-NA'), headers: { 'x-myvalue-fault': 'no-answer,latency=30' } });
    call(fake, 'POST', EARN_PATH, { body: earnBody('J-P'), headers: { prefer: 'code=401' } });
    expect(fake.journal.list().map((e) => [e.status, e.fault, e.delayMs])).toEqual([
      [null, 'header:drop', 0],
      [200, 'header:latency=30,no-answer', 30],
      [401, 'prefer:code=401', 0],
    ]);
  });

  it('filters by method, path, rule, clientId, status, signOk and since, and counts', () => {
    const clock = testClock('2025-03-01T08:00:00.000Z');
    const fake = freshFake({ clock });
    call(fake, 'GET', balancePath());
    call(fake, 'POST', EARN_PATH, { body: earnBody('F-1', { wrongSign: true }) });
    clock.set('2025-03-01T09:00:00.000Z');
    call(fake, 'POST', EARN_PATH, { body: earnBody('F-2') });
    call(fake, 'GET', '/v1/service/promos/13063?valueID=VR8EPN');
    const refs = (filter: Parameters<typeof fake.journal.list>[0]): unknown[] => fake.journal.list(filter).map((e) => e.seq);
    expect(refs({ method: 'post' })).toEqual([2, 3]);
    expect(refs({ path: '/service/point/earn' })).toEqual([2, 3]);
    expect(refs({ path: '/v1/service/promos/*' })).toEqual([4]);
    expect(refs({ rule: 'point.earn', signOk: false })).toEqual([2]);
    expect(refs({ signOk: null })).toEqual([4]);
    expect(refs({ status: 200 })).toEqual([1, 3]);
    expect(refs({ clientId: CLIENT.clientId, since: '2025-03-01T08:30:00Z' })).toEqual([3]);
    expect(fake.journal.count({ rule: 'point.earn' })).toBe(2);
    expect(fake.journal.count()).toBe(4);
  });

  it('keeps only the last journalSize requests, dropping the oldest', () => {
    const fake = freshFake({ journalSize: 3 });
    for (let i = 0; i < 5; i++) call(fake, 'GET', balancePath());
    expect(fake.journal.list().map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it('clear empties it; reset does too', () => {
    const fake = freshFake();
    call(fake, 'GET', balancePath());
    expect(fake.journal.clear()).toBe(1);
    expect(fake.journal.count()).toBe(0);
    call(fake, 'GET', balancePath());
    fake.reset();
    expect(fake.journal.count()).toBe(0);
  });

  it('never keeps a client secret, password or token; admin calls are not journaled', () => {
    const fake = freshFake();
    call(fake, 'POST', '/auth/token/', { body: JSON.stringify({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code: 'abc', grant_type: 'authorization_code' }) });
    call(fake, 'GET', `/v2/service/user/?by=valueid&value=VR8EPN&password=hunter22&access_token=tok`);
    call(fake, 'GET', '/__admin/requests');
    call(fake, 'GET', '/__admin/health');
    const text = JSON.stringify(fake.journal.list());
    expect(text).not.toContain(CLIENT.clientSecret);
    expect(text).not.toContain('hunter22');
    expect(text).not.toContain('"tok"');
    expect(fake.journal.list().map((e) => e.path)).toEqual(['/auth/token/', '/v2/service/user/']);
  });

  it('keeps no body over 4 KB', () => {
    const fake = freshFake();
    call(fake, 'POST', EARN_PATH, { body: JSON.stringify({ note: 'x'.repeat(5000) }) });
    expect(fake.journal.list()[0]?.body).toBeNull();
  });
});

describe('GET / DELETE /__admin/requests over HTTP', () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('lists with filters and a count, refuses unknown filters, and clears', async () => {
    const fake = freshFake();
    running = await listen(createExpressApp(fake), 0);
    const base = running.url;
    await fetch(`${base}${balancePath()}`);
    await fetch(`${base}${EARN_PATH}`, { method: 'POST', body: earnBody('H-1', { wrongSign: true }), headers: { 'content-type': 'application/json' } });
    const wrong = await (await fetch(`${base}/__admin/requests?rule=point.earn&signOk=false`)).json();
    expect(wrong).toMatchObject({ count: 1, requests: [{ path: EARN_PATH, method: 'POST', status: 401, signOk: false, clientId: CLIENT.clientId }] });
    expect(await (await fetch(`${base}/__admin/requests?status=200`)).json()).toMatchObject({ count: 1 });
    const bad = await fetch(`${base}/__admin/requests?sigOk=false`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ id: 'ErrValidation', detail: 'unknown filter "sigOk"; use method, path, rule, clientId, status, signOk, since', errorCode: 400 });
    expect(await (await fetch(`${base}/__admin/requests`, { method: 'DELETE' })).json()).toEqual({ cleared: 2 });
    expect(await (await fetch(`${base}/__admin/requests`)).json()).toEqual({ count: 0, requests: [] });
  });
});

describe('journal in process (MSW): a partner test asserts what its code sent', () => {
  it('sees the earn the code under test sent through fetch', async () => {
    const fake = freshFake();
    const server = setupServer(...myValueHandlers(fake));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      // "The partner's code": an earn on the sandbox host.
      await fetch(`https://external.ovaltech.id${EARN_PATH}`, { method: 'POST', body: earnBody('POS-0001', { amount: 25_000 }), headers: { 'content-type': 'application/json' } });
      const sent = fake.journal.list({ rule: 'point.earn' });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ signOk: true, status: 200, body: { referenceNo: 'POS-0001', amount: 25_000, outletID: '10000' } });
    } finally {
      server.close();
    }
  });
});
