// report.html: one self-contained page over run.json (and, for a run, what each request sent and got
// back): the summary, the failed requests first and open, then every request by folder with its
// assertions, contract and variation results, request and response. Every value is escaped; style and
// script are inline under a fresh nonce, and the page's own policy lets it fetch nothing. Pure.
import { randomBytes } from 'node:crypto';
import { esc } from '../shared/html';
import { baseCollectionName } from '../collection/shard';
import { REPORT_CSS, REPORT_JS } from './html-report-assets';
import { hasIterations, signExplainText } from './report-cases';
import type { RequestReport, RunReport } from './run-json';

/** What one request sent and got back, masked and bounded by the run. */
export interface RequestExchange {
  request: { headers: Array<[string, string]>; body?: BoundedText };
  response?: { headers: Array<[string, string]>; body?: BoundedText };
}

/** A body's first characters, and its whole size in bytes. */
export interface BoundedText {
  text: string;
  length: number;
}

type State = 'failed' | 'passed' | 'skipped';

const stateOf = (r: RequestReport): State => (r.failures.length > 0 ? 'failed' : r.skipped !== undefined ? 'skipped' : 'passed');
const MARK: Readonly<Record<State, string>> = { failed: '✗', passed: '✓', skipped: '–' };
const statusClass = (status: number): string => (status >= 200 && status < 600 ? `s${Math.floor(status / 100)}` : 'sx');

function card(label: string, value: string, note = '', bad = false): string {
  return `<div${bad ? ' class="bad"' : ''}><dt>${esc(label)}</dt><dd>${esc(value)}${note ? `<small>${esc(note)}</small>` : ''}</dd></div>`;
}

function summarySection(report: RunReport, verdict: 'PASS' | 'FAIL'): string {
  const sent = report.requests.filter((r) => r.skipped === undefined);
  const assertions = report.requests.flatMap((r) => r.assertions);
  const skippedAssertions = assertions.filter((a) => a.skipped).length;
  const checked = sent.filter((r) => r.contract !== undefined);
  const broke = checked.filter((r) => (r.contract?.length ?? 0) > 0).length;
  const variations = sent.filter((r) => r.variation);
  const iterations = new Set(report.requests.map((r) => r.iteration)).size;
  const cards = [
    card('Requests', `${sent.length} sent`, `${report.requests.length - sent.length} not sent`),
    card('Assertions', `${assertions.length - report.totals.failedAssertions - skippedAssertions}/${assertions.length - skippedAssertions} passed`, skippedAssertions > 0 ? `${skippedAssertions} skipped` : '', report.totals.failedAssertions > 0),
    card('Failed requests', String(report.totals.failedRequests), '', report.totals.failedRequests > 0),
    ...(checked.length > 0 ? [card('Contract', `${broke} broken`, `${checked.length} responses checked`, broke > 0)] : []),
    ...(variations.length > 0 ? [card('Variations', `${variations.filter((r) => r.failures.length === 0).length}/${variations.length} passed`, 'negative tests')] : []),
    card('Duration', `${(report.durationMs / 1000).toFixed(1)} s`, iterations > 1 ? `${iterations} iterations` : ''),
  ];
  return `<section id="summary" class="summary ${verdict === 'PASS' ? 'pass' : 'fail'}" aria-labelledby="summary-title">
<h1 id="summary-title"><span class="verdict">${verdict}</span>${esc(baseCollectionName(report.collection))} against ${esc(report.target)}</h1>
${report.stopped ? `<p class="explain"><strong>The run stopped:</strong> ${esc(report.stopped)}</p>` : ''}<dl class="cards">${cards.join('')}</dl>
</section>`;
}

function bounded(body: BoundedText | undefined): string {
  if (!body || body.length === 0) return '<p class="muted">(no body)</p>';
  const cut = body.length > body.text.length ? `<p class="cut">the first ${body.text.length.toLocaleString('en')} characters of ${body.length.toLocaleString('en')} bytes</p>` : '';
  return `<pre>${esc(body.text)}</pre>${cut}`;
}

