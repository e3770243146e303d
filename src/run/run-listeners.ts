// The one module that listens to a run's Newman events. It subscribes to each event once and hands it to
// the side channels of one table, in the table's order: the scripts' prefixed console lines (production
// guard and variation skips, unresolved-variable warnings), the sign refusals, a variation's original, the
// contract check, the retries, the exchange capture, the hops the production guard judges, the items
// started, the console masking, token learning, the stop at an unreachable target and the diff's feed.
// Registered in runNewman's setup, before the reporters attach: tokens are known before any reporter
// prints the response that carried them.
import type { CollectionDefinition } from 'postman-collection';
import { underBase } from '../collection/contract-check';
import type { ContractChecker } from '../collection/contract-check';
import type { Masker } from '../shared/masker';
import { oneLine } from '../shared/text';
import type { RequestExtras } from '../reports/run-json';
import type { Exchange } from '../reports/drift-report';
import type { ItemHop, NewmanEvents, NewmanRun } from './newman-bridge';
import type { ChannelHandlers, RunChannel, RunControl } from './run-channel';
import type { RetryLayer } from './retries';
import type { StartedItem } from './run-report';
import { consoleNotes } from './console-notes';
import { createSignRefusals } from './sign-refusals';
import { contractChannel, retriesChannel, variationChannel } from './run-checks';
import { createExchangeCapture, type ExchangeCapture } from './exchange-capture';
import { productionWriteRefusal } from './production-writes';
import { createTokenLearner } from './token-learner';
import { exchangeFeed } from './exchange-feed';

const EVENTS: ReadonlyArray<keyof NewmanEvents> = ['beforeItem', 'request', 'assertion', 'item', 'console'];

/**
 * Subscribes to each of Newman's events once (none a channel does not handle) and dispatches it to
 * `channels` in order; their console edits, hidden lines and requests, and hop judges are given to the run
 * once, combined (the first refusal of a hop wins).
 * @example listen(run, [consoleNotes(sinks), createExchangeCapture()])
 */
export function listen(run: NewmanRun, channels: readonly RunChannel[]): void {
  const control: RunControl = { environment: () => run.environment(), abort: () => run.abort() };
  const subscribe = <E extends keyof NewmanEvents>(event: E): void => {
    const handlers = channels.flatMap((channel) => (channel[event] ? [(channel as ChannelHandlers)[event] as (payload: NewmanEvents[E], run: RunControl) => void] : []));
    if (handlers.length > 0) run.on(event, (payload) => handlers.forEach((handle) => handle(payload, control)));
  };
  EVENTS.forEach(subscribe);
  const hideConsole = channels.flatMap((c) => (c.hideConsole ? [c.hideConsole] : []));
  if (hideConsole.length > 0) run.hideConsole((text) => hideConsole.some((hidden) => hidden(text)));
  const hideRequests = channels.flatMap((c) => (c.hideRequests ? [c.hideRequests] : []));
  if (hideRequests.length > 0) run.hideRequests((header) => hideRequests.some((hidden) => hidden(header)));
  const judges = channels.flatMap((c) => (c.judgeHop ? [c.judgeHop] : []));
  if (judges.length > 0) run.guardRequests((hop) => judges.reduce<string | undefined>((refusal, judge) => refusal ?? judge(hop), undefined));
  // After the `console` subscription: the channels read a script's line as written, reporters get it edited.
  const edits = channels.flatMap((c) => (c.editConsole ? [c.editConsole] : []));
  if (edits.length > 0) run.editConsole((text) => edits.reduce((edited, edit) => edit(edited), text));
}

/** Errors that say the target is not there at all (no name, no listener, no route): nothing after will get through. */
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** The one line a run stops with when its target cannot be reached. */
function unreachable(url: string | undefined, error: { code?: string; message: string }): string {
  let host = url ?? '';
  try {
    host = new URL(url ?? '').host;
  } catch {
    // the URL as given
  }
  return `cannot reach ${host}: ${oneLine(error.message)}; the run stopped at its first request there (check --target and your network)`;
}

