// The Postman sandbox programs (src/collection/sandbox/*.js, src/shared/suffix-match.js) as the
// harness composes them, run in node:vm with a stand-in pm (no Newman): the hook signs as
// src/signing does, the matcher twin agrees with path-pattern.ts, the variations and the contract
// check do what their TypeScript callers expect, and every file and script is ES5.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { CONTRACT_ASSERTION_PREFIX, CONTRACT_VARIABLE, contractTestScript } from '../../src/collection/contract-check';
import { GUARD_LOG_PREFIX, GUARD_VARIABLE, hookScript, SECRET_VARIABLE, UNRESOLVED_LOG_PREFIX } from '../../src/collection/hook-script';
import { addVariations, ORIGINAL_VARIABLE, PROBE_HEADER, UNKNOWN_CLIENT_ID, VARIATION_SKIP_PREFIX, WRONG_SIGN, type VariationKind } from '../../src/collection/variations';
import { bestMatch, compilePattern, pathSegments, SUFFIX_MATCH_ES5 } from '../../src/shared/path-pattern';
import { computeSign, findRule, type SignRule } from '../../src/signing';
import { runInSandbox, type RequestDefinition, type SandboxOptions, type SandboxRun } from '../helpers/sandbox-pm';
import { PATTERNS, VECTORS as PATH_VECTORS } from '../shared/path-vectors';
import { VECTORS } from '../signing/vectors';

const HOOK = hookScript();
const BASE = 'http://myvalue.test/gateway';
const SECRET = 'made-up-secret-sandbox';
const rule = (name: string): SignRule => findRule(name) as SignRule;
const signOf = (name: string, fields: Record<string, unknown>, clientId = 'MyPOS', clientSecret = SECRET): string => computeSign(rule(name), { clientId, clientSecret, fields });
const hook = (request: SandboxOptions['request'], variables: Record<string, string> = {}): SandboxRun =>
  runInSandbox(HOOK, { request, variables: { base: BASE, [SECRET_VARIABLE]: SECRET, ...variables } });
const fieldsOf = (r: SandboxRun, name: string): Record<string, unknown> => (rule(name).location === 'query' ? Object.fromEntries(r.query()) : r.body());

/** A request for a known-answer vector, written as a partner would: {{variables}} everywhere, the sign {{SIGN}}. */
function vectorRequest(v: (typeof VECTORS)[number], index: number): { request: RequestDefinition; variables: Record<string, string> } {
  const r = rule(v.rule);
  const defined = Object.entries(v.fields).filter(([, value]) => value !== undefined) as Array<[string, string | number]>;
  const variables: Record<string, string> = { [SECRET_VARIABLE]: v.clientSecret, cid: v.clientId, ...Object.fromEntries(defined.map(([k, value]) => [`f_${k}`, String(value)])) };
  const path = pathSegments(r.path);
  if (r.location === 'query') {
    const query = [...defined.filter(([k]) => k !== 'ID').map(([k]) => ({ key: k, value: `{{f_${k}}}` })), { key: 'clientID', value: '{{cid}}' }, { key: 'sign', value: '{{SIGN}}' }];
    return { request: { method: r.method, url: { host: ['{{base}}'], path, query, variable: r.path.includes(':ID') ? [{ key: 'ID', value: '{{f_ID}}' }] : [] } }, variables };
  }
  const members = defined.map(([k, value]) => `"${k}": ${typeof value === 'number' ? `{{f_${k}}}` : `"{{f_${k}}}"`}`);
  members.push('"clientID": "{{cid}}"', index % 2 === 0 ? '"sign": {{SIGN}}' : '"sign": "{{SIGN}}"');
  return { request: { method: r.method, url: { host: ['{{base}}'], path }, body: { mode: 'raw', raw: `{\n  ${members.join(',\n  ')}\n}` } }, variables };
}

