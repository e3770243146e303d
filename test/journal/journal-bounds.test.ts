// The journal's memory is bounded by its capacity, not by what clients send: a body over 4,096 characters
// is recorded without it (body null, bodyOmitted saying why), the rest of the entry as always.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { createJournal, JOURNAL_HEADERS_MAX_CHARS } from '../../mocks/core/journal';
import { exchangeOf } from '../../mocks/core/journal-exchange';

describe('journal bounds', () => {
  it('a 100 KiB body: the request is journaled, its body is not kept', () => {
    const fake = createFakeMyValue({ journalSize: 3 });
    const big = JSON.stringify({ amount: 1, referenceNo: 'R'.repeat(100 * 1024), clientID: 'GramediaPOS', sign: 'x' });
    for (let i = 0; i < 5; i++) fake.handle({ method: 'POST', path: '/service/point/earn/', query: {}, headers: { 'content-type': 'application/json' }, rawBody: big, origin: 'http://127.0.0.1' });
    const entries = fake.journal.list();
    const omitted = `${big.length} characters, over the 4096 the journal keeps`;
    expect(entries.map((e) => [e.seq, e.method, e.path, e.status, e.body, e.bodyOmitted])).toEqual([
      [3, 'POST', '/service/point/earn/', 401, null, omitted],
      [4, 'POST', '/service/point/earn/', 401, null, omitted],
      [5, 'POST', '/service/point/earn/', 401, null, omitted],
    ]);
    expect(fake.journal.clear()).toBe(3);
    expect(fake.journal.list()).toEqual([]);
  });

  it('a body of exactly 4,096 characters is kept and shown; one character more is not', () => {
    const fake = createFakeMyValue();
    const body = (length: number): string => {
      const frame = JSON.stringify({ amount: 1, referenceNo: '' });
      return JSON.stringify({ amount: 1, referenceNo: 'R'.repeat(length - frame.length) });
    };
    for (const length of [4096, 4097]) fake.handle({ method: 'POST', path: '/service/point/earn/', query: {}, headers: { 'content-type': 'application/json' }, rawBody: body(length), origin: 'http://127.0.0.1' });
    const [kept, dropped] = fake.journal.list();
    expect(kept).toMatchObject({ body: { amount: 1 }, bodyOmitted: null });
    expect(dropped).toMatchObject({ body: null, bodyOmitted: '4097 characters, over the 4096 the journal keeps' });
  });

  it('a body that is not JSON is said to be so; no body at all is not mentioned', () => {
    const fake = createFakeMyValue();
    fake.handle({ method: 'POST', path: '/service/point/earn/', query: {}, headers: { 'content-type': 'application/json' }, rawBody: '{"amount":', origin: 'http://127.0.0.1' });
    fake.handle({ method: 'GET', path: '/service/point/', query: {}, headers: {}, origin: 'http://127.0.0.1' });
    expect(fake.journal.list().map((e) => [e.body, e.bodyOmitted])).toEqual([[null, 'not JSON (10 characters)'], [null, null]]);
  });
});

describe('a body nested deep, within the journal\'s 4,096 characters', () => {
  it('is never walked: the list, the full exchange and the collection say why and show none', () => {
    const fake = createFakeMyValue();
    // About 2,000 levels in under 4,096 characters: the fake refused it (400), the journal kept its text.
    const deep = `{"amount":1,"x":${'['.repeat(2000)}${']'.repeat(2000)}}`;
    const res = fake.handle({ method: 'POST', path: '/service/point/earn/', query: {}, headers: { 'content-type': 'application/json' }, rawBody: deep, origin: 'http://127.0.0.1' });
    expect(res.status).toBe(400);
    const [entry] = fake.journal.list();
    expect(entry).toMatchObject({ body: null, bodyOmitted: expect.stringMatching(/^not shown: it is nested deeper than 32 levels/) });
    expect(fake.journal.exchange(entry?.seq ?? 0)).toMatchObject({ body: null, bodyOmitted: expect.stringMatching(/^not shown/), response: { status: 400 } });
    expect(() => fake.journal.toCollection()).not.toThrow();
  });
});

describe('headers, bounded as bodies are', () => {
  it('request headers past 16,384 characters (a client in process has no limit) are not kept; the exchange says why', () => {
    const fake = createFakeMyValue();
    const big = { 'x-big': 'h'.repeat(20_000), 'x-trace': 't-1' };
    fake.handle({ method: 'GET', path: '/service/point/', query: {}, headers: big, origin: 'http://127.0.0.1' });
    fake.handle({ method: 'GET', path: '/service/point/', query: {}, headers: { 'x-trace': 't-2' }, origin: 'http://127.0.0.1' });
    const [dropped, kept] = fake.journal.list().map((e) => fake.journal.exchange(e.seq));
    const size = Object.entries(big).reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(dropped).toMatchObject({ requestHeaders: {}, requestHeadersOmitted: `${size} characters, over the 16384 the journal keeps`, response: { status: 400 } });
    expect(kept).toMatchObject({ requestHeaders: { 'x-trace': 't-2' }, requestHeadersOmitted: null });
  });

  it("an answer's headers past the bound likewise; at the bound they are kept", () => {
    const journal = createJournal(10);
    const record = (headers: Record<string, string>) => journal.record({
      timeMs: 0, method: 'GET', path: '/x', query: {}, rawBody: undefined, rule: null, clientId: null, signOk: null, status: 200, durationMs: 0, delayMs: 0, fault: null,
      headers: {}, response: { status: 200, headers, text: '' },
    });
    record({ 'x-a': 'a'.repeat(JOURNAL_HEADERS_MAX_CHARS - 3) });
    record({ 'x-a': 'a'.repeat(JOURNAL_HEADERS_MAX_CHARS - 2) });
    const [atBound, over] = journal.list().map((e) => journal.bySeq(e.seq)).map((found) => found && exchangeOf(found.entry, found.record, journal.hide));
    expect(atBound?.response).toMatchObject({ headers: { 'x-a': expect.any(String) }, headersOmitted: null });
    expect(over?.response).toMatchObject({ headers: {}, headersOmitted: '16385 characters, over the 16384 the journal keeps' });
  });
});
