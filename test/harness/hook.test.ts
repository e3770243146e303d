// The injected hook, run inside Newman 6.2, signs exactly like src/signing: known-answer vectors
// computed with node:crypto (test/signing/vectors.ts and the extra cases here) arrive at a local
// server with the expected sign, for every rule, with absent fields, numbers and a non-ASCII secret.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import newman from 'newman';
import sdk from 'postman-collection';
import { computeSign, findRule, SIGN_RULES, type SignRule } from '../../src/signing';
import { HOOK_EVENT_ID, hookScript } from '../../src/harness/index';
import { injectHook } from '../../src/collection/inject-hook';
import { loadCollection } from '../../src/collection/load-collection';
import { VECTORS } from '../signing/vectors';
import { startCaptureServer, type CaptureServer, type Captured } from './capture-server';

type Value = string | number | boolean | undefined;

interface Case {
  rule: string;
  clientId: string;
  clientSecret: string;
  fields: Record<string, Value>;
  /** Field values as the server reads them, when they differ from what the collection holds. */
  received?: Record<string, string>;
  sign: string;
}

const sha = (s: string): string => createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex');

const EXTRA: Case[] = [
  { rule: 'user.get', clientId: 'MyPOS', clientSecret: 'made-up-secret', fields: { by: 'email', value: 'Budi Santoso é@contoh.co.id' }, sign: sha('MyPOSmade-up-secretemailBudi Santoso é@contoh.co.id') },
  // '+' in a query string is a space to the server: the sign covers what the server reads.
  { rule: 'user.get', clientId: 'MyPOS', clientSecret: 'made-up-secret', fields: { by: 'email', value: 'budi+test@contoh.co.id' }, received: { value: 'budi test@contoh.co.id' }, sign: sha('MyPOSmade-up-secretemailbudi test@contoh.co.id') },
  { rule: 'point.earn', clientId: 'MyPOS', clientSecret: 'kunci-rahasia-ü', fields: { amount: 12500.5, referenceNo: 'R-dec', exchangeRate: true, outletID: 'MVAPP00001' }, sign: sha('MyPOSkunci-rahasia-ü12500.5R-dectrueMVAPP00001') },
  { rule: 'user.create', clientId: 'MyPOS', clientSecret: 'made-up-secret', fields: { email: 'dd@contoh.co.id', fullName: 'Dédé "DD" \\ Ñoño' }, sign: sha('MyPOSmade-up-secretdd@contoh.co.idDédé "DD" \\ Ñoño') },
  { rule: 'promo.get', clientId: 'MyPOS', clientSecret: 'made-up-secret', fields: { ID: 'A B', valueID: 'VR8EPN' }, sign: sha('MyPOSmade-up-secretA BVR8EPN') },
];

const CASES: Case[] = [...VECTORS.map((v) => ({ rule: v.rule, clientId: v.clientId, clientSecret: v.clientSecret, fields: v.fields, sign: v.sign })), ...EXTRA];

