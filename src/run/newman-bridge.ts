// The one module that knows Newman 6.2's internals: the events the run listens to and their payloads,
// the emit wrapper that hides requests from Newman's summary and reporters, the live environment scope,
// reporters' exports edited before Newman writes them, every hop of every request judged before it is
// sent (postman-runtime's requester), and the summary read into plain shapes.
// Each coupling is pinned by a test of its own against real Newman (test/harness/newman-bridge.test.ts).
import newman, { type NewmanEmitter, type NewmanExecution, type NewmanExport, type NewmanSummary } from 'newman';
import type { CollectionDefinition } from 'postman-collection';
import { guardRequester, type ItemHop, type RequesterPool } from './guard-requester';
import { NO_FILES_DIR } from '../collection/file-bodies';
import { MAX_RESPONSE_BYTES } from './run-limits';

/** What a reporter hands Newman to write: its file and its content (text, or JSON for the json reporter). */
export type ReporterExport = NewmanExport;

export type { ItemHop };

/** The public options the run passes to newman.run. */
export interface NewmanRunOptions {
  collection: CollectionDefinition;
  environment: { name?: string; values: Array<{ key: string; value: unknown; type?: string }> };
  globals?: { values: Array<{ key: string; value: unknown; type?: string }> };
  reporters: string[];
  reporter: Record<string, Record<string, unknown>>;
  color: 'on' | 'off';
  folder?: string[];
  bail?: true;
  timeoutRequest?: number;
  delayRequest?: number;
  iterationData?: string | object[];
  /** Newman's -n: how many times the collection runs. */
  iterationCount?: number;
  insecure?: true;
  /** Files (body files, form-data files) are read only inside it (insecureFileRead is always false); none without it. */
  workingDir?: string;
}

/** An item Newman starts (beforeItem; sent or not) or finishes (item). */
export interface ItemEvent {
  /** Newman's cursor ref: one per item per iteration, the key of its execution in the summary. */
  ref: string;
  iteration: number;
  item: { id: string; name: string };
}

/** A request Newman sent, with the response when one came (its `request` event). */
export interface RequestEvent extends ItemEvent {
  /** Newman reported an error for it (timeout, dropped connection): then there is no response. */
  failed: boolean;
  /** That error's code and message (`ENOTFOUND`, `getaddrinfo ENOTFOUND external.ovaltech.id`). */
  error?: { code?: string; message: string };
  request?: { method: string; url: string; header(key: string): unknown; /** Every header as sent, in order. */ headers(): Array<[string, string]>; /** The body as sent ('' without one). */ body(): string };
  response?: { code: number; header(key: string): unknown; headers(): Array<[string, string]>; text(): string; /** The body's first `max` bytes as text, and its whole size in bytes. */ head(max: number): { text: string; bytes: number } };
  /** What the exchange carried as text (response body, request headers, request body), for the masker. */
  texts(): string[];
}

/** A line a script wrote with console.* (all its arguments joined by spaces). */
export interface ConsoleEvent {
  ref?: string;
  text: string;
}

/** One pm.test of an item's scripts, as it ended. */
export interface AssertionEvent extends ItemEvent {
  name: string;
  passed: boolean;
  skipped: boolean;
}

export interface NewmanEvents {
  beforeItem: ItemEvent;
  request: RequestEvent;
  assertion: AssertionEvent;
  item: ItemEvent;
  console: ConsoleEvent;
}

/** The run's environment scope, as every script sees it (pm.environment). */
export interface LiveScope {
  set(key: string, value: string): void;
  unset(key: string): void;
}

