// @ts-check
// The sign's building blocks for every generated script that signs (the hook, the variations' balance
// probe): fieldText() as in src/signing/sign.ts, sha256 with crypto-js, signOf() over a rule's fields.
// CryptoJS is bound by the composed script, `(function (CryptoJS) { ... })(require('crypto-js'))`
// (sandbox-program.ts): a require() here would make this file a module to TypeScript.

/**
 * How one field value is written into the string to sign (src/signing/sign.ts fieldText).
 * @param {unknown} v
 * @returns {string}
 */
function fieldText(v) {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * @param {string} text
 * @returns {string}
 */
function sha256Hex(text) { return CryptoJS.SHA256(CryptoJS.enc.Utf8.parse(text)).toString(CryptoJS.enc.Hex); }

/**
 * sha256 of clientID + secret + the rule's fields in order.
 * @param {{ fields: readonly string[] }} rule
 * @param {unknown} clientId
 * @param {unknown} secret
 * @param {Object<string, unknown>} fields
 * @returns {string}
 */
function signOf(rule, clientId, secret, fields) {
  var text = fieldText(clientId) + fieldText(secret);
  rule.fields.forEach(function (name) { text += fieldText(fields[name]); });
  return sha256Hex(text);
}
