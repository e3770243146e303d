// Fault rules of the fake: latency, 5xx statuses, dropped connections, malformed bodies and
// "applied but no answer", per route or for all, from CLI flags, the admin API or a request header.
// Pure: parsing, matching and the fault responses; randomness comes in as a dependency.
import { findRule, SIGN_RULES } from '../../src/signing';
import type { FakeResponse } from './types';

/** Statuses a fault may answer with, and the error body each carries (MyValue's shape). */
export const FAULT_STATUSES = {
  500: { id: 'ErrInternal', detail: 'Internal server error' },
  502: { id: 'ErrBadGateway', detail: 'Bad gateway' },
  503: { id: 'ErrServiceUnavailable', detail: 'Service unavailable' },
  504: { id: 'ErrGatewayTimeout', detail: 'Gateway timeout' },
} as const;

export type FaultStatus = keyof typeof FAULT_STATUSES;

/** What happens instead of (status, drop) or after (malformed, no-answer) the normal handling. */
export type FaultOutcome = { kind: 'status'; status: FaultStatus } | { kind: 'drop' } | { kind: 'malformed' } | { kind: 'no-answer' };

export type FaultTarget = { kind: 'all' } | { kind: 'rule'; name: string } | { kind: 'path'; method?: string; segments: string[] };

/** A parsed rule, not yet registered. */
export interface FaultSpec {
  target: FaultTarget;
  latency?: { min: number; max: number };
  outcome?: FaultOutcome;
  /** Chance that the rule fires on a matching request, 0 < p <= 1. */
  probability: number;
  /** Fires on the next N matching requests only; unset: always. */
  times?: number;
  /** Canonical text form, e.g. 'point.earn:status=503,times=1'. */
  text: string;
}

/** A registered rule as the admin API lists it. */
export interface FaultRule extends FaultSpec {
  id: string;
  /** Firings left when `times` is set. */
  remaining?: number;
}

/** The object form accepted by `POST /__admin/faults` and `createFakeMyValue({ faults })`. */
export interface FaultInput {
  /** '*', a signing rule name ('point.earn') or '[METHOD ]/path' ('*' or ':name' segments match one segment). Default '*'. */
  route?: string;
  /** Fixed milliseconds, or [min, max] / 'min-max' for a random latency. */
  latency?: number | string | [number, number];
  status?: number;
  drop?: boolean;
  malformed?: boolean;
  noAnswer?: boolean;
  probability?: number;
  times?: number;
}

/** The fault chosen for one request. */
export interface FiredFault {
  latencyMs?: number;
  outcome?: FaultOutcome;
  /** Where it came from: rule texts, or 'header:<spec>'. */
  source: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string };

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
const MAX_LATENCY_MS = 600_000;
const SYNTAX = 'TARGET:SPEC, e.g. "point.earn:status=503,times=1" or "*:latency=100-300"';
const KEYS = 'latency=MS|MIN-MAX, status=500|502|503|504, drop, malformed, no-answer, p=0..1, times=N';

const bad = <T>(detail: string): Parsed<T> => ({ ok: false, detail });

function parseTarget(text: string): Parsed<FaultTarget> {
  const t = text.trim();
  if (t === '*' || t === '') return { ok: true, value: { kind: 'all' } };
  if (!t.includes('/')) {
    if (findRule(t)) return { ok: true, value: { kind: 'rule', name: t } };
    return bad(`unknown route "${t}": use *, a rule name (${SIGN_RULES.map((r) => r.name).join(', ')}) or [METHOD ]/path`);
  }
  const m = /^(?:(\S+)\s+)?(\/[\x21-\x7e]*)$/.exec(t);
  // Printable ASCII only: the rule text is echoed in the x-myvalue-fault response header.
  if (!m) return bad(`route "${t}" must be [METHOD ]/path in printable ASCII (percent-encode the rest), e.g. "POST /service/point/earn/"`);
  const method = m[1]?.toUpperCase();
  if (method !== undefined && method !== '*' && !METHODS.has(method)) return bad(`unknown method "${m[1]}" in route "${t}"`);
  const segments = (m[2] as string).split('/').filter((s) => s.length > 0);
  return { ok: true, value: { kind: 'path', method: method === '*' ? undefined : method, segments } };
}

