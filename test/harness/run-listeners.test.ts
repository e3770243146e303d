// One module listens to a run's Newman events (src/run/run-listeners.ts): each event is subscribed once and
// handed to the side channels of one table. These tests drive the run's real table with Newman's events by
// hand (no Newman, no port) and read what a user would see of each channel; the last one finds any other
// place in src/ that subscribes to the run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUARD_LOG_PREFIX, UNRESOLVED_LOG_PREFIX } from '../../src/collection/hook-script';
import { VARIATION_SKIP_PREFIX, PROBE_HEADER, ORIGINAL_VARIABLE } from '../../src/collection/variations';
import { createContractChecker } from '../../src/collection/contract-check';
import { createMasker } from '../../src/shared/masker';
import { listen, runListeners, type RunListeners } from '../../src/run/run-listeners';
import type { ItemHop, NewmanEvents, NewmanRun, RequestEvent } from '../../src/run/newman-bridge';

const BASE = 'http://127.0.0.1:4010';
const SECRET = 'made-up-secret-for-listeners';

/** A NewmanRun that records what was asked of it, and lets a test emit events as Newman would. */
function fakeRun(): NewmanRun & { emit<E extends keyof NewmanEvents>(event: E, payload: NewmanEvents[E]): void; subscriptions: string[]; scope: Map<string, string>; aborted: boolean; console: (text: string) => string; hidden: { console: (text: string) => boolean; requests: (header: (key: string) => unknown) => boolean }; judge: (hop: ItemHop) => string | undefined } {
  const listeners = new Map<string, Array<(payload: unknown) => void>>();
  const scope = new Map<string, string>();
  const run = {
    subscriptions: [] as string[],
    scope,
    aborted: false,
    console: (text: string) => text,
    hidden: { console: (_text: string) => false, requests: (_header: (key: string) => unknown) => false },
    judge: (_hop: ItemHop): string | undefined => undefined,
    on(event: string, listener: (payload: unknown) => void) {
      run.subscriptions.push(event);
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    emit(event: string, payload: unknown) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    hideRequests(hidden: (header: (key: string) => unknown) => boolean) {
      run.subscriptions.push('hideRequests');
      run.hidden.requests = hidden;
    },
    hideConsole(hidden: (text: string) => boolean) {
      run.subscriptions.push('hideConsole');
      run.hidden.console = hidden;
    },
    editExports() {
      run.subscriptions.push('editExports');
    },
    environment: () => ({ set: (key: string, value: string) => void scope.set(key, value), unset: (key: string) => void scope.delete(key) }),
    abort() {
      run.aborted = true;
    },
    editConsole(edit: (text: string) => string) {
      run.subscriptions.push('editConsole');
      run.console = edit;
    },
    guardRequests(judge: (hop: ItemHop) => string | undefined) {
      run.subscriptions.push('guardRequests');
      run.judge = judge;
    },
  };
  return run as unknown as ReturnType<typeof fakeRun>;
}

function table(originals: ReadonlyMap<string, string> = new Map()): { listeners: RunListeners; lines: string[]; run: ReturnType<typeof fakeRun> } {
  const lines: string[] = [];
  const listeners = runListeners({
    session: { externalBaseUrl: BASE, authBaseUrl: BASE },
    writesAllowed: false,
    checker: createContractChecker(undefined, [BASE]),
    originals,
    clientId: 'C',
    masker: createMasker([SECRET]),
    log: (line) => lines.push(line),
    live: (line) => lines.push(line),
  });
  const run = fakeRun();
  listen(run, listeners.channels);
  return { listeners, lines, run };
}

const item = (ref: string, id = ref, name = `item ${ref}`): NewmanEvents['item'] => ({ ref, iteration: 0, item: { id, name } });

function request(ref: string, url: string, extra: Partial<RequestEvent> = {}, id = ref): RequestEvent {
  return {
    ...item(ref, id),
    failed: false,
    request: { method: 'GET', url, header: () => undefined, headers: () => [], body: () => '' },
    response: { code: 200, header: () => undefined, headers: () => [], text: () => '{}', head: () => ({ text: '{}', bytes: 2 }) },
    texts: () => [],
    ...extra,
  };
}

describe("a run's listeners", () => {
  it('subscribe to each Newman event once, and set each of the run\'s hooks once', () => {
    const { run } = table();
    const counts = Object.fromEntries([...new Set(run.subscriptions)].map((s) => [s, run.subscriptions.filter((x) => x === s).length]));
    expect(counts).toEqual({ beforeItem: 1, request: 1, assertion: 1, item: 1, console: 1, hideConsole: 1, hideRequests: 1, guardRequests: 1, editConsole: 1 });
  });

  it('turn the prefixed console lines into skip reasons and a warning, hiding the warning from reporters', () => {
    const { listeners, lines, run } = table();
    run.emit('beforeItem', item('a', 'a', 'Earn points'));
    run.emit('console', { ref: 'a', text: `${GUARD_LOG_PREFIX} POST /service/point/earn/` });
    run.emit('beforeItem', item('b'));
    run.emit('console', { ref: 'b', text: `${VARIATION_SKIP_PREFIX} the original was not sent` });
    run.emit('beforeItem', item('c', 'c', 'Get balance'));
    const unresolved = `${UNRESOLVED_LOG_PREFIX} {{valueID}} in the query`;
    run.emit('console', { ref: 'c', text: unresolved });
    expect(listeners.skipReasons.get('a')).toBe('production guard: POST /service/point/earn/ changes state; pass --allow-production-writes to send it');
    expect(listeners.skipReasons.get('b')).toBe('variation skipped: the original was not sent');
    expect(lines).toEqual(['warning: "Get balance": {{valueID}} in the query']);
    expect(listeners.extras.get('c')?.warnings).toEqual(['{{valueID}} in the query']);
    expect([run.hidden.console(unresolved), run.hidden.console(`${GUARD_LOG_PREFIX} x`)]).toEqual([true, false]);
    expect(listeners.started.map((s) => s.ref)).toEqual(['a', 'b', 'c']);
  });

  it("hand a variation its original's outcome, and keep its balance probes out of the run", () => {
    const { run } = table(new Map([['variation', 'original']]));
    run.emit('beforeItem', item('1', 'original'));
    const sent = request('1', `${BASE}/service/point/`, {}, 'original');
    run.emit('request', { ...sent, response: { ...sent.response!, code: 201 } });
    run.emit('beforeItem', item('2', 'variation'));
    expect(JSON.parse(run.scope.get(ORIGINAL_VARIABLE) ?? '{}')).toEqual({ sent: true, status: 201 });
    expect(run.hidden.requests((key) => (key === PROBE_HEADER ? '1' : undefined))).toBe(true);
    expect(run.hidden.requests(() => undefined)).toBe(false);
  });

  it('refuse a write to production and record it, note a redirect, and mask a secret a script logs', () => {
    const { listeners, run } = table();
    expect(run.judge({ method: 'POST', url: 'https://external.myvalue.id/service/point/earn/' })).toMatch(/not sent: a write reaches MyValue's production host only/);
    expect(run.judge({ method: 'GET', url: `${BASE}/service/point/`, redirectedFrom: { url: `${BASE}/old`, status: 301 } })).toBeUndefined();
    expect(listeners.hops.map((h) => h.refusal === undefined)).toEqual([false, true]);
    expect(run.console(`secret is ${SECRET}`)).not.toContain(SECRET);
  });

  it('stop the run at the first request its target cannot reach, with one line', () => {
    const { listeners, run } = table();
    run.emit('request', { ...request('1', `${BASE}/service/point/`), failed: true, response: undefined, error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:4010' } });
    expect(run.aborted).toBe(true);
    expect(listeners.stopped()).toBe('cannot reach 127.0.0.1:4010: connect ECONNREFUSED 127.0.0.1:4010; the run stopped at its first request there (check --target and your network)');
  });

  it('are subscribed nowhere else in src/', () => {
    const src = join(__dirname, '../../src');
    const subscribes = /\.(hideConsole|hideRequests|editConsole|guardRequests)\(|\.on\(\s*['"](beforeItem|request|assertion|item|console)['"]/;
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('newman-bridge.ts'))
      .filter((file) => subscribes.test(readFileSync(join(src, file), 'utf8')));
    expect(files).toEqual([join('run', 'run-listeners.ts')]);
  });
});
