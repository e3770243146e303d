// Every fake the test suite creates (directly, or inside a harness run) is checked against the
// project's OpenAPI contract: a fake that drifts from the contract fails the test that saw it.
// Left out: answers a test forced on purpose (faults carry x-myvalue-fault) and routes that do not exist.
import { afterEach, expect, vi } from 'vitest';
import type { ContractObserver } from '../helpers/contract-observer';

/**
 * One list per worker process, not per evaluation of this file: test files share a worker
 * (vitest.config.ts, isolate: false), this file runs again before each of them, but the mocked
 * module below may be the one an earlier file created. Both must see the same list.
 */
function observers(): ContractObserver[] {
  const key = Symbol.for('myvalue-harness.contract-observers');
  const store = globalThis as { [key]?: ContractObserver[] };
  return (store[key] ??= []);
}

vi.mock('../../mocks/create-fake', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../mocks/create-fake')>();
  const { observeContract } = await import('../helpers/contract-observer');
  return {
    ...original,
    createFakeMyValue: (...args: Parameters<typeof original.createFakeMyValue>) => {
      const observer = observeContract(original.createFakeMyValue(...args));
      observers().push(observer);
      return observer.fake;
    },
  };
});

afterEach(() => {
  const seen = observers().splice(0);
  const drift = seen.flatMap((o) => o.violations()).filter((v) => v.kind !== 'unknown-path');
  expect(drift.map((v) => `${v.request.method} ${v.request.path}: ${v.message}`), 'the fake answered outside the contract').toEqual([]);
});
