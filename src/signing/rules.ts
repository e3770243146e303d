// The 13 signing rules of MyValue's External API: the one source of truth for the fake's verifier,
// the `sign` command and the Postman hook injected into collections.
import { bestMatch, compilePattern, pathSegments, type MatchMode, type PathPattern } from '../shared/path-pattern';

export type SignLocation = 'query' | 'body';

export interface SignRule {
  /** Stable rule name, as used by `myvalue sign <rule>`. */
  readonly name: string;
  readonly method: 'GET' | 'POST';
  /** Documented path; `:ID` marks a path segment that is also a signed field. */
  readonly path: string;
  /** Where `clientID`, `sign` and the fields travel. */
  readonly location: SignLocation;
  /** Fields hashed after clientID + clientSecret, in order. */
  readonly fields: readonly string[];
  /** Fields the endpoint requires (besides clientID and sign). */
  readonly required: readonly string[];
  /** True when a request changes state (the production guard skips these). */
  readonly mutates: boolean;
}

export const SIGN_RULES = [
  { name: 'user.get', method: 'GET', path: '/v2/service/user/', location: 'query', fields: ['by', 'value'], required: ['by', 'value'], mutates: false },
  { name: 'user.create', method: 'POST', path: '/service/user/', location: 'body', fields: ['email', 'mobilePhoneNumber', 'fullName', 'membershipName', 'membershipNumber'], required: ['fullName'], mutates: true },
  { name: 'point.get', method: 'GET', path: '/service/point/', location: 'query', fields: ['valueID'], required: ['valueID'], mutates: false },
  { name: 'point.earn', method: 'POST', path: '/service/point/earn/', location: 'body', fields: ['amount', 'referenceNo', 'exchangeRate', 'outletID'], required: ['amount', 'outletID', 'referenceNo', 'valueID'], mutates: true },
  { name: 'point.earn.estimate', method: 'POST', path: '/service/point/earn/estimate', location: 'body', fields: ['amount', 'outletID', 'valueID'], required: ['amount', 'outletID', 'valueID'], mutates: false },
  { name: 'point.redeem', method: 'POST', path: '/service/point/redeem/', location: 'body', fields: ['amount', 'referenceNo', 'outletID'], required: ['amount', 'outletID', 'referenceNo', 'valueID'], mutates: true },
  { name: 'point.adjustment', method: 'POST', path: '/service/point/adjustment/', location: 'body', fields: ['amount', 'referenceNo', 'exchangeRate', 'outletID', 'adjustedReferenceNo', 'adjustmentType'], required: ['amount', 'outletID', 'referenceNo', 'valueID', 'adjustedReferenceNo', 'adjustmentType'], mutates: true },
  { name: 'point.history', method: 'GET', path: '/service/point/history/', location: 'query', fields: ['brandID', 'businessUnit', 'from', 'to', 'limit', 'page', 'mutation', 'valueID'], required: ['valueID'], mutates: false },
  { name: 'promo.list', method: 'GET', path: '/v1/service/promos', location: 'query', fields: ['valueID', 'page', 'pageSize'], required: ['valueID'], mutates: false },
  { name: 'promo.get', method: 'GET', path: '/v1/service/promos/:ID', location: 'query', fields: ['ID', 'valueID'], required: ['valueID'], mutates: false },
  { name: 'promo.buy', method: 'POST', path: '/v1/service/promos/buy', location: 'body', fields: ['id', 'valueID'], required: ['id', 'valueID'], mutates: true },
  { name: 'voucher.list', method: 'GET', path: '/v1/service/vouchers', location: 'query', fields: ['valueID', 'page', 'pageSize'], required: ['valueID'], mutates: false },
  { name: 'voucher.get', method: 'GET', path: '/v1/service/vouchers/:ID', location: 'query', fields: ['ID', 'valueID'], required: ['valueID'], mutates: false },
] as const satisfies readonly SignRule[];

export type SignRuleName = (typeof SIGN_RULES)[number]['name'];

const byName = new Map<string, SignRule>(SIGN_RULES.map((rule) => [rule.name, rule]));

/** The rule called `name`, or undefined. */
export function findRule(name: string): SignRule | undefined {
  return byName.get(name);
}

export { pathSegments };

export interface RuleMatch {
  rule: SignRule;
  /** Value of the `:ID` segment, when the rule has one. */
  pathId?: string;
}

/** Each rule's path, compiled once, and the rules of each method. */
const patterns = new Map<SignRule, PathPattern>(SIGN_RULES.map((rule) => [rule, compilePattern(rule.path)]));
const rulesByMethod = new Map<string, SignRule[]>();
for (const rule of SIGN_RULES as readonly SignRule[]) rulesByMethod.set(rule.method, [...(rulesByMethod.get(rule.method) ?? []), rule]);

/**
 * The rule of `method` whose path matches `segments`: all of them ('exact', as the fake routes a request) or
 * their end ('suffix', as the hook finds a rule behind any base URL). A longer, then a more literal, path wins.
 */
export function ruleAt(method: string, segments: readonly string[], mode: MatchMode = 'exact'): { rule: SignRule; params: Record<string, string> } | undefined {
  const found = bestMatch(rulesByMethod.get(method.toUpperCase()) ?? [], (rule) => patterns.get(rule) as PathPattern, segments, mode);
  return found && { rule: found.item, params: found.params };
}

/**
 * The rule whose method and path match a request path (trailing slash optional).
 * A path segment ':ID' matches any single non-empty segment, but a literal rule wins
 * (so POST /v1/service/promos/buy is promo.buy, and GET /v1/service/promos/buy is promo.get).
 */
export function matchRule(method: string, path: string): RuleMatch | undefined {
  const found = ruleAt(method, pathSegments(path));
  if (!found) return undefined;
  return found.params.ID === undefined ? { rule: found.rule } : { rule: found.rule, pathId: found.params.ID };
}
