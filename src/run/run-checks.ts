// The runner's own listeners on Newman's events for issue 5: the contract outcome of each response
// (handed to the injected test event), the rule of each request, how a variation's original went,
// the retry notes, and the harness's balance probes kept out of Newman's summary; with them, the
// scripts' prefixed console lines (console-notes.ts) and the refused signs explained (sign-refusals.ts).
import { oneLine } from '../shared/text';
import { CONTRACT_VARIABLE, contractFor, createContractChecker, type ContractChecker } from '../collection/contract-check';
import type { Contract } from '../contract/index';
import type { Result } from '../shared/result';
import type { RetryLayer } from './retries';
import type { TargetSession } from './run-target';
import type { RequestExtras } from '../reports/run-json';
import { ORIGINAL_VARIABLE, PROBE_HEADER, type VariationInfo } from '../collection/variations';
import type { NewmanRun } from './newman-bridge';
import { attachConsoleNotes } from './console-notes';
import { createSignRefusals } from './sign-refusals';

export interface RunChecksOptions {
  checker: ContractChecker;
  /** Variation item id -> what it is; original item id per variation id. */
  variations: ReadonlyMap<string, VariationInfo>;
  originals: ReadonlyMap<string, string>;
  retryLayer?: RetryLayer;
  /** Skip reasons by cursor ref, shared with the runner. */
  skipReasons: Map<string, string>;
  /** The run's client, whose signed requests the closing line counts. */
  clientId: string;
  log(line: string): void;
}

export interface RunChecks {
  /** Rule, contract outcome and retries by cursor ref, for run.json. */
  extras: Map<string, RequestExtras>;
  attach(run: NewmanRun): void;
  /** The run's last line when every request signed for its client was refused (a wrong secret), else undefined. */
  closing(target: string): string | undefined;
}

export interface StartedChecks extends RunChecks {
  /** The contract every response is checked against (undefined with --no-contract), loaded once. */
  contract?: Contract;
  /** Newman's timeoutRequest: with retries, --timeout-request limits each attempt, and Newman's covers them all and the waits between. */
  timeoutRequest?: number;
  stop(): void;
}

/**
 * Loads the contract (a bad file is a value: exit 2) and starts the retry layer for one run's target
 * (msw, which it runs on, is loaded only when retries are asked for).
 * @example const checked = await startRunChecks({ session, contract: true, retries: 1, variations, originals, skipReasons, clientId, log });
 */
export async function startRunChecks(
  options: Omit<RunChecksOptions, 'checker' | 'retryLayer'> & {
    session: Pick<TargetSession, 'externalBaseUrl' | 'authBaseUrl' | 'msw'>;
    contract: boolean | string | undefined;
    retries?: number;
    timeoutRequest?: number;
    /** --insecure: the retry layer's own attempts do not verify TLS certificates either. */
    insecure?: boolean;
  },
): Promise<Result<StartedChecks>> {
  const { session, contract, retries = 0, timeoutRequest, insecure: _insecure, ...rest } = options;
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
  const checks = createRunChecks({ ...rest, checker, ...(retryLayer ? { retryLayer } : {}) });
  const overall = layer && timeoutRequest !== undefined ? layer.retryBudgetMs(timeoutRequest, retries) : timeoutRequest;
  return { ok: true, value: { ...checks, ...(loaded ? { contract: loaded } : {}), ...(overall === undefined ? {} : { timeoutRequest: overall }), stop: () => retryLayer?.stop() } };
}

/**
 * Listeners for one run. Attach in runNewman's setup, before any event.
 * @example const checks = createRunChecks({ checker, variations, originals, skipReasons, clientId, log }); runNewman(options, (run) => checks.attach(run))
 */
export function createRunChecks(options: RunChecksOptions): RunChecks {
  const extras = new Map<string, RequestExtras>();
  const extrasOf = (ref: string): RequestExtras => extras.get(ref) ?? (extras.set(ref, {}), extras.get(ref) as RequestExtras);
  /** How each original went in the current iteration, by item id. */
  const originals = new Map<string, { sent: boolean; status?: number }>();
  const refusals = createSignRefusals({ clientId: options.clientId, ruleOf: (method, url) => options.checker.ruleOf(method, url), extrasOf, log: options.log });

  return {
    extras,
    closing: (target) => refusals.closing(target),
    attach(run) {
      attachConsoleNotes(run, { skipReasons: options.skipReasons, extrasOf, log: options.log });
      refusals.attach(run);
      // The variation scripts' balance probes (pm.sendRequest) would land in Newman's summary as the
      // item's own request, overwriting its response (same cursor ref): they are not the run's requests.
      run.hideRequests((header) => Boolean(header(PROBE_HEADER)));

      run.on('beforeItem', (o) => {
        const scope = run.environment();
        const id = o.item.id;
        if (!scope) return;
        scope.unset(CONTRACT_VARIABLE);
        const originalId = options.originals.get(id);
        if (originalId === undefined) {
          originals.set(id, { sent: false });
          return;
        }
        scope.set(ORIGINAL_VARIABLE, JSON.stringify(originals.get(originalId) ?? { sent: false }));
      });

      run.on('request', (o) => {
        const { ref } = o;
        const id = o.item.id;
        if (!o.request) return;
        const method = o.request.method.toUpperCase();
        const url = o.request.url;
        const entry = extrasOf(ref);
        const rule = options.checker.ruleOf(method, url);
        if (rule) entry.rule = rule;
        if (!options.originals.has(id)) originals.set(id, { sent: true, ...(o.response ? { status: o.response.code } : {}) });
        const scope = run.environment();
        // No response (timeout, dropped connection): nothing to check; Newman reports the error itself.
        if (o.failed || !o.response) {
          scope?.unset(CONTRACT_VARIABLE);
          return;
        }
        const contentType = o.response.header('content-type');
        const outcome = options.checker.check({ method, url, status: o.response.code, contentType: typeof contentType === 'string' ? contentType : undefined, text: o.response.text() });
        if (!outcome) {
          scope?.unset(CONTRACT_VARIABLE);
          return;
        }
        entry.contract = outcome.messages;
        scope?.set(CONTRACT_VARIABLE, JSON.stringify(outcome));
      });

      run.on('item', (o) => {
        const { ref } = o;
        const notes = options.retryLayer?.drain() ?? [];
        if (notes.length === 0) return;
        const entry = extrasOf(ref);
        // The item's own request first; the variation probes' retries ride along in the same note list.
        entry.retries = {
          count: notes.reduce((n, note) => n + note.count, 0),
          reasons: notes.flatMap((note) => note.reasons),
          recovered: notes.every((note) => note.recovered),
          message: notes.map((note) => note.message).join(' | '),
        };
        for (const note of notes) options.log(`"${o.item.name}": ${note.message}`);
      });
    },
  };
}
