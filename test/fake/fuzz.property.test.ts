// Property-based fuzzing (fast-check) of every External API route, the Auth API, the admin API and the
// mapping page: valid requests with fields replaced by hostile values (JSON of any shape and depth, wrong
// types, huge numbers, odd strings, lone surrogates), bodies that are not what they say, wrong content
// types and methods, and, over HTTP, request lines and headers past Node's limit. The oracle, for every
// answer: never a 5xx; a JSON answer of 400 and more is MyValue's error shape with errorCode = status; a
// success is documented (test/setup/contract-everywhere.ts checks every answer against the OpenAPI); and
// after a refusal the balances, history, vouchers, promos, users, codes and tickets are as they were.
// Runs are bounded in count; each test has its own fake.
import { connect } from 'node:net';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { createFakeMyValue, type Fake, type FakeResponse } from '../../mocks/create-fake';
import type { FakeRequest } from '../../mocks/http/types';
import { createExpressApp, listen, type RunningServer } from '../../mocks/express';
import { computeSign, findRule, SIGN_RULES } from '../../src/signing';
import { COLLECTION_REDIRECT_URI } from '../../src/shared/hosts';
import { DEMO } from '../helpers/api';

const ORIGIN = 'http://127.0.0.1:4010';

/** A valid request's fields for every signing rule, from the shipped seed. */
const SIGNED_BASE: Readonly<Record<string, Record<string, unknown>>> = {
  'user.get': { by: 'valueid', value: 'VR8EPN' },
  'user.create': { email: 'fuzz.user@example.test', fullName: 'Fuzz User', passwordLess: true },
  'point.get': { valueID: 'VR8EPN' },
  'point.earn': { amount: 10000, referenceNo: 'FZ-E1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' },
  'point.earn.estimate': { amount: 25000, outletID: 'MVAPP00001', valueID: 'VR8EPN' },
  'point.redeem': { amount: 100, referenceNo: 'FZ-R1', outletID: 'MVAPP00001', valueID: 'VS4NTK' },
  'point.adjustment': { amount: 40, referenceNo: 'FZ-A1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS', adjustedReferenceNo: 'FZ-E1', adjustmentType: 'RETURN_EARN' },
  'point.history': { valueID: 'VB60VS', limit: 5, page: 1, mutation: 'EARN', from: '2021-01-01', to: '2030-12-31' },
  'promo.list': { valueID: 'VR8EPN', page: 1, pageSize: 8 },
  'promo.get': { ID: 13063, valueID: 'VR8EPN' },
  'promo.buy': { id: 13064, valueID: 'VB60VS' },
  'voucher.list': { valueID: 'VR8EPN', page: 1, pageSize: 8 },
  'voucher.get': { ID: 1, valueID: 'VR8EPN' },
};

const MAPPING = {
  user_id: 'fz-bu-1', client_id: DEMO.clientId, app_name: 'Gramedia POS', full_name: 'Fuzz Person', redirect_uri: COLLECTION_REDIRECT_URI,
  fallback_uri: 'http://127.0.0.1:5173/home', state: 'fz-state', email: 'fuzz.person@example.test',
};

// ---- hostile values -------------------------------------------------------------------------------

