// The journal as a Postman v2.1 collection: the External and Auth API requests a partner's app sent,
// in order, written the way the shipped collection writes them ({{externalBaseUrl}}, {{clientID}},
// sign {{SIGN}}, the client secret {{myvalueClientSecret}}), each asserting the status the fake gave.
// Pure: the core passes the records and what it knows of routes, clients and created users.
import { SECRET_KEY } from './journal';
import type { KeptRecord } from './journal';
import type { Hide } from './known-secrets';
import { POSTMAN_V21_SCHEMA, type PostmanCollectionV21, type PostmanItem, type PostmanVariable } from './postman-v21';
import type { QueryValue } from '../http/types';
import { parseJsonValue } from '../http/json-body';
import { scriptJson } from '../../src/shared/text';

/** What a journaled route is: a signed External API route, the Auth API, or neither (SSO pages: left out). */
export type ApiKind = 'external' | 'auth';

export interface JournalCollectionInput {
  /** The journal's records, oldest first (already filtered). */
  records: readonly KeptRecord[];
  /** The kind of a request's route; undefined for unknown routes and the SSO pages. */
  apiOf(record: KeptRecord): ApiKind | undefined;
  /** A client's secret, to tell a right client_secret from a wrong one; undefined for unknown clients. */
  secretOf(clientId: string): string | undefined;
  /** valueID of the user an accepted user.create made. */
  createdValueId(body: Record<string, unknown>): string | undefined;
  /** The client the collection replays; default the first known client in the records. */
  clientId?: string;
  /** Masks the clients' secrets wherever a request carried one (a note, a header, a path): the journal's. */
  hide: Hide;
}

/** The variable the signing hook reads the client secret from (src/collection/hook-script.ts SECRET_VARIABLE). */
const SECRET_VARIABLE = 'myvalueClientSecret';
/** A sign the fake refused is replayed as this one, refused again (the journaled hash is not copied). */
const WRONG_SIGN = '0'.repeat(64);
/** Wrong secrets, codes and tokens are replayed as fixed wrong texts, never as what was sent. */
const WRONG = { client_secret: 'not-the-client-secret', code: 'not-a-code', refresh_token: 'not-a-refresh-token', access_token: 'not-an-access-token' } as const;
/** A password sent is never copied: the replay sends this variable, a made-up password (override it with --env-var). */
const PASSWORD_VARIABLE = 'userPassword';
const REPLAY_PASSWORD = 'journal-replay-password';
const TOKEN_VARIABLE = { refresh_token: 'refreshToken', access_token: 'accessToken' } as const;

const ok = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

interface Context {
  clientId: string;
  secretOf(clientId: string): string | undefined;
  /** valueIDs the journal's user.create calls made, each with its variable. */
  valueIds: Map<string, string>;
  /** Authorization codes seen, each with its variable (authCode, authCode2, ...). */
  codes: Map<string, string>;
  /** Refresh and access tokens accepted once (a reuse replays the variable too). */
  tokens: Set<string>;
  /** Whether a request sent a password (then the variables block has a made-up one). */
  password: boolean;
}

