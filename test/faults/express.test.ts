// The fault scenarios through a real HTTP server (Express adapter on a free port), plus the admin faults API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import type { Fake } from '../../mocks/create-fake';
import { balancePath, EARN_PATH, earnBody, freshFake } from './helpers';
import { SCENARIOS, type Transport } from './scenarios';

let running: RunningServer | undefined;

async function serve(fake: Fake, waits: number[]): Promise<Transport> {
  running = await listen(createExpressApp(fake, { wait: async (ms) => void waits.push(ms) }), 0);
  const base = running.url;
  return { send: (method, path, init = {}) => fetch(`${base}${path}`, { method, body: init.body, headers: init.headers }) };
}

afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('faults over HTTP (Express)', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const fake = freshFake({ faults: scenario.faults ?? [] });
      const waits: number[] = [];
      await scenario.run({ http: await serve(fake, waits), fake, waits });
    });
  }

  it('a dropped connection is a socket error, not an HTTP status', async () => {
    const http = await serve(freshFake({ faults: ['point.get:drop'] }), []);
    const error: unknown = await http.send('GET', balancePath()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('UND_ERR_SOCKET');
  });

  it('the default wait really holds the answer back (the directive reaches the socket)', async () => {
    // Not a timing assertion: only that a 1 ms fault still answers through the real timer path.
    running = await listen(createExpressApp(freshFake({ faults: ['*:latency=1'] })), 0);
    const response = await fetch(`${running.url}${balancePath()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-myvalue-fault')).toBe('*:latency=1');
  });
});

describe('admin faults API: POST / GET / DELETE /__admin/faults', () => {
  let base = '';
  let fake: Fake;
  beforeEach(async () => {
    fake = freshFake();
    running = await listen(createExpressApp(fake, { wait: async () => undefined }), 0);
    base = running.url;
  });

  const admin = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${base}/__admin/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  it('sets rules (string, object and list forms), lists them, and they act', async () => {
    const added = await admin('POST', 'faults', { rules: ['point.earn:status=503,times=1', { route: 'point.get', latency: [10, 20] }] });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ count: 2, faults: [{ id: 'f1', text: 'point.earn:status=503,times=1', remaining: 1 }, { id: 'f2', text: 'point.get:latency=10-20' }] });
    const listed = (await (await admin('GET', 'faults')).json()) as { count: number; faults: Array<{ text: string }> };
    expect(listed.faults.map((f) => f.text)).toEqual(['point.earn:status=503,times=1', 'point.get:latency=10-20']);
    const earn = await fetch(`${base}${EARN_PATH}`, { method: 'POST', body: earnBody('ADMIN-1'), headers: { 'content-type': 'application/json' } });
    expect(earn.status).toBe(503);
    expect((await (await admin('GET', 'faults')).json()) as unknown).toMatchObject({ count: 1 });
  });

  it('deletes one rule by id, then clears all', async () => {
    await admin('POST', 'faults', { rule: '*:drop' });
    await admin('POST', 'faults', { route: 'point.get', status: 500 });
    expect(await (await admin('DELETE', 'faults/f1')).json()).toEqual({ removed: 'f1' });
    expect((await admin('DELETE', 'faults/f1')).status).toBe(404);
    expect(await (await admin('DELETE', 'faults')).json()).toEqual({ cleared: 1 });
    expect((await fetch(`${base}${balancePath()}`)).status).toBe(200);
  });

  it('refuses a bad rule with 400 in MyValue error shape, and adds nothing of a bad list', async () => {
    const refused = await admin('POST', 'faults', { rules: ['*:latency=5', { route: 'point.earn', status: 404 }] });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ id: 'ErrValidation', detail: 'rules[1]: status must be 500, 502, 503 or 504, got "404"', errorCode: 400 });
    expect(fake.faults.list()).toEqual([]);
    const notJson = await fetch(`${base}/__admin/faults`, { method: 'POST', body: '{"rule": ', headers: { 'content-type': 'application/json' } });
    expect(await notJson.json()).toMatchObject({ id: 'ErrMalformedJSON', errorCode: 400 });
  });
});