describe('the signing hook, in a stand-in sandbox', () => {
  it.each(VECTORS.map((v, i) => [i, v.rule, v] as const))('vector %i (%s): the sign is the known answer and src/signing\'s', (index, name, v) => {
    const { request, variables } = vectorRequest(v, index);
    const r = hook(request, variables);
    const fields: Record<string, unknown> = { ...fieldsOf(r, name), ...(v.fields.ID === undefined ? {} : { ID: v.fields.ID }) };
    expect(fields.sign).toBe(v.sign);
    expect(computeSign(rule(name), { clientId: v.clientId, clientSecret: v.clientSecret, fields })).toBe(v.sign);
    expect(r.url()).not.toContain('{{');
    expect(new URL(r.url()).pathname.startsWith('/gateway/')).toBe(true);
    expect(r.requires).toEqual(['crypto-js']);
    expect(r.logs).toEqual([]);
  });

  it("hashes query values as the server reads them: '+' is a space, %XX decoded", () => {
    const r = hook({ method: 'GET', url: '{{base}}/v2/service/user/?by=email&value=budi+test%40contoh.co.id&clientID=MyPOS&sign={{SIGN}}' });
    expect(r.query().get('value')).toBe('budi test@contoh.co.id');
    expect(r.query().get('sign')).toBe(signOf('user.get', { by: 'email', value: 'budi test@contoh.co.id' }));
  });

  it('signs the decoded path ID (promo.get), behind a base URL with a path prefix', () => {
    const r = hook({ method: 'GET', url: { host: ['{{base}}'], path: ['v1', 'service', 'promos', ':ID'], variable: [{ key: 'ID', value: '{{pid}}' }], query: [{ key: 'valueID', value: 'VR8EPN' }, { key: 'clientID', value: 'MyPOS' }, { key: 'sign', value: '' }] } }, { pid: 'A%20B' });
    expect(r.url().split('?')[0]).toBe(`${BASE}/v1/service/promos/A%20B`);
    expect(r.query().get('sign')).toBe(signOf('promo.get', { ID: 'A B', valueID: 'VR8EPN' }));
  });

  it('fills {{SIGN}} quoted or not, keeps JSON types, and writes the resolved body back', () => {
    for (const sign of ['{{SIGN}}', '"{{SIGN}}"']) {
      const r = hook({ method: 'POST', url: '{{base}}/service/point/earn/', body: { mode: 'raw', raw: `{"amount": {{amount}}, "referenceNo": "{{ref}}", "exchangeRate": true, "outletID": "MVAPP00001", "valueID": "VR8EPN", "clientID": "MyPOS", "sign": ${sign}}` } }, { amount: '12500.5', ref: 'R-1' });
      const body = r.body();
      expect(body).toMatchObject({ amount: 12500.5, referenceNo: 'R-1', exchangeRate: true });
      expect(body.sign).toBe(signOf('point.earn', body));
    }
  });

  it('adds a sign where only clientID is given, and leaves an author-written sign alone', () => {
    const added = hook({ method: 'GET', url: '{{base}}/service/point/?valueID=VR8EPN&clientID=MyPOS' });
    expect(added.query().get('sign')).toBe(signOf('point.get', { valueID: 'VR8EPN' }));
    const body = hook({ method: 'POST', url: '{{base}}/v1/service/promos/buy', body: { mode: 'raw', raw: '{"id": 13063, "valueID": "VR8EPN", "clientID": "MyPOS"}' } });
    expect(body.body().sign).toBe(signOf('promo.buy', { id: 13063, valueID: 'VR8EPN' }));
    const literal = hook({ method: 'GET', url: '{{base}}/service/point/?valueID=VR8EPN&clientID=MyPOS&sign=written-by-author' });
    expect(literal.query().get('sign')).toBe('written-by-author');
  });

  it('production guard: skips mutating requests without signing them, and still signs reads', () => {
    const raw = '{"amount": 1, "referenceNo": "R", "outletID": "O", "valueID": "V", "clientID": "MyPOS", "sign": "{{SIGN}}"}';
    const earn = hook({ method: 'POST', url: '{{base}}/service/point/earn/', body: { mode: 'raw', raw } }, { [GUARD_VARIABLE]: 'true' });
    expect(earn.skipped).toBe(true);
    expect(earn.request.body?.raw).toBe(raw);
    expect(earn.logs).toEqual([{ level: 'log', text: `${GUARD_LOG_PREFIX} point.earn (POST /gateway/service/point/earn)` }]);
    const read = hook({ method: 'GET', url: '{{base}}/service/point/?valueID=V&clientID=MyPOS&sign={{SIGN}}' }, { [GUARD_VARIABLE]: 'true' });
    expect(read.skipped).toBe(false);
    expect(read.query().get('sign')).toBe(signOf('point.get', { valueID: 'V' }));
  });

  it("production guard baked into a run's hook: no variable value turns it off; without it only 'true' turns it on", () => {
    const raw = '{"amount": 1, "referenceNo": "R", "outletID": "O", "valueID": "V", "clientID": "MyPOS", "sign": "{{SIGN}}"}';
    const earn = { method: 'POST', url: '{{base}}/service/point/earn/', body: { mode: 'raw', raw } };
    const guarded = hookScript(undefined, { blockWrites: true });
    for (const value of ['false', '', 'no', 'undefined']) {
      const r = runInSandbox(guarded, { request: earn, variables: { base: BASE, [SECRET_VARIABLE]: SECRET, [GUARD_VARIABLE]: value } });
      expect([value, r.skipped]).toEqual([value, true]);
      expect(r.request.body?.raw).toBe(raw);
    }
    expect(hook(earn, { [GUARD_VARIABLE]: 'false' }).skipped).toBe(false);
    expect(hook(earn, { [GUARD_VARIABLE]: 'true' }).skipped).toBe(true);
  });

  it('warns, and leaves the request as written, when it cannot sign', () => {
    const other = hook({ method: 'GET', url: '{{base}}/somewhere/else?clientID=MyPOS&sign={{SIGN}}' });
    expect(other.query().get('sign')).toBe('{{SIGN}}');
    expect(other.logs[0]?.text).toMatch(/no MyValue signing rule matches GET \/gateway\/somewhere\/else/);
    const broken = hook({ method: 'POST', url: '{{base}}/service/point/redeem/', body: { mode: 'raw', raw: '{"amount": , "clientID": "MyPOS", "sign": "{{SIGN}}"}' } });
    expect(broken.request.body?.raw).toContain('{{SIGN}}');
    expect(broken.logs[0]?.text).toMatch(/the body of point\.redeem is not JSON once variables are resolved/);
    const noSecret = runInSandbox(HOOK, { request: { method: 'GET', url: 'http://h/service/point/?valueID=V&clientID=MyPOS&sign={{SIGN}}' } });
    expect(noSecret.logs[0]).toEqual({ level: 'warn', text: `myvalue signing hook: the variable ${SECRET_VARIABLE} is not set, so this sign cannot be right` });
  });
});