export interface RunListenerOptions {
  /** Where the run sends its requests: the Auth API's exchanges teach the masker, an unreachable one stops the run. */
  session: { externalBaseUrl: string; authBaseUrl: string };
  /** True only for a --target production run with --allow-production-writes. */
  writesAllowed: boolean;
  checker: ContractChecker;
  /** The original item id of each variation id. */
  originals: ReadonlyMap<string, string>;
  retryLayer?: RetryLayer;
  /** The run's client, whose signed requests the closing line counts. */
  clientId: string;
  masker: Masker;
  /** Every line the run says, and the lines --quiet keeps (warnings). */
  log(line: string): void;
  live(line: string): void;
  /** The diff's feed: the collection as run, each item's folder, and what gets each exchange. */
  feed?: { collection: CollectionDefinition; folderOf(id: string): string | undefined; onExchange(exchange: Exchange & { ref: string }): void };
}

/** What the channels gathered, read once the run has ended. */
export interface RunListeners {
  channels: readonly RunChannel[];
  /** Every item Newman started, in order (report.requests follow it). */
  started: StartedItem[];
  /** Skip reasons by cursor ref (production guard, a variation that skipped itself). */
  skipReasons: Map<string, string>;
  /** Rule, contract outcome, retries, sign explanation and warnings by cursor ref, for run.json. */
  extras: Map<string, RequestExtras>;
  /** Every redirect, and every hop the production guard refused. */
  hops: Array<{ hop: ItemHop; refusal?: string }>;
  capture: ExchangeCapture;
  /** The line the run stopped with when its target could not be reached. */
  stopped(): string | undefined;
  /** The run's last line when every request signed for its client was refused (a wrong secret), else undefined. */
  closing(target: string): string | undefined;
}

/**
 * The table of one run's channels, and what they gather; `listen(run, listeners.channels)` in runNewman's setup.
 * @example const listeners = runListeners({ session, writesAllowed, checker, originals, clientId, masker, log, live }); await runNewman(options, (run) => listen(run, listeners.channels));
 */
export function runListeners(options: RunListenerOptions): RunListeners {
  const { session, masker, log, live } = options;
  const extras = new Map<string, RequestExtras>();
  const extrasOf = (ref: string): RequestExtras => extras.get(ref) ?? (extras.set(ref, {}), extras.get(ref) as RequestExtras);
  const started: StartedItem[] = [];
  const skipReasons = new Map<string, string>();
  const hops: Array<{ hop: ItemHop; refusal?: string }> = [];
  let stopped: string | undefined;
  const refusals = createSignRefusals({ clientId: options.clientId, ruleOf: (method, url) => options.checker.ruleOf(method, url), extrasOf, log: live });
  const capture = createExchangeCapture();
  const learner = createTokenLearner(masker, session.authBaseUrl, log);
  const channels: RunChannel[] = [
    consoleNotes({ skipReasons, extrasOf, log: live }),
    refusals,
    variationChannel(options.originals),
    contractChannel(options.checker, extrasOf),
    retriesChannel(options.retryLayer, extrasOf, live),
    capture,
    {
      judgeHop(hop) {
        const refusal = productionWriteRefusal(hop, options.writesAllowed);
        if (refusal !== undefined || hop.redirectedFrom !== undefined) hops.push({ hop, ...(refusal === undefined ? {} : { refusal }) });
        return refusal;
      },
    },
    { beforeItem: (item) => void started.push(item) },
    // Secrets and tokens a script logs are masked before the CLI reporter wraps the line.
    { editConsole: (text) => masker.mask(text) },
    { request: (request) => learner.learn(request.request?.url, request.texts()) },
    {
      // The first request that cannot reach MyValue's host (the target) stops the run: one line, not one
      // failure per request. A partner's own service being down is that request's failure only.
      request(request, run) {
        if (stopped === undefined && request.error?.code !== undefined && UNREACHABLE.has(request.error.code) && underBase(request.request?.url ?? '', [session.externalBaseUrl, session.authBaseUrl])) {
          stopped = unreachable(request.request?.url, request.error);
          run.abort();
        }
      },
    },
    ...(options.feed ? [exchangeFeed(options.feed.collection, options.feed.folderOf, (text) => masker.mask(text), options.feed.onExchange)] : []),
  ];
  return { channels, started, skipReasons, extras, hops, capture, stopped: () => stopped, closing: (target) => refusals.closing(target) };
}