/** One value of a request with its secrets replaced: `key` is its field name, `record` the request. */
function replaced(key: string, value: unknown, record: KeptRecord, fields: Record<string, unknown>, cx: Context): unknown {
  if (Array.isArray(value)) return value.map((v) => replaced(key, v, record, fields, cx));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaced(k, v, record, value as Record<string, unknown>, cx)]));
  }
  if (typeof value !== 'string') return value;
  if (key === 'sign') return record.signOk === false ? WRONG_SIGN : '{{SIGN}}';
  if (key === 'clientID' || key === 'client_id') return value === cx.clientId ? '{{clientID}}' : value;
  if (key === 'client_secret') {
    const owner = typeof fields.client_id === 'string' ? fields.client_id : undefined;
    return owner !== undefined && value === cx.secretOf(owner) ? `{{${SECRET_VARIABLE}}}` : WRONG.client_secret;
  }
  if (key === 'code') {
    const known = cx.codes.get(value);
    if (known !== undefined) return `{{${known}}}`;
    if (!ok(record.status)) return WRONG.code;
    const variable = cx.codes.size === 0 ? 'authCode' : `authCode${cx.codes.size + 1}`;
    cx.codes.set(value, variable);
    return `{{${variable}}}`;
  }
  if (key === 'refresh_token' || key === 'access_token') {
    if (!cx.tokens.has(value) && !ok(record.status)) return WRONG[key];
    cx.tokens.add(value);
    return `{{${TOKEN_VARIABLE[key]}}}`;
  }
  if (/^password$/i.test(key)) {
    cx.password = true;
    return `{{${PASSWORD_VARIABLE}}}`;
  }
  if (SECRET_KEY.test(key)) return 'redacted';
  const created = cx.valueIds.get(value);
  return created === undefined ? value : `{{${created}}}`;
}

const statusTest = (record: KeptRecord): string[] => {
  const why = record.omitted !== undefined ? 'its body was not kept' : record.fault !== null ? `it was answered under ${record.fault}` : record.status === null ? 'its connection was dropped' : undefined;
  // The fault text holds what the client sent (a Prefer header): written as a script string, it stays the test's name.
  if (why !== undefined) return [`pm.test.skip(${scriptJson(`status not asserted: ${why}`)}, function () {});`];
  return [
    `pm.test('status ${record.status} (journal #${record.seq})', function () {`,
    `  pm.expect(pm.response.code, String(pm.response.text()).slice(0, 300)).to.equal(${record.status});`,
    '});',
  ];
};

/** The test script's lines that keep what a response gave for the requests after it. */
function captures(record: KeptRecord, rule: string | null, kind: ApiKind, body: Record<string, unknown>, cx: Context, valueIdOf: (body: Record<string, unknown>) => string | undefined): string[] {
  if (!ok(record.status)) return [];
  if (rule === 'user.create') {
    const valueId = valueIdOf(body);
    if (valueId === undefined) return [];
    const variable = `valueID_${record.seq}`;
    cx.valueIds.set(valueId, variable);
    return [`if (pm.response.code === ${record.status}) pm.collectionVariables.set(${scriptJson(variable)}, pm.response.json().valueID);`];
  }
  if (kind === 'auth' && record.path.replace(/\/+$/, '') === '/auth/token') {
    return [
      `if (pm.response.code === ${record.status}) {`,
      "  pm.collectionVariables.set('accessToken', pm.response.json().access_token);",
      "  pm.collectionVariables.set('refreshToken', pm.response.json().refresh_token);",
      '}',
    ];
  }
  return [];
}

/** The fake-only request that gets a code for a journaled code exchange (skipped when the run gives the code). */
function codeItem(variable: string, seq: number, redirectUri: unknown): PostmanItem {
  const body = { client_id: '{{clientID}}', user_id: `journal-replay-${seq}-{{$timestamp}}`, redirect_uri: typeof redirectUri === 'string' ? redirectUri : '', full_name: 'Journal Replay User', email: `journal-replay-${seq}-{{$timestamp}}@example.com` };
  return {
    name: `Get ${variable} (fake only, for journal #${seq})`,
    event: [
      { listen: 'prerequest', script: { type: 'text/javascript', exec: [`// A code given by the run (--env-var ${variable}=...) is used as it is: no fake shortcut then.`, `if (pm.variables.get(${scriptJson(variable)})) pm.execution.skipRequest();`] } },
      { listen: 'test', script: { type: 'text/javascript', exec: ["pm.test('status 200', function () {", '  pm.expect(pm.response.code, String(pm.response.text()).slice(0, 300)).to.equal(200);', '});', `if (pm.response.code === 200) pm.collectionVariables.set(${scriptJson(variable)}, pm.response.json().code);`] } },
    ],
    request: {
      method: 'POST',
      header: [{ key: 'Content-Type', value: 'application/json' }],
      body: { mode: 'raw', raw: JSON.stringify(body, null, 2), options: { raw: { language: 'json' } } },
      url: { raw: '{{authBaseUrl}}/__admin/authorize', host: ['{{authBaseUrl}}'], path: ['__admin', 'authorize'] },
      description: `POST /__admin/authorize: the fake's shortcut that maps a BU user and gives a code, added for the code exchange journal #${seq} (the journal does not keep the browser's SSO steps). Against sandbox, pass --env-var ${variable}=<code> and this request is skipped.`,
    },
    response: [],
  };
}