/** One run, as the rest of src/run sees it while Newman runs. */
export interface NewmanRun {
  /** Listeners run in the order they were added, before the reporters' own (they attach later). */
  on<E extends keyof NewmanEvents>(event: E, listener: (payload: NewmanEvents[E]) => void): void;
  /** Requests for which `hidden(header)` is true never reach Newman's summary, reporters or `request` listeners. */
  hideRequests(hidden: (header: (key: string) => unknown) => boolean): void;
  /** Console lines for which `hidden(text)` is true reach only this run's `console` listeners, no reporter (the run says them its own way). */
  hideConsole(hidden: (text: string) => boolean): void;
  /** Edits the reporters' exports after every reporter has pushed its own, before Newman writes them. */
  editExports(edit: (exports: ReporterExport[]) => void): void;
  /** The live scope (undefined before Newman has loaded its options): what is set here, scripts read. */
  environment(): LiveScope | undefined;
  /** Stops the run after the current item (postman-runtime's run.abort): the rest is not sent; reporters still write. */
  abort(): void;
  /**
   * Rewrites what scripts pass to console.* before any reporter sees it (the CLI reporter wraps lines
   * at the terminal's width, so masking its output afterwards would miss a secret cut in two).
   */
  editConsole(edit: (text: string) => string): void;
  /**
   * Asks `judge` before every hop of every request (an item's, a pm.sendRequest's, each redirect): a
   * refusal (one line) keeps that hop from being sent. A first hop refused fails with that line as its
   * error; a redirect refused is not followed (the request ends with the 3xx). Outside the sandbox:
   * nothing a collection or its data sets changes it. If Newman's requester cannot be reached the run
   * is stopped and its outcome is an error: a guard that might not be there is no guard.
   */
  guardRequests(judge: (hop: ItemHop) => string | undefined): void;
}

/** One item's execution in the summary: what run.json reports per request. */
export interface Execution extends ItemEvent {
  request?: { method: string; url: string };
  response?: { code: number; status: string; responseTime: number };
  requestError?: string;
  assertions: Array<{ name: string; passed: boolean; skipped: boolean; error?: string }>;
  prerequestErrors: ScriptError[];
  testErrors: ScriptError[];
}

export interface ScriptError {
  name?: string;
  message: string;
}

export type NewmanOutcome =
  | { ok: false; error: Error }
  | { ok: true; collection: string; executions: Execution[]; /** A failed assertion, script or request, or a run error. */ failed: boolean };

/** postman-collection's HeaderList, as far as the bridge reads it. */
interface HeaderList {
  get(key: string): unknown;
  toString(): string;
  all?(): Array<{ key: string; value: unknown; disabled?: boolean }>;
}

interface Payload {
  cursor: { ref: string; iteration: number };
  item: { id: string; name: string };
  request?: { method: string; url: { toString(): string }; headers?: HeaderList; body?: { toString(): string } };
  response?: { code: number; headers?: HeaderList; stream?: Buffer; text(): string };
  messages?: unknown[];
  assertion?: string;
  skipped?: boolean;
}

const headerPairs = (list: HeaderList | undefined): Array<[string, string]> => (list?.all?.() ?? []).filter((h) => !h.disabled).map((h) => [h.key, String(h.value ?? '')]);

const itemEvent = (o: Payload): ItemEvent => ({ ref: o.cursor.ref, iteration: o.cursor.iteration, item: { id: o.item.id, name: o.item.name } });

function requestEvent(err: unknown, o: Payload): RequestEvent {
  const { request, response } = o;
  return {
    ...itemEvent(o),
    failed: Boolean(err),
    ...(err ? { error: { ...(typeof (err as { code?: unknown }).code === 'string' ? { code: (err as { code: string }).code } : {}), message: String((err as { message?: unknown }).message ?? err) } } : {}),
    ...(request ? { request: { method: request.method, url: request.url.toString(), header: (key: string) => request.headers?.get(key), headers: () => headerPairs(request.headers), body: () => request.body?.toString() ?? '' } } : {}),
    ...(response
      ? {
          response: {
            code: response.code,
            header: (key: string) => response.headers?.get(key),
            headers: () => headerPairs(response.headers),
            text: () => response.text(),
            head: (max: number) => (Buffer.isBuffer(response.stream) ? { text: response.stream.subarray(0, max).toString('utf8'), bytes: response.stream.length } : { text: response.text().slice(0, max), bytes: Buffer.byteLength(response.text()) }),
          },
        }
      : {}),
    texts: () => [response?.stream?.toString('utf8'), request?.headers?.toString(), request?.body?.toString()].filter((t): t is string => Boolean(t)),
  };
}

