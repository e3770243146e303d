// @ts-check
// The pre-request script of a variation (variations.ts composes it with sign-primitives.js): skips
// when the original was refused or not sent, or a variable is not set; probes the balance when the
// request names a valueID; then changes the request. The signing hook runs after it and signs what
// is left (a literal wrong sign is left as written).

/**
 * @param {PostmanSandbox.Pm} pm
 * @param {PostmanSandbox.VariationPrerequest} V
 * @returns {void}
 */
function myvalueVariationPrerequest(pm, V) {
  /** @typedef {{ raw: string }} RawBody */
  var SENTINEL = '__myvalue_variation_sign__';
  /** @param {unknown} text */
  function resolve(text) { return text === undefined || text === null ? '' : pm.variables.replaceIn(String(text)); }
  /** @param {string} reason */
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
  /** @type {any} */
  var clientID;
  /** @type {any} */
  var valueID;
  /** @type {any} */
  var data;
  if (V.location === 'query') {
    url.query.each(function (p) {
      if (p.disabled) return;
      var key = resolve(p.key), value = resolve(p.value);
      if (key === 'clientID' && clientID === undefined) clientID = value;
      if (key === 'valueID' && valueID === undefined) valueID = value;
    });
  } else {
    // Variations are made for raw JSON bodies only (variations.ts signedRequest).
    var raw = resolve(/** @type {RawBody} */ (pm.request.body).raw.replace(/"\{\{SIGN\}\}"|\{\{SIGN\}\}/g, '"' + SENTINEL + '"'));
    unresolved = unresolved || raw.match(/\{\{[^{}]+\}\}/);
    try { data = JSON.parse(raw); } catch (e) { return skip('the body is not JSON once variables are resolved (' + /** @type {Error} */ (e).message + ')'); }
    clientID = data.clientID;
    valueID = data.valueID;
  }
  if (unresolved) return skip('the variable ' + unresolved[0] + ' is not set');

  if (typeof valueID === 'string' && valueID !== '') {
    var base = whole.match(/^([a-z][a-z0-9+.\-]*:\/\/[^\/?#]+)([^?#]*)/i);
    var segs = (base ? /** @type {string} */ (base[2]) : '').split('/').filter(function (s) { return s.length > 0; });
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
  if (V.kind === 'missing-field') delete data[/** @type {string} */ (V.field)];
  if (V.kind === 'unknown-client') data.clientID = V.unknownClient;
  if (V.kind === 'wrong-sign') data.sign = V.wrongSign;
  else if (!Object.prototype.hasOwnProperty.call(data, 'sign') || data.sign === '' || data.sign === null) data.sign = SENTINEL;
  /** @type {RawBody} */ (pm.request.body).raw = JSON.stringify(data).split('"' + SENTINEL + '"').join('"{{SIGN}}"');
}
