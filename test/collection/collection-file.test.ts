// The shipped collection and environments, read as files: v2.1 shape, signing placeholders as
// MyValue's docs write them, no signing code, no secret, tests on every request, every rule covered.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { matchRule, SIGN_RULES, type SignRule } from '../../src/signing';
import { TARGET_HOSTS } from '../../src/shared/hosts';

const ROOT = new URL('../../collections/', import.meta.url);
const COLLECTION_FILE = new URL('myvalue-partner.postman_collection.json', ROOT);
const V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const WRONG_SIGN = /^[0-9a-f]{64}$/;

interface Script {
  listen: string;
  script: { type?: string; exec: string[] };
}
interface KeyValue {
  key: string;
  value: string;
}
interface Request {
  method: string;
  header: KeyValue[];
  url: { raw: string; host: string[]; path: string[]; query?: KeyValue[] };
  body?: { mode: string; raw: string; options?: { raw?: { language?: string } } };
}
interface Item {
  name: string;
  item?: Item[];
  request?: Request;
  event?: Script[];
}
interface CollectionJson {
  info: { name: string; schema: string; _postman_id: string };
  item: Item[];
  event: Script[];
  variable: KeyValue[];
}

const text = readFileSync(COLLECTION_FILE, 'utf8');
const collection = JSON.parse(text) as CollectionJson;

function leaves(items: Item[], folder = ''): Array<Item & { request: Request; folder: string }> {
  return items.flatMap((it) => (it.item ? leaves(it.item, it.name) : it.request ? [{ ...it, request: it.request, folder }] : []));
}
/** The Auth & SSO folder calls the Auth API, which is not signed; its own test is below. */
const AUTH_FOLDER = 'Auth & SSO';
const allRequests = leaves(collection.item);
const requests = allRequests.filter((r) => r.folder !== AUTH_FOLDER);
const authRequests = allRequests.filter((r) => r.folder === AUTH_FOLDER);

/** The path with every {{var}} standing for one segment, as the hook sees it once resolved. */
function pathOf(request: Request): string {
  return `/${request.url.path.map((part) => part.replace(/\{\{[^}]+\}\}/g, 'X')).join('/')}`;
}

/** JSON body with unquoted placeholders (`"amount": {{earnAmount}}`) read as numbers. */
function bodyOf(request: Request): Record<string, unknown> {
  return JSON.parse((request.body?.raw ?? '').replace(/:\s*\{\{[^}]+\}\}/g, ': 0')) as Record<string, unknown>;
}

/** clientID, sign and the other fields a request sends where its rule says they travel. */
function sentFields(request: Request, rule: SignRule): Record<string, unknown> {
  if (rule.location === 'body') return bodyOf(request);
  return Object.fromEntries((request.url.query ?? []).map((q) => [q.key, q.value]));
}

function ruleOf(request: Request): SignRule {
  const match = matchRule(request.method, pathOf(request));
  if (!match) throw new Error(`${request.method} ${request.url.raw} matches no signing rule`);
  return match.rule;
}

function scriptOf(item: { event?: Script[] }, listen: string): string {
  return (item.event ?? []).filter((e) => e.listen === listen).flatMap((e) => e.script.exec).join('\n');
}