const ADAPT: { [E in keyof NewmanEvents]: (err: unknown, o: Payload) => NewmanEvents[E] } = {
  beforeItem: (_err, o) => itemEvent(o),
  request: requestEvent,
  // Newman passes an error for a failed test, none for a passed or skipped one.
  assertion: (err, o) => ({ ...itemEvent(o), name: String(o.assertion ?? ''), passed: !err, skipped: Boolean(o.skipped) }),
  item: (_err, o) => itemEvent(o),
  console: (_err, o) => ({ ...(o.cursor?.ref ? { ref: o.cursor.ref } : {}), text: consoleText(o) }),
};

const consoleText = (o: Payload): string => (o.messages ?? []).map(String).join(' ');

/** What the bridge found wrong with Newman itself (not with the collection): the run's outcome is this error. */
interface BridgeState {
  failure?: Error;
}

/** postman-request's words when a body passes maxResponseSize, and the run's instead. */
const TOO_LARGE = 'Maximum response size reached';
export const TOO_LARGE_MESSAGE = `the response body is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB (after decompression), the most a run reads: not read further, the run goes on`;

interface Runner {
  run(collection: unknown, options: { requester?: Record<string, unknown> }, callback: unknown): unknown;
}

/**
 * Newman 6.2 gives postman-runtime no maxResponseSize (its requester reads any body whole, inflated):
 * the runner, which Newman hands over as `emitter.runner` just before it starts it, gets one on its way in.
 * Newman's error for it is reworded on the error itself, so the summary and every reporter say it so.
 */
function limitResponses(emitter: NewmanEmitter): void {
  let runner: Runner | undefined;
  Object.defineProperty(emitter, 'runner', {
    configurable: true,
    enumerable: true,
    get: () => runner,
    set(value: Runner) {
      const run = value.run.bind(value);
      value.run = (collection, options, callback) => run(collection, { ...options, requester: { ...options.requester, maxResponseSize: MAX_RESPONSE_BYTES } }, callback);
      runner = value;
    },
  });
  emitter.on('request', (err: unknown) => {
    if (err instanceof Error && err.message === TOO_LARGE) err.message = TOO_LARGE_MESSAGE;
  });
}

