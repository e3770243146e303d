// The fake's core: routes a plain request, parses its body, checks client and sign, runs the handler.
// No I/O of its own: the store, clock and logger come in as dependencies.
import { diagnoseSign, explainSign, findRule, verifySign, type SignRule } from '../../src/signing';
import { errorResponse } from '../http/errors';
import { MAX_BODY_BYTES } from '../http/wire';
import { parseJsonBody } from '../http/json-body';
import { ROUTES } from '../routes/index';
import { adminRoutes } from './admin-routes';
import { createFaults, droppedResponse, faultFromHeader, FAULT_HEADER, malformedResponse, statusFaultResponse, type FaultSpec, type Faults, type FiredFault } from './faults';
import { createJournal, DEFAULT_JOURNAL_SIZE, type Journal } from './journal';
import { parsePrefer, preferredResponse } from './prefer';
import type { Fields, Route, RouteContext } from '../routes/route';
import { defaultSettings, silentLogger, systemClock, type FakeRequest, type FakeResponse, type FakeSettings, type Logger, type Clock } from '../http/types';
import type { FakeMyValue } from './fake-my-value';
import type { Deps } from './deps';
import type { Store } from '../store/store';

export { MAX_BODY_BYTES };

/** Response header carrying why a sign was refused: the 401 body stays exactly MyValue's. */
export const SIGN_EXPLAIN_HEADER = 'x-myvalue-sign-explain';

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
}

/** The fake with its dependencies in reach, for the CLI and this project's tests; partners get FakeMyValue. */
export interface Fake extends FakeMyValue {
  readonly deps: Deps;
  readonly faults: Faults;
  readonly journal: Journal;
}

/** Who sent a request and whether its sign was right, for the journal. */
interface Who {
  rule: string | null;
  clientId: string | null;
  signOk: boolean | null;
}

const NOBODY: Who = { rule: null, clientId: null, signOk: null };

interface Outcome {
  response: FakeResponse;
  note: string;
  who: Who;
  /** The fault or forced answer applied, for the journal and the log. */
  fault?: string;
}

type Admitted = { ok: true; ctx: RouteContext; who: Who } | ({ ok: false } & Outcome);

/** The fake's own API is neither faulted nor journaled (so faults can always be cleared). */
const isAdmin = (path: string): boolean => /^\/__admin(\/|$)/.test(path);

interface CompiledRoute {
  route: Route;
  segments: string[];
}

const compiled: CompiledRoute[] = [...ROUTES, ...adminRoutes].map((route) => ({ route, segments: split(route.path) }));

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchPath(segments: string[], pattern: string[]): Record<string, string> | undefined {
  if (segments.length !== pattern.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i] as string;
    const seg = segments[i] as string;
    if (part.startsWith(':')) params[part.slice(1)] = seg;
    else if (part !== seg) return undefined;
  }
  return params;
}

/** Finds the route; literal segments win over parameters. */
function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } | { allowed: string[] } {
  const segments = split(path).map(safeDecode);
  const allowed = new Set<string>();
  let best: { route: Route; params: Record<string, string>; score: number } | undefined;
  for (const { route, segments: pattern } of compiled) {
    const params = matchPath(segments, pattern);
    if (!params) continue;
    if (route.method !== method) {
      allowed.add(route.method);
      continue;
    }
    const score = Object.keys(params).length;
    if (!best || score < best.score) best = { route, params, score };
  }
  if (best) return { route: best.route, params: best.params };
  return { allowed: [...allowed] };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function firstValues(query: FakeRequest['query']): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(query)) out[key] = Array.isArray(value) ? value[0] : value;
  return out;
}

/** Non-ASCII characters escaped, so the explanation fits in an HTTP header. */
function headerSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}


/**
 * Creates the fake over a store.
 * @example const fake = createFake({ store: createStore({ seed: loadSeed() }) });
 *          fake.handle({ method: 'GET', path: '/service/point/', query: {...}, headers: {}, origin: 'http://x' });
 */