const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 3 });
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  loneSurrogates,
  fc.constantFrom('', ' ', '\u0000', '\t\r\n', 'null', 'undefined', 'NaN', '-1', '1e309', '0x10', '０１２', '٣', '<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd', '%00', '%ZZ', 'VR8EPN\n', '__proto__', '{{SIGN}}'),
  fc.integer({ min: 256, max: 20_000 }).map((n) => 'x'.repeat(n)),
);
const hugeNumber = fc.oneof(
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, 1e308, -1e308, Number.MIN_VALUE, -0, 0.5, -1, 1e21),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((n) => Number(n)),
);
/** A value to put where a field goes. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: oddString, weight: 4 },
  { arbitrary: hugeNumber, weight: 3 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 3 },
  { arbitrary: fc.constantFrom(true, false, null, [], {}), weight: 1 },
  { arbitrary: fc.array(oddString, { maxLength: 3 }), weight: 1 },
);
const oddKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'sign', 'clientID', 'ClientID', 'valueid', ''));

/** A valid record with some fields replaced, some dropped, some added. */
function mutated(base: Readonly<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(base);
  return fc
    .record({
      replace: keys.length === 0 ? fc.constant([]) : fc.array(fc.tuple(fc.constantFrom(...keys), hostileValue), { maxLength: 3 }),
      drop: fc.subarray(keys, { maxLength: Math.min(2, keys.length) }),
      extra: fc.array(fc.tuple(oddKey, hostileValue), { maxLength: 2 }),
    })
    .map(({ replace, drop, extra }) => {
      const out: Record<string, unknown> = { ...base };
      for (const [key, value] of extra) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      for (const [key, value] of replace) out[key] = value;
      for (const key of drop) delete out[key];
      return out;
    });
}

const JSON_TYPE = 'application/json';
const contentType = fc.oneof(
  { arbitrary: fc.constant(JSON_TYPE), weight: 6 },
  {
    arbitrary: fc.constantFrom<string | undefined>(
      undefined, '', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/vnd.api+json', 'application/xml', 'json', ';;;',
    ),
    weight: 4,
  },
);

const nested = (depth: number, open: string, close: string): string => `${open.repeat(depth)}${close.repeat(depth)}`;

/**
 * A generated value as text (a form field, a query value, the ID in a path). It may be an object without
 * a prototype, which String() cannot convert (it threw, failing the test on its own generator, in the
 * form body and later in the path): anything not text goes as JSON.
 */
const asText = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

/** The fields as a form body. */
const formText = (fields: Record<string, unknown>): string => new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, asText(v)])).toString();

/** What goes in the body: the fields as JSON mostly, else something else that claims a content type. */
function bodyText(fields: Record<string, unknown>): fc.Arbitrary<string | undefined> {
  const json = JSON.stringify(fields);
  return fc.oneof(
    { arbitrary: fc.constant(json), weight: 8 },
    { arbitrary: fc.integer({ min: 1, max: 20_000 }).map((depth) => json.replace(/^\{/, `{"deep":${nested(depth, '[', ']')},`)), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 20_000 }).map((depth) => `${nested(depth, '{"a":', '}').replace(/:}/, ':1}')}`), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: Math.max(1, json.length - 1) }).map((cut) => json.slice(0, cut)), weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'), weight: 1 },
    { arbitrary: oddString, weight: 1 },
    { arbitrary: fc.constant(formText(fields)), weight: 1 },
    { arbitrary: fc.constantFrom(undefined, '', '\ufeff' + json, `${json}${json}`, json.replace('{', '{"amount":1,"amount":"x",')), weight: 1 },
  );
}

const method = (usual: string): fc.Arbitrary<string> =>
  fc.oneof({ arbitrary: fc.constant(usual), weight: 9 }, { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'), weight: 1 });

/** Headers a client may add: odd names and values, a foreign Origin, a wrong admin token. Never Prefer (it forces documented answers). */
const extraHeaders = fc.dictionary(
  fc.oneof(fc.constantFrom('origin', 'x-myvalue-admin-token', 'cookie', 'accept', 'x-forwarded-host', 'host', 'content-length'), fc.string({ minLength: 1, maxLength: 10 }).map((s) => `x-${s.toLowerCase().replace(/[^a-z0-9-]/g, '')}`)),
  fc.oneof(oddString, fc.constantFrom('https://evil.example', 'null', ORIGIN)),
  { maxKeys: 2 },
);

/** Adapter flags: a body over the limit or one that could not be read. */
const adapterFlags = fc.oneof(
  { arbitrary: fc.constant({}), weight: 12 },
  { arbitrary: fc.constantFrom({ bodyTooLarge: true }, { bodyError: 'unsupported content encoding' }), weight: 1 },
);

// ---- requests --------------------------------------------------------------------------------------

function toQuery(fields: Record<string, unknown>): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) query[key] = value;
    else query[key] = asText(value);
  }
  return query;
}

