// The Postman pre-request script that signs MyValue requests: the signing table as data plus a
// small plain-JavaScript interpreter kept here as text (STYLE.md rule 9: never fn.toString()).
// It runs in Newman 6.2's sandbox and in the Postman app: ES5 syntax, require('crypto-js') only.
import { SIGN_RULES, type SignRule } from '../signing/rules';
import { pathSegments, SUFFIX_MATCH_ES5 } from '../shared/path-pattern';

/** Fixed id of the injected event: injecting again replaces it. */
export const HOOK_EVENT_ID = 'myvalue-signing-hook';

/** Variable the hook reads the client secret from (the run sets it; Postman users set it in an environment). */
export const SECRET_VARIABLE = 'myvalueClientSecret';

/** When this variable is 'true', requests whose rule mutates are skipped (the production guard). */
export const GUARD_VARIABLE = 'myvalueBlockWrites';

/** Prefix of the console line the hook writes when the guard skips a request. */
export const GUARD_LOG_PREFIX = '[myvalue] production guard skipped';

/**
 * The sign's building blocks as ES5 text, for every script the harness generates (the hook, the
 * variations' balance probe): fieldText() as in src/signing/sign.ts, sha256 with crypto-js, and
 * signOf(rule, clientId, secret, fields) over a rule's `fields` in order. Needs `CryptoJS` in scope.
 */
export const SIGN_PRIMITIVES = String.raw`
  function fieldText(v) {
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return JSON.stringify(v);
  }
  function sha256Hex(text) { return CryptoJS.SHA256(CryptoJS.enc.Utf8.parse(text)).toString(CryptoJS.enc.Hex); }
  function signOf(rule, clientId, secret, fields) {
    var text = fieldText(clientId) + fieldText(secret);
    rule.fields.forEach(function (name) { text += fieldText(fields[name]); });
    return sha256Hex(text);
  }`;

/**
 * The interpreter. Field text follows fieldText() in src/signing/sign.ts: undefined/null -> '',
 * strings as sent, numbers and booleans String(v), anything else JSON.stringify(v).
 * Query values are hashed as the server decodes them ('+' is a space, %XX decoded), the body as
 * JSON.parse reads it; the resolved body and query are written back so the sign matches what is sent.
 */
