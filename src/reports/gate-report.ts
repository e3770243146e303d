// gate.md: a run's decision in one page. One row per endpoint (requests, assertions, contract,
// variations, verdict), the overall verdict, and where each failure happened. Pure: RunReport in, text out.
import { CONTRACT_ASSERTION_PREFIX } from '../collection/contract-check';
import type { AssertionReport, RequestReport, RunReport } from './run-json';
import { baseCollectionName } from '../collection/shard';
import { cell } from './markdown';

/** Fields the contract checks and variations add to a request (optional: older run.json lack them). */
export type GateRequest = RequestReport & {
  rule?: string;
  contract?: string[];
  variation?: { kind: string; field?: string; of: string };
};

/** An endpoint as the table names it: 'POST /service/point/earn/' and its rule ('point.earn'). */
export interface Endpoint {
  key: string;
  rule?: string;
  /** The fake's own admin API (`/__admin/...`, e.g. the headless SSO shortcut): setup, not a MyValue endpoint. */
  setup?: true;
}

export interface EndpointRow extends Endpoint {
  requests: number;
  assertions: { passed: number; total: number };
  /** Responses that broke the contract. */
  contractFailures: number;
  /** Responses the contract was checked on (0: checks were off, the cell shows '–'). */
  contractChecked: number;
  variations: { passed: number; total: number };
  verdict: 'PASS' | 'FAIL';
}

export interface GateFailure {
  /** "Folder / request name". */
  request: string;
  endpoint?: string;
  /** The assertion, "contract", or the kind of error. */
  what: string;
  message: string;
}

export interface GateSummary {
  verdict: 'PASS' | 'FAIL';
  rows: EndpointRow[];
  failures: GateFailure[];
  notRun: Array<{ name: string; reason: string }>;
  /** Requests to the fake's admin API: not endpoint rows, their failures still fail the gate. */
  setup: Array<{ key: string; requests: number }>;
  /** Requests sent to MyValue's endpoints and variations, as gate.md and `report merge` count them. */
  counts: { requests: number; variations: number; failedRequests: number; failedVariations: number };
}

const fullName = (r: RequestReport): string => (r.folder ? `${r.folder} / ${r.name}` : r.name);

/** Contract checks arrive as assertions named 'contract: POST /service/point/earn/ 200' (and as `contract` messages). */
const isContractCheck = (a: AssertionReport): boolean => a.name.startsWith(CONTRACT_ASSERTION_PREFIX);

const brokeContract = (r: GateRequest): boolean => (r.contract?.length ?? 0) > 0 || r.assertions.some((a) => isContractCheck(a) && !a.passed && !a.skipped);

const contractChecked = (r: GateRequest): boolean => r.contract !== undefined || r.assertions.some(isContractCheck);

const failed = (r: GateRequest): boolean => r.failures.length > 0 || brokeContract(r);

/** Where a request failed, one entry per assertion, contract violation or error. */
function failuresOf(r: GateRequest, endpoint: string | undefined): GateFailure[] {
  const request = fullName(r);
  const at = (what: string, message: string): GateFailure => ({ request, ...(endpoint ? { endpoint } : {}), what, message });
  const assertions = r.assertions.filter((a) => !a.passed && !a.skipped);
  const contractAssertions = assertions.filter(isContractCheck);
  // The contract messages repeat what a failed contract assertion already says: list them only without one.
  const contract = contractAssertions.length > 0 ? [] : (r.contract ?? []);
  const assertionTexts = new Set(assertions.map((a) => `${a.name}: ${a.error ?? 'failed'}`));
  const others = r.failures.filter((f) => !assertionTexts.has(f) && !(r.contract ?? []).some((c) => f.includes(c)));
  return [
    ...assertions.filter((a) => !isContractCheck(a)).map((a) => at(`assertion "${a.name}"`, a.error ?? 'failed')),
    ...contractAssertions.map((a) => at('contract', `${a.name.slice(CONTRACT_ASSERTION_PREFIX.length)}: ${a.error ?? 'failed'}`)),
    ...contract.map((c) => at('contract', c)),
    ...others.map((f) => {
      const colon = f.indexOf(': ');
      return colon > 0 && colon < 40 ? at(f.slice(0, colon), f.slice(colon + 2)) : at('error', f);
    }),
  ];
}

/**
 * Endpoint rows, failures and the verdict of a run (or of shards merged).
 * @example const gate = summarizeGate(report, (r) => ({ key: `${r.method} ${new URL(r.url ?? '').pathname}` }));
 */
