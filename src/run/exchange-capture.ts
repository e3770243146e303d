// What each request sent and got back, kept for report.html and the failure excerpts: headers and the
// first bytes of each body, as raw text while the run goes (tokens are learned as it goes), masked and
// cut only when the reports are written. Bounded: per body, and over the run for requests that passed.
import type { BoundedText, RequestExchange } from '../reports/html-report';
import type { RunChannel } from './run-channel';

/** Raw bytes kept of each body: more than is shown, so masking happens before the cut, never after it. */
export const CAPTURE_BYTES = 16 * 1024;

/** Characters of a body report.html shows. */
export const HTML_BODY_CHARS = 4000;

/** Characters of a failed request's response body that run.json, JUnit, CTRF and the job summary quote. */
export const EXCERPT_CHARS = 1000;

/** Raw bytes kept over the run for requests that passed; past it, only failed requests keep theirs. */
export const PASSED_BUDGET_BYTES = 8 * 1024 * 1024;

interface Raw {
  request: { headers: Array<[string, string]>; body: { text: string; bytes: number } };
  response?: { headers: Array<[string, string]>; body: { text: string; bytes: number } };
  size: number;
}

/** The run's channel that keeps each exchange, and what it hands the reports. */
export interface ExchangeCapture extends RunChannel {
  /** Masked and cut for report.html, by index of `refs` (the run's requests in report order). */
  exchanges(refs: readonly string[], mask: (text: string) => string): Map<number, RequestExchange>;
  /** A response body's first EXCERPT_CHARS characters, masked, with "…" when there was more. */
  excerpt(ref: string, mask: (text: string) => string): string | undefined;
}

const sizeOf = (headers: ReadonlyArray<[string, string]>): number => headers.reduce((n, [k, v]) => n + k.length + v.length, 0);

/** JSON shown indented when the whole body was kept; anything else as it came. */
function readable(text: string, whole: boolean): string {
  if (!whole) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function shown(body: { text: string; bytes: number }, mask: (text: string) => string): BoundedText {
  const text = mask(readable(body.text, body.bytes <= CAPTURE_BYTES));
  return { text: text.slice(0, HTML_BODY_CHARS), length: body.bytes };
}

/**
 * One capture per run, a channel of its listener table.
 * @example const capture = createExchangeCapture(); const channels = [capture, ...]; ...; capture.exchanges(refs, masker.mask)
 */
export function createExchangeCapture(): ExchangeCapture {
  const kept = new Map<string, Raw>();
  const failed = new Set<string>();
  let passedBytes = 0;
  return {
    request({ ref, request, response, failed: errored }) {
      if (!request) return;
      const body = request.body();
      const requestHeaders = request.headers();
      const raw: Raw = { request: { headers: requestHeaders, body: { text: body.slice(0, CAPTURE_BYTES), bytes: Buffer.byteLength(body) } }, size: sizeOf(requestHeaders) + Math.min(body.length, CAPTURE_BYTES) };
      if (response) {
        const head = response.head(CAPTURE_BYTES);
        const headers = response.headers();
        raw.response = { headers, body: head };
        raw.size += sizeOf(headers) + head.text.length;
      }
      kept.set(ref, raw);
      if (errored) failed.add(ref);
    },
    assertion({ ref, passed, skipped }) {
      if (!passed && !skipped) failed.add(ref);
    },
    // After its tests: a request that passed keeps its exchange while the budget lasts.
    item({ ref }) {
      const raw = kept.get(ref);
      if (!raw || failed.has(ref)) return;
      if (passedBytes + raw.size > PASSED_BUDGET_BYTES) kept.delete(ref);
      else passedBytes += raw.size;
    },
    exchanges(refs, mask) {
      const out = new Map<number, RequestExchange>();
      const headers = (list: ReadonlyArray<[string, string]>): Array<[string, string]> => list.map(([k, v]) => [k, mask(v)]);
      refs.forEach((ref, i) => {
        const raw = kept.get(ref);
        if (!raw) return;
        out.set(i, {
          request: { headers: headers(raw.request.headers), body: shown(raw.request.body, mask) },
          ...(raw.response ? { response: { headers: headers(raw.response.headers), body: shown(raw.response.body, mask) } } : {}),
        });
      });
      return out;
    },
    excerpt(ref, mask) {
      const body = kept.get(ref)?.response?.body;
      if (!body || body.bytes === 0) return undefined;
      const text = mask(body.text);
      return text.length > EXCERPT_CHARS || body.bytes > CAPTURE_BYTES ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
    },
  };
}