const INTERPRETER = String.raw`
(function (pm, RULES, SECRET_VARIABLE, GUARD_VARIABLE, GUARD_LOG_PREFIX) {
  var CryptoJS = require('crypto-js');
  var PLACEHOLDER = '{{SIGN}}';
  var SENTINEL = '__myvalue_sign_placeholder__';
  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

${SIGN_PRIMITIVES}
  function segmentsOf(path) { return String(path).split('/').filter(function (s) { return s.length > 0; }); }
  function decodePercent(text) {
    return text.replace(/(%[0-9A-Fa-f]{2})+/g, function (run) { try { return decodeURIComponent(run); } catch (e) { return run; } });
  }
  function decodeQuery(text) { return decodePercent(text.replace(/\+/g, ' ')); }
  function resolve(text) { return text === undefined || text === null ? '' : pm.variables.replaceIn(String(text)); }

${SUFFIX_MATCH_ES5}
  // The rule whose method and path are a suffix of the request path; longer rules, then literal ones, win.
  function match(method, segs) {
    var found = bestSuffixMatch(RULES.filter(function (rule) { return rule.method === method; }), segs);
    return found ? { rule: found.item, id: found.params.ID } : null;
  }

  function computeSign(rule, clientId, fields) {
    var secret = pm.variables.get(SECRET_VARIABLE);
    if (secret === undefined || secret === null || secret === '') {
      console.warn('myvalue signing hook: the variable ' + SECRET_VARIABLE + ' is not set, so this sign cannot be right');
    }
    return signOf(rule, clientId, secret, fields);
  }

  var url = pm.request.url;
  var method = String(pm.request.method || 'GET').toUpperCase();
  // A base URL variable may carry a path prefix: it ends up in the host part.
  var hostText = resolve((url.host || []).join('.')).replace(/^[a-z][a-z0-9+.\-]*:\/\//i, '');
  var segs = segmentsOf(hostText.indexOf('/') < 0 ? '' : hostText.slice(hostText.indexOf('/')));
  var resolvedPath = (url.path || []).map(function (seg) {
    if (typeof seg === 'string' && seg.charAt(0) === ':' && url.variables && url.variables.one(seg.slice(1))) {
      var variable = url.variables.one(seg.slice(1));
      variable.value = resolve(variable.value);
      segs = segs.concat(segmentsOf(variable.value));
      return seg;
    }
    var text = resolve(seg);
    segs = segs.concat(segmentsOf(text));
    return text;
  });
  var found = match(method, segs);
  if (!found) {
    var raw = pm.request.body && typeof pm.request.body.raw === 'string' ? pm.request.body.raw : '';
    if (raw.indexOf(PLACEHOLDER) >= 0 || String(url.toString()).indexOf(PLACEHOLDER) >= 0) {
      console.warn('myvalue signing hook: no MyValue signing rule matches ' + method + ' /' + segs.join('/') + '; the sign is left as written');
    }
    return;
  }
  var rule = found.rule;
  if (rule.mutates && String(pm.variables.get(GUARD_VARIABLE)) === 'true') {
    console.log(GUARD_LOG_PREFIX + ' ' + rule.name + ' (' + method + ' /' + segs.join('/') + ')');
    if (pm.execution && typeof pm.execution.skipRequest === 'function') { pm.execution.skipRequest(); return; }
    throw new Error('myvalue production guard: this Postman version cannot skip ' + rule.name + '; not signing it');
  }
  var pathFields = found.id === undefined ? {} : { ID: decodePercent(found.id) };
  if (url.path) url.path = resolvedPath;

  if (rule.location === 'query') {
    var params = [], fields = {}, signParam = null;
    url.query.each(function (p) { if (!p.disabled) params.push(p); });
    params.forEach(function (p) {
      var key = resolve(p.key), value = resolve(p.value), name = decodeQuery(key);
      if (name === 'sign' && signParam === null) signParam = { param: p, fill: p.value === PLACEHOLDER || value === '' };
      if (!has(fields, name)) fields[name] = decodeQuery(value);
      p.key = key;
      p.value = value;
    });
    if (signParam ? !signParam.fill : !has(fields, 'clientID')) return;
    for (var k in pathFields) fields[k] = pathFields[k];
    var sign = computeSign(rule, fields.clientID, fields);
    if (signParam) signParam.param.value = sign; else url.query.add({ key: 'sign', value: sign });
    return;
  }

  var body = pm.request.body;
  if (!body || body.mode !== 'raw' || typeof body.raw !== 'string') {
    console.warn('myvalue signing hook: ' + rule.name + ' needs a raw JSON body; the request is left as written');
    return;
  }
  var data;
  try {
    data = JSON.parse(resolve(body.raw.replace(/"\{\{SIGN\}\}"|\{\{SIGN\}\}/g, '"' + SENTINEL + '"')));
  } catch (e) {
    console.warn('myvalue signing hook: the body of ' + rule.name + ' is not JSON once variables are resolved (' + e.message + '); not signed');
    return;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return;
  if (has(data, 'sign') ? !(data.sign === SENTINEL || data.sign === '' || data.sign === null) : !has(data, 'clientID')) return;
  var bodyFields = {};
  for (var f in data) bodyFields[f] = data[f];
  for (var p in pathFields) bodyFields[p] = pathFields[p];
  data.sign = computeSign(rule, data.clientID, bodyFields);
  body.raw = JSON.stringify(data);
})`;

interface HookRule {
  name: string;
  method: string;
  segments: string[];
  location: string;
  fields: readonly string[];
  mutates: boolean;
}

function hookRule(rule: SignRule): HookRule {
  return { name: rule.name, method: rule.method, segments: pathSegments(rule.path), location: rule.location, fields: rule.fields, mutates: rule.mutates };
}

/**
 * The hook's source, generated from the signing table. Deterministic: same table, same text.
 * @example new Event({ listen: 'prerequest', script: { exec: hookScript().split('\n') } })
 */
export function hookScript(rules: readonly SignRule[] = SIGN_RULES): string {
  const table = rules.map((rule) => `  ${JSON.stringify(hookRule(rule))}`).join(',\n');
  return [
    '// MyValue signing hook, generated by myvalue-harness from its signing table. Do not edit: run `myvalue inject` again.',
    `// Signs requests that carry clientID with sign "{{SIGN}}", empty or absent; reads the client secret from the variable ${SECRET_VARIABLE}.`,
    `${INTERPRETER.trim()}(pm, [\n${table}\n], ${JSON.stringify(SECRET_VARIABLE)}, ${JSON.stringify(GUARD_VARIABLE)}, ${JSON.stringify(GUARD_LOG_PREFIX)});`,
  ].join('\n');
}
