// Contract checks in every run: Node checks each response with src/contract (the same validator the
// fake's fidelity tests use) and hands the outcome to a collection-level test event, which turns it
// into a real pm.test. So the CLI, JUnit and HTML reporters, Newman's stats and the exit code all count it.
import sdk, { type Collection, type CollectionDefinition } from 'postman-collection';
import { DEFAULT_IGNORED_PATHS, loadContract, requestPath, type Contract } from '../contract/index';
import { sandboxSource } from '../shared/sandbox-source';
import { matchRule } from '../signing';
import { sandboxProgram } from './sandbox-program';

/** Fixed id of the injected collection-level test event: injecting again replaces it. */
export const CONTRACT_EVENT_ID = 'myvalue-contract-check';

/** Environment variable that carries one response's outcome from Node to the test event (unset there). */
export const CONTRACT_VARIABLE = 'myvalueContractCheck';

/** Assertion names start with this: 'contract: POST /service/point/earn/ 200'. */
export const CONTRACT_ASSERTION_PREFIX = 'contract: ';

/** What the contract said about one response. */
export interface ContractOutcome {
  /** Assertion name without the prefix: documented operation (or the request's own path) and status. */
  name: string;
  /** One line per violation, without the operation and status (they are in the name). */
  messages: string[];
}

/** The test event's program (sandbox/contract-check.js, ES5: it runs in Newman's sandbox and the Postman app). */
const CONTRACT_CHECK = sandboxSource(new URL('./sandbox/contract-check.js', import.meta.url));

/**
 * The test event's source. Without the variable (a run outside the harness, a request without a
 * response) it does nothing.
 */
export function contractTestScript(): string {
  return [
    '// MyValue contract check, injected by myvalue-harness. The harness checks each response against the OpenAPI contract',
    `// and leaves the outcome in the variable ${CONTRACT_VARIABLE}; outside the harness this does nothing.`,
    sandboxProgram([CONTRACT_CHECK], { main: 'myvalueContractCheck', args: [CONTRACT_VARIABLE, CONTRACT_ASSERTION_PREFIX] }),
  ].join('\n');
}

/**
 * The collection's JSON with the contract test event first among its collection-level test events
 * (collection tests run before folder and request tests), replacing any earlier injection. Pure.
 * @example const checked = withContractCheck(hookedDefinition(collection.toJSON()));
 */
export function withContractCheck(json: CollectionDefinition): CollectionDefinition {
  const event = new sdk.Event({ id: CONTRACT_EVENT_ID, listen: 'test', script: { id: `${CONTRACT_EVENT_ID}-script`, type: 'text/javascript', exec: contractTestScript().split('\n') } });
  return { ...json, event: [event.toJSON(), ...(json.event ?? []).filter((e) => e.id !== CONTRACT_EVENT_ID)] };
}

/** withContractCheck over the SDK: a copy of the collection with the contract test event. */
export function injectContractCheck(collection: Collection): Collection {
  return new sdk.Collection(withContractCheck(collection.toJSON()));
}

/** One response as Newman hands it over in its `request` event. */
export interface SeenResponse {
  method: string;
  url: string;
  status: number;
  contentType?: string;
  /** The body as text ('' when empty). */
  text: string;
}

export interface ContractChecker {
  /** The outcome for one response, or undefined when the path is not checked (the fake's /__admin/). */
  check(response: SeenResponse): ContractOutcome | undefined;
  /** Signing rule name, or the contract operation as a rule-like name ('auth.token'), for grouping per endpoint. */
  ruleOf(method: string, url: string): string | undefined;
}

/** 'authToken' -> 'auth.token', 'pointEarnEstimate' -> 'point.earn.estimate' (the signing rules' own names). */
export function dottedOperationId(operationId: string): string {
  return operationId.replace(/([a-z0-9])([A-Z])/g, '$1.$2').toLowerCase();
}

/**
 * A checker over a loaded contract; base URLs are taken off request URLs before matching.
 * @example const checker = createContractChecker(loadContract(), [session.externalBaseUrl, session.authBaseUrl]);
 */
/** True when a URL is at or under one of the base URLs (same scheme, host and port; its path below the base's). */
export function underBase(url: string, baseUrls: readonly string[]): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  return baseUrls.some((base) => {
    try {
      const b = new URL(base);
      const prefix = b.pathname.replace(/\/+$/, '');
      return b.origin === target.origin && (target.pathname === prefix || target.pathname.startsWith(`${prefix}/`) || prefix === '');
    } catch {
      return false;
    }
  });
}

export function createContractChecker(contract: Contract | undefined, baseUrls: readonly string[]): ContractChecker {
  const ignored = (path: string): boolean => DEFAULT_IGNORED_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
  return {
    check(response) {
      if (!contract) return undefined;
      // Only MyValue's (the run's base URLs): a partner's collection may call its own services too.
      if (!underBase(response.url, baseUrls)) return undefined;
      const path = requestPath(response.url, baseUrls);
      if (ignored(path)) return undefined;
      const method = response.method.toUpperCase();
      const violations = contract.check({ method, url: response.url, status: response.status, contentType: response.contentType, body: response.text === '' ? undefined : response.text });
      const op = contract.match(method, response.url);
      const operation = violations[0]?.operation ?? (op ? `${op.method} ${op.path}` : `${method} ${path}`);
      const prefix = (v: { operation: string; status: number }): string => `${v.operation} ${v.status}: `;
      return {
        name: `${operation} ${response.status}`,
        messages: violations.map((v) => (v.message.startsWith(prefix(v)) ? v.message.slice(prefix(v).length) : v.message)),
      };
    },
    ruleOf(method, url) {
      const path = requestPath(url, baseUrls);
      const rule = matchRule(method, path);
      if (rule) return rule.rule.name;
      const operationId = contract?.match(method, url)?.operationId;
      return operationId ? dottedOperationId(operationId) : undefined;
    },
  };
}

/** RunOptions.contract -> the contract to check against, or undefined when checks are off. Throws ContractError. */
export function contractFor(option: boolean | string | undefined, baseUrls: readonly string[]): Contract | undefined {
  if (option === false) return undefined;
  return typeof option === 'string' ? loadContract(option, { baseUrls }) : loadContract(undefined, { baseUrls });
}