export function createFake(options: FakeOptions): Fake {
  const random = options.random ?? Math.random;
  const deps: Deps = {
    store: options.store,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    settings: { ...defaultSettings, ...options.settings },
    faults: createFaults({ random, initial: options.faults }),
    journal: createJournal(options.journalSize ?? DEFAULT_JOURNAL_SIZE),
  };

  /** Parses the body and checks client and sign: ready for the handler, or refused. Changes nothing. */
  const admit = (req: FakeRequest, method: string, route: Route, params: Record<string, string>): Admitted => {
    const unsigned: Who = { ...NOBODY, rule: route.rule ?? null };
    if (req.bodyTooLarge) {
      return { ok: false, response: errorResponse('ErrPayloadTooLarge', `Request body is larger than ${MAX_BODY_BYTES} bytes`), note: '', who: unsigned };
    }
    if (req.bodyError !== undefined) {
      return { ok: false, response: errorResponse('ErrMalformedJSON', `Request body could not be read: ${req.bodyError}`), note: '', who: unsigned };
    }
    let body: Fields = {};
    if ((route.body ?? (method === 'POST' ? 'json' : 'none')) === 'json') {
      const parsed = parseJsonBody(req.rawBody);
      if (!parsed.ok) return { ok: false, response: parsed.response, note: '', who: unsigned };
      body = parsed.body;
    }
    const rule = route.rule ? findRule(route.rule) : undefined;
    const fields: Fields = rule?.location === 'body' ? body : firstValues(req.query);
    if (!rule) {
      const client = { clientId: '', clientSecret: '', redirectUris: [] };
      return { ok: true, ctx: { req, deps, client, fields, body, params }, who: unsigned };
    }
    const clientId = fields.clientID;
    const named = typeof clientId === 'string' ? clientId : null;
    const client = named === null ? undefined : deps.store.clients.get(named);
    if (!client) {
      return { ok: false, response: errorResponse('InvalidClient'), note: `unknown clientID ${JSON.stringify(clientId ?? null)}`, who: { rule: rule.name, clientId: named, signOk: null } };
    }
    const signFields: Fields = params.ID === undefined ? fields : { ...fields, ID: params.ID };
    const input = { clientId: client.clientId, clientSecret: client.clientSecret, fields: signFields };
    if (!verifySign(rule, input, fields.sign)) {
      return { ok: false, ...signRefused(rule, input, fields.sign), who: { rule: rule.name, clientId: named, signOk: false } };
    }
    return { ok: true, ctx: { req, deps, rule, client, fields, body, params }, who: { rule: rule.name, clientId: named, signOk: true } };
  };

  const dispatch = (req: FakeRequest, method: string, found: ReturnType<typeof findRoute>): Outcome => {
    if (!('route' in found)) {
      if (found.allowed.length > 0) {
        return { response: errorResponse('ErrMethodNotAllowed', `${method} is not allowed on ${req.path}; use ${found.allowed.join(', ')}`, { allow: found.allowed.join(', ') }), note: '', who: NOBODY };
      }
      return { response: errorResponse('ErrRouteNotFound', `No route for ${method} ${req.path}`), note: '', who: NOBODY };
    }
    const admitted = admit(req, method, found.route, found.params);
    if (!admitted.ok) return admitted;
    return { response: found.route.handle(admitted.ctx), note: admitted.who.rule ?? '', who: admitted.who };
  };

  const signRefused = (rule: SignRule, input: { clientId: string; clientSecret: string; fields: Fields }, received: unknown): { response: FakeResponse; note: string } => {
    const explanation = explainSign(rule, input);
    const diagnosis = diagnoseSign(rule, input, received);
    const explain = { ...explanation, ...diagnosis };
    const hint = diagnosis.hint ? `; ${diagnosis.hint}` : '';
    const note = `${rule.name}: invalid sign; expected sha256 of "${explanation.maskedString}" (fields: clientID, clientSecret, ${rule.fields.join(', ')})${hint}`;
    return { response: errorResponse('ErrAuthorizationInvalidSign', undefined, { [SIGN_EXPLAIN_HEADER]: headerSafeJson(explain) }), note };
  };

  /**
   * A MyValue request with faults and forced answers (issue 5). Order: a bad Prefer or fault header
   * is a 400; Prefer answers the documented example; a status or drop fault answers before the
   * handler runs (nothing changes); malformed and no-answer faults act on the handled answer.
   */
  const serve = (req: FakeRequest, method: string, found: ReturnType<typeof findRoute>): Outcome => {
    const prefer = parsePrefer(req.headers.prefer);
    if (!prefer.ok) return { response: errorResponse('ErrValidation', prefer.detail), note: 'bad Prefer header', who: NOBODY };
    const header = faultFromHeader(req.headers[FAULT_HEADER], random);
    if (!header.ok) return { response: errorResponse('ErrValidation', header.detail), note: `bad ${FAULT_HEADER} header`, who: NOBODY };
    const route = 'route' in found ? found : undefined;
    // A request's own header wins over the rules, and then uses up none of their `times`; so does Prefer.
    const fired: FiredFault | undefined = header.value ?? (prefer.value ? undefined : deps.faults.pick({ method, path: req.path, rule: route?.route.rule }));
    const whoOf = (): Who => (route ? admit(req, method, route.route, route.params).who : NOBODY);
    let outcome: Outcome;
    if (prefer.value && route) {
      const response = preferredResponse(method, route.route.path, prefer.value);
      outcome = { response, note: `forced by Prefer: ${prefer.value.text}`, who: whoOf(), fault: `prefer:${prefer.value.text}` };
    } else if (fired?.outcome?.kind === 'status') {
      outcome = { response: statusFaultResponse(fired.outcome.status, fired.source), note: '', who: whoOf() };
    } else if (fired?.outcome?.kind === 'drop') {
      outcome = { response: droppedResponse(fired.source), note: '', who: whoOf() };
    } else {
      outcome = dispatch(req, method, found);
      if (fired?.outcome?.kind === 'malformed') outcome.response = malformedResponse(outcome.response, fired.source);
      if (fired?.outcome?.kind === 'no-answer') outcome.response = { ...outcome.response, fault: 'no-answer' };
    }
    if (fired) {
      outcome.fault = outcome.fault ?? fired.source;
      outcome.response = { ...outcome.response, headers: { ...outcome.response.headers, [FAULT_HEADER]: fired.source } };
      if (fired.latencyMs) outcome.response.delayMs = fired.latencyMs;
    }
    return outcome;
  };

  let closed = false;
  return {
    deps,
    faults: deps.faults,
    journal: deps.journal,
    reset: () => {
      deps.store.reset();
      deps.faults.reset();
      deps.journal.clear();
    },
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
      const journaled = !isAdmin(req.path);
      let result: Outcome;
      try {
        const found = findRoute(method, req.path);
        result = journaled ? serve(req, method, found) : dispatch(req, method, found);
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
          timeMs: deps.clock.now().getTime(),
          method,
          path: req.path,
          query: req.query,
          rawBody: req.rawBody,
          ...result.who,
          status,
          durationMs: Math.round(elapsed * 10) / 10,
          delayMs: response.delayMs ?? 0,
          fault: result.fault ?? null,
        });
      }
      return response;
    },
  };
}