const plainString = (v: Value): boolean => typeof v === 'string' && !/["\\]/.test(v);

/** One request per case, written as a partner would: values set by the request's own pre-request script. */
function caseItem(c: Case, index: number): object {
  const rule = findRule(c.rule) as SignRule;
  const defined = Object.entries(c.fields).filter(([, v]) => v !== undefined) as Array<[string, Exclude<Value, undefined>]>;
  const script = [
    `pm.variables.set('myvalueClientSecret', ${JSON.stringify(c.clientSecret)});`,
    `pm.variables.set('cid', ${JSON.stringify(c.clientId)});`,
    ...defined.map(([k, v]) => `pm.variables.set('f_${k}', ${JSON.stringify(v)});`),
  ];
  const segments = rule.path.split('/').filter(Boolean);
  const url: Record<string, unknown> = { host: ['{{base}}'], path: rule.path.endsWith('/') ? [...segments, ''] : segments };
  const request: Record<string, unknown> = { method: rule.method, header: [{ key: 'x-case', value: String(index) }, { key: 'Content-Type', value: 'application/json' }] };
  if (rule.location === 'query') {
    url.query = [...defined.filter(([k]) => k !== 'ID').map(([k]) => ({ key: k, value: `{{f_${k}}}` })), { key: 'clientID', value: '{{cid}}' }, { key: 'sign', value: '{{SIGN}}' }];
    if (rule.path.includes(':ID')) url.variable = [{ key: 'ID', value: '{{f_ID}}' }];
  } else {
    const members = defined.map(([k, v]) => `"${k}": ${typeof v === 'string' ? (plainString(v) ? `"{{f_${k}}}"` : JSON.stringify(v)) : `{{f_${k}}}`}`);
    members.push('"clientID": "{{cid}}"', index % 2 === 0 ? '"sign": {{SIGN}}' : '"sign": "{{SIGN}}"');
    request.body = { mode: 'raw', raw: `{\n  ${members.join(',\n  ')}\n}` };
  }
  request.url = url;
  return { name: `case ${index} ${c.rule}`, event: [{ listen: 'prerequest', script: { exec: script } }], request };
}

function runSigned(collection: object, base: string): Promise<{ failures: number }> {
  return new Promise((resolve, reject) => {
    newman.run({ collection, reporters: [], environment: { values: [{ key: 'base', value: base }] } }, (error, summary) => {
      if (error) reject(error);
      else resolve({ failures: summary.run.failures.length });
    });
  });
}

function receivedFields(rule: SignRule, req: Captured, id: string | undefined): Record<string, unknown> {
  const fields: Record<string, unknown> = rule.location === 'query' ? Object.fromEntries(req.query) : (JSON.parse(req.body) as Record<string, unknown>);
  return id === undefined ? fields : { ...fields, ID: id };
}

// Both forms: the hook as its own event (myvalue run) and merged into each request's script (inject --single-script).
describe.each(['event', 'merged'] as const)('the injected signing hook inside Newman (%s)', (mode) => {
  let server: CaptureServer;
  let failures = 0;

  beforeAll(async () => {
    server = await startCaptureServer();
    const collection = new sdk.Collection({ info: { name: 'vectors' }, item: CASES.map(caseItem) });
    const signed = injectHook(collection, mode).toJSON() as { item: Array<{ event: Array<{ listen: string }> }> };
    // Merged: one pre-request script per request, the author's lines first.
    if (mode === 'merged') for (const item of signed.item) expect(item.event.filter((e) => e.listen === 'prerequest')).toHaveLength(1);
    // A path prefix in the base URL: rules match by suffix.
    ({ failures } = await runSigned(signed, `${server.url}/gateway`));
  });
  afterAll(() => server.close());

  it('sends every request without a script error', () => {
    expect(failures).toBe(0);
    expect(server.requests).toHaveLength(CASES.length);
  });

  it.each(CASES.map((c, i) => [i, c.rule, c] as const))('case %i (%s): the sign sent equals the known answer and src/signing', (index, ruleName, c) => {
    const req = server.requests.find((r) => r.headers['x-case'] === String(index));
    expect(req, 'request reached the server').toBeDefined();
    const rule = findRule(ruleName) as SignRule;
    const idSegment = rule.path.includes(':ID') ? decodeURIComponent(req!.path.split('/').pop() ?? '') : undefined;
    const fields = receivedFields(rule, req!, idSegment);
    expect(fields.sign).toBe(c.sign);
    expect(computeSign(rule, { clientId: c.clientId, clientSecret: c.clientSecret, fields })).toBe(c.sign);
    // The request went out as the author meant it: every field, with its JSON type, nothing unresolved.
    for (const [name, value] of Object.entries(c.fields)) {
      const expected = c.received?.[name] ?? (rule.location === 'query' && value !== undefined ? String(value) : value);
      expect(fields[name], name).toEqual(expected);
    }
    expect(req!.path.startsWith('/gateway/')).toBe(true);
    expect(JSON.stringify(fields)).not.toContain('{{');
  });
});

describe('what the hook leaves alone', () => {
  it('sends an author-written sign as written, adds a sign where only clientID is given, and skips requests of no rule', async () => {
    const server = await startCaptureServer();
    try {
      const q = (path: string[], query: Array<[string, string]>): object => ({ host: ['{{base}}'], path, query: query.map(([key, value]) => ({ key, value })) });
      const collection = new sdk.Collection({
        info: { name: 'alone' },
        item: [
          { name: 'literal', request: { method: 'GET', url: q(['service', 'point', ''], [['valueID', 'VR8EPN'], ['clientID', 'MyPOS'], ['sign', 'written-by-author']]) } },
          { name: 'added', request: { method: 'GET', url: q(['service', 'point', ''], [['valueID', 'VR8EPN'], ['clientID', 'MyPOS']]) } },
          { name: 'no client', request: { method: 'GET', url: q(['service', 'point', ''], [['valueID', 'VR8EPN']]) } },
          { name: 'other API', request: { method: 'GET', url: q(['somewhere', 'else'], [['clientID', 'MyPOS'], ['sign', '{{SIGN}}']]) } },
        ],
      });
      const environment = { values: [{ key: 'base', value: server.url }, { key: 'myvalueClientSecret', value: 'made-up-secret' }] };
      await new Promise<void>((resolve, reject) => newman.run({ collection: injectHook(collection).toJSON(), reporters: [], environment }, (e) => (e ? reject(e) : resolve())));
      const [literal, added, noClient, other] = server.requests;
      expect(literal?.query.get('sign')).toBe('written-by-author');
      expect(added?.query.get('sign')).toBe(sha('MyPOSmade-up-secretVR8EPN'));
      expect(noClient?.query.has('sign')).toBe(false);
      expect(other?.query.get('sign')).toBe('{{SIGN}}');
    } finally {
      await server.close();
    }
  });

  it('changes nothing on a request no rule matches: its path variables go out as Newman sends them, and its scripts see that path', async () => {
    const server = await startCaptureServer();
    try {
      const seen = "pm.test('path ' + pm.request.url.getPath(), function () {});";
      const collection = new sdk.Collection({
        info: { name: 'untouched' },
        variable: [{ key: 'who', value: 'dunia' }],
        item: [
          {
            name: 'numeric and variable path variables',
            event: [{ listen: 'test', script: { exec: [seen] } }],
            // A number is not put in the path by Newman (it sends :id); {{who}} is resolved by Newman itself.
            request: { method: 'GET', url: { host: ['{{base}}'], path: ['anything', ':id', ':name'], variable: [{ key: 'id', value: 42 }, { key: 'name', value: '{{who}}' }] } },
          },
        ],
      });
      const runOf = (json: object): Promise<string[]> =>
        new Promise((resolve, reject) =>
          newman.run({ collection: json, reporters: [], environment: { values: [{ key: 'base', value: server.url }] } }, (e, summary) => (e ? reject(e) : resolve(summary.run.executions.flatMap((x) => (x.assertions ?? []).map((a) => a.assertion))))),
        );
      const plain = await runOf(collection.toJSON());
      const hooked = await runOf(injectHook(collection).toJSON());
      const [without, withHook] = server.requests;
      expect(without?.path).toBe('/anything/:id/dunia');
      expect(withHook?.path).toBe(without?.path);
      expect(hooked).toEqual(plain);
      expect(plain).toEqual(['path /anything/:id/dunia']);
    } finally {
      await server.close();
    }
  });
});

describe('injection', () => {
  const partner = 'test/fixtures/partner-style.postman_collection.json';

  it('puts the hook last among each request item\'s pre-request scripts, and nowhere else', async () => {
    const loaded = await loadCollection(partner);
    if (!loaded.ok) throw new Error(loaded.error);
    const signed = injectHook(loaded.collection).toJSON() as { event?: Array<{ id?: string }>; item: Array<{ item: Array<{ event?: Array<{ id?: string; listen: string }> }> }> };
    expect((signed.event ?? []).some((e) => e.id === HOOK_EVENT_ID)).toBe(false);
    const earn = signed.item[0]?.item[1];
    const prerequests = (earn?.event ?? []).filter((e) => e.listen === 'prerequest');
    expect(prerequests.length).toBe(2);
    expect(prerequests.at(-1)?.id).toMatch(new RegExp(`^${HOOK_EVENT_ID}-[0-9a-f]{16}$`));
  });

  it('gives the same collection when injected twice', async () => {
    const loaded = await loadCollection(partner);
    if (!loaded.ok) throw new Error(loaded.error);
    const once = injectHook(loaded.collection);
    const twice = injectHook(once);
    // Either form replaces the other, and merged twice equals merged once.
    expect(injectHook(injectHook(once, 'merged'), 'event').toJSON()).toEqual(once.toJSON());
    expect(injectHook(injectHook(loaded.collection, 'merged'), 'merged').toJSON()).toEqual(injectHook(loaded.collection, 'merged').toJSON());
    expect(twice.toJSON()).toEqual(once.toJSON());
  });

  it('is generated from the signing table: every rule, and a changed table changes the script', () => {
    const script = hookScript();
    for (const rule of SIGN_RULES) expect(script).toContain(JSON.stringify(rule.fields));
    const changed = hookScript([{ name: 'x.test', method: 'GET', path: '/x/', location: 'query', fields: ['zeta', 'alpha'], required: [], mutates: false }]);
    expect(changed).toContain('"x.test"');
    expect(changed).not.toContain('"point.earn"');
  });
});
