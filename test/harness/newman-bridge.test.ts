// One test per coupling to Newman's internals (src/run/newman-bridge.ts), each a one- or two-request
// collection through the installed Newman against a plain server on 127.0.0.1: an upgrade that changes
// an event's payload, the emit path, the environment scope or the export step fails here, by name.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { captureOutput } from '../../src/run/capture-output';
import { guardRequester } from '../../src/run/guard-requester';
import type { Hop } from '../../src/run/production-writes';
import { runNewman, TOO_LARGE_MESSAGE, type AssertionEvent, type ConsoleEvent, type ItemEvent, type NewmanOutcome, type NewmanRun, type NewmanRunOptions, type RequestEvent } from '../../src/run/newman-bridge';
import { MAX_RESPONSE_BYTES } from '../../src/run/run-limits';
import { tempDir } from '../helpers/temp-dir';

const PROBE = 'x-bridge-probe';
let server: Server;
let base = '';
const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
  // A gzip body of about 11 kB that inflates past the most a run reads.
  const large = gzipSync(Buffer.alloc(MAX_RESPONSE_BYTES + 1024 * 1024, 'a'), { level: 9 });
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    if (req.url?.startsWith('/hop')) return void res.writeHead(307, { location: `${base}/landed${req.url.slice(4)}`, 'content-length': 0 }).end();
    if (req.url === '/large') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip', 'content-length': large.length }).end(large);
      return;
    }
    const [status, body] = req.url === '/probe' ? [418, '{"probe":true}'] : [200, `{"path":${JSON.stringify(req.url)},"marker":"BRIDGE-MARKER-42"}`];
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

interface Scripts {
  prerequest?: string;
  test?: string;
}

const item = (name: string, path: string, scripts: Scripts = {}): object => ({
  id: `id-${name}`,
  name,
  request: { method: 'GET', url: `${base}${path}` },
  event: Object.entries(scripts).map(([listen, code]) => ({ listen, script: { type: 'text/javascript', exec: code.split('\n') } })),
});

