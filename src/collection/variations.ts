// `--variations`: generated negative tests. After every signed request the harness adds items that
// send it with a wrong sign, an unknown clientID and, one at a time, each required field left out,
// expecting MyValue's refusal, and checks with a signed balance probe that the refusal changed nothing.
// The variation scripts are the ES5 programs sandbox/variation-*.js (STYLE.md rule 9), given data
// generated from the signing table.
import { findRule, ruleAt, type SignRule } from '../signing/rules';
import { pathSegments } from '../shared/path-pattern';
import { sandboxSource } from '../shared/sandbox-source';
import { SECRET_VARIABLE } from './hook-script';
import { sandboxProgram, SIGN_PRIMITIVES } from './sandbox-program';

export type VariationKind = 'wrong-sign' | 'unknown-client' | 'missing-field';

export interface VariationInfo {
  kind: VariationKind;
  /** The field left out, for 'missing-field'. */
  field?: string;
  /** Name of the request it varies. */
  of: string;
}

/** What each kind sends and expects: a table, read by the generator and the scripts. */
export const VARIATION_KINDS: Record<VariationKind, { label: (field?: string) => string; status: number; errorId?: string }> = {
  'wrong-sign': { label: () => 'wrong sign', status: 401, errorId: 'ErrAuthorizationInvalidSign' },
  'unknown-client': { label: () => 'unknown clientID', status: 400, errorId: 'InvalidClient' },
  'missing-field': { label: (field) => `missing ${field ?? '?'}`, status: 400 },
};

/** A sign that is never right: 64 hex digits, like a real one. */
export const WRONG_SIGN = 'f'.repeat(64);

/** A clientID no MyValue knows. */
export const UNKNOWN_CLIENT_ID = 'myvalue-harness-unknown-client';

/** Header marking the harness's own balance probes (kept out of Newman's reports by the runner). */
export const PROBE_HEADER = 'x-myvalue-harness-probe';

/** Variable through which the runner tells a variation how its original request went ({sent, status}). */
export const ORIGINAL_VARIABLE = 'myvalueVariationOriginal';

/** Prefix of the console line a variation writes when it skips itself. */
export const VARIATION_SKIP_PREFIX = '[myvalue] variation skipped:';

const PROBE_RULE = findRule('point.get') as SignRule;
const PROBE_VARIABLE = 'myvalueVariationProbe';
const CHANGED_NOTHING = 'nothing changed: the balance is the same before and after';

/** The name a variation item gets, e.g. 'Earn points [variation: missing amount]'. */
export function variationName(of: string, kind: VariationKind, field?: string): string {
  return `${of} [variation: ${VARIATION_KINDS[kind].label(field)}]`;
}

interface RequestJson {
  method?: string;
  url?: { host?: string[]; path?: string[]; query?: Array<{ key?: string | null; value?: string | null; disabled?: boolean }> } | string;
  body?: { mode?: string; raw?: string };
  header?: unknown[];
}

interface ItemJson {
  id?: string;
  name?: string;
  item?: ItemJson[];
  request?: RequestJson;
  event?: unknown[];
  protocolProfileBehavior?: unknown;
}

/** A request the hook signs, as far as the collection shows it before variables are resolved. */
export interface SignedRequest {
  rule: SignRule;
}

const isPlaceholder = (value: unknown): boolean => value === '{{SIGN}}' || value === '' || value === null;

