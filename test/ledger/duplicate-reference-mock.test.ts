// `myvalue mock --duplicate-reference replay` over HTTP: a repeated earn answers 200 twice with the first
// answer, and the start says so (a child process; the ledger's rules in process: duplicate-reference.test.ts).
import { describe, expect, it } from 'vitest';
import { seedClient } from './signed';
import { spawnMock } from '../helpers/spawn-mock';
import { Api } from '../helpers/api';

const POS = seedClient('GramediaPOS');
const EARN = { amount: 25_000, referenceNo: 'DUP-E1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' };

describe('a referenceNo used twice, against myvalue mock', () => {
  it('mock --duplicate-reference replay: over HTTP a repeated earn answers 200 twice, and the start says so', async () => {
    const mock = await spawnMock(['--duplicate-reference', 'replay', '--quiet']);
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(mock.output()).toContain('duplicate referenceNo: replayed (200 with the first answer, nothing applied twice)');
      const api = new Api(mock.url, POS);
      const first = await api.call('point.earn', EARN);
      const again = await api.call('point.earn', EARN);
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(again.body).toEqual(first.body);
    } finally {
      await mock.stop();
    }
  });
});