function targetText(target: FaultTarget): string {
  if (target.kind === 'all') return '*';
  if (target.kind === 'rule') return target.name;
  return `${target.method ? `${target.method} ` : ''}/${target.segments.join('/')}`;
}

function parseLatency(value: string): Parsed<{ min: number; max: number }> {
  const m = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
  if (!m) return bad(`latency must be MS or MIN-MAX in milliseconds, got "${value}"`);
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (max > MAX_LATENCY_MS) return bad(`latency must be at most ${MAX_LATENCY_MS} ms, got ${max}`);
  if (min > max) return bad(`latency ${value}: MIN is larger than MAX`);
  return { ok: true, value: { min, max } };
}

/** Parses SPEC (the part after ':'): comma-separated items. */
export function parseFaultSpec(spec: string, target: FaultTarget = { kind: 'all' }): Parsed<FaultSpec> {
  let latency: { min: number; max: number } | undefined;
  let outcome: FaultOutcome | undefined;
  let probability = 1;
  let times: number | undefined;
  const seen = new Set<string>();
  const items = spec.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const item of items) {
    const eq = item.indexOf('=');
    const key = (eq < 0 ? item : item.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? undefined : item.slice(eq + 1).trim();
    const name = key === 'probability' ? 'p' : key === 'noanswer' ? 'no-answer' : key;
    const isOutcome = name === 'status' || name === 'drop' || name === 'malformed' || name === 'no-answer';
    if (seen.has(isOutcome ? 'outcome' : name)) return bad(isOutcome ? `only one of status, drop, malformed, no-answer per rule (got "${item}" too)` : `"${name}" given twice`);
    seen.add(isOutcome ? 'outcome' : name);
    if ((name === 'drop' || name === 'malformed' || name === 'no-answer') && value !== undefined && value !== 'true') return bad(`"${name}" takes no value, got "${item}"`);
    if (name !== 'drop' && name !== 'malformed' && name !== 'no-answer' && value === undefined) {
      return bad(KNOWN.has(name) ? `"${name}" needs a value, e.g. ${name}=...` : `unknown fault "${item}"; known: ${KEYS}`);
    }
    switch (name) {
      case 'latency': {
        const parsed = parseLatency(value as string);
        if (!parsed.ok) return parsed;
        latency = parsed.value;
        break;
      }
      case 'status': {
        const status = Number(value);
        if (!(status in FAULT_STATUSES) || !/^\d+$/.test(value as string)) return bad(`status must be 500, 502, 503 or 504, got "${value}"`);
        outcome = { kind: 'status', status: status as FaultStatus };
        break;
      }
      case 'drop':
      case 'malformed':
      case 'no-answer':
        outcome = { kind: name };
        break;
      case 'p': {
        const p = Number(value);
        if (value === '' || !Number.isFinite(p) || p <= 0 || p > 1) return bad(`p (probability) must be a number above 0 and at most 1, got "${value}"`);
        probability = p;
        break;
      }
      case 'times': {
        if (!/^\d+$/.test(value as string) || Number(value) < 1) return bad(`times must be a whole number of at least 1, got "${value}"`);
        times = Number(value);
        break;
      }
      default:
        return bad(`unknown fault "${item}"; known: ${KEYS}`);
    }
  }
  if (!latency && !outcome) return bad(`no fault given; use ${KEYS}`);
  const parts = [
    latency ? `latency=${latency.min === latency.max ? latency.min : `${latency.min}-${latency.max}`}` : undefined,
    outcome ? (outcome.kind === 'status' ? `status=${outcome.status}` : outcome.kind) : undefined,
    probability < 1 ? `p=${probability}` : undefined,
    times === undefined ? undefined : `times=${times}`,
  ].filter((p) => p !== undefined);
  const text = `${targetText(target)}:${parts.join(',')}`;
  return { ok: true, value: { target, latency, outcome, probability, times, text } };
}

const KNOWN = new Set(['latency', 'status', 'p', 'times']);

/**
 * Parses a rule in the CLI syntax TARGET:SPEC.
 * @example parseFaultRule('point.earn:status=503,times=1'); parseFaultRule('GET /v1/service/promos/*:latency=100-300');
 */