/** The sign of these fields (the fake must then look past the sign, into the values), or a wrong one, or none. */
function signed(ruleName: string, fields: Record<string, unknown>, how: 'right' | 'wrong' | 'none'): Record<string, unknown> {
  const rule = findRule(ruleName);
  if (!rule) throw new Error(`no rule ${ruleName}`);
  const out: Record<string, unknown> = { ...fields, clientID: fields.clientID ?? DEMO.clientId };
  if (how === 'none') return out;
  if (how === 'wrong') return { ...out, sign: 'f'.repeat(64) };
  const { clientID, ...rest } = out;
  let sign: string;
  try {
    sign = computeSign(rule, { clientId: String(clientID), clientSecret: DEMO.clientSecret, fields: rest });
  } catch {
    sign = '0'.repeat(64);
  }
  return { ...out, sign };
}

const signedRequest: fc.Arbitrary<FakeRequest> = fc
  .constantFrom(...SIGN_RULES.map((rule) => rule.name))
  .chain((name) => {
    const rule = findRule(name);
    if (!rule) throw new Error(name);
    return fc.record({
      name: fc.constant(name),
      fields: mutated(SIGNED_BASE[name] ?? {}),
      sign: fc.constantFrom<'right' | 'wrong' | 'none'>('right', 'right', 'right', 'wrong', 'none'),
      method: method(rule.method),
      id: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: oddString, weight: 1 }),
      contentType,
      headers: extraHeaders,
      flags: adapterFlags,
    }).chain((r) => {
      const { ID, ...fields } = signed(name, r.fields, r.sign);
      const path = rule.path.replace(':ID', asText(r.id ?? ID ?? ''));
      const headers: Record<string, string> = { ...r.headers };
      if (rule.location === 'query') {
        return fc.constant<FakeRequest>({ method: r.method, path, query: toQuery(fields), headers, origin: ORIGIN, ...r.flags });
      }
      if (r.contentType !== undefined) headers['content-type'] = r.contentType;
      return bodyText(fields).map((rawBody): FakeRequest => ({ method: r.method, path, query: {}, headers, rawBody, origin: ORIGIN, ...r.flags }));
    });
  });

function bodyRequest(path: string, usual: string, base: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<FakeRequest> {
  return fc.record({ fields: base, method: method(usual), contentType, headers: extraHeaders, flags: adapterFlags, form: fc.boolean() }).chain((r) => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.contentType !== undefined) headers['content-type'] = r.form ? 'application/x-www-form-urlencoded' : r.contentType;
    const text = r.form ? fc.constant(formText(r.fields)) : bodyText(r.fields);
    return text.map((rawBody): FakeRequest => ({ method: r.method, path, query: {}, headers, rawBody, origin: ORIGIN, ...r.flags }));
  });
}

