// Wraps a fake so every response it gives is checked against the contract; tests read the violations.
import { loadContract, type Contract, type ContractViolation } from '../../src/contract';
import { PAGE_PATHS } from '../../mocks/auth/pages';
import type { Fake } from '../../mocks/core/app';
import { FAULT_HEADER } from '../../mocks/core/faults';
import type { FakeRequest, FakeResponse } from '../../mocks/http/types';

let shared: Contract | undefined;

/** The project's contract, compiled once per test process. */
export function sharedContract(): Contract {
  shared ??= loadContract();
  return shared;
}

/**
 * The mapping page's inner steps (login, register, confirm, cancel) are the fake's rendering of
 * MyValue's web UI, not partner API: only their entry, GET /authorize/mapping, is in the contract.
 */
const PAGE_STEPS: ReadonlySet<string> = new Set(Object.values(PAGE_PATHS).filter((p) => p !== PAGE_PATHS.start));

function isPageStep(path: string): boolean {
  return PAGE_STEPS.has(path.replace(/\/+$/, ''));
}

export interface ObservedViolation extends ContractViolation {
  /** The request that got the response, for the failure message. */
  request: { method: string; path: string };
}

export interface ContractObserver {
  /** The same fake, with handle() checked; everything else is the original's. */
  fake: Fake;
  /** Violations so far, oldest first. */
  violations(): ObservedViolation[];
  /** How many responses were checked. */
  checked(): number;
  /** Forgets the violations and the count. */
  clear(): void;
}

/**
 * Every response of `fake.handle()` is checked; the test asserts `violations()` is empty at the end.
 * Responses that never reach the wire (a dropped connection, "applied but no answer") are not checked.
 * @example const { fake, violations } = observeContract(createFakeMyValue());
 *          ...drive fake...
 *          expect(violations().map((v) => v.message)).toEqual([]);
 */
export function observeContract(fake: Fake, contract: Contract = sharedContract()): ContractObserver {
  let found: ObservedViolation[] = [];
  let count = 0;
  const handle = (req: FakeRequest): FakeResponse => {
    const response = fake.handle(req);
    // Faults are answers a test forced on purpose (the x-myvalue-fault header marks each one).
    if (response.fault === 'drop' || response.fault === 'no-answer' || FAULT_HEADER in response.headers || isPageStep(req.path)) return response;
    count += 1;
    const contentType = Object.entries(response.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    for (const v of contract.check({ method: req.method, path: req.path, status: response.status, contentType, body: response.body })) {
      found.push({ ...v, request: { method: req.method, path: req.path } });
    }
    return response;
  };
  // Everything but handle() is the original's (state, reset, and whatever else the fake offers).
  const wrapped: Fake = { ...fake, handle };
  return {
    fake: wrapped,
    violations: () => [...found],
    checked: () => count,
    clear: () => {
      found = [];
      count = 0;
    },
  };
}