export function parseFaultRule(text: string): Parsed<FaultSpec> {
  const at = text.lastIndexOf(':');
  if (at < 0) return bad(`a fault rule is ${SYNTAX}`);
  const target = parseTarget(text.slice(0, at));
  if (!target.ok) return target;
  return parseFaultSpec(text.slice(at + 1), target.value);
}

const INPUT_KEYS = new Set(['route', 'latency', 'status', 'drop', 'malformed', 'noAnswer', 'probability', 'times']);

/** A rule from the admin API's JSON: a rule string, `{ rule: string }`, or the object form. */
export function faultFromJson(value: unknown): Parsed<FaultSpec> {
  if (typeof value === 'string') return parseFaultRule(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad(`a fault is a rule string or an object, got ${JSON.stringify(value)}`);
  const o = value as Record<string, unknown>;
  if (typeof o.rule === 'string' && Object.keys(o).length === 1) return parseFaultRule(o.rule);
  const unknown = Object.keys(o).filter((k) => !INPUT_KEYS.has(k));
  if (unknown.length > 0) return bad(`unknown fault field ${unknown.join(', ')}; known: rule, or ${[...INPUT_KEYS].join(', ')}`);
  const route = o.route === undefined ? '*' : o.route;
  if (typeof route !== 'string') return bad('route must be a string');
  const items: string[] = [];
  if (o.latency !== undefined) items.push(`latency=${Array.isArray(o.latency) ? o.latency.join('-') : String(o.latency)}`);
  if (o.status !== undefined) items.push(`status=${String(o.status)}`);
  for (const [key, name] of [['drop', 'drop'], ['malformed', 'malformed'], ['noAnswer', 'no-answer']] as const) {
    if (o[key] === undefined || o[key] === false) continue;
    if (o[key] !== true) return bad(`${key} must be true or false`);
    items.push(name);
  }
  if (o.probability !== undefined) items.push(`p=${String(o.probability)}`);
  if (o.times !== undefined) items.push(`times=${String(o.times)}`);
  const target = parseTarget(route);
  if (!target.ok) return target;
  return parseFaultSpec(items.join(','), target.value);
}

function targetMatches(target: FaultTarget, req: { method: string; path: string; rule?: string }): boolean {
  if (target.kind === 'all') return true;
  if (target.kind === 'rule') return req.rule === target.name;
  if (target.method && target.method !== req.method) return false;
  return pathMatches(target.segments, req.path);
}

/** True when a path matches a pattern's segments; '*' and ':name' match any one segment. */
export function pathMatches(pattern: readonly string[], path: string): boolean {
  const segments = path.split('/').filter((s) => s.length > 0);
  if (segments.length !== pattern.length) return false;
  return pattern.every((part, i) => part === '*' || part.startsWith(':') || part === segments[i]);
}

export interface Faults {
  /** Registers a rule (after the ones there); a bad rule is a value, not a throw. */
  add(input: string | FaultInput | FaultSpec): Parsed<FaultRule>;
  list(): FaultRule[];
  remove(id: string): boolean;
  /** Removes every rule; returns how many there were. */
  clear(): number;
  /** Back to the rules given at start (with their `times` counts restored). */
  reset(): void;
  /**
   * The fault for one request, or undefined. Each matching rule that fires fills what is still
   * open (latency, outcome) and uses up one of its `times`.
   */
  pick(req: { method: string; path: string; rule?: string }): FiredFault | undefined;
}

const isSpec = (v: unknown): v is FaultSpec => typeof v === 'object' && v !== null && 'text' in v && 'target' in v;

/**
 * Rule registry of one fake.
 * @example const faults = createFaults({ random: Math.random }); faults.add('point.earn:status=503,times=1');
 */
export function createFaults(options: { random: () => number; initial?: readonly FaultSpec[] }): Faults {
  let rules: FaultRule[] = [];
  let next = 1;
  const register = (spec: FaultSpec): FaultRule => {
    const rule: FaultRule = { id: `f${next++}`, ...spec, ...(spec.times === undefined ? {} : { remaining: spec.times }) };
    rules.push(rule);
    return rule;
  };
  const reset = (): void => {
    rules = [];
    for (const spec of options.initial ?? []) register(spec);
  };
  reset();
  const draw = (latency: { min: number; max: number }): number => latency.min + Math.floor(options.random() * (latency.max - latency.min + 1));
  return {
    add(input) {
      const parsed: Parsed<FaultSpec> = isSpec(input) ? { ok: true, value: input } : typeof input === 'string' ? parseFaultRule(input) : faultFromJson(input);
      return parsed.ok ? { ok: true, value: register(parsed.value) } : parsed;
    },
    list: () => rules.map((r) => ({ ...r })),
    remove(id) {
      const before = rules.length;
      rules = rules.filter((r) => r.id !== id);
      return rules.length < before;
    },
    clear() {
      const n = rules.length;
      rules = [];
      return n;
    },
    reset,
    pick(req) {
      let latencyMs: number | undefined;
      let outcome: FaultOutcome | undefined;
      const sources: string[] = [];
      for (const rule of rules) {
        if (rule.remaining === 0 || !targetMatches(rule.target, req)) continue;
        const adds = (rule.latency && latencyMs === undefined) || (rule.outcome && outcome === undefined);
        if (!adds) continue;
        if (rule.probability < 1 && options.random() >= rule.probability) continue;
        if (rule.latency && latencyMs === undefined) latencyMs = draw(rule.latency);
        if (rule.outcome && outcome === undefined) outcome = rule.outcome;
        if (rule.remaining !== undefined) rule.remaining -= 1;
        sources.push(rule.text);
      }
      rules = rules.filter((r) => r.remaining !== 0);
      return sources.length === 0 ? undefined : { latencyMs, outcome, source: sources.join('; ') };
    },
  };
}

/** Header a request uses to force a fault on itself, e.g. `x-myvalue-fault: status=503`. */
export const FAULT_HEADER = 'x-myvalue-fault';

/** The fault a request asks for in its header; `times` means nothing there. */
export function faultFromHeader(value: string | undefined, random: () => number): Parsed<FiredFault | undefined> {
  if (value === undefined || value.trim() === '') return { ok: true, value: undefined };
  const parsed = parseFaultSpec(value);
  if (!parsed.ok) return bad(`${FAULT_HEADER}: ${parsed.detail}`);
  const spec = parsed.value;
  if (spec.times !== undefined) return bad(`${FAULT_HEADER}: times means nothing on a single request`);
  if (spec.probability < 1 && random() >= spec.probability) return { ok: true, value: undefined };
  const latencyMs = spec.latency ? spec.latency.min + Math.floor(random() * (spec.latency.max - spec.latency.min + 1)) : undefined;
  return { ok: true, value: { latencyMs, outcome: spec.outcome, source: `header:${spec.text.slice(2)}` } };
}

/** The 5xx answer of a status fault, in MyValue's error shape, naming the rule that caused it. */
export function statusFaultResponse(status: FaultStatus, source: string): FakeResponse {
  const template = FAULT_STATUSES[status];
  return {
    status,
    headers: { 'content-type': 'application/json', [FAULT_HEADER]: source },
    body: { id: template.id, detail: `${template.detail} (fault injected by the fake: ${source})`, errorCode: status },
  };
}

/** The real answer cut in half: still declared JSON, no longer parseable. */
export function malformedResponse(response: FakeResponse, source: string): FakeResponse {
  const text = typeof response.body === 'string' ? response.body : response.body === undefined ? '' : JSON.stringify(response.body);
  let cut = text.length < 2 ? '{"' : text.slice(0, Math.floor(text.length / 2));
  if (isJson(cut)) cut += '{';
  return { ...response, headers: { ...response.headers, [FAULT_HEADER]: source }, body: cut, fault: 'malformed' };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** What a dropped request looks like to an adapter that ignores the directive: a 502. */
export function droppedResponse(source: string): FakeResponse {
  return { ...statusFaultResponse(502, source), fault: 'drop' };
}

/** Thrown by createFakeMyValue for a fault rule given in code (the CLI and admin API report values). */
export class FaultRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultRuleError';
  }
}

/** Parses rules given in code, throwing FaultRuleError on the first bad one. */
export function faultSpecs(inputs: ReadonlyArray<string | FaultInput>): FaultSpec[] {
  return inputs.map((input) => {
    const parsed = typeof input === 'string' ? parseFaultRule(input) : faultFromJson(input);
    if (!parsed.ok) throw new FaultRuleError(`fault ${typeof input === 'string' ? `"${input}"` : JSON.stringify(input)}: ${parsed.detail}`);
    return parsed.value;
  });
}
