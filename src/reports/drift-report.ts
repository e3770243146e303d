// drift.json and drift.md of `myvalue diff`: the same collection's requests on two targets, paired by
// folder, name and iteration, compared by status, error id and body shape. Pure: the run hands in
// what each side answered (already masked) and gets the report and its Markdown back.
import { bodyShape, compareShapes, mediaTypeOf, type Shape } from './drift-shape';

/** One request as one side of a diff saw it (the run's capture, masked). */
export interface Exchange {
  /** Folder path, e.g. "Points"; '' at the top level. */
  folder: string;
  name: string;
  iteration: number;
  method: string;
  /** The item's URL as the collection writes it ('{{externalBaseUrl}}/service/point/?valueID={{valueID}}...'): no resolved values. */
  urlTemplate: string;
  /** Undefined when no response came (then `error` says why). */
  status?: number;
  contentType?: string;
  body?: string;
  error?: string;
}

/**
 * What the side did not send: one request (production guard: folder, name and iteration), or, without
 * an iteration, every request of that name or under the folder of that name (Auth & SSO without a code).
 */
export interface NotSent {
  folder?: string;
  name: string;
  iteration?: number;
  reason: string;
}

export interface DriftSideInput {
  /** What the side was: 'mock', 'msw', 'sandbox', a URL; with its seed or faults when it had them. */
  label: string;
  exchanges: readonly Exchange[];
  notSent: readonly NotSent[];
}

export interface DriftSide {
  status?: number;
  /** body.id of an error answer (status >= 400). */
  id?: string;
  /** No response: why; not sent: the reason. */
  error?: string;
  notSent?: string;
}

export interface DriftRequest {
  /** "Folder / Request", with "#n" (the iteration, from 1) when the run had more than one. */
  name: string;
  method: string;
  url: string;
  a: DriftSide;
  b: DriftSide;
  differences: string[];
}

export interface DriftReport {
  a: string;
  b: string;
  totals: { requests: number; differing: number; agreeing: number; notCompared: number };
  /** Requests whose answers differ, in the order the collection runs them. */
  differing: DriftRequest[];
  /** Requests one side did not send (production guard): nothing to compare. */
  notCompared: DriftRequest[];
  /** Names of the requests that agree. */
  agreeing: string[];
}

const keyOf = (r: { folder: string; name: string; iteration: number }): string => `${r.folder}\u0000${r.name}\u0000${r.iteration}`;