const headerText = (headers: ReadonlyArray<[string, string]>): string => (headers.length === 0 ? '<p class="muted">(no headers)</p>' : `<pre>${esc(headers.map(([k, v]) => `${k}: ${v}`).join('\n'))}</pre>`);

function exchangeBlock(r: RequestReport, exchange: RequestExchange | undefined): string {
  if (exchange) {
    const response = exchange.response
      ? `<div><h4>Response${r.status !== undefined ? ` <span class="${statusClass(r.status)}">${r.status} ${esc(r.statusText ?? '')}</span>` : ''}</h4>${headerText(exchange.response.headers)}${bounded(exchange.response.body)}</div>`
      : '<div><h4>Response</h4><p class="muted">(none)</p></div>';
    return `<div class="exchange"><div><h4>Request</h4>${headerText(exchange.request.headers)}${bounded(exchange.request.body)}</div>${response}</div>`;
  }
  // A merged report keeps run.json only: the body excerpt of a failed request.
  return r.responseExcerpt !== undefined ? `<h4>Response body (excerpt)</h4><pre>${esc(r.responseExcerpt)}</pre>` : '';
}

function assertionTable(r: RequestReport): string {
  if (r.assertions.length === 0) return '<p class="muted">No assertions.</p>';
  const rows = r.assertions.map((a) => {
    const [cls, mark] = a.skipped ? ['skip', 'skipped'] : a.passed ? ['ok', '✓'] : ['bad', '✗'];
    return `<tr><td class="${cls}">${mark}</td><td>${esc(a.name)}</td><td>${a.error !== undefined ? esc(a.error) : ''}</td></tr>`;
  });
  return `<table class="assertions"><thead><tr><th scope="col"><span class="visually-hidden">Result</span></th><th scope="col">Assertion</th><th scope="col">Error</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function checksBlock(r: RequestReport): string {
  const parts: string[] = [];
  if (r.contract !== undefined) parts.push(r.contract.length === 0 ? '<p><strong>Contract:</strong> the response keeps the OpenAPI contract.</p>' : `<p><strong>Contract:</strong> broken</p><ul class="reasons">${r.contract.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`);
  if (r.variation) parts.push(`<p><strong>Variation:</strong> a negative test of “${esc(r.variation.of)}”: ${esc(r.variation.kind)}${r.variation.field ? ` (${esc(r.variation.field)})` : ''}.</p>`);
  if (r.retries) parts.push(`<p><strong>Retries:</strong> ${esc(r.retries.message)}</p>`);
  if (r.rule) parts.push(`<p class="muted">Rule <code>${esc(r.rule)}</code></p>`);
  return parts.join('');
}

function requestBody(r: RequestReport, exchange: RequestExchange | undefined): string {
  const url = r.method && r.url ? `<p><code>${esc(r.method)} ${esc(r.url)}</code></p>` : '';
  const reasons = r.failures.length > 0 ? `<ul class="reasons">${r.failures.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : '';
  const skipped = r.skipped !== undefined ? `<p class="muted">Not sent: ${esc(r.skipped)}</p>` : '';
  const explain = r.signExplain ? `<p class="explain">${esc(signExplainText(r.signExplain))}</p>` : '';
  const warnings = (r.warnings ?? []).map((w) => `<p class="warning">warning: ${esc(w)}</p>`).join('');
  return `<div class="body">${url}${skipped}${reasons}${explain}${warnings}${assertionTable(r)}${checksBlock(r)}${exchangeBlock(r, exchange)}</div>`;
}

function summaryRow(r: RequestReport, iterations: boolean, withFolder = false): string {
  const state = stateOf(r);
  const failedAssertions = r.assertions.filter((a) => !a.passed).length;
  const counted = r.assertions.filter((a) => !a.skipped).length;
  const tags = [
    ...(r.variation ? [`<span class="tag">variation: ${esc(r.variation.kind)}</span>`] : []),
    ...((r.contract?.length ?? 0) > 0 ? ['<span class="tag bad">contract broken</span>'] : []),
    ...(r.retries ? ['<span class="tag">retried</span>'] : []),
    ...(iterations ? [`<span class="tag">iteration ${r.iteration + 1}</span>`] : []),
  ];
  return `<summary><span class="mark" aria-label="${state}">${MARK[state]}</span><span class="method">${esc(r.method ?? '')}</span><span class="name">${esc(withFolder && r.folder ? `${r.folder} / ${r.name}` : r.name)}</span>${r.status !== undefined ? `<span class="${statusClass(r.status)}">${r.status}</span>` : ''}${r.responseTimeMs !== undefined ? `<span class="num">${r.responseTimeMs} ms</span>` : ''}${counted > 0 ? `<span class="num">${counted - failedAssertions}/${counted} assertions</span>` : ''}${tags.join('')}</summary>`;
}

export interface ReportHtmlOptions {
  verdict: 'PASS' | 'FAIL';
  /** What each request sent and got back, by its index in report.requests (a run has them; a merge does not). */
  exchanges?: ReadonlyMap<number, RequestExchange>;
}

/**
 * The whole page.
 * @example await writeFile('reports/report.html', reportHtml(report, { verdict: 'PASS', exchanges }));
 */
export function reportHtml(report: RunReport, options: ReportHtmlOptions): string {
  const nonce = randomBytes(18).toString('base64');
  const iterations = hasIterations(report);
  const failed = report.requests.map((r, i) => ({ r, i })).filter(({ r }) => r.failures.length > 0);
  const failures = failed.length === 0 ? '' : `<section id="failures" aria-labelledby="failures-title"><h2 id="failures-title">Failures (${failed.length})</h2>
${failed.map(({ r, i }) => `<details class="request failed" id="f${i}" open>${summaryRow(r, iterations, true)}${requestBody(r, options.exchanges?.get(i))}</details>`).join('\n')}
</section>`;
  const groups: Array<{ folder: string; rows: string[] }> = [];
  report.requests.forEach((r, i) => {
    const folder = r.folder ?? '';
    if (groups.at(-1)?.folder !== folder) groups.push({ folder, rows: [] });
    const state = stateOf(r);
    // A failed request is told in full once, under Failures.
    const body = state === 'failed' ? `<div class="body"><p><a href="#f${i}">See it under Failures</a></p></div>` : requestBody(r, options.exchanges?.get(i));
    groups.at(-1)?.rows.push(`<details class="request ${state}" data-state="${state}">${summaryRow(r, iterations)}${body}</details>`);
  });
  const notRun = report.skipped.length === 0 ? '' : `<section id="not-run" aria-labelledby="not-run-title"><h2 id="not-run-title">Not run</h2><ul>${report.skipped.map((s) => `<li>${esc(s.name)}: ${esc(s.reason)}</li>`).join('')}</ul></section>`;
  const title = `${baseCollectionName(report.collection)} against ${report.target}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.verdict} · ${esc(title)} · MyValue run report</title>
<style nonce="${nonce}">${REPORT_CSS}</style>
</head>
<body>
<header><p class="brand">myvalue-harness <span>run report</span></p><p class="muted">${esc(report.collection)} · ${esc(report.target)} (${esc(report.externalBaseUrl)}) · started ${esc(report.startedAt)}</p></header>
<main>
${summarySection(report, options.verdict)}
${failures}
<section id="requests" aria-labelledby="requests-title"><h2 id="requests-title">Requests (${report.requests.length})</h2>
<div id="controls" class="controls" role="toolbar" aria-label="Filter the requests" hidden><button type="button" data-filter="all" aria-pressed="true">All</button><button type="button" data-filter="failed" aria-pressed="false">Failed</button><button type="button" data-filter="passed" aria-pressed="false">Passed</button><button type="button" data-filter="skipped" aria-pressed="false">Not sent</button><input id="search" type="search" placeholder="Filter by text" aria-label="Filter by text"><button type="button" data-open="true">Open all</button><button type="button" data-open="false">Close all</button><span id="shown" class="muted"></span></div>
${groups.map((g) => `<div class="group">${g.folder ? `<h3>${esc(g.folder)}</h3>` : ''}\n${g.rows.join('\n')}</div>`).join('\n')}
</section>
${notRun}
</main>
<script nonce="${nonce}">${REPORT_JS}</script>
</body>
</html>
`;
}