function bridge(emitter: NewmanEmitter, state: BridgeState): NewmanRun {
  limitResponses(emitter);
  const hidden: Array<(header: (key: string) => unknown) => boolean> = [];
  const hiddenConsole: Array<(text: string) => boolean> = [];
  /** The run's own console listeners, as added to the emitter: a hidden line is handed to these only. */
  const ownConsole: Array<(err: unknown, o: Payload) => void> = [];
  let filtering = false;
  // pm.sendRequest's requests come as beforeRequest/request events on the item's cursor: Newman's
  // summary would record one as the item's own request. Dropped at emit, nobody sees them; a hidden
  // console line reaches the run's own listeners and no reporter.
  const filterEmit = (): void => {
    if (filtering) return;
    filtering = true;
    const emit = emitter.emit.bind(emitter);
    emitter.emit = ((event: string, ...args: unknown[]): boolean => {
      const payload = args[1] as Payload | undefined;
      const headers = payload?.request?.headers;
      if ((event === 'beforeRequest' || event === 'request') && headers && hidden.some((h) => h((key) => headers.get(key)))) return false;
      if (event === 'console' && payload && hiddenConsole.some((h) => h(consoleText(payload)))) {
        for (const listener of ownConsole) listener(args[0], payload);
        return false;
      }
      return emit(event, ...args);
    }) as typeof emitter.emit;
  };
  // The runtime's run comes with Newman's `start` event; an abort asked for before it waits for it.
  let runtime: { abort(): void } | undefined;
  let abortAsked = false;
  emitter.on('start', (_err: unknown, o: { run?: { abort(): void } }) => {
    runtime = o?.run;
    if (abortAsked) runtime?.abort();
  });
  return {
    editConsole(edit) {
      const one = (message: unknown): unknown => {
        if (typeof message === 'string') return edit(message);
        if (message === null || typeof message !== 'object') return message;
        try {
          return JSON.parse(edit(JSON.stringify(message))) as unknown;
        } catch {
          return edit(String(message));
        }
      };
      emitter.on('console', (_err: unknown, o: Payload) => {
        if (o && Array.isArray(o.messages)) o.messages = o.messages.map(one);
      });
    },
    abort() {
      if (abortAsked) return;
      abortAsked = true;
      runtime?.abort();
    },
    on(event, listener) {
      const adapted = (err: unknown, o: Payload): void => listener(ADAPT[event](err, o));
      if (event === 'console') ownConsole.push(adapted);
      emitter.on(event, adapted);
    },
    hideRequests(predicate) {
      hidden.push(predicate);
      filterEmit();
    },
    hideConsole(predicate) {
      hiddenConsole.push(predicate);
      filterEmit();
    },
    editExports(edit) {
      // Reporters attach their beforeDone when Newman has loaded the collection, before `start`: a
      // listener added at `start` runs after all of theirs, and before Newman writes emitter.exports.
      emitter.on('start', () => emitter.on('beforeDone', () => edit(emitter.exports)));
    },
    environment() {
      return (emitter.summary as unknown as { environment?: LiveScope } | undefined)?.environment;
    },
    guardRequests(judge) {
      // postman-runtime makes its requester pool before `start`, and the first request after it.
      emitter.on('start', (_err: unknown, o: { run?: { requester?: RequesterPool; abort(): void } }) => {
        if (guardRequester(o?.run?.requester, judge)) return;
        state.failure = new Error("the production guard cannot reach Newman's requester (an unsupported Newman version?); nothing was sent");
        o?.run?.abort();
      });
    },
  };
}

const scriptErrors = (list: NewmanExecution['testScript']): ScriptError[] =>
  (list ?? []).flatMap((s) => (s.error ? [{ ...(s.error.name !== undefined ? { name: s.error.name } : {}), message: s.error.message }] : []));

function execution(e: NewmanExecution): Execution {
  return {
    ref: e.cursor.ref,
    iteration: e.cursor.iteration,
    item: { id: e.item.id, name: e.item.name },
    ...(e.request ? { request: { method: e.request.method, url: e.request.url.toString() } } : {}),
    ...(e.response ? { response: { code: e.response.code, status: e.response.status, responseTime: e.response.responseTime } } : {}),
    ...(e.requestError ? { requestError: `${e.requestError.message}` } : {}),
    assertions: (e.assertions ?? []).map((a) => ({ name: a.assertion, passed: !a.error, skipped: Boolean(a.skipped), ...(a.error ? { error: a.error.message } : {}) })),
    prerequestErrors: scriptErrors(e.prerequestScript),
    testErrors: scriptErrors(e.testScript),
  };
}

function outcomeOf(error: Error | null, summary: NewmanSummary): NewmanOutcome {
  if (error) return { ok: false, error };
  return { ok: true, collection: summary.collection.name, executions: summary.run.executions.map(execution), failed: summary.run.failures.length > 0 || Boolean(summary.run.error) };
}

/**
 * Runs Newman; `setup` gets the run right after newman.run() returns, before any event.
 * @example const outcome = await runNewman(options, (run) => run.on('beforeItem', (e) => started.push(e)));
 */
export function runNewman(options: NewmanRunOptions, setup: (run: NewmanRun) => void): Promise<NewmanOutcome> {
  return new Promise((done) => {
    const state: BridgeState = {};
    // Newman's default reads files anywhere (insecureFileRead: true): a collection could send /etc/hostname.
    const emitter = newman.run({ ...options, workingDir: options.workingDir ?? NO_FILES_DIR, insecureFileRead: false } as unknown as Record<string, unknown>, (error, summary) => done(state.failure ? { ok: false, error: state.failure } : outcomeOf(error, summary)));
    setup(bridge(emitter, state));
  });
}
