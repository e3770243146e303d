// A journaled request in full (GET /__admin/requests/:seq, fake.journal.exchange): its headers and the
// answer the fake gave, under the journal's bound and with secrets masked; and the live subscription.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import type { JournalRow } from '../../mocks/index';
import { maskHeaders } from '../../mocks/core/journal-exchange';
import { seedClient, signedRequest } from '../ledger/signed';

const POS = seedClient('GramediaPOS');
const ORIGIN = 'http://127.0.0.1:4010';

describe('the exchange of a journaled request', () => {
  it('a refused sign: the request headers (credentials masked), the 401 and its explanation, the secret never shown', () => {
    const fake = createFakeMyValue();
    const req = signedRequest('point.get', POS, { valueID: 'VR8EPN' });
    fake.handle({ ...req, query: { ...req.query, sign: 'f'.repeat(64) }, headers: { ...req.headers, authorization: 'Bearer abc', cookie: 'sid=1', 'x-trace': 't-1' } });
    const seq = fake.journal.list()[0]?.seq ?? 0;
    const x = fake.journal.exchange(seq);
    expect(x).toMatchObject({
      seq, status: 401, signOk: false,
      requestHeaders: { authorization: '***', cookie: '***', 'x-trace': 't-1' },
      response: { status: 401, body: { id: 'ErrAuthorizationInvalidSign', detail: 'Invalid Sign Parameter', errorCode: 401 }, bodyOmitted: null },
      signExplain: { rule: 'point.get', maskedString: 'GramediaPOS<clientSecret>VR8EPN', order: [{ field: 'clientID', text: 'GramediaPOS' }, { field: 'clientSecret', text: '<clientSecret>' }, { field: 'valueID', text: 'VR8EPN' }] },
    });
    expect(JSON.stringify(x)).not.toContain(POS.clientSecret);
    const wire = fake.handle({ method: 'GET', path: `/__admin/requests/${seq}`, query: {}, headers: {}, origin: ORIGIN });
    expect(wire.body).toEqual(x);
  });

  it('answer bodies: kept up to 4,096 characters and masked (tokens); longer ones or HTML only measured; a dropped connection has none', () => {
    const fake = createFakeMyValue({ journalSize: 40 });
    for (let i = 0; i < 30; i++) fake.handle(signedRequest('point.earn', POS, { amount: 10_000, referenceNo: `XCH-${i}`, exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' }));
    fake.journal.clear();
    fake.handle(signedRequest('point.get', POS, { valueID: 'VR8EPN' }));
    fake.handle(signedRequest('point.history', POS, { valueID: 'VB60VS', limit: '100' }));
    fake.handle({ method: 'GET', path: '/service/point/', query: {}, headers: { 'x-myvalue-fault': 'drop' }, origin: ORIGIN });
    const [get, history, dropped] = fake.journal.list().map((e) => fake.journal.exchange(e.seq));
    expect(get?.response).toMatchObject({ status: 200, body: { point: expect.any(Number) }, bodyOmitted: null });
    expect(history?.response?.body).toBeNull();
    expect(history?.response?.bodyOmitted).toMatch(/^\d+ characters, over the 4096 the journal keeps$/);
    expect(dropped?.response).toBeNull();
    expect(fake.journal.exchange(999)).toBeUndefined();
    expect(fake.handle({ method: 'GET', path: '/__admin/requests/999', query: {}, headers: {}, origin: ORIGIN })).toMatchObject({ status: 404, body: { id: 'ErrRequestNotFound' } });
  });

  it("headers: credentials masked by name, and an SSO redirect's code in its Location", () => {
    expect(maskHeaders({ location: 'http://127.0.0.1:5173/callback?code=abc123&state=s-1#x', 'set-cookie': 'sid=9', 'x-myvalue-admin-token': 't', 'content-type': 'text/html' })).toEqual({
      location: 'http://127.0.0.1:5173/callback?code=***&state=s-1#x', 'set-cookie': '***', 'x-myvalue-admin-token': '***', 'content-type': 'text/html',
    });
  });

  it('list() entries stay as they were: no headers, no answer', () => {
    const fake = createFakeMyValue();
    fake.handle(signedRequest('point.get', POS, { valueID: 'VR8EPN' }));
    expect(Object.keys(fake.journal.list()[0] ?? {}).sort()).toEqual(['body', 'bodyOmitted', 'clientId', 'delayMs', 'durationMs', 'fault', 'method', 'path', 'query', 'rule', 'seq', 'signOk', 'status', 'time']);
  });
});

describe('journal.subscribe', () => {
  it('gets each request as it is journaled, masked, with a refused sign explained; stops when told', () => {
    const fake = createFakeMyValue();
    const seen: JournalRow[] = [];
    const stop = fake.journal.subscribe((row) => seen.push(row));
    fake.handle(signedRequest('point.get', POS, { valueID: 'VR8EPN' }));
    const bad = signedRequest('point.get', POS, { valueID: 'VR8EPN' });
    fake.handle({ ...bad, query: { ...bad.query, sign: 'nope' } });
    fake.handle({ method: 'POST', path: '/auth/token', query: {}, headers: { 'content-type': 'application/x-www-form-urlencoded' }, rawBody: 'grant_type=password', origin: ORIGIN });
    fake.handle({ method: 'POST', path: '/__admin/reset', query: {}, headers: {}, origin: ORIGIN });
    stop();
    fake.handle(signedRequest('point.get', POS, { valueID: 'VR8EPN' }));
    expect(seen.map((r) => [r.seq, r.path, r.status, r.signExplain?.rule ?? null])).toEqual([[1, '/service/point/', 200, null], [2, '/service/point/', 401, 'point.get'], [3, '/auth/token', expect.any(Number), null]]);
  });
});
