// Fault rules of the fake: latency, 5xx statuses, dropped connections, malformed bodies and
// "applied but no answer", per route or for all, from CLI flags, the admin API or a request header.
// Pure: matching, the registry and the fault responses; randomness comes in as a dependency.
import type { FakeResponse } from '../http/types';
import { compilePattern, matchPattern, pathSegments, type PathPattern } from '../../src/shared/path-pattern';
import { bad, faultFromJson, parseFaultRule, parseFaultSpec, FAULT_STATUSES, type FaultInput, type FaultOutcome, type FaultRule, type FaultSpec, type FaultStatus, type FaultTarget, type FiredFault, type Parsed } from './fault-rules';

export * from './fault-rules';

/** Each path target's pattern, compiled on its first use and gone with its rule. */
const targetPatterns = new WeakMap<FaultTarget, PathPattern>();

function targetMatches(target: FaultTarget, req: { method: string; path: string; rule?: string }): boolean {
  if (target.kind === 'all') return true;
  if (target.kind === 'rule') return req.rule === target.name;
  if (target.method && target.method !== req.method) return false;
  let pattern = targetPatterns.get(target);
  if (!pattern) {
    pattern = compilePattern(target.segments.join('/'));
    targetPatterns.set(target, pattern);
  }
  return matchPattern(pattern, pathSegments(req.path)) !== undefined;
}

/**
 * Rules held at once. Each request scans them all: 100,000 took 68 ms a request, a cost no test needs.
 * Rules used up (`times`) are gone, so they do not count.
 */
export const MAX_FAULT_RULES = 1000;

/** Why `adding` more rules than the `set` ones would be too many, or undefined. */
function overCap(set: number, adding: number): string | undefined {
  if (set + adding <= MAX_FAULT_RULES) return undefined;
  return `too many fault rules: at most ${MAX_FAULT_RULES} at a time; ${set} ${set === 1 ? 'is' : 'are'} set and this adds ${adding} (remove some first: DELETE /__admin/faults, fake.faults.clear())`;
}

export interface Faults {
  /** Registers a rule (after the ones there); a bad rule, or one past MAX_FAULT_RULES, is a value, not a throw. */
  add(input: string | FaultInput | FaultSpec): Parsed<FaultRule>;
  /** Registers parsed rules, all or none: none when they would pass MAX_FAULT_RULES. */
  addAll(specs: readonly FaultSpec[]): Parsed<FaultRule[]>;
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
      if (!parsed.ok) return parsed;
      const full = overCap(rules.length, 1);
      return full === undefined ? { ok: true, value: register(parsed.value) } : bad(full);
    },
    addAll(specs) {
      const full = overCap(rules.length, specs.length);
      return full === undefined ? { ok: true, value: specs.map(register) } : bad(full);
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

/** Parses rules given in code, throwing FaultRuleError on the first bad one, or on more than MAX_FAULT_RULES. */
export function faultSpecs(inputs: ReadonlyArray<string | FaultInput>): FaultSpec[] {
  if (inputs.length > MAX_FAULT_RULES) throw new FaultRuleError(`too many fault rules: ${inputs.length} given, at most ${MAX_FAULT_RULES} at a time`);
  return inputs.map((input) => {
    const parsed = typeof input === 'string' ? parseFaultRule(input) : faultFromJson(input);
    if (!parsed.ok) throw new FaultRuleError(`fault ${typeof input === 'string' ? `"${input}"` : JSON.stringify(input)}: ${parsed.detail}`);
    return parsed.value;
  });
}