describe('unresolved variables', () => {
  it('a signed field still holding a {{variable}} is named in a warning (query and body), and the request still goes', () => {
    const read = hook({ method: 'GET', url: '{{base}}/service/point/?valueID={{valueID}}&clientID=MyPOS&sign={{SIGN}}' });
    expect(read.logs).toEqual([{ level: 'warn', text: `${UNRESOLVED_LOG_PREFIX} point.get: valueID is "{{valueID}}", a variable no scope sets; the request is sent with that text` }]);
    expect(read.query().get('sign')).toBe(signOf('point.get', { valueID: '{{valueID}}' }));
    const write = hook({ method: 'POST', url: '{{base}}/v1/service/promos/buy', body: { mode: 'raw', raw: '{"id": 1, "valueID": "{{promoValueID}}", "clientID": "MyPOS", "sign": "{{SIGN}}"}' } });
    expect(write.logs.map((l) => l.text)).toEqual([`${UNRESOLVED_LOG_PREFIX} promo.buy: valueID is "{{promoValueID}}", a variable no scope sets; the request is sent with that text`]);
  });

  it('{{sign}} for {{SIGN}} is named with {{SIGN}} offered, in one line with the other fields, and the request goes unsigned as written', () => {
    const read = hook({ method: 'GET', url: '{{base}}/service/point/?valueID={{valueId}}&clientID=MyPOS&sign={{sign}}' });
    expect(read.logs).toEqual([{ level: 'warn', text: `${UNRESOLVED_LOG_PREFIX} point.get: valueID is "{{valueId}}", sign is "{{sign}}", variables no scope sets; the request is sent with that text (write {{SIGN}} for the hook to sign it)` }]);
    expect(read.query().get('sign')).toBe('{{sign}}');
    const raw = '{"amount": 1, "referenceNo": "R", "exchangeRate": 0, "outletID": "MVAPP00001", "valueID": "V", "clientID": "MyPOS", "sign": "{{sign}}"}';
    const write = hook({ method: 'POST', url: '{{base}}/service/point/earn/', body: { mode: 'raw', raw } });
    expect(write.logs.map((l) => l.text)).toEqual([`${UNRESOLVED_LOG_PREFIX} point.earn: sign is "{{sign}}", a variable no scope sets; the request is sent with that text (write {{SIGN}} for the hook to sign it)`]);
    expect(write.body().sign).toBe('{{sign}}');
  });

  it('says nothing when every variable resolves', () => {
    expect(hook({ method: 'GET', url: '{{base}}/service/point/?valueID={{v}}&clientID=MyPOS&sign={{SIGN}}' }, { v: 'VR8EPN' }).logs).toEqual([]);
  });
});

