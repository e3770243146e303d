// JUnit files (Newman's junit reporter) read and written with fast-xml-parser: the shards' files
// merged into one, and the retry notes added to a run's own file. Order, whitespace, CDATA and
// comments are kept (the parser preserves order and text), so a testsuite moves unchanged. Pure: text in, text out.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Result } from '../shared/result';

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

const parser = new XMLParser(OPTIONS);
const builder = new XMLBuilder({ ...OPTIONS, format: false, suppressEmptyNode: true });

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
  const roots = (parser.parse(file.xml) as XmlNode[]).filter((node) => nameOf(node) !== undefined);
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
      suites.push(`  ${builder.build([child]) as string}`);
    }
  }
  const attrs = `name="${escapeAttribute(name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${totals.time.toFixed(3)}"`;
  const body = suites.length > 0 ? `<testsuites ${attrs}>\n${suites.join('\n')}\n</testsuites>` : `<testsuites ${attrs}/>`;
  return { ok: true, value: `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n` };
}

/** Testsuites of a JUnit document with their counts (for tests and checks), or why it is not one. */
export function junitSuites(xml: string): Result<Array<{ name: string; tests: number; failures: number; errors: number }>> {
  const found = rootOf({ source: 'the JUnit file', xml });
  if (!found.ok) return found;
  return {
    ok: true,
    value: childrenOf(found.value.root, 'testsuites')
      .filter((child) => nameOf(child) === 'testsuite')
      .map((child) => ({ name: attributesOf(child).name ?? '', tests: number(child, 'tests'), failures: number(child, 'failures'), errors: number(child, 'errors') })),
  };
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
  return `${declaration}${builder.build([found.value.root]) as string}\n`;
}
