// @ts-check
// The signing hook's interpreter (hook-script.ts composes it with sign-primitives.js, suffix-match.js
// and the signing table). Query values are hashed as the server decodes them ('+' is a space, %XX
// decoded), the body as JSON.parse reads it; the resolved body and query are written back so the sign
// matches what is sent.

/**
 * Signs pm.request when a rule matches it (by method and path suffix) and its sign is {{SIGN}}, empty or absent.
 * @param {PostmanSandbox.Pm} pm
 * @param {PostmanSandbox.HookRule[]} RULES
 * @param {string} SECRET_VARIABLE
 * @param {PostmanSandbox.HookGuard} GUARD
 * @param {string} GUARD_LOG_PREFIX
 * @param {string} UNRESOLVED_LOG_PREFIX
 * @returns {void}
 */
function myvalueSigningHook(pm, RULES, SECRET_VARIABLE, GUARD, GUARD_LOG_PREFIX, UNRESOLVED_LOG_PREFIX) {
  var PLACEHOLDER = '{{SIGN}}';
  var SENTINEL = '__myvalue_sign_placeholder__';
  /** @type {(o: object, k: string) => boolean} */
  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

  /** @param {string} path */
  function segmentsOf(path) { return String(path).split('/').filter(function (s) { return s.length > 0; }); }
  /** @param {string} text */
  function decodePercent(text) {
    return text.replace(/(%[0-9A-Fa-f]{2})+/g, function (run) { try { return decodeURIComponent(run); } catch (e) { return run; } });
  }
  /** @param {string} text */
  function decodeQuery(text) { return decodePercent(text.replace(/\+/g, ' ')); }
  /** @param {unknown} text */
  function resolve(text) { return text === undefined || text === null ? '' : pm.variables.replaceIn(String(text)); }
  /**
   * A field of a signed request still holding a {{variable}} once every scope is resolved is sent (and
   * signed) as that text: one line per request names each, so a missing --env-var or a {{sign}} written
   * for {{SIGN}} is not a silent wrong request (the run turns the prefix into a warning).
   * @param {PostmanSandbox.HookRule} rule
   * @param {Object<string, unknown>} fields
   */
  function warnUnresolved(rule, fields) {
    /** @type {string[]} */
    var named = [];
    var signNamed = false;
    for (var name in fields) {
      var value = fields[name];
      if (typeof value !== 'string' || value === PLACEHOLDER || value === SENTINEL || !/\{\{[^{}]+\}\}/.test(value)) continue;
      named.push(name + ' is "' + value + '"');
      if (name === 'sign') signNamed = true;
    }
    if (named.length === 0) return;
    console.warn(UNRESOLVED_LOG_PREFIX + ' ' + rule.name + ': ' + named.join(', ') + (named.length === 1 ? ', a variable' : ', variables') +
      ' no scope sets; the request is sent with that text' + (signNamed ? ' (write {{SIGN}} for the hook to sign it)' : ''));
  }

  // The rule whose method and path are a suffix of the request path; longer rules, then literal ones, win.
  /**
   * @param {string} method
   * @param {string[]} segs
   */
  function match(method, segs) {
    var found = bestSuffixMatch(RULES.filter(function (rule) { return rule.method === method; }), segs);
    return found ? { rule: found.item, id: found.params.ID } : null;
  }

  /**
   * @param {PostmanSandbox.HookRule} rule
   * @param {unknown} clientId
   * @param {Object<string, unknown>} fields
   */
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
  // Path variables resolved for matching only: they are written back once a rule matches (a request of
  // no rule goes out exactly as Newman sends it, a number left as :name).
  /** @type {Array<{ variable: { value: unknown }, value: string }>} */
  var resolvedVariables = [];
  var resolvedPath = (url.path || []).map(function (seg) {
    var variable = typeof seg === 'string' && seg.charAt(0) === ':' && url.variables ? url.variables.one(seg.slice(1)) : undefined;
    if (variable) {
      var value = resolve(variable.value);
      resolvedVariables.push({ variable: variable, value: value });
      segs = segs.concat(segmentsOf(value));
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
  // The run's decision is this script's own data; the variable can only turn the guard on.
  if (rule.mutates && (GUARD.blockWrites || String(pm.variables.get(GUARD.variable)) === 'true')) {
    console.log(GUARD_LOG_PREFIX + ' ' + rule.name + ' (' + method + ' /' + segs.join('/') + ')');
    if (pm.execution && typeof pm.execution.skipRequest === 'function') { pm.execution.skipRequest(); return; }
    throw new Error('myvalue production guard: this Postman version cannot skip ' + rule.name + '; not signing it');
  }
  /** @type {Object<string, string>} */
  var pathFields = found.id === undefined ? {} : { ID: decodePercent(found.id) };
  // What the sign covers is what is sent: the path as resolved here (a {{$random...}} resolves once).
  if (url.path) url.path = resolvedPath;
  resolvedVariables.forEach(function (r) { r.variable.value = r.value; });

  if (rule.location === 'query') {
    /** @type {PostmanSandbox.QueryParam[]} */
    var params = [];
    /** @type {Object<string, string | undefined>} */
    var fields = {};
    // Typed by a cast, not a tag: it is set inside the forEach below, which TypeScript's narrowing does not see.
    var signParam = /** @type {{ param: PostmanSandbox.QueryParam, fill: boolean } | null} */ (null);
    url.query.each(function (p) { if (!p.disabled) params.push(p); });
    params.forEach(function (p) {
      var key = resolve(p.key), value = resolve(p.value), name = decodeQuery(key);
      if (name === 'sign' && signParam === null) signParam = { param: p, fill: p.value === PLACEHOLDER || value === '' };
      if (!has(fields, name)) fields[name] = decodeQuery(value);
      p.key = key;
      p.value = value;
    });
    if (!signParam && !has(fields, 'clientID')) return;
    for (var k in pathFields) fields[k] = pathFields[k];
    warnUnresolved(rule, fields);
    if (signParam && !signParam.fill) return;
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
    console.warn('myvalue signing hook: the body of ' + rule.name + ' is not JSON once variables are resolved (' + /** @type {Error} */ (e).message + '); not signed');
    return;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return;
  if (!has(data, 'sign') && !has(data, 'clientID')) return;
  /** @type {Object<string, unknown>} */
  var bodyFields = {};
  for (var f in data) bodyFields[f] = data[f];
  for (var p in pathFields) bodyFields[p] = pathFields[p];
  warnUnresolved(rule, bodyFields);
  if (has(data, 'sign') && !(data.sign === SENTINEL || data.sign === '' || data.sign === null)) return;
  data.sign = computeSign(rule, data.clientID, bodyFields);
  body.raw = JSON.stringify(data);
}