describe('the matcher twin (suffix-match.js)', () => {
  const sandbox: { bestSuffixMatch?: (items: Array<{ segments: string[]; source: string }>, segs: string[]) => { item: { source: string }; params: Record<string, string> } | null } = {};
  runInNewContext(`${SUFFIX_MATCH_ES5}\nthis.bestSuffixMatch = bestSuffixMatch;`, sandbox);
  const items = PATTERNS.map((source) => ({ source, segments: pathSegments(source) }));

  it.each(PATH_VECTORS.map(([path]) => path))('%s: the same winner and parameters as path-pattern.ts in suffix mode', (path) => {
    const twin = sandbox.bestSuffixMatch?.(items, pathSegments(path)) ?? null;
    const ts = bestMatch(PATTERNS, compilePattern, pathSegments(path), 'suffix');
    expect(twin ? [twin.item.source, { ...twin.params }] : null).toEqual(ts ? [ts.item, ts.params] : null);
  });
});

interface ItemJson {
  id: string;
  name: string;
  request: RequestDefinition;
  event?: Array<{ listen: string; script: { exec: string[] } }>;
}

const EARN: ItemJson = {
  id: 'earn',
  name: 'Earn',
  request: { method: 'POST', url: { host: ['{{base}}'], path: ['service', 'point', 'earn', ''] }, body: { mode: 'raw', raw: '{"amount": 100, "referenceNo": "R-1", "outletID": "O-1", "valueID": "{{vid}}", "clientID": "{{cid}}", "sign": "{{SIGN}}"}' } },
};
const USER: ItemJson = {
  id: 'user',
  name: 'Find user',
  request: { method: 'GET', url: { host: ['{{base}}'], path: ['v2', 'service', 'user', ''], query: [{ key: 'by', value: 'valueid' }, { key: 'value', value: '{{vid}}' }, { key: 'clientID', value: '{{cid}}' }, { key: 'sign', value: '{{SIGN}}' }] } },
};
const { items: VARIED } = addVariations([EARN, USER]);
const script = (of: string, kind: VariationKind, listen: 'prerequest' | 'test', field?: string): string => {
  const id = `${of}~${kind}${field ? `~${field}` : ''}`;
  const item = (VARIED as ItemJson[]).find((i) => i.id === id);
  const exec = item?.event?.find((e) => e.listen === listen)?.script.exec;
  if (!exec) throw new Error(`addVariations made no ${listen} script for ${id}`);
  return exec.join('\n');
};
const ACCEPTED = { [ORIGINAL_VARIABLE]: JSON.stringify({ sent: true, status: 200 }) };
const VARS = { base: BASE, cid: 'MyPOS', vid: 'VR8EPN', [SECRET_VARIABLE]: SECRET };
const PROBE_URL = `${BASE}/service/point/?valueID=VR8EPN&clientID=MyPOS&sign=${signOf('point.get', { valueID: 'VR8EPN' })}`;

