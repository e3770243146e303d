// The fake's core: a plain request through the pipeline (pipeline.ts), then the log line and the
// journal. No I/O of its own: the store, clock and logger come in as dependencies.
import { errorResponse } from '../http/errors';
import { defaultSettings, silentLogger, systemClock, type FakeSettings, type Logger, type Clock } from '../http/types';
import type { Store } from '../store/store';
import { NOBODY } from './admission';
import type { Deps } from './deps';
import type { FakeJournal, FakeMyValue } from './fake-my-value';
import { journalCollectionOf } from './journal-export';
import { createFaults, type FaultSpec, type Faults } from './faults';
import { createJournal, DEFAULT_JOURNAL_SIZE, JOURNAL_BODY_MAX_CHARS, type Journal } from './journal';
import { exchangeOf, signExplainOf } from './journal-exchange';
import { bodyText } from '../http/wire';
import { runPipeline, type Exchange, type Outcome } from './pipeline';
import { findRoute } from './route-table';
import { ClockError, createVirtualClock, isVirtual, type ClockMove } from '../domain/virtual-clock';
import { expiringClock } from './expiries';

export interface FakeOptions {
  store: Store;
  clock?: Clock;
  logger?: Logger;
  settings?: Partial<FakeSettings>;
  /** Fault rules active from the start (and again after reset). */
  faults?: readonly FaultSpec[];
  /** Requests the journal keeps (default 1000; 0 keeps none). */
  journalSize?: number;
  /** Randomness for fault probabilities and random latency (default Math.random). */
  random?: () => number;
  /** When set, the admin API needs it in the x-myvalue-admin-token header. */
  adminToken?: string;
}

/** The journal as the fake hands it out: no unmasked records, even to code that ignores the types. */
function publicJournal(deps: Deps): PublicJournal {
  const { journal } = deps;
  return {
    capacity: journal.capacity,
    get dropped() {
      return journal.dropped;
    },
    record: (entry) => journal.record(entry),
    list: (filter) => journal.list(filter),
    count: (filter) => journal.count(filter),
    clear: () => journal.clear(),
    toCollection: (filter) => journalCollectionOf(deps, filter),
    exchange(seq) {
      const found = journal.bySeq(seq);
      return found && exchangeOf(found.entry, found.record, journal.hide);
    },
    subscribe: (listener, cleared) => journal.subscribe((entry, record) => listener({ ...entry, signExplain: signExplainOf(record, journal.hide) }), cleared),
  };
}

type PublicJournal = Pick<Journal, 'record'> & FakeJournal;

/** The fake with its dependencies in reach, for the CLI and this project's tests; partners get FakeMyValue. */
export interface Fake extends FakeMyValue {
  readonly deps: Deps;
  readonly faults: Faults;
  /** The journal without its unmasked records (those stay in deps, for the journal collection). */
  readonly journal: PublicJournal;
}

/** `deps` whose clock stands at `at` for one request (moving it is the admin API's, which gets the real one). */
function atInstant(deps: Deps, at: Date): Deps {
  return { ...deps, clock: { ...deps.clock, now: () => new Date(at.getTime()) } };
}

/**
 * Creates the fake over a store.
 * @example const fake = createFake({ store: createStore({ seed: loadSeed() }) });
 *          fake.handle({ method: 'GET', path: '/service/point/', query: {...}, headers: {}, origin: 'http://x' });
 */