function run(items: object[], setup: (run: NewmanRun) => void, extra: Partial<NewmanRunOptions> = {}): Promise<NewmanOutcome> {
  seen.length = 0;
  return runNewman(
    {
      collection: { info: { name: 'bridge', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: items },
      environment: { name: 'bridge', values: [{ key: 'stale', value: 'left over', type: 'default' }] },
      reporters: [],
      reporter: {},
      color: 'off',
      ...extra,
    },
    setup,
  );
}

function ran(outcome: NewmanOutcome): Extract<NewmanOutcome, { ok: true }> {
  if (!outcome.ok) throw outcome.error;
  return outcome;
}

describe('events and the summary', () => {
  it("carry the item's cursor ref, iteration, id and name; the summary's executions are keyed by the same refs", async () => {
    const before: ItemEvent[] = [];
    const requests: RequestEvent[] = [];
    const after: ItemEvent[] = [];
    const outcome = ran(
      await run([item('first', '/one', { test: "pm.test('is 200', function () { pm.response.to.have.status(200); });" }), item('second', '/two', { test: "pm.test('is 201', function () { pm.response.to.have.status(201); });" })], (r) => {
        r.on('beforeItem', (e) => before.push(e));
        r.on('request', (e) => requests.push(e));
        r.on('item', (e) => after.push(e));
      }),
    );
    expect(before.map((e) => [e.item.id, e.item.name, e.iteration])).toEqual([['id-first', 'first', 0], ['id-second', 'second', 0]]);
    const refs = before.map((e) => e.ref);
    expect(new Set(refs).size).toBe(2);
    expect(requests.map((e) => e.ref)).toEqual(refs);
    expect(after.map((e) => e.ref)).toEqual(refs);
    expect(outcome.executions.map((e) => [e.ref, e.item.id, e.iteration])).toEqual([[refs[0], 'id-first', 0], [refs[1], 'id-second', 0]]);

    const [first] = requests;
    expect(first).toMatchObject({ failed: false, request: { method: 'GET', url: `${base}/one` }, response: { code: 200 } });
    expect(first?.response?.header('content-type')).toBe('application/json');
    expect(JSON.parse(first?.response?.text() ?? '')).toEqual({ path: '/one', marker: 'BRIDGE-MARKER-42' });
    expect(first?.texts().join('\n')).toContain('BRIDGE-MARKER-42');

    expect(outcome.collection).toBe('bridge');
    expect(outcome.failed).toBe(true);
    expect(outcome.executions[0]).toMatchObject({ request: { method: 'GET', url: `${base}/one` }, response: { code: 200, status: 'OK' }, assertions: [{ name: 'is 200', passed: true, skipped: false }] });
    expect(outcome.executions[1]?.assertions).toEqual([{ name: 'is 201', passed: false, skipped: false, error: 'expected response to have status code 201 but got 200' }]);
    expect(outcome.executions[0]?.response?.responseTime).toBeTypeOf('number');
  });

  it('reports a script error and a refused connection on the execution', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const outcome = ran(await run([{ ...item('broken', '/x', { prerequest: 'throw new TypeError("from the script");' }), request: { method: 'GET', url: `http://127.0.0.1:${port}/` } }], () => undefined));
    expect(outcome.executions[0]?.prerequestErrors).toEqual([{ name: 'TypeError', message: 'from the script' }]);
    expect(outcome.executions[0]?.requestError).toMatch(/ECONNREFUSED/);
    expect(outcome.executions[0]?.response).toBeUndefined();
    expect(outcome.failed).toBe(true);
  });

  it('console lines arrive with the ref of the item whose script wrote them', async () => {
    const before: ItemEvent[] = [];
    const lines: ConsoleEvent[] = [];
    ran(await run([item('logs', '/log', { prerequest: "console.log('[bridge] hello', 42, true);" })], (r) => {
      r.on('beforeItem', (e) => before.push(e));
      r.on('console', (e) => lines.push(e));
    }));
    expect(lines).toEqual([{ ref: before[0]?.ref, text: '[bridge] hello 42 true' }]);
  });

  it("assertions arrive with their item's ref, name and outcome (skipped ones marked), before the item ends; the request's body is readable", async () => {
    const order: string[] = [];
    const assertions: AssertionEvent[] = [];
    const bodies: string[] = [];
    const before: ItemEvent[] = [];
    const posted = { ...item('tested', '/tested', { test: "pm.test('passes', function () {}); pm.test('fails', function () { pm.expect(1).to.equal(2); }); pm.test.skip('skipped', function () {});" }), request: { method: 'POST', url: `${base}/tested`, body: { mode: 'raw', raw: '{"clientID":"BRIDGE-MARKER-42"}' } } };
    ran(await run([posted, item('untested', '/untested')], (r) => {
      r.on('beforeItem', (e) => before.push(e));
      r.on('request', (e) => bodies.push(e.request?.body() ?? 'none'));
      r.on('assertion', (e) => {
        assertions.push(e);
        order.push(`assertion ${e.name}`);
      });
      r.on('item', (e) => order.push(`item ${e.item.name}`));
    }));
    expect(assertions.map((a) => [a.ref, a.item.name, a.name, a.passed, a.skipped])).toEqual([
      [before[0]?.ref, 'tested', 'passes', true, false],
      [before[0]?.ref, 'tested', 'fails', false, false],
      [before[0]?.ref, 'tested', 'skipped', true, true],
    ]);
    expect(order).toEqual(['assertion passes', 'assertion fails', 'assertion skipped', 'item tested', 'item untested']);
    expect(bodies).toEqual(['{"clientID":"BRIDGE-MARKER-42"}', '']);
  });

  it('an item a script skips has a beforeItem and no execution in the summary', async () => {
    const before: ItemEvent[] = [];
    const outcome = ran(await run([item('skipped', '/skipped', { prerequest: 'pm.execution.skipRequest();' }), item('sent', '/sent')], (r) => r.on('beforeItem', (e) => before.push(e))));
    expect(before.map((e) => e.item.name)).toEqual(['skipped', 'sent']);
    expect(outcome.executions.map((e) => e.item.name)).toEqual(['sent']);
    expect(seen.map((s) => s.path)).toEqual(['/sent']);
  });
});

describe('hideRequests (the emit wrapper)', () => {
  // The probe goes out from the test script, after the item's own response: Newman records it as the item's.
  const probing = (): object[] => [
    item('probed', '/item', { test: `pm.sendRequest({ url: '${base}/probe', method: 'GET', header: [{ key: '${PROBE}', value: '1' }] }, function () {});` }),
  ];

  it("without it, Newman's summary takes a pm.sendRequest for the item's own request (why the wrapper exists)", async () => {
    const requests: string[] = [];
    const outcome = ran(await run(probing(), (r) => r.on('request', (e) => requests.push(e.request?.url ?? ''))));
    expect(requests).toEqual([`${base}/item`, `${base}/probe`]);
    expect(outcome.executions[0]?.response?.code).toBe(418);
  });

  it('with it, the marked request is sent but neither the summary nor the request listeners see it', async () => {
    const requests: string[] = [];
    const outcome = ran(
      await run(probing(), (r) => {
        r.hideRequests((header) => header(PROBE) === '1');
        r.on('request', (e) => requests.push(e.request?.url ?? ''));
      }),
    );
    expect(seen.map((s) => s.path)).toEqual(['/item', '/probe']);
    expect(requests).toEqual([`${base}/item`]);
    expect(outcome.executions[0]).toMatchObject({ request: { url: `${base}/item` }, response: { code: 200 } });
  });
});

