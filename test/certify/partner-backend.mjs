#!/usr/bin/env node
// A partner's backend as a partner would write it, for `myvalue certify` to grade: plain Node, its own
// sha256 signing (node:crypto, from MyValue's docs), nothing of this project imported. It drives a
// cashier's flow against MyValue: look the customer up by phone, register them when unknown, two sales
// of the same amount (two earns), a redemption, then the history and the balance to check its own work.
//
// Variants, one flaw each (argument or PARTNER_FLAW): none (correct), new-reference (a retry gets a new
// referenceNo), no-retry, no-pause (retries at once), retry-4xx (retries client errors too), sign-order
// (earn's fields hashed out of order), secret-header (sends the secret in a header), no-timeout.
// Settings: PARTNER_TIMEOUT_MS (the client's own timeout, default 2000), PARTNER_PAUSE_MS (before a retry, default 300: well past the 100 ms the grader asks, so a loaded machine that notices a close late cannot make it look hasty).
import { createHash, randomInt } from 'node:crypto';

const FLAWS = ['none', 'new-reference', 'no-retry', 'no-pause', 'retry-4xx', 'sign-order', 'secret-header', 'no-timeout'];
const flaw = process.argv[2] ?? process.env.PARTNER_FLAW ?? 'none';
if (!FLAWS.includes(flaw)) {
  console.error(`unknown flaw ${flaw}: use ${FLAWS.join(', ')}`);
  process.exit(2);
}
const base = process.env.MYVALUE_EXTERNAL_BASE_URL;
const clientID = process.env.MYVALUE_CLIENT_ID;
const clientSecret = process.env.MYVALUE_CLIENT_SECRET;
if (!base || !clientID || !clientSecret) {
  console.error('MYVALUE_EXTERNAL_BASE_URL, MYVALUE_CLIENT_ID and MYVALUE_CLIENT_SECRET are needed');
  process.exit(2);
}
const timeoutMs = Number(process.env.PARTNER_TIMEOUT_MS ?? 2000);
const pauseMs = Number(process.env.PARTNER_PAUSE_MS ?? 300);
const MAX_ATTEMPTS = 4;
const OUTLET = 'MVAPP00001';

// MyValue's signing rules: the fields hashed after clientID + clientSecret, in order.
const ROUTES = {
  'user.get': { method: 'GET', path: '/v2/service/user/', sign: ['by', 'value'] },
  'user.create': { method: 'POST', path: '/service/user/', sign: ['email', 'mobilePhoneNumber', 'fullName', 'membershipName', 'membershipNumber'] },
  'point.get': { method: 'GET', path: '/service/point/', sign: ['valueID'] },
  'point.earn': { method: 'POST', path: '/service/point/earn/', sign: ['amount', 'referenceNo', 'exchangeRate', 'outletID'] },
  'point.redeem': { method: 'POST', path: '/service/point/redeem/', sign: ['amount', 'referenceNo', 'outletID'] },
  'point.history': { method: 'GET', path: '/service/point/history/', sign: ['brandID', 'businessUnit', 'from', 'to', 'limit', 'page', 'mutation', 'valueID'] },
};

function signOf(name, fields) {
  let order = ROUTES[name].sign;
  if (flaw === 'sign-order' && name === 'point.earn') order = ['referenceNo', 'amount', 'exchangeRate', 'outletID'];
  const text = clientID + clientSecret + order.map((f) => (fields[f] === undefined || fields[f] === null ? '' : String(fields[f]))).join('');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** One HTTP call; { status: 0, error } when no answer came (network error or our own timeout). */
async function send(name, fields) {
  const { method, path } = ROUTES[name];
  const signed = { ...fields, clientID, sign: signOf(name, fields) };
  const headers = { accept: 'application/json' };
  if (flaw === 'secret-header') headers['x-client-secret'] = clientSecret;
  let url = `${base}${path}`;
  let body;
  if (method === 'GET') url += `?${new URLSearchParams(Object.entries(signed).map(([k, v]) => [k, String(v)]))}`;
  else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(signed);
  }
  try {
    const response = await fetch(url, { method, headers, body, signal: flaw === 'no-timeout' ? undefined : AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, body: json };
  } catch (error) {
    return { status: 0, error: error.name === 'TimeoutError' ? 'timeout' : 'no answer' };
  }
}

const retryable = (r) => r.status === 0 || r.status >= 500 || r.status === 408 || r.status === 429;

/** A call with retries; fieldsFor(attempt) gives each attempt's fields (the same object, unless flawed). */
async function call(name, fieldsFor) {
  const attempts = flaw === 'no-retry' ? 1 : MAX_ATTEMPTS;
  let result;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1 && flaw !== 'no-pause') await sleep(pauseMs);
    result = { ...(await send(name, fieldsFor(attempt))), attempt };
    const again = retryable(result) || (flaw === 'retry-4xx' && result.status >= 400);
    if (!again) return result;
  }
  return result;
}