describe('a variation\'s pre-request script (the balance probe)', () => {
  const prerequest = (kind: VariationKind, options: Partial<SandboxOptions> = {}, field?: string, of = 'earn'): SandboxRun =>
    runInSandbox(script(of, kind, 'prerequest', field), { request: (of === 'earn' ? EARN : USER).request, variables: VARS, environment: ACCEPTED, answers: [{ code: 200, body: { point: 500 } }], ...options });

  it('probes the balance with a signed point.get behind the same base URL, then sends the wrong sign', () => {
    const r = prerequest('wrong-sign');
    expect(r.sent).toEqual([{ url: PROBE_URL, method: 'GET', header: [{ key: PROBE_HEADER, value: 'balance' }] }]);
    expect(JSON.parse(r.variables.get('myvalueVariationProbe') ?? '')).toEqual({ url: PROBE_URL, point: 500, note: '', valueID: 'VR8EPN' });
    expect(r.body().sign).toBe(WRONG_SIGN);
    expect(r.environment.has(ORIGINAL_VARIABLE)).toBe(false);
    expect(r.skipped).toBe(false);
  });

  it('leaves a field out, or sends an unknown clientID, and leaves {{SIGN}} for the hook, which signs what is left', () => {
    const missing = prerequest('missing-field', {}, 'amount');
    expect(missing.request.body?.raw).toContain('"sign":"{{SIGN}}"');
    const signed = runInSandbox(HOOK, { request: missing.request, variables: VARS });
    const body = signed.body();
    expect(body.amount).toBeUndefined();
    expect(body.sign).toBe(signOf('point.earn', body));
    expect(prerequest('unknown-client').body().clientID).toBe(UNKNOWN_CLIENT_ID);
  });

  it('in a query: removes the field; no valueID, no probe', () => {
    const r = prerequest('missing-field', {}, 'by', 'user');
    expect(r.query().has('by')).toBe(false);
    expect(r.query().get('value')).toBe('VR8EPN');
    expect(r.query().get('sign')).toBe('{{SIGN}}');
    expect(r.sent).toEqual([]);
  });

  it('skips itself, saying why, when its request was refused or a variable is not set', () => {
    const refused = prerequest('wrong-sign', { environment: { [ORIGINAL_VARIABLE]: JSON.stringify({ sent: true, status: 400 }) } });
    expect([refused.skipped, refused.logs[0]?.text, refused.sent]).toEqual([true, `${VARIATION_SKIP_PREFIX} its request "Earn" was refused (400): variations start from an accepted request`, []]);
    const { vid: _vid, ...withoutVid } = VARS;
    const unset = prerequest('wrong-sign', { variables: withoutVid });
    expect([unset.skipped, unset.logs[0]?.text]).toEqual([true, `${VARIATION_SKIP_PREFIX} the variable {{vid}} is not set`]);
  });

  it('notes a probe that got no answer', () => {
    const r = prerequest('wrong-sign', { answers: [new Error('socket hang up')] });
    expect(JSON.parse(r.variables.get('myvalueVariationProbe') ?? '')).toEqual({ url: PROBE_URL, note: 'no answer (socket hang up)', valueID: 'VR8EPN' });
  });
});

describe('a variation\'s test script', () => {
  const before = JSON.stringify({ url: PROBE_URL, point: 500, note: '', valueID: 'VR8EPN' });
  const test = (response: { code: number; body: unknown }, after: number): SandboxRun =>
    runInSandbox(script('earn', 'wrong-sign', 'test'), { request: EARN.request, variables: { ...VARS, myvalueVariationProbe: before }, response, answers: [{ code: 200, body: { point: after } }] });

  it('passes on the expected refusal and an unchanged balance, probing the same URL again', () => {
    const r = test({ code: 401, body: { id: 'ErrAuthorizationInvalidSign' } }, 500);
    expect(r.tests).toEqual([{ name: 'variation wrong sign: 401 ErrAuthorizationInvalidSign' }, { name: 'nothing changed: the balance is the same before and after' }]);
    expect(r.sent.map((s) => s.url)).toEqual([PROBE_URL]);
  });

  it('fails when MyValue accepts it and the balance moves', () => {
    const r = test({ code: 200, body: { point: 600 } }, 600);
    expect(r.tests.map((t) => t.error)).toEqual([
      expect.stringMatching(/expected 200 to equal 401$/),
      'balance of VR8EPN after (before: 500): status 200: expected 600 to equal 500',
    ]);
  });
});

