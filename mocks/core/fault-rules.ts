// Fault rules of the fake as text and JSON: the syntax of --fault, POST /__admin/faults and the
// x-myvalue-fault header, parsed into specs. Pure; bad rules are values, not throws.
import { findRule, SIGN_RULES } from '../../src/signing';

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

export const bad = <T>(detail: string): Parsed<T> => ({ ok: false, detail });

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