describe('hideConsole', () => {
  it("a hidden line reaches the run's own console listeners and no reporter; other lines reach both", async () => {
    const lines: string[] = [];
    let printed = '';
    const restore = captureOutput((t) => t, (t) => (printed += t));
    try {
      await run([item('logs', '/one', { prerequest: "console.warn('[bridge-hidden] said by the run'); console.log('[bridge-shown] said by the reporter');" })], (r) => {
        r.hideConsole((text) => text.startsWith('[bridge-hidden]'));
        r.on('console', (e) => lines.push(e.text));
      }, { reporters: ['cli'], reporter: {} });
    } finally {
      restore();
    }
    expect(lines).toEqual(['[bridge-hidden] said by the run', '[bridge-shown] said by the reporter']);
    expect(printed).toContain('[bridge-shown] said by the reporter');
    expect(printed).not.toContain('[bridge-hidden]');
  });
});

describe('environment() (the live scope)', () => {
  it('what Node sets or unsets there before an item, and after its response, is what its scripts read', async () => {
    const outcome = ran(
      await run(
        [
          item('reads', '/env', {
            prerequest: "pm.request.headers.add({ key: 'x-from-node', value: String(pm.environment.get('fromNode')) }); pm.request.headers.add({ key: 'x-stale', value: String(pm.environment.get('stale')) });",
            test: "pm.test('saw its status', function () { pm.expect(pm.environment.get('status')).to.equal('200'); });",
          }),
        ],
        (r) => {
          r.on('beforeItem', () => {
            r.environment()?.set('fromNode', 'set in beforeItem');
            r.environment()?.unset('stale');
          });
          r.on('request', (e) => r.environment()?.set('status', String(e.response?.code)));
        },
      ),
    );
    expect(seen[0]?.headers).toMatchObject({ 'x-from-node': 'set in beforeItem', 'x-stale': 'undefined' });
    expect(outcome.executions[0]?.assertions).toEqual([{ name: 'saw its status', passed: true, skipped: false }]);
  });
});

describe('editExports', () => {
  it("runs after every reporter's beforeDone and its edits reach the files Newman writes", async () => {
    const dir = tempDir('myvalue-bridge-');
    const names: string[][] = [];
    ran(
      await run(
        [item('BRIDGE-MARKER-42 item', '/export', { test: "pm.test('BRIDGE-MARKER-42 test', function () {});" })],
        (r) =>
          r.editExports((exports) => {
            names.push(exports.map((e) => e.name));
            for (const e of exports) if (typeof e.content === 'string') e.content = e.content.replaceAll('BRIDGE-MARKER-42', '[edited]');
          }),
        { reporters: ['junit', 'htmlextra'], reporter: { junit: { export: join(dir, 'junit.xml') }, htmlextra: { export: join(dir, 'report.html') } } },
      ),
    );
    expect(names).toEqual([['junit-reporter', 'html-reporter-htmlextra']]);
    for (const file of ['junit.xml', 'report.html']) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).toContain('[edited] item');
      expect(text, file).not.toContain('BRIDGE-MARKER-42');
    }
  });
});

describe('abort', () => {
  it('stops the run after the current item: the rest is never sent, the error code reaches the request event', async () => {
    const errors: RequestEvent[] = [];
    const outcome = ran(
      await run([item('refused', '/one'), item('second', '/two'), item('third', '/three')], (r) => {
        r.on('request', (e) => {
          errors.push(e);
          r.abort();
        });
      }, {}),
    );
    expect(outcome.executions.map((e) => e.item.name)).toEqual(['refused']);
    expect(seen.map((s) => s.path)).toEqual(['/one']);
    expect(errors).toHaveLength(1);
  });

  it('a refused connection carries its code on the request event', async () => {
    const dead = createServer();
    await new Promise<void>((done) => dead.listen(0, '127.0.0.1', done));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((done) => dead.close(() => done()));
    const events: RequestEvent[] = [];
    await run([{ id: 'id-dead', name: 'dead', request: { method: 'GET', url: `http://127.0.0.1:${port}/x` } }], (r) => r.on('request', (e) => events.push(e)));
    expect(events[0]).toMatchObject({ failed: true, error: { code: 'ECONNREFUSED', message: `connect ECONNREFUSED 127.0.0.1:${port}` } });
  });
});