export function createFake(options: FakeOptions): Fake {
  const random = options.random ?? Math.random;
  let closed = false;
  const deps: Deps = {
    store: options.store,
    clock: expiringClock(isVirtual(options.clock) ? options.clock : createVirtualClock(options.clock ?? systemClock), options.store, () => !closed),
    logger: options.logger ?? silentLogger,
    settings: { ...defaultSettings, ...options.settings },
    faults: createFaults({ random, initial: options.faults }),
    journal: createJournal(options.journalSize ?? DEFAULT_JOURNAL_SIZE, JOURNAL_BODY_MAX_CHARS, () => options.store.clients.values()),
    ...(options.adminToken ? { adminToken: options.adminToken } : {}),
    // Restores the seed and the startup fault rules, and empties the journal: fake.reset() and POST /__admin/reset.
    reset: () => {
      deps.store.reset();
      deps.faults.reset();
      deps.journal.clear();
    },
  };

  // A move in code: the clock books the expiries it passes (expiries.ts); a refused one throws.
  const moved = (move: ClockMove): Date => {
    if (!move.ok) throw new ClockError(move.detail);
    return move.now;
  };
  return {
    deps,
    faults: deps.faults,
    journal: publicJournal(deps),
    clock: {
      now: () => deps.clock.now(),
      set: (to) => moved(deps.clock.set(to)),
      advance: (by) => moved(deps.clock.advance(by)),
    },
    reset: () => deps.reset(),
    close: () => {
      if (closed) return;
      closed = true;
      deps.store.close();
    },
    clientIds: () => [...deps.store.clients.keys()],
    handle(req) {
      if (closed) return errorResponse('ErrServiceUnavailable', 'This fake MyValue was closed: create a new one (createFakeMyValue) for more requests');
      const started = performance.now();
      const method = req.method.toUpperCase();
      // The route, and with it whether this is the fake's own API, decided once from the normalised path:
      // the admin API goes through its guard, is neither faulted nor journaled (so faults can always be cleared).
      const found = findRoute(method, req.path);
      const journaled = !found.admin;
      const at = deps.clock.now();
      let result: Outcome & { who: Exchange['who'] };
      try {
        // One instant per request to MyValue's routes: the expiries booked, every rule, the answer and the
        // journal read the same time (a request read across a second's boundary saw two). The admin API
        // reads the clock itself: POST /__admin/clock moves it and answers the new time.
        const exchange: Exchange = { deps: journaled ? atInstant(deps, at) : deps, req, method, found, random, who: NOBODY };
        result = { ...runPipeline(exchange), who: exchange.who };
      } catch (error) {
        deps.logger.warn(`${req.method} ${req.path} failed: ${(error as Error).stack ?? String(error)}`);
        result = { response: errorResponse('ErrInternal', `The fake failed on this request: ${(error as Error).message}`), note: 'internal error', who: NOBODY };
      }
      const elapsed = performance.now() - started;
      const { response } = result;
      const status = response.fault === 'drop' ? null : response.status;
      // The log line is built only for a logger that prints (tests and the bench use the silent one).
      if (deps.logger !== silentLogger) {
        const level = response.status >= 400 || response.fault ? 'warn' : 'info';
        if (deps.logger.request) {
          deps.logger.request({
            level, method, path: req.path, status, unsent: response.fault === 'no-answer', durationMs: Math.round(elapsed * 10) / 10,
            ...result.who, fault: result.fault ?? null, delayMs: response.delayMs ?? 0, note: result.note,
          });
        } else {
          const shown = response.fault === 'drop' ? 'dropped' : response.fault === 'no-answer' ? `${response.status} (not sent)` : String(response.status);
          const notes = [result.note, result.fault ? `fault ${result.fault}` : '', response.delayMs ? `+${response.delayMs}ms` : ''].filter((n) => n !== '');
          deps.logger[level](`${method} ${req.path} ${shown} ${elapsed.toFixed(1)}ms${notes.length ? ` ${notes.join(' ')}` : ''}`);
        }
      }
      if (journaled) {
        deps.journal.record({
          timeMs: at.getTime(),
          method,
          path: req.path,
          query: req.query,
          rawBody: req.rawBody,
          ...result.who,
          status,
          durationMs: Math.round(elapsed * 10) / 10,
          delayMs: response.delayMs ?? 0,
          fault: result.fault ?? null,
          headers: req.headers,
          // The body as the adapters send it; the journal keeps it under its bound (JOURNAL_BODY_MAX_CHARS).
          response: response.fault === 'drop' ? null : { status: response.status, headers: response.headers, text: deps.journal.capacity > 0 ? bodyText(response) : '' },
          ...(response.fault !== undefined ? { faultKind: response.fault } : {}),
          ...(req.ending !== undefined ? { ending: req.ending } : {}),
        });
      }
      return response;
    },
  };
}
