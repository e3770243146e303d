// Concurrency over HTTP (Express adapter): requests that race for the same points or the same
// referenceNo. Each request has its own connection, all in flight at once.
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { createFakeMyValue, loadSeed, type Fake, type Seed } from '../../mocks/create-fake';
import { httpRequest, seedClient, signedHttp, signedUrl, wholeHistory, type Credentials } from './signed';

const CONCURRENT = 200;
const VALUE_ID = 'RACE01';

/** The demo seed plus one user whose balance is exactly 1,000. */
function seedWithThousand(): Seed {
  const seed = loadSeed();
  return {
    ...seed,
    users: [
      ...seed.users,
      {
        valueID: VALUE_ID,
        firstName: 'Race',
        email: 'race01@example.test',
        history: [{ referenceNo: 'OPENING-RACE01', type: 'EARNING', point: 1_000, amount: 62_500, outletID: 'MVAPP00001', clientID: 'GramediaPOS', createdAt: '2025-01-01T00:00:00Z' }],
      },
    ],
  };
}

describe('concurrent requests over HTTP', () => {
  let fake: Fake;
  let server: RunningServer;
  let agent: http.Agent;
  let connections: number;
  const creds: Credentials = seedClient('GramediaPOS');

  beforeEach(async () => {
    fake = createFakeMyValue({ seed: seedWithThousand() });
    server = await listen(createExpressApp(fake), 0);
    connections = 0;
    server.server.on('connection', () => {
      connections += 1;
    });
    agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENT });
  });

  afterEach(async () => {
    agent.destroy();
    await server.close();
    fake.close();
  });

  const balance = async (): Promise<number> => {
    const reply = await signedHttp(agent, server.url, 'point.get', creds, { valueID: VALUE_ID });
    expect(reply.status).toBe(200);
    return (reply.body as { point: number }).point;
  };

  const historySum = async (): Promise<{ sum: number; refs: string[] }> => {
    const first = signedUrl(server.url, 'point.history', creds, { valueID: VALUE_ID, limit: 100 });
    const { entries } = await wholeHistory((url) => httpRequest(agent, url, 'GET'), first);
    return { sum: entries.reduce((s, e) => s + e.point, 0), refs: entries.map((e) => e.referenceNo) };
  };

  it(`${CONCURRENT} concurrent redeems of 10 points against 1,000: exactly 100 succeed, the balance ends at 0`, async () => {
    expect(await balance()).toBe(1_000);
    const replies = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        signedHttp(agent, server.url, 'point.redeem', creds, { amount: 10, referenceNo: `RACE-REDEEM-${i}`, outletID: 'MVAPP00001', valueID: VALUE_ID }),
      ),
    );
    expect(connections, 'requests really were in flight together').toBeGreaterThanOrEqual(CONCURRENT / 2);
    const ok = replies.filter((r) => r.status === 200);
    const refused = replies.filter((r) => r.status !== 200);
    expect(ok).toHaveLength(100);
    for (const r of ok) expect(r.body).toEqual({ Point: -10 });
    expect(refused).toHaveLength(100);
    for (const r of refused) expect(r).toMatchObject({ status: 400, body: { id: 'ErrInsufficientPoint', errorCode: 400 } });
    expect(await balance()).toBe(0);
    const history = await historySum();
    expect(history.sum).toBe(0);
    expect(history.refs.filter((ref) => ref.startsWith('RACE-REDEEM-'))).toHaveLength(100);
  });

  it('20 concurrent earns with one referenceNo: exactly one is applied', async () => {
    const before = await balance();
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        signedHttp(agent, server.url, 'point.earn', creds, { amount: 10_000, referenceNo: 'RACE-EARN-ONCE', exchangeRate: 0, outletID: 'MVAPP00001', valueID: VALUE_ID }),
      ),
    );
    expect(connections, 'requests really were in flight together').toBeGreaterThanOrEqual(10);
    const ok = replies.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(ok[0]?.body).toEqual({ Point: 160 });
    const refused = replies.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r).toMatchObject({ status: 400, body: { id: 'ErrDuplicateReferenceNo', errorCode: 400 } });
    expect(await balance()).toBe(before + 160);
    const history = await historySum();
    expect(history.sum).toBe(before + 160);
    expect(history.refs.filter((ref) => ref === 'RACE-EARN-ONCE')).toHaveLength(1);
  });
});