/** Keys of a raw JSON body with {{variables}} in it (those outside strings read as null). */
function bodyKeys(raw: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(raw.replace(/"(?:[^"\\]|\\.)*"|\{\{[^{}]*\}\}/g, (m) => (m.startsWith('"') ? m : 'null')));
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The signing rule of a request the hook will sign (a rule matches, sign is {{SIGN}} or empty, clientID present),
 * or undefined.
 */
export function signedRequest(request: RequestJson | undefined): SignedRequest | undefined {
  if (!request || typeof request.url !== 'object') return undefined;
  const method = (request.method ?? 'GET').toUpperCase();
  const segments = (request.url.path ?? []).filter((s) => s.length > 0);
  // The rule whose path ends the request's, as the hook matches it.
  const rule = ruleAt(method, segments, 'suffix')?.rule;
  if (!rule) return undefined;
  if (rule.location === 'query') {
    const params = (request.url.query ?? []).filter((p) => !p.disabled);
    const sign = params.find((p) => p.key === 'sign');
    const signed = sign ? isPlaceholder(sign.value) : params.some((p) => p.key === 'clientID');
    return signed && params.some((p) => p.key === 'clientID') ? { rule } : undefined;
  }
  if (request.body?.mode !== 'raw' || typeof request.body.raw !== 'string') return undefined;
  const data = bodyKeys(request.body.raw.replace(/"\{\{SIGN\}\}"|\{\{SIGN\}\}/g, '""'));
  if (!data || !('clientID' in data)) return undefined;
  return !('sign' in data) || isPlaceholder(data.sign) ? { rule } : undefined;
}

/** The variations of one signed request: wrong sign, unknown client, then each required field left out. */
export function variationsOf(rule: SignRule, of: string): VariationInfo[] {
  return [
    { kind: 'wrong-sign', of },
    { kind: 'unknown-client', of },
    ...rule.required.map((field) => ({ kind: 'missing-field' as const, field, of })),
  ];
}

/** The pre-request script of a variation (sandbox/variation-prerequest.js), with the sign primitives for its balance probe. */
const PREREQUEST = sandboxSource(new URL('./sandbox/variation-prerequest.js', import.meta.url));

/** The test script of a variation (sandbox/variation-test.js): the refusal expected, then the balance probe again. */
const TEST = sandboxSource(new URL('./sandbox/variation-test.js', import.meta.url));

function scriptFor(program: string): string[] {
  return ['// MyValue variation, generated by myvalue-harness from its signing table (--variations). Do not edit.', ...program.split('\n')];
}

function variationItem(original: ItemJson, rule: SignRule, info: VariationInfo, id: string): ItemJson {
  const expected = VARIATION_KINDS[info.kind];
  const label = expected.label(info.field);
  const common = { kind: info.kind, field: info.field ?? null, probeVariable: PROBE_VARIABLE, probeHeader: PROBE_HEADER };
  const prerequest: PostmanSandbox.VariationPrerequest = {
    ...common,
    of: info.of,
    location: rule.location,
    ruleSegments: pathSegments(rule.path).length,
    wrongSign: WRONG_SIGN,
    unknownClient: UNKNOWN_CLIENT_ID,
    secretVariable: SECRET_VARIABLE,
    originalVariable: ORIGINAL_VARIABLE,
    skipPrefix: VARIATION_SKIP_PREFIX,
    probe: { segments: pathSegments(PROBE_RULE.path), fields: PROBE_RULE.fields },
  };
  const test: PostmanSandbox.VariationTest = { ...common, title: `variation ${label}: ${expected.status}${expected.errorId ? ` ${expected.errorId}` : ''}`, status: expected.status, errorId: expected.errorId ?? null, changedNothing: CHANGED_NOTHING };
  return {
    id,
    name: variationName(info.of, info.kind, info.field),
    request: JSON.parse(JSON.stringify(original.request)) as RequestJson,
    ...(original.protocolProfileBehavior ? { protocolProfileBehavior: original.protocolProfileBehavior } : {}),
    event: [
      { listen: 'prerequest', script: { type: 'text/javascript', exec: scriptFor(sandboxProgram([SIGN_PRIMITIVES, PREREQUEST], { main: 'myvalueVariationPrerequest', args: [prerequest], crypto: true })) } },
      { listen: 'test', script: { type: 'text/javascript', exec: scriptFor(sandboxProgram([TEST], { main: 'myvalueVariationTest', args: [test] })) } },
    ],
  };
}

/** Id of a variation item: the original's id plus the kind and field, so reruns give the same ids. */
export function variationId(originalId: string, info: VariationInfo): string {
  return `${originalId}~${info.kind}${info.field ? `~${info.field}` : ''}`;
}

/**
 * Items with variations added right after each signed request (so chained variables exist), and what
 * each added item is. Items must have ids (a Collection's toJSON() gives them).
 * @example const { items, variations } = addVariations(json.item ?? []); json.item = items;
 */
export function addVariations(items: readonly object[]): { items: object[]; variations: Map<string, VariationInfo>; originals: Map<string, string> } {
  const variations = new Map<string, VariationInfo>();
  /** Variation id -> original item id. */
  const originals = new Map<string, string>();
  const walk = (list: readonly ItemJson[]): ItemJson[] =>
    list.flatMap((item) => {
      if (Array.isArray(item.item)) return [{ ...item, item: walk(item.item) }];
      const signed = signedRequest(item.request);
      if (!signed || !item.id) return [item];
      const added = variationsOf(signed.rule, item.name ?? '').map((info) => {
        const id = variationId(item.id as string, info);
        variations.set(id, info);
        originals.set(id, item.id as string);
        return variationItem(item, signed.rule, info, id);
      });
      return [item, ...added];
    });
  return { items: walk(items as ItemJson[]), variations, originals };
}
