// Which documented endpoint a reported request hit: the gate's table and the merge group by it.
import { loadContract, requestPath, type Contract } from '../contract/index';
import { matchRule } from '../signing/rules';
import type { Endpoint, GateRequest } from './gate-report';

function tryContract(): Contract | undefined {
  try {
    return loadContract();
  } catch {
    // Without the contract file the table still groups by signing rule, then by method and path.
    return undefined;
  }
}

/**
 * The endpoint of a request: the contract's operation ('POST /service/point/earn/') and the signing
 * rule, with the report's base URLs taken off; method and path when neither knows it.
 */
export function endpointResolver(baseUrls: readonly string[], contract: Contract | undefined = tryContract()): (r: GateRequest) => Endpoint | undefined {
  const bases = [...new Set(baseUrls)].filter((b) => b !== '').sort((a, b) => b.length - a.length);
  return (r) => {
    if (!r.method || !r.url) return undefined;
    const path = requestPath(r.url, bases);
    const op = contract?.match(r.method, path);
    // Same names as the runner's `rule`: the signing rule, else the operationId dotted ('authToken' -> 'auth.token').
    const rule = r.rule ?? matchRule(r.method, path)?.rule.name ?? op?.operationId?.replace(/([a-z0-9])([A-Z])/g, '$1.$2').toLowerCase();
    const key = op ? `${op.method} ${op.path}` : `${r.method} ${path}`;
    if (path.startsWith('/__admin/')) return { key, setup: true };
    return rule ? { key, rule } : { key };
  };
}