describe('the contract check\'s test script', () => {
  const check = (environment: Record<string, string>): SandboxRun => runInSandbox(contractTestScript(), { request: EARN.request, environment });

  it('turns the outcome Node left into one pm.test, and clears it', () => {
    const failing = check({ [CONTRACT_VARIABLE]: JSON.stringify({ name: 'POST /service/point/earn/ 200', messages: ['body.point: must be integer', 'content-type'] }) });
    expect(failing.tests).toEqual([{ name: `${CONTRACT_ASSERTION_PREFIX}POST /service/point/earn/ 200`, error: 'body.point: must be integer; content-type' }]);
    expect(failing.environment.has(CONTRACT_VARIABLE)).toBe(false);
    expect(check({ [CONTRACT_VARIABLE]: JSON.stringify({ name: 'GET /service/point/ 200', messages: [] }) }).tests).toEqual([{ name: 'contract: GET /service/point/ 200' }]);
  });

  it('does nothing outside the harness (no variable)', () => {
    expect(check({}).tests).toEqual([]);
  });
});

describe('ES5 only (Newman 6.2 and the Postman app)', () => {
  const root = join(import.meta.dirname, '../..');
  const files = [...readdirSync(join(root, 'src/collection/sandbox')).filter((f) => f.endsWith('.js')).map((f) => `src/collection/sandbox/${f}`), 'src/shared/suffix-match.js'];
  const es5 = (text: string): void => void parse(text, { ecmaVersion: 5 });
  const generated = [HOOK, contractTestScript(), ...(VARIED as ItemJson[]).flatMap((i) => (i.event ?? []).map((e) => e.script.exec.join('\n')))];

  it('finds the five programs and the matcher twin', () => {
    expect(files.sort()).toEqual(['src/collection/sandbox/contract-check.js', 'src/collection/sandbox/sign-primitives.js', 'src/collection/sandbox/signing-hook.js', 'src/collection/sandbox/variation-prerequest.js', 'src/collection/sandbox/variation-test.js', 'src/shared/suffix-match.js']);
  });

  it.each(files)('%s parses as ES5 and is type-checked (// @ts-check)', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(text.startsWith('// @ts-check\n')).toBe(true);
    expect(() => es5(text)).not.toThrow();
  });

  it('every generated script parses as ES5 (the hook, the contract check, each variation\'s two)', () => {
    expect(generated.length).toBe(2 + 2 * (VARIED.length - 2));
    for (const text of generated) expect(() => es5(text)).not.toThrow();
  });

  it('an item name holding quotes, a backslash, a comment end and line separators stays data: its variations parse as ES5 and print it as written', () => {
    const name = `Earn '); pm.sendRequest("http://127.0.0.1:9/x"); //\u2028 */ \\ \u2029"`;
    const { items } = addVariations([{ ...EARN, id: 'hostile', name }]);
    const scripts = (items as ItemJson[]).flatMap((i) => (i.event ?? []).map((e) => e.script.exec.join('\n')));
    expect(scripts).toHaveLength(2 * (items.length - 1));
    for (const text of scripts) expect(() => es5(text)).not.toThrow();
    const wrongSign = scripts[0] as string;
    const r = runInSandbox(wrongSign, { request: EARN.request, variables: VARS, environment: { [ORIGINAL_VARIABLE]: JSON.stringify({ sent: false }) } });
    expect(r.sent).toEqual([]);
    expect(r.logs).toEqual([{ level: 'log', text: `${VARIATION_SKIP_PREFIX} its request "${name}" was not sent` }]);
  });

  it('the check refuses what ES5 lacks', () => {
    for (const text of ['let a = 1;', 'const a = 1;', 'var f = () => 1;', 'var s = `x`;', 'class A {}', 'var { a } = b;']) expect(() => es5(text), text).toThrow();
  });
});
