// junit.xml, written from run.json with fast-xml-parser's builder (it escapes every attribute and text),
// for the CI tools that render it: one <testsuite> per request, one <testcase> per assertion, request or
// script error, or request not sent; classname the dotted collection/folder/request path (Jenkins builds
// its tree from it, GitLab shows it as the suite); counts on every suite and on the root that add up;
// a failure's text saying the assertion, the status, the sign explanation and a body excerpt. Pure.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Result } from '../shared/result';
import { caseDetail, hasIterations, reportCases, requestLabel, type ReportCase } from './report-cases';
import type { RunReport } from './run-json';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, indentBy: '  ', suppressEmptyNode: true });

/** Characters XML 1.0 cannot hold at all (C0 controls but tab and line ends, lone surrogates, U+FFFE/F): shown as U+FFFD. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const xmlText = (text: string): string => text.replace(NOT_XML, '\ufffd');

/** One segment of a dotted classname: a dot inside a name would open a level of the tree that is not there. */
const segment = (name: string): string => xmlText(name).replace(/\./g, '_');

/** The type attribute of an <error>, by the kind of failure run.json names. */
const ERROR_TYPES: Readonly<Record<string, string>> = { 'request error': 'RequestError', 'pre-request script error': 'PrerequestScriptError', 'test script error': 'TestScriptError' };

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

const countsOf = (cases: readonly ReportCase[]): Counts => ({
  tests: cases.length,
  failures: cases.filter((c) => c.status === 'failed').length,
  errors: cases.filter((c) => c.status === 'error').length,
  skipped: cases.filter((c) => c.status === 'skipped').length,
  ms: cases.reduce((sum, c) => sum + c.durationMs, 0),
});

const countAttributes = (c: Counts): Record<string, string> => ({ '@tests': String(c.tests), '@failures': String(c.failures), '@errors': String(c.errors), '@skipped': String(c.skipped), '@time': seconds(c.ms) });

function testcase(c: ReportCase, report: RunReport): Record<string, unknown> {
  const request = report.requests[c.request];
  const node: Record<string, unknown> = { '@name': xmlText(c.name), '@classname': c.path.map(segment).join('.'), '@time': seconds(c.durationMs) };
  if (c.status === 'skipped') node.skipped = c.message !== undefined ? { '@message': xmlText(c.message) } : '';
  if ((c.status === 'failed' || c.status === 'error') && request) {
    const kind = c.status === 'failed' ? 'failure' : 'error';
    const type = c.status === 'failed' ? 'AssertionFailure' : (ERROR_TYPES[c.name] ?? 'Error');
    node[kind] = { '@type': type, '@message': xmlText(c.message ?? ''), '#text': xmlText(caseDetail(c, request)) };
  }
  return node;
}

/**
 * junit.xml of a run (or of shards merged): root counts are the sums of the suites', a suite's the sum of its cases'.
 * @example await writeFile('reports/junit.xml', junitXml(report));
 */