describe('editConsole', () => {
  it("rewrites a script's console messages before the reporters (and later listeners) read them", async () => {
    const seen: ConsoleEvent[] = [];
    await run([item('logs', '/one', { test: "console.log('token', 'tk-SECRET-123456', { nested: 'tk-SECRET-123456' });" })], (r) => {
      r.editConsole((text) => text.replaceAll('tk-SECRET-123456', '[gone]'));
      r.on('console', (e) => seen.push(e));
    });
    expect(seen.map((e) => e.text)).toEqual(['token [gone] [object Object]']);
  });
});

describe('guardRequests (the requester pool, wrapped)', () => {
  it("judges every hop with its item's ref: an item's first hop, its redirect, a pm.sendRequest's", async () => {
    const before: ItemEvent[] = [];
    const hops: Array<Hop & { ref?: string }> = [];
    ran(
      await run([item('redirected', '/hop-a'), item('sends', '/two', { prerequest: `pm.sendRequest({ url: '${base}/side', method: 'POST', body: { mode: 'raw', raw: '{}' } }, function () {});` })], (r) => {
        r.on('beforeItem', (e) => before.push(e));
        r.guardRequests((hop) => void hops.push(hop));
      }),
    );
    const [a, b] = before.map((e) => e.ref);
    expect(hops.map(({ ref, method, url, redirectedFrom }) => ({ ref, method, url, redirectedFrom }))).toEqual([
      { ref: a, method: 'GET', url: `${base}/hop-a`, redirectedFrom: undefined },
      { ref: a, method: 'GET', url: `${base}/landed-a`, redirectedFrom: { url: `${base}/hop-a`, status: 307 } },
      { ref: b, method: 'POST', url: `${base}/side`, redirectedFrom: undefined },
      { ref: b, method: 'GET', url: `${base}/two`, redirectedFrom: undefined },
    ]);
    expect(seen.map((x) => x.path)).toEqual(['/hop-a', '/landed-a', '/side', '/two']);
  });

  it('a refused first hop is never sent and fails with the refusal; a refused redirect is not followed', async () => {
    const outcome = ran(
      await run([item('refused', '/refused'), item('redirected', '/hop-b')], (r) => {
        r.guardRequests((hop) => (hop.url.endsWith('/refused') ? 'refused by the judge' : hop.redirectedFrom ? 'redirect refused' : undefined));
      }),
    );
    expect(seen.map((x) => x.path)).toEqual(['/hop-b']);
    expect(outcome.executions.map((e) => [e.item.name, e.requestError, e.response?.code])).toEqual([['refused', 'refused by the judge', undefined], ['redirected', undefined, 307]]);
    expect(outcome.failed).toBe(true);
  });

  it("an item's own followRedirects: false is kept: its redirect is neither judged nor followed", async () => {
    const hops: Hop[] = [];
    const outcome = ran(await run([{ ...item('own', '/hop-c'), protocolProfileBehavior: { followRedirects: false } }], (r) => r.guardRequests((hop) => void hops.push(hop))));
    expect(hops.map((h) => h.url)).toEqual([`${base}/hop-c`]);
    expect(outcome.executions[0]?.response?.code).toBe(307);
  });

  it('a pool that is not what postman-runtime 7.39 has is reported, so the run can refuse to go on unguarded', () => {
    expect(guardRequester(undefined, () => undefined)).toBe(false);
    expect(guardRequester({ create: () => undefined } as never, () => undefined)).toBe(false);
  });
});

describe('the largest response a run reads (maxResponseSize, which Newman does not pass on)', () => {
  it('a gzip body inflating past MAX_RESPONSE_BYTES fails its request in the run\'s words; the next request runs', async () => {
    const requests: RequestEvent[] = [];
    const outcome = ran(await run([item('large', '/large'), item('after', '/after')], (r) => r.on('request', (e) => requests.push(e))));
    expect(requests.map((e) => [e.item.name, e.failed, e.response?.code])).toEqual([['large', true, undefined], ['after', false, 200]]);
    expect(requests[0]?.error?.message).toBe(TOO_LARGE_MESSAGE);
    expect(outcome.executions.map((e) => e.requestError)).toEqual([TOO_LARGE_MESSAGE, undefined]);
    expect(outcome.failed).toBe(true);
  });
});
