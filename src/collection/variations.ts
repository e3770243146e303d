// `--variations`: generated negative tests. After every signed request the harness adds items that
// send it with a wrong sign, an unknown clientID and, one at a time, each required field left out,
// expecting MyValue's refusal, and checks with a signed balance probe that the refusal changed nothing.
// The variation scripts are plain ES5 text (STYLE.md rule 9), generated from the signing table.
import { findRule, SIGN_RULES, type SignRule } from '../signing/rules';
import { bestMatch, compilePattern, pathSegments, type PathPattern } from '../shared/path-pattern';
import { SECRET_VARIABLE, SIGN_PRIMITIVES } from './hook-script';

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

const RULE_PATTERNS = new Map<SignRule, PathPattern>(SIGN_RULES.map((rule) => [rule, compilePattern(rule.path)]));

/** The rule whose path is a suffix of the request's (as the hook matches it); longer, then literal, wins. */
function ruleFor(method: string, segments: string[]): SignRule | undefined {
  const rules = (SIGN_RULES as readonly SignRule[]).filter((rule) => rule.method === method);
  return bestMatch(rules, (rule) => RULE_PATTERNS.get(rule) as PathPattern, segments, 'suffix')?.item;
}

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
  const rule = ruleFor(method, segments);
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

/**
 * The pre-request script of a variation: skips when the original was refused or not sent, or a variable
 * is not set; probes the balance when the request names a valueID; then changes the request. The signing
 * hook runs after it and signs what is left (a literal wrong sign is left as written).
 */
const PREREQUEST = String.raw`
(function (pm, V) {
  var CryptoJS = require('crypto-js');
${SIGN_PRIMITIVES}
  var SENTINEL = '__myvalue_variation_sign__';
  function resolve(text) { return text === undefined || text === null ? '' : pm.variables.replaceIn(String(text)); }
  function skip(reason) {
    console.log(V.skipPrefix + ' ' + reason);
    pm.execution.skipRequest();
  }
  pm.variables.set(V.probeVariable, '');
  var original = pm.environment.get(V.originalVariable);
  if (original) {
    pm.environment.unset(V.originalVariable);
    original = JSON.parse(original);
    if (!original.sent) return skip('its request "' + V.of + '" was not sent');
    if (!original.status) return skip('its request "' + V.of + '" got no answer');
    if (!(original.status >= 200 && original.status < 300)) return skip('its request "' + V.of + '" was refused (' + original.status + '): variations start from an accepted request');
  }
  var url = pm.request.url;
  var whole = resolve(url.toString());
  var unresolved = whole.replace(/\{\{SIGN\}\}/g, '').match(/\{\{[^{}]+\}\}/);
  var clientID, valueID, data;
  if (V.location === 'query') {
    url.query.each(function (p) {
      if (p.disabled) return;
      var key = resolve(p.key), value = resolve(p.value);
      if (key === 'clientID' && clientID === undefined) clientID = value;
      if (key === 'valueID' && valueID === undefined) valueID = value;
    });
  } else {
    var raw = resolve(pm.request.body.raw.replace(/"\{\{SIGN\}\}"|\{\{SIGN\}\}/g, '"' + SENTINEL + '"'));
    unresolved = unresolved || raw.match(/\{\{[^{}]+\}\}/);
    try { data = JSON.parse(raw); } catch (e) { return skip('the body is not JSON once variables are resolved (' + e.message + ')'); }
    clientID = data.clientID;
    valueID = data.valueID;
  }
  if (unresolved) return skip('the variable ' + unresolved[0] + ' is not set');

  if (typeof valueID === 'string' && valueID !== '') {
    var base = whole.match(/^([a-z][a-z0-9+.\-]*:\/\/[^\/?#]+)([^?#]*)/i);
    var segs = (base ? base[2] : '').split('/').filter(function (s) { return s.length > 0; });
    var prefix = segs.slice(0, Math.max(0, segs.length - V.ruleSegments));
    var sign = signOf(V.probe, clientID, pm.variables.get(V.secretVariable), { valueID: valueID });
    var probeUrl = (base ? base[1] : '') + '/' + prefix.concat(V.probe.segments).join('/') + '/?valueID=' + encodeURIComponent(valueID) +
      '&clientID=' + encodeURIComponent(clientID) + '&sign=' + sign;
    pm.sendRequest({ url: probeUrl, method: 'GET', header: [{ key: V.probeHeader, value: 'balance' }] }, function (err, res) {
      var point;
      try { point = err ? undefined : res.code === 200 ? res.json().point : undefined; } catch (e) { point = undefined; }
      var note = err ? 'no answer (' + err.message + ')' : point === undefined ? 'status ' + res.code : '';
      pm.variables.set(V.probeVariable, JSON.stringify({ url: probeUrl, point: point, note: note, valueID: valueID }));
    });
  }

  if (V.location === 'query') {
    if (V.kind === 'missing-field') url.query.remove(function (p) { return resolve(p.key) === V.field; });
    if (V.kind === 'unknown-client') url.query.each(function (p) { if (resolve(p.key) === 'clientID') p.value = V.unknownClient; });
    if (V.kind === 'wrong-sign') {
      var hasSign = false;
      url.query.each(function (p) { if (resolve(p.key) === 'sign') { p.value = V.wrongSign; hasSign = true; } });
      if (!hasSign) url.query.add({ key: 'sign', value: V.wrongSign });
    }
    return;
  }
  if (V.kind === 'missing-field') delete data[V.field];
  if (V.kind === 'unknown-client') data.clientID = V.unknownClient;
  if (V.kind === 'wrong-sign') data.sign = V.wrongSign;
  else if (!Object.prototype.hasOwnProperty.call(data, 'sign') || data.sign === '' || data.sign === null) data.sign = SENTINEL;
  pm.request.body.raw = JSON.stringify(data).split('"' + SENTINEL + '"').join('"{{SIGN}}"');
})`;

