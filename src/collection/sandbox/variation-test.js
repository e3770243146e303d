// @ts-check
// The test script of a variation (variations.ts composes it): the refusal expected, then the balance
// probe again, which must find the balance unchanged.

/**
 * @param {PostmanSandbox.Pm} pm
 * @param {PostmanSandbox.VariationTest} V
 * @returns {void}
 */
function myvalueVariationTest(pm, V) {
  /** @type {any} */
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
    /** @type {unknown} */
    var after;
    try { after = err ? undefined : res.json().point; } catch (e) { after = undefined; }
    pm.test(V.changedNothing, function () {
      pm.expect(after, 'balance of ' + before.valueID + ' after (before: ' + before.point + ')' + (err ? ': no answer, ' + err.message : ': status ' + res.code)).to.equal(before.point);
    });
  });
}
