// What a run checks besides the collection's own tests, and the channels of its listener table that do it:
// each response against the OpenAPI contract (the outcome handed to the injected test event), a variation's
// original (how it went, for the variation's script), and the retries the retry layer made (with their notes).
// The variation scripts' balance probes are kept out of Newman's summary on the way.
import { oneLine } from '../shared/text';
import { CONTRACT_VARIABLE, contractFor, createContractChecker, type ContractChecker } from '../collection/contract-check';
import type { Contract } from '../contract/index';
import type { Result } from '../shared/result';
import type { RetryLayer } from './retries';
import type { TargetSession } from './run-target';
import type { RequestExtras } from '../reports/run-json';
import { ORIGINAL_VARIABLE, PROBE_HEADER } from '../collection/variations';
import type { RunChannel } from './run-channel';

export interface StartedChecks {
  /** Checks each response against the contract (none with --no-contract), and names its rule. */
  checker: ContractChecker;
  /** The contract every response is checked against (undefined with --no-contract), loaded once. */
  contract?: Contract;
  /** The retry layer in front of the target, with --retries. */
  retryLayer?: RetryLayer;
  /** Newman's timeoutRequest: with retries, --timeout-request limits each attempt, and Newman's covers them all and the waits between. */
  timeoutRequest?: number;
  stop(): void;
}

/**
 * Loads the contract (a bad file is a value: exit 2) and starts the retry layer for one run's target
 * (msw, which it runs on, is loaded only when retries are asked for).
 * @example const checked = await startRunChecks({ session, contract: true, retries: 1 });
 */
export async function startRunChecks(options: {
  session: Pick<TargetSession, 'externalBaseUrl' | 'authBaseUrl' | 'msw'>;
  contract: boolean | string | undefined;
  retries?: number;
  timeoutRequest?: number;
  /** --insecure: the retry layer's own attempts do not verify TLS certificates either. */
  insecure?: boolean;
}): Promise<Result<StartedChecks>> {
  const { session, contract, retries = 0, timeoutRequest } = options;
  const baseUrls = [...new Set([session.externalBaseUrl, session.authBaseUrl])];
  let checker: ContractChecker;
  let loaded: Contract | undefined;
  try {
    loaded = contractFor(contract, baseUrls);
    checker = createContractChecker(loaded, baseUrls);
  } catch (error) {
    return { ok: false, error: oneLine((error as Error).message) };
  }
  const layer = retries > 0 ? await import('./retries') : undefined;
  const retryLayer = layer?.startRetryLayer({ baseUrls, retries, attemptTimeoutMs: timeoutRequest, insecure: options.insecure === true, ...(session.msw ? { server: session.msw } : {}) });
  const overall = layer && timeoutRequest !== undefined ? layer.retryBudgetMs(timeoutRequest, retries) : timeoutRequest;
  return { ok: true, value: { checker, ...(loaded ? { contract: loaded } : {}), ...(retryLayer ? { retryLayer } : {}), ...(overall === undefined ? {} : { timeoutRequest: overall }), stop: () => retryLayer?.stop() } };
}

/** The contract channel: each response's rule and contract outcome in run.json, the outcome in the variable the injected test reads. */
export function contractChannel(checker: ContractChecker, extrasOf: (ref: string) => RequestExtras): RunChannel {
  return {
    beforeItem: (_o, run) => run.environment()?.unset(CONTRACT_VARIABLE),
    request(o, run) {
      if (!o.request) return;
      const method = o.request.method.toUpperCase();
      const url = o.request.url;
      const entry = extrasOf(o.ref);
      const rule = checker.ruleOf(method, url);
      if (rule) entry.rule = rule;
      const scope = run.environment();
      // No response (timeout, dropped connection): nothing to check; Newman reports the error itself.
      if (o.failed || !o.response) {
        scope?.unset(CONTRACT_VARIABLE);
        return;
      }
      const contentType = o.response.header('content-type');
      const outcome = checker.check({ method, url, status: o.response.code, contentType: typeof contentType === 'string' ? contentType : undefined, text: o.response.text() });
      if (!outcome) {
        scope?.unset(CONTRACT_VARIABLE);
        return;
      }
      entry.contract = outcome.messages;
      scope?.set(CONTRACT_VARIABLE, JSON.stringify(outcome));
    },
  };
}

/**
 * The variations channel: each variation's script reads how its original went in this iteration (sent, and
 * its status). `originals` is the original item id of each variation id.
 */
export function variationChannel(originals: ReadonlyMap<string, string>): RunChannel {
  /** How each original went in the current iteration, by item id. */
  const outcomes = new Map<string, { sent: boolean; status?: number }>();
  return {
    // The variation scripts' balance probes (pm.sendRequest) would land in Newman's summary as the
    // item's own request, overwriting its response (same cursor ref): they are not the run's requests.
    hideRequests: (header) => Boolean(header(PROBE_HEADER)),
    beforeItem(o, run) {
      const scope = run.environment();
      const id = o.item.id;
      if (!scope) return;
      const originalId = originals.get(id);
      if (originalId === undefined) {
        outcomes.set(id, { sent: false });
        return;
      }
      scope.set(ORIGINAL_VARIABLE, JSON.stringify(outcomes.get(originalId) ?? { sent: false }));
    },
    request(o) {
      if (!o.request || originals.has(o.item.id)) return;
      outcomes.set(o.item.id, { sent: true, ...(o.response ? { status: o.response.code } : {}) });
    },
  };
}

/** The retries channel: after each item, the notes of what the retry layer retried for it, in run.json and one line each. */
export function retriesChannel(retryLayer: RetryLayer | undefined, extrasOf: (ref: string) => RequestExtras, log: (line: string) => void): RunChannel {
  return {
    item(o) {
      const notes = retryLayer?.drain() ?? [];
      if (notes.length === 0) return;
      // The item's own request first; the variation probes' retries ride along in the same note list.
      extrasOf(o.ref).retries = {
        count: notes.reduce((n, note) => n + note.count, 0),
        reasons: notes.flatMap((note) => note.reasons),
        recovered: notes.every((note) => note.recovered),
        message: notes.map((note) => note.message).join(' | '),
      };
      for (const note of notes) log(`"${o.item.name}": ${note.message}`);
    },
  };
}
