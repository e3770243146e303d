// Where a run puts its own values (the client ID, the target's base URLs, the client secret) among
// Newman's scopes, so that a collection means what it meant: the user's environment keeps its name and values, and the harness's values sit in globals, the lowest scope,
// under anything the collection or the user sets. One exception, said in one line when it changes a
// value: --target decides the base URLs. The production guard is no variable at all: the run writes its
// decision into the hook's text (prepare-run.ts), where no scope reaches it.
// Pure: the precedence is docs/decisions/harness.md's, tested in test/harness/run-scopes.test.ts.
import type { CollectionDefinition } from 'postman-collection';

export interface ScopeValue {
  key: string;
  value: unknown;
  type?: string;
  [field: string]: unknown;
}

export interface RunScopesInput {
  /** The user's --environment (name and enabled values), or none. */
  environment: { name?: string; values: ScopeValue[] };
  /** --env-var, set in the environment as Newman's --env-var does. */
  envVars: ReadonlyArray<{ key: string; value: string }>;
  /** The prepared collection (its collection variables are read, and the base URLs among them retargeted). */
  collection: CollectionDefinition;
  /** The run's own values. */
  harness: { clientId: string; externalBaseUrl: string; authBaseUrl: string; secretVariable: string; secret: string };
}

export interface RunScopes {
  environment: { name?: string; values: ScopeValue[] };
  globals: { values: ScopeValue[] };
  collection: CollectionDefinition;
  /** One line for each value of the user's the run changes or does not use. */
  notes: string[];
  /** Values of the secret variable the collection or the user set: the run masks them too. */
  secrets: string[];
}

const BASE_URLS = ['externalBaseUrl', 'authBaseUrl'] as const;

/** A value declared with nothing in it. */
const isEmpty = (v: ScopeValue): boolean => v.value === undefined || v.value === null || v.value === '';

/** A value Newman resolves: enabled, and not empty. */
const isSet = (v: ScopeValue | undefined): v is ScopeValue => v !== undefined && v.disabled !== true && !isEmpty(v);

/** The scopes of one run; see the module comment for the precedence. */
export function runScopes(input: RunScopesInput): RunScopes {
  const { harness } = input;
  const notes: string[] = [];
  const fromFile = new Set(input.environment.values.map((v) => v.key));
  // --env-var replaces a key of the environment or adds it, as Newman's does.
  const environment = [...input.environment.values.map((v) => ({ ...v }))];
  for (const v of input.envVars) {
    const at = environment.findIndex((e) => e.key === v.key);
    if (at >= 0) environment[at] = { ...environment[at], key: v.key, value: v.value };
    else environment.push({ key: v.key, value: v.value, type: 'default' });
  }
  const byEnvVar = new Set(input.envVars.map((v) => v.key));
  const variables = [...((input.collection.variable ?? []) as ScopeValue[])];
  const own = (key: string): ScopeValue | undefined => [...environment].reverse().find((v) => v.key === key && isSet(v)) ?? [...variables].reverse().find((v) => v.key === key && isSet(v));
  const globals: ScopeValue[] = [];

  // --target decides where MyValue's requests go: it replaces a base URL the environment file or the
  // collection sets (saying so); --env-var, given for this run, still wins over it.
  const target: Record<(typeof BASE_URLS)[number], string> = { externalBaseUrl: harness.externalBaseUrl, authBaseUrl: harness.authBaseUrl };
  for (const key of BASE_URLS) {
    if (byEnvVar.has(key)) continue;
    globals.push({ key, value: target[key], type: 'default' });
    for (const [scope, list, where] of [[environment, fromFile, 'the environment'], [variables, undefined, 'the collection']] as const) {
      const at = scope.findIndex((v) => v.key === key && (list === undefined || list.has(key)));
      if (at < 0) continue;
      const before = scope[at] as ScopeValue;
      if (isSet(before) && before.value !== target[key]) notes.push(`${where}'s ${key} (${String(before.value)}) is replaced by the target's (${target[key]}): --target decides where MyValue's requests go`);
      scope[at] = { ...before, value: target[key] };
    }
  }

  // The client ID and the secret: the harness's, unless the collection or the user sets their own. One
  // declared empty (a journal collection's `myvalueClientSecret: ''`, a Postman environment's blank
  // slot) is a place to fill, not a value: Newman would resolve the empty text over the global.
  for (const key of ['clientID', harness.secretVariable]) {
    const value = key === 'clientID' ? harness.clientId : harness.secret;
    for (const scope of [environment, variables]) {
      scope.forEach((v, at) => {
        if (v.key === key && v.disabled !== true && isEmpty(v)) scope[at] = { ...v, value };
      });
    }
  }
  globals.push({ key: 'clientID', value: harness.clientId, type: 'default' });
  const clientId = own('clientID');
  if (clientId && clientId.value !== harness.clientId) notes.push(`clientID is ${String(clientId.value)}, set by the collection or the environment, not the run's client ${harness.clientId}: requests MyValue's rules sign carry it, signed with the run's secret`);
  globals.push({ key: harness.secretVariable, value: harness.secret, type: 'secret' });
  const secret = own(harness.secretVariable);
  const secrets = secret && secret.value !== harness.secret ? [String(secret.value)] : [];
  if (secrets.length > 0) notes.push(`${harness.secretVariable} is set by the collection or the environment: its value signs the requests, not the run's client secret (it is masked as well)`);

  const collection = variables.length > 0 ? { ...input.collection, variable: variables } : input.collection;
  return { environment: { ...(input.environment.name !== undefined ? { name: input.environment.name } : {}), values: environment }, globals: { values: globals }, collection, notes, secrets };
}
