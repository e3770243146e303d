// What `myvalue mock` prints per request, as a terminal or a log file gets it: text sent by a client (here a
// referenceNo in a refused sign's note) cannot start a line of its own nor reach the terminal as a control
// sequence; a legitimate line reads as before, and JSON lines parse back to exactly what was sent.
import http from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnMock, type MockProcess } from '../helpers/spawn-mock';
import { signedHttp, signedUrl, httpRequest } from '../ledger/signed';

/** Made-up credentials, given with --client; the wrong secret makes the fake explain the sign in its log line. */
const CREDS = { clientId: 'LogTestPOS', clientSecret: 'made-up-secret-for-log-tests' };
const WRONG = { ...CREDS, clientSecret: 'not-the-secret' };
const FORGED = '2030-01-01T00:00:00.000Z POST /service/point/earn/ 200 0.1ms point.earn';
/** Line breaks, an OSC title and a screen clear, DEL, C1 (NEL, CSI), Unicode separators, a bidi override; then legitimate text. */
const HOSTILE = `REF\n${FORGED}\r\x1b]0;owned\x07\x1b[2J\x7f\u0085\u009b\u2028\u2029\u202eKopi-é-☕`;
/** What may reach the terminal: printable text and the line feeds between lines. */
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

describe('myvalue mock log lines', () => {
  const running: MockProcess[] = [];
  const agent = new http.Agent({ keepAlive: false });
  afterEach(async () => {
    for (const mock of running.splice(0)) await mock.stop();
  });
  const start = async (...flags: string[]): Promise<MockProcess> => {
    const mock = await spawnMock(['--client', `${CREDS.clientId}:${CREDS.clientSecret}`, ...flags]);
    running.push(mock);
    return mock;
  };
  /** A legitimate balance read, then an earn with a wrong sign whose referenceNo is HOSTILE. */
  const send = async (mock: MockProcess): Promise<void> => {
    expect((await httpRequest(agent, signedUrl(mock.url, 'point.get', CREDS, { valueID: 'VR8EPN' }), 'GET')).status).toBe(200);
    const refused = await signedHttp(agent, mock.url, 'point.earn', WRONG, { amount: 10_000, referenceNo: HOSTILE, outletID: 'MVAPP00001', valueID: 'VR8EPN' });
    expect(refused.status).toBe(401);
  };

  it('text: one line a request, control characters shown escaped, the rest as it was', async () => {
    const mock = await start('--log-format', 'text');
    await send(mock);
    const lines = await vi.waitFor(() => {
      const requests = mock.output().split('\n').filter((l) => / (GET|POST) \//.test(l));
      expect(requests.length).toBeGreaterThanOrEqual(2);
      return requests;
    });
    expect(mock.output()).not.toMatch(CONTROL);
    expect(mock.output().split('\n').filter((l) => l.startsWith('2030-'))).toEqual([]);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z GET \/service\/point\/ 200 \d+\.\dms point\.get$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z POST \/service\/point\/earn\/ 401 \d+\.\dms point\.earn: invalid sign; /);
    expect(lines[1]).toContain(String.raw`REF\n${FORGED}\r\x1b]0;owned\x07\x1b[2J\x7f\x85\x9b\u2028\u2029\u202eKopi-é-☕`);
  });

  it('json: one object a line, parsing back to the referenceNo as sent, with no control character on the wire', async () => {
    const mock = await start('--log-format', 'json');
    await send(mock);
    const records = await vi.waitFor(() => {
      const parsed = mock.output().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
      const requests = parsed.filter((r) => r.event === 'request');
      expect(requests.length).toBeGreaterThanOrEqual(2);
      return requests;
    });
    expect(mock.output()).not.toMatch(CONTROL);
    expect(records[0]).toMatchObject({ method: 'GET', path: '/service/point/', status: 200, note: 'point.get' });
    expect(records[1]).toMatchObject({ method: 'POST', status: 401, signOk: false });
    expect(records[1]?.note).toContain(HOSTILE);
  });
});
