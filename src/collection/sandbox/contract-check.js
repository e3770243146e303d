// @ts-check
// The collection-level test script of the contract check (contract-check.ts composes it): turns the
// outcome Node left in a variable into a real pm.test. Without the variable it does nothing.

/**
 * @param {PostmanSandbox.Pm} pm
 * @param {string} VARIABLE
 * @param {string} PREFIX
 * @returns {void}
 */
function myvalueContractCheck(pm, VARIABLE, PREFIX) {
  var raw = pm.environment.get(VARIABLE);
  if (raw === undefined || raw === null || raw === '') return;
  pm.environment.unset(VARIABLE);
  /** @type {{ name: string, messages: string[] }} */
  var outcome;
  try { outcome = JSON.parse(raw); } catch (e) { return; }
  pm.test(PREFIX + outcome.name, function () {
    if (outcome.messages.length > 0) pm.expect.fail(outcome.messages.join('; '));
  });
}