function queryPairs(query: Readonly<Record<string, QueryValue>>): Array<[string, string]> {
  return Object.entries(query).flatMap(([key, value]) => (Array.isArray(value) ? value.map((v): [string, string] => [key, v]) : [[key, value] as [string, string]]));
}

function parsedBody(record: KeptRecord): Record<string, unknown> | undefined {
  if (record.rawBody === undefined || record.rawBody.trim() === '') return undefined;
  // Read as the journal shows it: a body nested too deep (or not JSON) is replayed without one, never walked.
  const parsed = parseJsonValue(record.rawBody);
  const body = parsed.ok ? parsed.value : undefined;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

/** The client a record names (clientID of a signed request, client_id of an Auth API request). */
const clientOf = (record: KeptRecord): string | null => record.clientId;

/**
 * The journal's External and Auth API requests as a Postman v2.1 collection, replayable with `myvalue run`.
 * @example const collection = journalCollection({ records: journal.records(), apiOf, secretOf, createdValueId });
 */
export function journalCollection(input: JournalCollectionInput): PostmanCollectionV21 {
  const apiRecords = input.records.flatMap((record) => {
    const kind = input.apiOf(record);
    return kind === undefined ? [] : [{ record, kind }];
  });
  const known = (id: string | null): id is string => id !== null && input.secretOf(id) !== undefined;
  const clientId = input.clientId ?? apiRecords.map(({ record }) => clientOf(record)).find(known) ?? '';
  const others = new Set(apiRecords.map(({ record }) => clientOf(record)).filter((id): id is string => known(id) && id !== clientId));
  const cx: Context = { clientId, secretOf: input.secretOf, valueIds: new Map(), codes: new Map(), tokens: new Set(), password: false };
  const items: PostmanItem[] = [];
  let left = 0;
  for (const { record, kind } of apiRecords) {
    const named = clientOf(record);
    if (named !== null && named !== clientId && known(named)) {
      left += 1;
      continue;
    }
    const raw = parsedBody(record);
    const codesBefore = cx.codes.size;
    // Hidden before it is written as JSON text, so a secret is masked in its values, not in their escapes.
    const body = raw === undefined ? undefined : input.hide(replaced('', raw, record, raw, cx) as Record<string, unknown>);
    if (cx.codes.size > codesBefore) items.push(codeItem([...cx.codes.values()][cx.codes.size - 1] ?? 'authCode', record.seq, raw?.redirect_uri));
    const pairs = queryPairs(record.query).map(([key, value]): [string, string] => [key, replaced(key, value, record, record.query, cx) as string]);
    const base = kind === 'external' ? '{{externalBaseUrl}}' : '{{authBaseUrl}}';
    const search = pairs.map(([k, v]) => `${k}=${v}`).join('&');
    const notes = [
      `Journal #${record.seq}, ${new Date(record.timeMs).toISOString()}: ${record.method} ${record.path}${record.rule ? ` (rule ${record.rule})` : ''}, answered ${record.status ?? 'nothing (dropped)'}.`,
      ...(record.omitted !== undefined ? [`The journal did not keep its body (${record.omitted}): it is replayed without one.`] : []),
      ...(record.omitted === undefined && record.rawBody !== undefined && record.rawBody.trim() !== '' && raw === undefined ? ['Its body was not a JSON object: it is replayed without one.'] : []),
      ...(record.fault !== null ? [`It was answered under ${record.fault}; the replay has no such fault.`] : []),
    ];
    items.push({
      name: `#${record.seq} ${record.method} ${record.rule ?? record.path}${typeof raw?.grant_type === 'string' ? ` ${raw.grant_type}` : ''}`,
      event: [{ listen: 'test', script: { type: 'text/javascript', exec: [...statusTest(record), ...captures(record, record.rule, kind, raw ?? {}, cx, input.createdValueId)] } }],
      request: {
        method: record.method,
        header: body === undefined ? [] : [{ key: 'Content-Type', value: 'application/json' }],
        ...(body === undefined ? {} : { body: { mode: 'raw' as const, raw: JSON.stringify(body, null, 2), options: { raw: { language: 'json' as const } } } }),
        url: {
          raw: `${base}${record.path}${search === '' ? '' : `?${search}`}`,
          host: [base],
          path: record.path.replace(/^\/+/, '').split('/'),
          ...(pairs.length > 0 ? { query: pairs.map(([key, value]) => ({ key, value })) } : {}),
        },
        description: notes.join('\n\n'),
      },
      response: [],
    });
  }
  const variable: PostmanVariable[] = [
    { key: 'externalBaseUrl', value: 'https://external.ovaltech.id', type: 'string', description: 'External API base URL (sandbox); `myvalue run --target ...` sets its own.' },
    { key: 'authBaseUrl', value: 'https://auth.ovaltech.id', type: 'string', description: 'SSO / Auth API base URL (sandbox); `myvalue run --target ...` sets its own.' },
    { key: 'clientID', value: clientId, type: 'string', description: 'The journaled client; its secret is never in this file: the run gives it as myvalueClientSecret.' },
    { key: SECRET_VARIABLE, value: '', type: 'string', description: 'Client secret: set by `myvalue run` (or your Postman environment), never written here.' },
    ...[...cx.codes.values()].map((key): PostmanVariable => ({ key, value: '', type: 'string', description: 'Authorization code: from the fake-only request before its exchange, or --env-var.' })),
    ...(cx.tokens.size > 0 ? (['accessToken', 'refreshToken'] as const).map((key): PostmanVariable => ({ key, value: '', type: 'string', description: 'Set from the last token response of the replay.' })) : []),
    ...(cx.password ? [{ key: PASSWORD_VARIABLE, value: REPLAY_PASSWORD, type: 'string' as const, description: 'A made-up password for the users the replay creates: the journaled one is never written here.' }] : []),
    ...[...cx.valueIds.values()].map((key): PostmanVariable => ({ key, value: '', type: 'string', description: 'valueID of the user the journaled user.create made, set by that request in the replay.' })),
  ];
  const description = [
    `The requests client ${clientId || '(none)'} sent to the fake MyValue, in order, from its request journal: External API and Auth API only (not the admin API, the SSO pages or unknown routes).`,
    'Each request asserts the status the fake gave. Replay with `myvalue run --collection FILE --target mock` (a fresh fake with the same seed) or against sandbox; item names are stable, so two runs\' reports compare item by item.',
    'No secret is in this file: sign is {{SIGN}} (the run signs), the client secret {{myvalueClientSecret}}, codes and tokens variables, a password {{userPassword}} (a made-up one); wrong ones are replayed as fixed wrong texts.',
    ...(left > 0 ? [`Left out: ${left} requests of other clients (${[...others].join(', ')}); ask GET /__admin/requests/collection?clientId=<id> for theirs.`] : []),
  ].join('\n\n');
  // Paths, queries, names and notes keep what a request sent: a secret there is masked too.
  return input.hide({ info: { name: `MyValue journal: ${clientId || 'no client'} (${items.length} items)`, description, schema: POSTMAN_V21_SCHEMA }, item: items, variable });
}