/** The test script of a variation: the refusal expected, then the balance probe again. */
const TEST = String.raw`
(function (pm, V) {
  var body = {};
  try { body = pm.response.json(); } catch (e) { body = {}; }
  pm.test(V.title, function () {
    pm.expect(pm.response.code, pm.response.text().slice(0, 300)).to.equal(V.status);
    if (V.errorId) pm.expect(body.id, JSON.stringify(body)).to.equal(V.errorId);
  });
  var before = pm.variables.get(V.probeVariable);
  pm.variables.set(V.probeVariable, '');
  if (!before) return;
  before = JSON.parse(before);
  if (before.point === undefined) {
    console.log('[myvalue] balance of ' + before.valueID + ' not compared: the probe before got ' + before.note);
    return;
  }
  pm.sendRequest({ url: before.url, method: 'GET', header: [{ key: V.probeHeader, value: 'balance' }] }, function (err, res) {
    var after;
    try { after = err ? undefined : res.json().point; } catch (e) { after = undefined; }
    pm.test(V.changedNothing, function () {
      pm.expect(after, 'balance of ' + before.valueID + ' after (before: ' + before.point + ')' + (err ? ': no answer, ' + err.message : ': status ' + res.code)).to.equal(before.point);
    });
  });
})`;

function scriptFor(source: string, values: Record<string, unknown>): string[] {
  return [
    '// MyValue variation, generated by myvalue-harness from its signing table (--variations). Do not edit.',
    `${source.trim()}(pm, ${JSON.stringify(values)});`,
  ];
}

function variationItem(original: ItemJson, rule: SignRule, info: VariationInfo, id: string): ItemJson {
  const expected = VARIATION_KINDS[info.kind];
  const label = expected.label(info.field);
  const common = { kind: info.kind, field: info.field ?? null, probeVariable: PROBE_VARIABLE, probeHeader: PROBE_HEADER };
  const prerequest = {
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
  const test = { ...common, title: `variation ${label}: ${expected.status}${expected.errorId ? ` ${expected.errorId}` : ''}`, status: expected.status, errorId: expected.errorId ?? null, changedNothing: CHANGED_NOTHING };
  return {
    id,
    name: variationName(info.of, info.kind, info.field),
    request: JSON.parse(JSON.stringify(original.request)) as RequestJson,
    ...(original.protocolProfileBehavior ? { protocolProfileBehavior: original.protocolProfileBehavior } : {}),
    event: [
      { listen: 'prerequest', script: { type: 'text/javascript', exec: scriptFor(PREREQUEST, prerequest) } },
      { listen: 'test', script: { type: 'text/javascript', exec: scriptFor(TEST, test) } },
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
