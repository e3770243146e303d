// `mock --clock ISO` starts the fake's clock there and says so; the admin API reads and moves it, and
// points earned then expire when it passes their expiry.
import { describe, expect, it } from 'vitest';
import { spawnMock } from '../helpers/spawn-mock';

describe('mock --clock', () => {
  it('starts the clock at the instant given; POST /__admin/clock moves it on', async () => {
    const mock = await spawnMock(['--clock', '2022-11-01T00:00:00+07:00', '--quiet']);
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(mock.output()).toMatch(/ {2}clock: started at 2022-10-31T17:00:00\.\d{3}Z \(GET \/__admin\/clock\)/);
      const clock = (await (await fetch(`${mock.url}/__admin/clock`)).json()) as { now: string };
      // It runs on from the start (a few milliseconds here), never from the machine's date.
      expect(Date.parse(clock.now) - Date.parse('2022-10-31T17:00:00Z')).toBeLessThan(60_000);
      const moved = await fetch(`${mock.url}/__admin/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: 'P2Y' }) });
      expect(moved.status).toBe(200);
      expect(((await moved.json()) as { now: string }).now.startsWith('2024-10-31T17:00:')).toBe(true);
    } finally {
      await mock.stop();
    }
  });
});