describe('the shipped collection', () => {
  it('is a Postman v2.1 collection the SDK reads without losing anything', () => {
    expect(collection.info.schema).toBe(V21);
    const require = createRequire(import.meta.url);
    const sdk = require('postman-collection') as { Collection: new (json: unknown) => { toJSON(): CollectionJson } };
    const roundTrip = new sdk.Collection(collection).toJSON();
    expect(leaves(roundTrip.item).map((r) => `${r.request.method} ${r.name}`)).toEqual(allRequests.map((r) => `${r.request.method} ${r.name}`));
    expect(roundTrip.event.map((e) => e.listen)).toEqual(['prerequest', 'test']);
    expect(roundTrip.variable.map((v) => v.key)).toEqual(collection.variable.map((v) => v.key));
  });

  it('has the folders Users, Points, Promos & vouchers, Negative and Auth & SSO, in that order', () => {
    expect(collection.item.map((folder) => folder.name)).toEqual(['Users', 'Points', 'Promos & vouchers', 'Negative', 'Auth & SSO']);
  });

  it('covers all 13 signing rules outside the Negative folder', () => {
    const covered = new Set(requests.filter((r) => r.folder !== 'Negative').map((r) => ruleOf(r.request).name));
    expect([...covered].sort()).toEqual(SIGN_RULES.map((rule) => rule.name).sort());
  });

  it('sends clientID and sign where the rule says, with sign {{SIGN}} or a literal wrong sign in Negative', () => {
    for (const { name, request, folder } of requests) {
      const rule = ruleOf(request);
      const fields = sentFields(request, rule);
      expect(fields.clientID, name).toMatch(/^(\{\{clientID\}\}|UnknownClient)$/);
      if (fields.sign !== '{{SIGN}}') {
        expect(folder, `${name}: a literal sign belongs in Negative`).toBe('Negative');
        expect(fields.sign, name).toMatch(WRONG_SIGN);
      }
      if (fields.clientID === 'UnknownClient') expect(folder, name).toBe('Negative');
    }
  });

  it('sends every field its rule requires, POST bodies as JSON', () => {
    for (const { name, request } of requests) {
      const rule = ruleOf(request);
      const fields = sentFields(request, rule);
      for (const field of rule.required) {
        if (field === 'ID') continue;
        expect(fields[field], `${name}: ${field}`).toBeDefined();
      }
      if (request.method === 'POST') {
        expect(request.body?.options?.raw?.language, name).toBe('json');
        expect(request.header, name).toContainEqual({ key: 'Content-Type', value: 'application/json' });
      } else {
        expect(request.body, name).toBeUndefined();
      }
      expect(request.url.host, name).toEqual(['{{externalBaseUrl}}']);
    }
  });

  it('keeps the raw URL and the structured query in step', () => {
    for (const { name, request } of requests) {
      const query = (request.url.query ?? []).map((q) => `${q.key}=${q.value}`).join('&');
      expect(request.url.raw, name).toBe(`{{externalBaseUrl}}/${request.url.path.join('/')}${query ? `?${query}` : ''}`);
    }
  });

  it('gives every earn, redeem and adjustment a referenceNo unique to the run', () => {
    const withRef = requests.filter(({ request }) => (ruleOf(request).required as readonly string[]).includes('referenceNo'));
    expect(withRef.length).toBe(8);
    const refs = withRef.map(({ request }) => bodyOf(request).referenceNo);
    for (const ref of refs) expect(ref).toMatch(/^HARNESS-\{\{runId\}\}-[A-Z]+$/);
    expect(new Set(refs).size).toBe(refs.length);
    expect(scriptOf(collection, 'prerequest')).toMatch(/pm\.variables\.set\('runId'/);
  });

  it('asserts the status and something more on every request', () => {
    for (const { name, event } of requests) {
      const tests = scriptOf({ event }, 'test');
      expect(tests, name).toMatch(/pm\.test\('status \d{3}'/);
      expect(tests.match(/pm\.test(\.skip)?\)?\(/g)?.length ?? 0, name).toBeGreaterThanOrEqual(name.startsWith('Create user again') ? 1 : 2);
    }
  });

  it('asserts each documented error in the Negative folder', () => {
    const negatives = scriptOf({ event: requests.filter((r) => r.folder === 'Negative').flatMap((r) => r.event ?? []) }, 'test');
    for (const [id, status] of [
      ['ErrAuthorizationInvalidSign', 401],
      ['InvalidClient', 400],
      ['ErrMembershipNotFound', 404],
      ['ErrSuboutletNotfound', 404],
      ['ErrInvalidAdjustedRefCode', 400],
      ['MUD001', 404],
    ] as const) {
      expect(negatives).toContain(`pm.expect(body.id).to.equal('${id}');\n  pm.expect(body.errorCode).to.equal(${status});`);
    }
  });

  it('checks balances around every write: earn, redeem, cancel, return, buy', () => {
    const names = requests.map((r) => r.name);
    for (const write of ['Earn points', 'Redeem points', 'Cancel redeem (CANCEL_REDEEM)', 'Return earn (RETURN_EARN)', 'Buy promo']) {
      const at = names.indexOf(write);
      expect(at, write).toBeGreaterThan(0);
      expect(names.slice(0, at).some((n) => n.startsWith('Get balance')), `balance read before ${write}`).toBe(true);
      expect(names[at + 1], `balance read right after ${write}`).toMatch(/^Get balance \(after /);
    }
  });
});

describe('no signing code and no secret in the shipped files', () => {
  const files = [COLLECTION_FILE, ...readdirSync(new URL('environments/', ROOT)).map((f) => new URL(`environments/${f}`, ROOT))];
  const seed = JSON.parse(readFileSync(new URL('../../mocks/seed.json', import.meta.url), 'utf8')) as { clients: Array<{ clientSecret: string }>; users: Array<{ password: string }> };
  const secrets = [...seed.clients.map((c) => c.clientSecret), ...seed.users.map((u) => u.password)];

  it.each(files.map((f) => [f.pathname.split('/').slice(-2).join('/'), f] as const))('%s', (_name, file) => {
    // The Auth API's token request names the field client_secret; its value is only the hook's variable
    // (or, in the negative request, a made-up wrong one).
    const content = readFileSync(file, 'utf8').replace(/\\"client_secret\\": \\"(\{\{myvalueClientSecret\}\}|not-the-client-secret)\\"/g, '');
    expect(content).not.toMatch(/crypto-?js|sha256|hmac|createHash|clientSecret|client_secret/i);
    expect(content).not.toMatch(/\b(password|secret|token)\b"\s*:/i);
    for (const secret of secrets) expect(content).not.toContain(secret);
  });
});

describe('the shipped environments', () => {
  const expected = {
    sandbox: TARGET_HOSTS.sandbox,
    production: TARGET_HOSTS.production,
    mock: { externalBaseUrl: 'http://127.0.0.1:4010', authBaseUrl: 'http://127.0.0.1:4010' },
  };

  it('are exactly sandbox, production and mock', () => {
    expect(readdirSync(new URL('environments/', ROOT)).sort()).toEqual(Object.keys(expected).sort().map((name) => `${name}.postman_environment.json`));
  });

  it.each(Object.entries(expected))('%s holds only the two base URLs', (name, hosts) => {
    const env = JSON.parse(readFileSync(new URL(`environments/${name}.postman_environment.json`, ROOT), 'utf8')) as { values: Array<KeyValue & { enabled: boolean }>; _postman_variable_scope: string };
    expect(env._postman_variable_scope).toBe('environment');
    expect(Object.fromEntries(env.values.map((v) => [v.key, v.value]))).toEqual(hosts);
    expect(env.values.every((v) => v.enabled)).toBe(true);
  });
});

describe('the Auth & SSO folder', () => {
  const byName = new Map(authRequests.map((r) => [r.name, r]));

  it('exchanges a code, introspects, refreshes, and checks the documented Auth API errors', () => {
    expect(authRequests.map((r) => `${r.request.method} ${r.request.url.raw}`)).toEqual([
      'POST {{authBaseUrl}}/__admin/authorize',
      'POST {{authBaseUrl}}/auth/token/',
      'POST {{authBaseUrl}}/auth/introspect/',
      'POST {{authBaseUrl}}/auth/token/',
      'POST {{authBaseUrl}}/auth/token/',
      'POST {{authBaseUrl}}/auth/token/',
      'POST {{authBaseUrl}}/auth/token/',
      'POST {{authBaseUrl}}/auth/introspect/',
    ]);
    for (const [name, id] of [['Reuse the code: 401 SAT001', 'SAT001'], ['Unknown code: 401 SAT001', 'SAT001'], ['Bad access token: 401 SAT003', 'SAT003'], ['Wrong client secret: 400 InvalidClient', 'InvalidClient']] as const) {
      expect(scriptOf(byName.get(name)!, 'test'), name).toContain(`pm.expect(body.id).to.equal('${id}')`);
    }
  });

  it('uses a code given by the run instead of the fake-only shortcut', () => {
    const shortcut = byName.get('Get an authorization code (fake only)')!;
    expect(scriptOf(shortcut, 'prerequest')).toMatch(/pm\.variables\.get\('authCode'\)[\s\S]*pm\.execution\.skipRequest\(\)/);
  });

  it('sends the client secret only as the hook variable, never written out', () => {
    const token = bodyOf(byName.get('Exchange the code for tokens')!.request);
    expect(token).toEqual({ grant_type: 'authorization_code', client_id: '{{clientID}}', client_secret: '{{myvalueClientSecret}}', code: '{{ssoCode}}', redirect_uri: '{{redirectUri}}' });
  });
});
