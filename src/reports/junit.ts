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