function queryRequest(path: string, usual: string, base: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<FakeRequest> {
  return fc.record({ fields: base, method: method(usual), headers: extraHeaders }).map((r): FakeRequest => ({ method: r.method, path, query: toQuery(r.fields), headers: r.headers, origin: ORIGIN }));
}

// ---- the oracle ------------------------------------------------------------------------------------

/** A digest of what a refusal must not change. Token revocation is left out: a replayed code or refresh token is refused and revokes its family, by design (token-lifecycle.test.ts). */
function digest(fake: Fake): string {
  const db = fake.deps.store.db;
  const hash = createHash('sha256');
  for (const sql of [
    'SELECT id, value_id, email, phone, first_name, point, password_hash, profile FROM users ORDER BY id',
    'SELECT * FROM memberships ORDER BY id',
    'SELECT * FROM mutations ORDER BY sno',
    'SELECT id, sold, quota FROM promos ORDER BY id',
    'SELECT * FROM vouchers ORDER BY id',
    'SELECT * FROM auth_codes ORDER BY code_hash',
    'SELECT token_hash, kind, client_id, user_id, expires_at, family FROM tokens ORDER BY token_hash',
    'SELECT * FROM page_tickets ORDER BY ticket_hash',
  ]) hash.update(JSON.stringify(db.prepare(sql).raw().all()));
  return hash.digest('hex');
}

const describeRequest = (req: FakeRequest): string => {
  const body = req.rawBody === undefined ? '' : ` ${req.rawBody.length > 300 ? `${req.rawBody.slice(0, 300)}... (${req.rawBody.length} chars)` : req.rawBody}`;
  return `${req.method} ${req.path} ${JSON.stringify(req.query).slice(0, 300)} ${JSON.stringify(req.headers).slice(0, 200)}${body}`;
};

/** Sends one request and checks the oracle; faults a request managed to add are cleared after it. */
function check(fake: Fake, req: FakeRequest): FakeResponse {
  const before = digest(fake);
  const res = fake.handle(req);
  const where = describeRequest(req);
  expect(res.status, `${where} -> ${JSON.stringify(res.body).slice(0, 600)}`).toBeLessThan(500);
  expect(res.status, where).toBeGreaterThanOrEqual(200);
  const type = res.headers['content-type'] ?? '';
  if (type.startsWith(JSON_TYPE) && res.status >= 400) {
    expect(res.body, where).toEqual({ id: expect.any(String), detail: expect.any(String), errorCode: res.status });
    expect(Object.keys(res.body as object), where).toEqual(['id', 'detail', 'errorCode']);
  } else if (res.status >= 400) {
    // Only the mapping page and /auth/authorize answer HTML; everything else answers JSON.
    expect(type, where).toMatch(/^text\/html/);
    expect(req.path, where).toMatch(/^\/(authorize\/mapping|auth\/authorize)/);
  }
  if (res.status >= 400) expect(digest(fake), `state changed after ${res.status} ${JSON.stringify(res.body).slice(0, 200)}: ${where}`).toBe(before);
  if (fake.faults.list().length > 0) fake.faults.clear();
  return res;
}

const RUNS = { numRuns: 250, endOnFailure: true } as const;

describe('fuzzing the fake (fast-check)', () => {
  test('every signing rule has a valid base request here', () => {
    expect(Object.keys(SIGNED_BASE).sort()).toEqual(SIGN_RULES.map((rule) => rule.name).sort());
  });

  test('External API: hostile fields, signed right or wrong, any body, content type or method', () => {
    const fake = createFakeMyValue();
    let successes = 0;
    fc.assert(fc.property(signedRequest, (req) => {
      if (check(fake, req).status < 400) successes += 1;
    }), { ...RUNS, numRuns: 600 });
    // The valid requests the fields started from get through too: the fuzz reaches the handlers.
    expect(successes).toBeGreaterThan(0);
    // The journal of all that as a collection: built without a throw, through the admin endpoint too.
    expect(check(fake, { method: 'GET', path: '/__admin/requests/collection', query: {}, headers: {}, origin: ORIGIN }).status).toBe(200);
  });

  test('Auth API: token (both grants, with and without the slash) and introspect', () => {
    const fake = createFakeMyValue();
    const admin = (): { code: string } => fake.handle({
      method: 'POST', path: '/__admin/authorize', query: {}, origin: ORIGIN, headers: { 'content-type': JSON_TYPE },
      rawBody: JSON.stringify({ client_id: DEMO.clientId, user_id: `fz-${Math.random()}`, redirect_uri: COLLECTION_REDIRECT_URI, full_name: 'Fuzz', email: `fz${Date.now()}${Math.random()}@example.test`.replace('0.', '') }),
    }).body as { code: string };
    const token = (fields: Record<string, unknown>): Record<string, string> => fake.handle({
      method: 'POST', path: '/auth/token/', query: {}, origin: ORIGIN, headers: { 'content-type': JSON_TYPE }, rawBody: JSON.stringify(fields),
    }).body as Record<string, string>;
    const client = { client_id: DEMO.clientId, client_secret: DEMO.clientSecret };
    // Each run gets a live code, refresh token and access token to aim at (issued before the digest).
    const live = fc.constant(null).map(() => {
      const code = admin().code;
      const pair = token({ ...client, grant_type: 'authorization_code', code: admin().code, redirect_uri: COLLECTION_REDIRECT_URI });
      return { code, refresh: pair.refresh_token as string, access: pair.access_token as string };
    });
    const request = fc.tuple(live, fc.constantFrom('/auth/token/', '/auth/token', '/auth/introspect/', '/auth/introspect'), fc.constantFrom('code', 'refresh', 'introspect')).chain(([secrets, path, grant]) => {
      const base = path.startsWith('/auth/introspect')
        ? { access_token: secrets.access }
        : grant === 'refresh'
          ? { ...client, grant_type: 'refresh_token', refresh_token: secrets.refresh }
          : { ...client, grant_type: 'authorization_code', code: secrets.code, redirect_uri: COLLECTION_REDIRECT_URI };
      return bodyRequest(path, 'POST', mutated(base));
    });
    let successes = 0;
    fc.assert(fc.property(request, (req) => {
      if (check(fake, req).status < 400) successes += 1;
    }), { ...RUNS, numRuns: 150 });
    expect(successes).toBeGreaterThan(0);
    // The journal of all that as a collection: built without a throw, through the admin endpoint too.
    expect(check(fake, { method: 'GET', path: '/__admin/requests/collection', query: {}, headers: {}, origin: ORIGIN }).status).toBe(200);
  });

  test('admin API: reset, health, faults, requests, the journal collection, authorize', () => {
    const fake = createFakeMyValue();
    const request = fc.oneof(
      bodyRequest('/__admin/reset', 'POST', mutated({})),
      queryRequest('/__admin/health', 'GET', mutated({})),
      queryRequest('/__admin/faults', 'GET', mutated({})),
      bodyRequest('/__admin/faults', 'POST', fc.oneof(mutated({ rule: 'point.get:status=503,times=1' }), mutated({ rules: ['point.earn:drop', { route: 'point.get', status: 500 }] }), mutated({ route: 'point.get', latency: 10 }))),
      queryRequest('/__admin/faults', 'DELETE', mutated({})),
      oddString.map((id): FakeRequest => ({ method: 'DELETE', path: `/__admin/faults/${id}`, query: {}, headers: {}, origin: ORIGIN })),
      queryRequest('/__admin/requests', 'GET', mutated({ method: 'POST', path: '/service/point/', rule: 'point.get', clientId: DEMO.clientId, status: '200', signOk: 'true', since: '2020-01-01T00:00:00Z' })),
      queryRequest('/__admin/requests/collection', 'GET', mutated({ rule: 'point.get', clientId: DEMO.clientId, status: '200', signOk: 'true', since: '2020-01-01T00:00:00Z' })),
      queryRequest('/__admin/requests', 'DELETE', mutated({})),
      bodyRequest('/__admin/authorize', 'POST', mutated({ client_id: DEMO.clientId, user_id: 'fz-admin-1', redirect_uri: COLLECTION_REDIRECT_URI, full_name: 'Fuzz Admin', email: 'fz.admin@example.test', value_id: 'VR8EPN' })),
    );
    fc.assert(fc.property(request, (req) => void check(fake, req)), { ...RUNS, numRuns: 400 });
  });

  test('mapping page: every step with hostile parameters and form fields answers an HTML page, never a 5xx', () => {
    const fake = createFakeMyValue();
    const form = { ...MAPPING, identifier: 'budi.santoso@example.co.id', password: 'demo-password-2', reg_full_name: 'Fuzz', reg_email: 'fz.page@example.test', reg_phone: '', reg_password: 'made-up-pass-1', ticket: 'x', csrf_token: 'y' };
    const request = fc.oneof(
      ...['/authorize/mapping', '/authorize/mapping/login', '/authorize/mapping/register'].map((path) => queryRequest(path, 'GET', mutated(MAPPING))),
      ...['/authorize/mapping/login', '/authorize/mapping/register', '/authorize/mapping/confirm', '/authorize/mapping/cancel'].map((path) => bodyRequest(path, 'POST', mutated(form))),
    );
    fc.assert(fc.property(request, (req) => void check(fake, req)), { ...RUNS, numRuns: 200 });
  });

  test('/auth/authorize: the page and its log-in post with hostile parameters answer an HTML page or a redirect, never a 5xx', () => {
    const fake = createFakeMyValue();
    const query = { client_id: DEMO.clientId, redirect_uri: COLLECTION_REDIRECT_URI, state: 'fz-state', response_type: 'code', scope: 'openid' };
    const form = { ...query, identifier: 'budi.santoso@example.co.id', password: 'demo-password-2', csrf_token: 'y' };
    const request = fc.oneof(queryRequest('/auth/authorize', 'GET', mutated(query)), bodyRequest('/auth/authorize/login', 'POST', mutated(form)));
    fc.assert(fc.property(request, (req) => {
      const res = check(fake, req);
      // A redirect only ever goes to the registered redirect_uri.
      if (res.status === 303) expect(res.headers.location, describeRequest(req)).toMatch(new RegExp(`^${COLLECTION_REDIRECT_URI.replace(/[.?]/g, '\\$&')}\\?`));
    }), { ...RUNS, numRuns: 200 });
  });
});

describe('fuzzing the fake over HTTP: request lines and headers past the limit, broken HTTP', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Writes raw bytes and reads the whole answer (the server closes after an error). */
  function exchange(port: number, bytes: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.setEncoding('latin1');
      socket.setTimeout(5000, () => socket.destroy(new Error('no answer in 5 s')));
      socket.on('data', (chunk: string) => {
        answer += chunk;
      });
      socket.on('end', () => resolve(answer));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      socket.end(bytes, 'latin1');
    });
  }

  const statusAndBody = (answer: string): { status: number; body: unknown } => {
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
    return { status, body: body === '' ? undefined : JSON.parse(body) };
  };

  test('a URL or headers over 16 KiB, or bytes that are not HTTP: MyValue\'s error shape, never a bare status or a 5xx', async () => {
    const fake = createFakeMyValue();
    server = await listen(createExpressApp(fake), 0);
    const port = server.port;
    const before = digest(fake);
    const hostile = fc.oneof(
      fc.integer({ min: 17 * 1024, max: 64 * 1024 }).map((n) => ({ bytes: `GET /service/point/?valueID=${'V'.repeat(n)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, status: 431, id: 'ErrHeadersTooLarge' })),
      fc.tuple(fc.integer({ min: 17 * 1024, max: 64 * 1024 }), fc.integer({ min: 1, max: 40 })).map(([n, count]) => ({
        bytes: `POST /service/point/earn/ HTTP/1.1\r\nHost: 127.0.0.1\r\n${Array.from({ length: count }, (_, i) => `X-Pad-${i}: ${'a'.repeat(Math.ceil(n / count))}\r\n`).join('')}\r\n`,
        status: 431, id: 'ErrHeadersTooLarge',
      })),
      fc.constantFrom('\u0000\u0001\u0002\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'POST /service/point/earn/ HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', 'GET /service/point/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n')
        .map((bytes) => ({ bytes, status: 400, id: 'ErrBadRequest' })),
    );
    await fc.assert(fc.asyncProperty(hostile, async ({ bytes, status, id }) => {
      const answer = statusAndBody(await exchange(port, bytes));
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ id, detail: expect.any(String), errorCode: status });
    }), { numRuns: 30, endOnFailure: true });
    expect(digest(fake)).toBe(before);
  });
});