export function summarizeGate(report: RunReport, endpointOf: (r: GateRequest) => Endpoint | undefined): GateSummary {
  const rows = new Map<string, EndpointRow>();
  const failures: GateFailure[] = [];
  const notRun = [...report.skipped];
  const skippedVariations = new Map<string, { count: number; reason: string }>();
  const setup = new Map<string, { key: string; requests: number }>();
  const counts = { requests: 0, variations: 0, failedRequests: 0, failedVariations: 0 };
  for (const r of report.requests as GateRequest[]) {
    if (r.skipped !== undefined) {
      if (r.variation) {
        // One line per original request, not one per variation.
        const key = r.folder ? `${r.folder} / ${r.variation.of}` : r.variation.of;
        const seen = skippedVariations.get(key);
        skippedVariations.set(key, { count: (seen?.count ?? 0) + 1, reason: seen?.reason ?? r.skipped });
      } else if (!notRun.some((n) => n.name === r.name || n.name === fullName(r))) notRun.push({ name: fullName(r), reason: r.skipped });
      continue;
    }
    const endpoint = endpointOf(r) ?? { key: r.method ? `${r.method} (unknown path)` : '(no request)' };
    if (endpoint.setup) {
      const seen = setup.get(endpoint.key) ?? { key: endpoint.key, requests: 0 };
      seen.requests += 1;
      setup.set(endpoint.key, seen);
      if (failed(r)) failures.push(...failuresOf(r, endpoint.key));
      continue;
    }
    const row = rows.get(endpoint.key) ?? { ...endpoint, requests: 0, assertions: { passed: 0, total: 0 }, contractFailures: 0, contractChecked: 0, variations: { passed: 0, total: 0 }, verdict: 'PASS' as const };
    if (!row.rule && endpoint.rule) row.rule = endpoint.rule;
    if (r.variation) {
      row.variations.total += 1;
      counts.variations += 1;
      if (!failed(r)) row.variations.passed += 1;
      else counts.failedVariations += 1;
    } else {
      row.requests += 1;
      counts.requests += 1;
      if (failed(r)) counts.failedRequests += 1;
      const counted = r.assertions.filter((a) => !a.skipped && !isContractCheck(a));
      row.assertions.total += counted.length;
      row.assertions.passed += counted.filter((a) => a.passed).length;
    }
    if (contractChecked(r)) row.contractChecked += 1;
    if (brokeContract(r)) row.contractFailures += 1;
    if (failed(r)) {
      row.verdict = 'FAIL';
      failures.push(...failuresOf(r, endpoint.key));
    }
    rows.set(endpoint.key, row);
  }
  for (const [name, { count, reason }] of skippedVariations) notRun.push({ name: `${name}: ${count} variation${count === 1 ? '' : 's'}`, reason: reason.replace(/^variation skipped: /, '') });
  const list = [...rows.values()];
  const verdict = report.exitCode === 0 && failures.length === 0 && list.every((row) => row.verdict === 'PASS') ? 'PASS' : 'FAIL';
  return { verdict, rows: list, failures, notRun, setup: [...setup.values()], counts };
}

const ratio = (x: { passed: number; total: number }): string => (x.total === 0 ? '–' : `${x.passed}/${x.total}`);

const contractCell = (failures: number, checked: number): string => (checked === 0 ? '–' : String(failures));

export interface GateMarkdownOptions {
  /** e.g. "shard 2/3" or "shards 1/3, 2/3, 3/3 merged"; omitted for a whole run. */
  scope?: string;
  /** Extra lines under the summary (e.g. each shard's verdict). */
  notes?: string[];
}

/** gate.md. */
export function gateMarkdown(report: RunReport, gate: GateSummary, options: GateMarkdownOptions = {}): string {
  const sum = (pick: (row: EndpointRow) => number): number => gate.rows.reduce((total, row) => total + pick(row), 0);
  const failedRows = gate.rows.filter((row) => row.verdict === 'FAIL').length;
  const scope = options.scope ? ` (${options.scope})` : '';
  const lines = [
    `# MyValue gate: ${gate.verdict}`,
    '',
    `${baseCollectionName(report.collection)} against ${report.target}${scope}, started ${report.startedAt}.`,
    '',
    `**${gate.verdict}**: ${gate.rows.length - failedRows}/${gate.rows.length} endpoints passed; ` +
      `${sum((r) => r.requests)} requests, assertions ${sum((r) => r.assertions.passed)}/${sum((r) => r.assertions.total)}, ` +
      `contract failures ${contractCell(sum((r) => r.contractFailures), sum((r) => r.contractChecked))}, variations ${sum((r) => r.variations.passed)}/${sum((r) => r.variations.total)}.`,
    ...(gate.setup.length > 0 ? ['', `Setup requests to the fake's admin API, not MyValue endpoints (not counted above): ${gate.setup.map((s) => `${s.key} ×${s.requests}`).join(', ')}.`] : []),
    ...(options.notes && options.notes.length > 0 ? ['', ...options.notes.map((n) => `- ${cell(n)}`)] : []),
    '',
    '| Endpoint | Rule | Requests | Assertions | Contract failures | Variations | Verdict |',
    '|---|---|---:|---:|---:|---:|---|',
    ...gate.rows.map((row) =>
      `| ${cell(row.key)} | ${cell(row.rule ?? '')} | ${row.requests} | ${ratio(row.assertions)} | ${contractCell(row.contractFailures, row.contractChecked)} | ${ratio(row.variations)} | ${row.verdict} |`,
    ),
  ];
  if (gate.rows.length === 0) lines.push('| (no requests in this run) | | 0 | – | – | – | PASS |');
  if (gate.failures.length > 0) {
    lines.push('', '## Failures', '', '| Request | Endpoint | What | Message |', '|---|---|---|---|');
    for (const f of gate.failures) lines.push(`| ${cell(f.request)} | ${cell(f.endpoint ?? '')} | ${cell(f.what)} | ${cell(f.message)} |`);
  }
  if (report.stopped) lines.push('', `**The run stopped:** ${cell(report.stopped)}.`);
  else if (gate.verdict === 'FAIL' && gate.failures.length === 0) lines.push('', `The run itself failed (exit ${report.exitCode}): see run.json and junit.xml.`);
  if (gate.notRun.length > 0) {
    lines.push('', '## Not run', '');
    for (const n of gate.notRun) lines.push(`- ${cell(n.name)}: ${cell(n.reason)}`);
  }
  return `${lines.join('\n')}\n`;
}
