// The cap on fault rules in `myvalue mock`: 1,000 --fault flags are served and one more over HTTP is refused;
// 1,001 flags are one line and exit 2 (a child process; the cap in process: rule-cap.test.ts).
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { spawnMock } from '../helpers/spawn-mock';
import { CAP, CLIENT, rules, TOO_MANY } from './helpers';

describe('the cap on fault rules, in myvalue mock', () => {
  it('myvalue mock with 1,000 --fault flags serves them and refuses one more over HTTP; 1,001 flags: one line, exit 2', async () => {
    const flags = (n: number): string[] => rules(n).flatMap((rule) => ['--fault', rule]);
    const mock = await spawnMock(['--quiet', '--client', `${CLIENT.clientId}:${CLIENT.clientSecret}`, ...flags(CAP)]);
    try {
      expect(((await (await fetch(`${mock.url}/__admin/faults`)).json()) as { count: number }).count).toBe(CAP);
      const more = await fetch(`${mock.url}/__admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rule: 'point.earn:status=503' }) });
      expect(more.status).toBe(400);
      expect(((await more.json()) as { detail: string }).detail).toMatch(TOO_MANY);
    } finally {
      await mock.stop();
    }
    const refused = await runCli(['mock', '--port', '0', '--quiet', '--client', `${CLIENT.clientId}:${CLIENT.clientSecret}`, ...flags(CAP + 1)]);
    expect(refused.code).toBe(2);
    expect(refused.err).toEqual(['myvalue: too many fault rules: 1001 given, at most 1000 at a time']);
    expect(refused.out).toEqual([]);
  });
});