/** The same fields on every attempt, except for the flaw that makes a new referenceNo each time. */
const sameReference = (fields) => (attempt) => (flaw === 'new-reference' && attempt > 1 ? { ...fields, referenceNo: `${fields.referenceNo}-R${attempt}` } : fields);

function fail(message) {
  console.error(`partner backend (${flaw}): ${message}`);
  process.exit(1);
}

async function history(valueID) {
  const answer = await call('point.history', () => ({ valueID, limit: 50 }));
  if (answer.status !== 200) fail(`history of ${valueID}: ${answer.status} ${answer.error ?? JSON.stringify(answer.body)}`);
  return answer.body.results;
}

/** A write that answered ErrDuplicateReferenceNo after a retry was applied by an earlier attempt: confirm it in the history. */
async function pointWrite(name, valueID, fields) {
  const answer = await call(name, sameReference(fields));
  if (answer.status === 200) return;
  if (answer.status === 400 && answer.body?.id === 'ErrDuplicateReferenceNo' && answer.attempt > 1) {
    const entries = await history(valueID);
    if (entries.some((e) => e.referenceNo === fields.referenceNo)) return;
    fail(`${name} ${fields.referenceNo}: duplicate, yet not in the history`);
  }
  fail(`${name} ${fields.referenceNo}: ${answer.status} ${answer.error ?? JSON.stringify(answer.body)}`);
}

async function findByPhone(phone) {
  const found = await call('user.get', () => ({ by: 'phone', value: phone }));
  return found.status === 200 ? found.body.kgValueID : undefined;
}

const run = `${Date.now().toString(36)}${randomInt(1000, 9999)}`;
const phone = `+62812${randomInt(10_000_000, 99_999_999)}`;
const customer = { email: `cashier-${run}@example.co.id`, mobilePhoneNumber: phone, fullName: 'Sari Partner', passwordLess: true };

let valueID = await findByPhone(phone);
if (valueID === undefined) {
  const created = await call('user.create', () => customer);
  if (created.status === 200) valueID = created.body.valueID;
  // Registered by an attempt whose answer was lost: look the customer up.
  else if (created.status === 400 && created.body?.id === 'ErrUserAlreadyRegistered' && created.attempt > 1) valueID = await findByPhone(phone);
  if (valueID === undefined) fail(`register ${phone}: ${created.status} ${created.error ?? JSON.stringify(created.body)}`);
}

// Two sales of the same amount to the same customer: two earns, each with its own referenceNo.
const sale = (n) => ({ amount: 10000, referenceNo: `SALE-${run}-${n}`, exchangeRate: 0, outletID: OUTLET, valueID });
await pointWrite('point.earn', valueID, sale(1));
await pointWrite('point.earn', valueID, sale(2));
await pointWrite('point.redeem', valueID, { amount: 100, referenceNo: `REDEEM-${run}-1`, outletID: OUTLET, valueID });

const entries = await history(valueID);
const balance = await call('point.get', () => ({ valueID }));
if (balance.status !== 200) fail(`balance: ${balance.status}`);
const mine = entries.filter((e) => e.referenceNo.includes(run)).map((e) => e.referenceNo).sort();
const expected = [`REDEEM-${run}-1`, `SALE-${run}-1`, `SALE-${run}-2`];
if (JSON.stringify(mine) !== JSON.stringify(expected)) fail(`history holds ${mine.join(', ')}; expected ${expected.join(', ')}`);
if (balance.body.point !== 220) fail(`balance ${balance.body.point}, expected 220 (2 × 160 earned, 100 redeemed)`);
console.log(`partner backend (${flaw}): customer ${valueID}, balance ${balance.body.point}, ${mine.length} entries: ok`);
