// Merges JUnit files (Newman's junit reporter) into one: every <testsuite> copied verbatim under one
// <testsuites> root with the totals summed. No XML parser is installed (only xmlbuilder, which
// writes), so a small scanner walks the markup, respecting quotes, CDATA, comments and declarations,
// and refuses anything that is not well formed. Pure: text in, text out.

export interface JunitFile {
  /** Where it came from, for messages. */
  source: string;
  xml: string;
}

interface Tag {
  name: string;
  attrs: Map<string, string>;
}

interface Scanned {
  root: Tag;
  /** Children of the root: their tag and their exact text. */
  children: Array<Tag & { text: string }>;
}

type Step<T> = { ok: true; value: T } | { ok: false; error: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}

/** Attribute value as XML text. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#xA;');
}

/** The end of a tag starting at `<`, skipping quoted attribute values; -1 when unterminated. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from + 1; i < xml.length; i += 1) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
    else if (c === '<') return -1;
  }
  return -1;
}

function parseTag(inner: string): Tag | undefined {
  const name = /^[A-Za-z_][\w.:-]*/.exec(inner)?.[0];
  if (!name) return undefined;
  const attrs = new Map<string, string>();
  const rest = inner.slice(name.length);
  const pattern = /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/gy;
  let at = 0;
  for (let m = pattern.exec(rest); m; m = pattern.exec(rest)) {
    attrs.set(m[1] ?? '', decode(m[2] ?? m[3] ?? ''));
    at = pattern.lastIndex;
  }
  return rest.slice(at).trim() === '' ? { name, attrs } : undefined;
}

const SKIPS: Array<[string, string]> = [
  ['<?', '?>'],
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<!', '>'],
];

/** The root element and its direct children, or why the text is not well-formed XML. */
function scan(xml: string): Step<Scanned> {
  const stack: Tag[] = [];
  let root: Tag | undefined;
  const children: Scanned['children'] = [];
  let childStart = -1;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) break;
    if (stack.length === 0 && xml.slice(i, lt).trim() !== '') return { ok: false, error: 'text outside the root element' };
    const skip = SKIPS.find(([open]) => xml.startsWith(open, lt));
    if (skip) {
      const close = xml.indexOf(skip[1], lt + skip[0].length);
      if (close === -1) return { ok: false, error: `unterminated ${skip[0]}` };
      i = close + skip[1].length;
      continue;
    }
    const end = tagEnd(xml, lt);
    if (end === -1) return { ok: false, error: `unterminated tag at offset ${lt}` };
    const raw = xml.slice(lt + 1, end);
    if (raw.startsWith('/')) {
      const name = raw.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) return { ok: false, error: `</${name}> closes ${open ? `<${open.name}>` : 'nothing'}` };
      if (stack.length === 1 && childStart !== -1) {
        children.push({ ...open, text: xml.slice(childStart, end + 1) });
        childStart = -1;
      }
    } else {
      const selfClosing = raw.endsWith('/');
      const tag = parseTag(selfClosing ? raw.slice(0, -1) : raw);
      if (!tag) return { ok: false, error: `malformed tag <${raw.slice(0, 40)}>` };
      if (stack.length === 0) {
        if (root) return { ok: false, error: 'more than one root element' };
        root = tag;
      } else if (stack.length === 1) {
        if (selfClosing) children.push({ ...tag, text: xml.slice(lt, end + 1) });
        else childStart = lt;
      }
      if (!selfClosing) stack.push(tag);
    }
    i = end + 1;
  }
  if (stack.length === 0 && xml.slice(i).trim() !== '' && xml.indexOf('<', i) === -1) return { ok: false, error: 'text outside the root element' };
  if (stack.length > 0) return { ok: false, error: `<${stack[stack.length - 1]?.name}> is never closed` };
  if (!root) return { ok: false, error: 'no root element' };
  return { ok: true, value: { root, children } };
}

const number = (tag: Tag, name: string): number => {
  const value = Number(tag.attrs.get(name));
  return Number.isFinite(value) ? value : 0;
};

/**
 * One JUnit document holding every testsuite of the inputs, in order; tests, failures, errors and
 * time summed on the root.
 * @example mergeJunit([{ source: 'a/junit.xml', xml: a }, { source: 'b/junit.xml', xml: b }], 'MyValue partner API')
 */
export function mergeJunit(files: readonly JunitFile[], name: string): Step<string> {
  const suites: string[] = [];
  const totals = { tests: 0, failures: 0, errors: 0, time: 0 };
  for (const file of files) {
    const scanned = scan(file.xml);
    if (!scanned.ok) return { ok: false, error: `${file.source} is not well-formed XML: ${scanned.error}` };
    const { root, children } = scanned.value;
    if (root.name !== 'testsuites') return { ok: false, error: `${file.source} is not a JUnit report: its root is <${root.name}>, not <testsuites>` };
    totals.tests += number(root, 'tests');
    totals.time += number(root, 'time');
    for (const child of children) {
      if (child.name !== 'testsuite') continue;
      totals.failures += number(child, 'failures');
      totals.errors += number(child, 'errors');
      // Continuation lines keep their own indentation: the suite moves under the new root unchanged.
      suites.push(`  ${child.text}`);
    }
  }
  const attrs = `name="${escapeAttribute(name)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${totals.time.toFixed(3)}"`;
  const body = suites.length > 0 ? `<testsuites ${attrs}>\n${suites.join('\n')}\n</testsuites>` : `<testsuites ${attrs}/>`;
  return { ok: true, value: `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n` };
}

/** Testsuites of a JUnit document with their attributes (for tests and checks), or why it is not well formed. */
export function junitSuites(xml: string): Step<Array<{ name: string; tests: number; failures: number; errors: number }>> {
  const scanned = scan(xml);
  if (!scanned.ok) return scanned;
  return {
    ok: true,
    value: scanned.value.children
      .filter((c) => c.name === 'testsuite')
      .map((c) => ({ name: c.attrs.get('name') ?? '', tests: number(c, 'tests'), failures: number(c, 'failures'), errors: number(c, 'errors') })),
  };
}
