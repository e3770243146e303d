// The fake's core: routes a plain request, parses its body, checks client and sign, runs the handler.
// No I/O of its own: the store, clock and logger come in as dependencies.
import { diagnoseSign, explainSign, findRule, verifySign, type SignRule } from '../../src/signing';
import { errorResponse } from './errors';
import { ROUTES } from './routes/index';
import type { Fields, Route } from './route';
import { defaultSettings, silentLogger, systemClock, type Deps, type FakeRequest, type FakeResponse, type FakeSettings, type Logger, type Clock } from './types';
import type { Store } from '../store/store';

/** Bodies above this many bytes get 413 (Express's own default limit). */
export const MAX_BODY_BYTES = 100 * 1024;

/** Response header carrying why a sign was refused: the 401 body stays exactly MyValue's. */
export const SIGN_EXPLAIN_HEADER = 'x-myvalue-sign-explain';

export interface FakeOptions {
  store: Store;
  clock?: Clock;
  logger?: Logger;
  settings?: Partial<FakeSettings>;
}

export interface Fake {
  /** Answers one request. Never throws for anything a client can send. */
  handle(req: FakeRequest): FakeResponse;
  readonly deps: Deps;
  /** Restores the seed. */
  reset(): void;
}

interface CompiledRoute {
  route: Route;
  segments: string[];
}

const compiled: CompiledRoute[] = ROUTES.map((route) => ({ route, segments: split(route.path) }));

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

type Parsed = { ok: true; body: Fields } | { ok: false; response: FakeResponse };

function parseJsonBody(req: FakeRequest): Parsed {
  const text = req.rawBody ?? '';
  if (text.trim() === '') return { ok: true, body: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, response: errorResponse('ErrMalformedJSON', `Request body is not valid JSON: ${(error as Error).message}`) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, response: errorResponse('ErrMalformedJSON', `Request body must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`) };
  }
  return { ok: true, body: value as Fields };
}

/**
 * Creates the fake over a store.
 * @example const fake = createFake({ store: createStore({ seed: loadSeed() }) });
 *          fake.handle({ method: 'GET', path: '/service/point/', query: {...}, headers: {}, origin: 'http://x' });
 */
export function createFake(options: FakeOptions): Fake {
  const deps: Deps = {
    store: options.store,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    settings: { ...defaultSettings, ...options.settings },
  };

  const dispatch = (req: FakeRequest): { response: FakeResponse; note: string } => {
    const method = req.method.toUpperCase();
    const found = findRoute(method, req.path);
    if (!('route' in found)) {
      if (found.allowed.length > 0) {
        return { response: errorResponse('ErrMethodNotAllowed', `${method} is not allowed on ${req.path}; use ${found.allowed.join(', ')}`, { allow: found.allowed.join(', ') }), note: '' };
      }
      return { response: errorResponse('ErrRouteNotFound', `No route for ${method} ${req.path}`), note: '' };
    }
    const { route, params } = found;
    if (req.bodyTooLarge) {
      return { response: errorResponse('ErrPayloadTooLarge', `Request body is larger than ${MAX_BODY_BYTES} bytes`), note: '' };
    }
    let body: Fields = {};
    if ((route.body ?? (method === 'POST' ? 'json' : 'none')) === 'json') {
      const parsed = parseJsonBody(req);
      if (!parsed.ok) return { response: parsed.response, note: '' };
      body = parsed.body;
    }
    const rule = route.rule ? findRule(route.rule) : undefined;
    const fields: Fields = rule?.location === 'body' ? body : firstValues(req.query);
    if (!rule) {
      const client = { clientId: '', clientSecret: '', redirectUris: [] };
      return { response: route.handle({ req, deps, client, fields, body, params }), note: '' };
    }
    const clientId = fields.clientID;
    const client = typeof clientId === 'string' ? deps.store.clients.get(clientId) : undefined;
    if (!client) {
      return { response: errorResponse('InvalidClient'), note: `unknown clientID ${JSON.stringify(clientId ?? null)}` };
    }
    const signFields: Fields = params.ID === undefined ? fields : { ...fields, ID: params.ID };
    const input = { clientId: client.clientId, clientSecret: client.clientSecret, fields: signFields };
    if (!verifySign(rule, input, fields.sign)) {
      return signRefused(rule, input, fields.sign);
    }
    return { response: route.handle({ req, deps, rule, client, fields, body, params }), note: rule.name };
  };

  const signRefused = (rule: SignRule, input: { clientId: string; clientSecret: string; fields: Fields }, received: unknown): { response: FakeResponse; note: string } => {
    const explanation = explainSign(rule, input);
    const diagnosis = diagnoseSign(rule, input, received);
    const explain = { ...explanation, ...diagnosis };
    const hint = diagnosis.hint ? `; ${diagnosis.hint}` : '';
    const note = `${rule.name}: invalid sign; expected sha256 of "${explanation.maskedString}" (fields: clientID, clientSecret, ${rule.fields.join(', ')})${hint}`;
    return { response: errorResponse('ErrAuthorizationInvalidSign', undefined, { [SIGN_EXPLAIN_HEADER]: headerSafeJson(explain) }), note };
  };

  return {
    deps,
    reset: () => deps.store.reset(),
    handle(req) {
      const started = performance.now();
      let result: { response: FakeResponse; note: string };
      try {
        result = dispatch(req);
      } catch (error) {
        deps.logger.warn(`${req.method} ${req.path} failed: ${(error as Error).stack ?? String(error)}`);
        result = { response: errorResponse('ErrInternal', `The fake failed on this request: ${(error as Error).message}`), note: 'internal error' };
      }
      const ms = (performance.now() - started).toFixed(1);
      const line = `${req.method.toUpperCase()} ${req.path} ${result.response.status} ${ms}ms${result.note ? ` ${result.note}` : ''}`;
      if (result.response.status >= 400) deps.logger.warn(line);
      else deps.logger.info(line);
      return result.response;
    },
  };
}