export function junitXml(report: RunReport): string {
  const cases = reportCases(report);
  const iterations = hasIterations(report);
  const byRequest = report.requests.map(() => [] as ReportCase[]);
  for (const c of cases) byRequest[c.request]?.push(c);
  const suites = report.requests.map((r, i) => {
    const own = byRequest[i] ?? [];
    const suite: Record<string, unknown> = { '@name': xmlText(requestLabel(r, iterations)), ...countAttributes(countsOf(own)) };
    if (own.length > 0) suite.testcase = own.map((c) => testcase(c, report));
    // The retry notes, as Newman's own reporter has no place for them.
    if (r.retries) suite['system-out'] = xmlText(`iteration ${r.iteration + 1}: ${r.retries.message}`);
    return suite;
  });
  const root = { '@name': xmlText(report.collection), ...countAttributes(countsOf(cases)), ...(suites.length > 0 ? { testsuite: suites } : {}) };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ testsuites: root }) as string}`;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });

export interface JunitSuite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** Testsuites of a JUnit document with their counts (for tests and checks), or why it is not one. */
export function junitSuites(xml: string): Result<JunitSuite[]> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, error: `not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})` };
  const root = (parser.parse(xml) as { testsuites?: { testsuite?: Array<Record<string, string>> } }).testsuites;
  if (!root) return { ok: false, error: 'not a JUnit report: no <testsuites> root' };
  const n = (value: string | undefined): number => (Number.isFinite(Number(value)) ? Number(value) : 0);
  return { ok: true, value: (root.testsuite ?? []).map((s) => ({ name: s.name ?? '', tests: n(s.tests), failures: n(s.failures), errors: n(s.errors), skipped: n(s.skipped) })) };
}

// Newman's JUnit files merged and annotated, until the run and the merge write junit.xml from run.json.
export interface JunitFile {
  /** Where it came from, for messages. */
  source: string;
  xml: string;
}

/** One node of fast-xml-parser's ordered tree: `{ name: children, ':@': attributes }`, or a text, CDATA or comment node. */
type XmlNode = Record<string, unknown>;

const OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
} as const;

const orderedParser = new XMLParser(OPTIONS);
const orderedBuilder = new XMLBuilder({ ...OPTIONS, format: false, suppressEmptyNode: true });

const NOT_ELEMENTS = new Set([':@', '#text', '#cdata', '#comment', '?xml']);

function nameOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((key) => !NOT_ELEMENTS.has(key));
}

const attributesOf = (node: XmlNode): Record<string, string> => (node[':@'] as Record<string, string> | undefined) ?? {};

const childrenOf = (node: XmlNode, name: string): XmlNode[] => (node[name] as XmlNode[] | undefined) ?? [];

const number = (node: XmlNode, name: string): number => {
  const value = Number(attributesOf(node)[name]);
  return Number.isFinite(value) ? value : 0;
};

/** The validator's reason in a line a user can act on. */
function reasonOf(error: { code: string; msg: string; line: number; col: number }): string {
  // An element left open at the end is reported as the list of open tags: name the innermost.
  const open = /^Invalid '\[(.*)\]' found\.$/s.exec(error.msg)?.[1]?.match(/"([^"]+)"/g);
  if (error.code === 'InvalidXml' && open) return `<${open[open.length - 1]?.replace(/"/g, '')}> is never closed`;
  return `${error.msg.replace(/\.$/, '')} (line ${error.line}, column ${error.col})`;
}

/** The root element of a JUnit document, or why the text is not one. */
function rootOf(file: JunitFile): Result<{ root: XmlNode; name: string }> {
  const valid = XMLValidator.validate(file.xml);
  if (valid !== true) return { ok: false, error: `${file.source} is not well-formed XML: ${reasonOf(valid.err)}` };
  const roots = (orderedParser.parse(file.xml) as XmlNode[]).filter((node) => nameOf(node) !== undefined);
  if (roots.length !== 1) return { ok: false, error: `${file.source} is not well-formed XML: ${roots.length === 0 ? 'no root element' : 'more than one root element'}` };
  const root = roots[0] as XmlNode;
  const name = nameOf(root) as string;
  if (name !== 'testsuites') return { ok: false, error: `${file.source} is not a JUnit report: its root is <${name}>, not <testsuites>` };
  return { ok: true, value: { root, name } };
}

/** Attribute value as XML text. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#xA;');
}

/**
 * One JUnit document holding every testsuite of the inputs, in order; tests, failures, errors and
 * time summed on the root.
 * @example mergeJunit([{ source: 'a/junit.xml', xml: a }, { source: 'b/junit.xml', xml: b }], 'MyValue partner API')
 */
export function mergeJunit(files: readonly JunitFile[], name: string): Result<string> {
  const suites: string[] = [];
  const totals = { tests: 0, failures: 0, errors: 0, time: 0 };
  for (const file of files) {
    const found = rootOf(file);
    if (!found.ok) return found;
    const { root } = found.value;
    totals.tests += number(root, 'tests');
    totals.time += number(root, 'time');
    for (const child of childrenOf(root, 'testsuites')) {
      if (nameOf(child) !== 'testsuite') continue;
      totals.failures += number(child, 'failures');
      totals.errors += number(child, 'errors');
      suites.push(`  ${orderedBuilder.build([child]) as string}`);
    }
  }
  const attrs = `name="${escapeAttribute(name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${totals.time.toFixed(3)}"`;
  const body = suites.length > 0 ? `<testsuites ${attrs}>\n${suites.join('\n')}\n</testsuites>` : `<testsuites ${attrs}/>`;
  return { ok: true, value: `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n` };
}

/**
 * Newman's JUnit text with a `<system-out>` holding the lines at the end of each testsuite whose id
 * has lines (the retry notes); text that does not parse is returned as it is.
 */
export function addSystemOut(xml: string, linesByItem: ReadonlyMap<string, string[]>): string {
  const found = rootOf({ source: 'junit.xml', xml });
  if (!found.ok || linesByItem.size === 0) return xml;
  let changed = false;
  for (const suite of childrenOf(found.value.root, 'testsuites')) {
    const lines = nameOf(suite) === 'testsuite' ? linesByItem.get(attributesOf(suite).id ?? '') : undefined;
    if (!lines) continue;
    // The builder splits a "]]>" inside the CDATA section, as XML allows.
    const text = lines.join('\n');
    const children = childrenOf(suite, 'testsuite');
    children.push({ '#text': '  ' }, { 'system-out': [{ '#cdata': [{ '#text': text }] }] }, { '#text': '\n  ' });
    suite.testsuite = children;
    changed = true;
  }
  if (!changed) return xml;
  const declaration = /^<\?xml[^>]*\?>\s*/.exec(xml)?.[0] ?? '';
  return `${declaration}${orderedBuilder.build([found.value.root]) as string}\n`;
}
