// The journal's memory is bounded by its capacity, not by what clients send: a body over 4 KB is
// recorded without it (body null), the rest of the entry as always.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';

describe('journal bounds', () => {
  it('a 100 KiB body: the request is journaled, its body is not kept', () => {
    const fake = createFakeMyValue({ journalSize: 3 });
    const big = JSON.stringify({ amount: 1, referenceNo: 'R'.repeat(100 * 1024), clientID: 'GramediaPOS', sign: 'x' });
    for (let i = 0; i < 5; i++) fake.handle({ method: 'POST', path: '/service/point/earn/', query: {}, headers: { 'content-type': 'application/json' }, rawBody: big, origin: 'http://127.0.0.1' });
    const entries = fake.journal.list();
    expect(entries.map((e) => [e.seq, e.method, e.path, e.status, e.body])).toEqual([
      [3, 'POST', '/service/point/earn/', 401, null],
      [4, 'POST', '/service/point/earn/', 401, null],
      [5, 'POST', '/service/point/earn/', 401, null],
    ]);
    expect(fake.journal.clear()).toBe(3);
    expect(fake.journal.list()).toEqual([]);
  });
});