function errorId(status: number | undefined, body: string | undefined): string | undefined {
  if (status === undefined || status < 400 || body === undefined) return undefined;
  try {
    const parsed = JSON.parse(body) as { id?: unknown };
    return typeof parsed?.id === 'string' ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}

/** The note saying why this request was not sent, if one does. */
function notSentOf(notes: readonly NotSent[], r: { folder: string; name: string; iteration: number }): NotSent | undefined {
  return notes.find((n) =>
    n.iteration !== undefined
      ? n.folder === r.folder && n.name === r.name && n.iteration === r.iteration
      : n.name === r.name || r.folder === n.name || r.folder.startsWith(`${n.name} / `),
  );
}

function side(e: Exchange | undefined, skipped: NotSent | undefined): DriftSide {
  if (!e) return skipped ? { notSent: skipped.reason } : { error: 'not run' };
  const id = errorId(e.status, e.body);
  return { ...(e.status !== undefined ? { status: e.status } : {}), ...(id !== undefined ? { id } : {}), ...(e.error !== undefined ? { error: e.error } : {}) };
}

const shapeOfExchange = (e: Exchange): Shape | undefined => (e.status === undefined || e.body === undefined ? undefined : bodyShape(e.contentType, e.body));

function differences(a: Exchange | undefined, b: Exchange | undefined, sa: DriftSide, sb: DriftSide): string[] {
  if (!a || !b) return [`request: ${a ? 'only in A' : 'only in B'}`];
  const out: string[] = [];
  if (sa.status !== sb.status) out.push(`status: ${sa.status ?? `no response (${sa.error ?? '?'})`} vs ${sb.status ?? `no response (${sb.error ?? '?'})`}`);
  if (sa.id !== sb.id) out.push(`id: ${sa.id ?? '-'} vs ${sb.id ?? '-'}`);
  const x = shapeOfExchange(a);
  const y = shapeOfExchange(b);
  if (x && y) {
    const ma = mediaTypeOf(a.contentType);
    const mb = mediaTypeOf(b.contentType);
    if (ma !== mb && x.kind !== 'text' && y.kind !== 'text') out.push(`content-type: ${ma || 'none'} vs ${mb || 'none'}`);
    out.push(...compareShapes(x, y).map((d) => `body ${d}`));
  }
  return out;
}

/**
 * Pairs two sides' requests (by folder, name and iteration, in A's order then B's extras) and compares them.
 * @example const report = buildDrift({ label: 'mock', exchanges, notSent: [] }, { label: 'msw', exchanges: other, notSent: [] });
 */
export function buildDrift(a: DriftSideInput, b: DriftSideInput): DriftReport {
  const index = (list: readonly { folder: string; name: string; iteration: number }[]): Map<string, number> => new Map(list.map((r, i) => [keyOf(r), i]));
  const aIndex = index(a.exchanges);
  const bIndex = index(b.exchanges);
  const order: Array<{ folder: string; name: string; iteration: number; method: string; urlTemplate: string }> = [];
  const seen = new Set<string>();
  for (const r of [...a.exchanges, ...b.exchanges]) {
    if (seen.has(keyOf(r))) continue;
    seen.add(keyOf(r));
    order.push(r);
  }
  const iterations = new Set(order.map((r) => r.iteration)).size > 1;
  const report: DriftReport = { a: a.label, b: b.label, totals: { requests: order.length, differing: 0, agreeing: 0, notCompared: 0 }, differing: [], notCompared: [], agreeing: [] };
  for (const r of order) {
    const key = keyOf(r);
    const ea = a.exchanges[aIndex.get(key) ?? -1];
    const eb = b.exchanges[bIndex.get(key) ?? -1];
    const sa = side(ea, notSentOf(a.notSent, r));
    const sb = side(eb, notSentOf(b.notSent, r));
    const name = `${r.folder ? `${r.folder} / ` : ''}${r.name}${iterations ? ` #${r.iteration + 1}` : ''}`;
    const entry: DriftRequest = { name, method: r.method, url: r.urlTemplate, a: sa, b: sb, differences: [] };
    if (sa.notSent !== undefined || sb.notSent !== undefined) {
      report.notCompared.push(entry);
      continue;
    }
    entry.differences = differences(ea, eb, sa, sb);
    if (entry.differences.length > 0) report.differing.push(entry);
    else report.agreeing.push(name);
  }
  report.totals = { requests: order.length, differing: report.differing.length, agreeing: report.agreeing.length, notCompared: report.notCompared.length };
  return report;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const sideCell = (s: DriftSide): string => (s.notSent !== undefined ? 'not sent' : s.status === undefined ? `no response${s.error ? ` (${s.error})` : ''}` : `${s.status}${s.id ? ` ${s.id}` : ''}`);

/** drift.md: one row per differing request, then how many agree and which were not compared. */
export function driftMarkdown(report: DriftReport): string {
  const { totals } = report;
  const lines = [
    `# MyValue drift: ${totals.differing === 0 ? 'shapes agree' : `${totals.differing} request${totals.differing === 1 ? ' differs' : 's differ'}`}`,
    '',
    `A: ${report.a}  `,
    `B: ${report.b}`,
    '',
    `${totals.requests} requests: ${totals.differing} ${totals.differing === 1 ? 'differs' : 'differ'}, ${totals.agreeing} ${totals.agreeing === 1 ? 'agrees' : 'agree'}${totals.notCompared > 0 ? `, ${totals.notCompared} not compared` : ''}. Values (ids, dates, tokens, signs) are never compared: only status, error id and the body's keys and JSON types.`,
    '',
  ];
  if (report.differing.length > 0) {
    lines.push('| Request | Method | URL | A | B | Differences |', '| --- | --- | --- | --- | --- | --- |');
    for (const r of report.differing) lines.push(`| ${cell(r.name)} | ${r.method} | \`${cell(r.url)}\` | ${cell(sideCell(r.a))} | ${cell(sideCell(r.b))} | ${r.differences.map(cell).join('<br>')} |`);
    lines.push('');
  }
  if (report.notCompared.length > 0) {
    lines.push('## Not compared', '');
    for (const r of report.notCompared) lines.push(`- ${r.name}: ${r.a.notSent !== undefined ? `A ${r.a.notSent}` : `B ${r.b.notSent ?? ''}`}`);
    lines.push('');
  }
  lines.push(`${totals.agreeing} request${totals.agreeing === 1 ? ' agrees' : 's agree'}.`, '');
  return lines.join('\n');
}
