// Merging JUnit files through fast-xml-parser: every testsuite kept as written, totals summed, bad XML refused
// with the parser's reason and where.
import { describe, expect, it } from 'vitest';
import { addSystemOut, junitSuites, mergeJunit } from '../../src/reports/junit';

const doc = (name: string, tests: number, suites: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${name}" tests="${tests}" time="0.100">\n${suites}\n</testsuites>`;

const passing = `  <testsuite name="Users / Create user" id="1" tests="2" failures="0" errors="0" time="0.050">
    <testcase name="status 200" time="0.050" classname="UsersCreateUser"/>
    <testcase name="a &lt;new&gt; user" time="0.050" classname="UsersCreateUser"/>
  </testsuite>`;

// What Newman writes for a failure: CDATA that may hold markup, attributes holding '>'.
const failing = `  <testsuite name="Points / Earn &gt; 0" id="2" tests="1" failures="1" errors="1" time="0.020">
    <system-err><![CDATA[Iteration: 0
RequestError: boom </testsuite> <testsuites>
]]></system-err>
    <testcase name="status 200" time="0.020" classname="PointsEarn">
      <failure type="AssertionFailure" message="expected 503 to equal 200 -> see 'body'"><![CDATA[Failed 1 times.]]></failure>
    </testcase>
  </testsuite>
  <testsuite name="Empty" id="3" tests="0" failures="0" errors="0" time="0.000"/>`;

describe('mergeJunit', () => {
  it('keeps every testsuite of every input, in order, and sums the totals on one root', () => {
    const merged = mergeJunit(
      [
        { source: 'a/junit.xml', xml: doc('API (shard 1/2)', 1, passing) },
        { source: 'b/junit.xml', xml: doc('API (shard 2/2)', 2, failing) },
        { source: 'c/junit.xml', xml: '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="API (shard 3/3)" tests="0" time="0.000"/>' },
      ],
      'API & co',
    );
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.value).toContain('<testsuites name="API &amp; co" tests="3" failures="1" errors="1" time="0.200">');
    const suites = junitSuites(merged.value);
    expect(suites).toEqual({
      ok: true,
      value: [
        { name: 'Users / Create user', tests: 2, failures: 0, errors: 0 },
        { name: 'Points / Earn > 0', tests: 1, failures: 1, errors: 1 },
        { name: 'Empty', tests: 0, failures: 0, errors: 0 },
      ],
    });
    // The CDATA with markup in it survives untouched.
    expect(merged.value).toContain('RequestError: boom </testsuite> <testsuites>');
  });

  it('writes an empty root when no input has a testsuite', () => {
    const merged = mergeJunit([{ source: 'x', xml: '<testsuites name="x" tests="0" time="0.000"/>' }], 'x');
    expect(merged).toEqual({ ok: true, value: '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="x" tests="0" failures="0" errors="0" time="0.000"/>\n' });
  });

  it.each([
    ['an unclosed element', '<testsuites name="x"><testsuite name="a">', '<testsuite> is never closed'],
    ['mismatched tags', doc('x', 1, '<testsuite name="a"></testcase>'), "instead of closing tag 'testcase' (line 3, column"],
    ['an unterminated CDATA', doc('x', 1, '<testsuite><![CDATA[oops</testsuite>'), 'is never closed'],
    ['two roots', '<testsuites/><testsuites/>', 'more than one root'],
    ['text outside the root', 'garbage<testsuites/>', "char 'g' is not expected (line 1, column 1)"],
    ['an unquoted attribute', '<testsuites name=x/>', "Attribute 'name' is without value (line 1, column"],
  ])('refuses %s, naming the file', (_what, xml, reason) => {
    const merged = mergeJunit([{ source: 'shard-2/junit.xml', xml }], 'x');
    expect(merged.ok).toBe(false);
    if (!merged.ok) expect(merged.error).toMatch(/^shard-2\/junit\.xml is not well-formed XML: /);
    if (!merged.ok) expect(merged.error).toContain(reason);
  });

  it('refuses a well-formed file that is not JUnit', () => {
    expect(mergeJunit([{ source: 'r/junit.xml', xml: '<html><body/></html>' }], 'x')).toEqual({ ok: false, error: 'r/junit.xml is not a JUnit report: its root is <html>, not <testsuites>' });
  });
});

describe('addSystemOut', () => {
  const newman = doc('API', 2, `  <testsuite name="Points / Get balance" id="item-1" tests="1" failures="0" errors="0" time="0.010">
    <testcase name="status 200" time="0.010" classname="PointsGetBalance"/>
  </testsuite>
  <testsuite name="Points / Earn" id="item-2" tests="1" failures="0" errors="0" time="0.010">
    <testcase name="status 200" time="0.010" classname="PointsEarn"/>
  </testsuite>`);

  it('adds the lines to the testsuite of that item only, as CDATA that survives "]]>", and the file stays JUnit', () => {
    const out = addSystemOut(newman, new Map([['item-1', ['iteration 1: retried GET /service/point/ once: 503', 'odd ]]> text']]]));
    expect(out).toMatch(/<testsuite name="Points \/ Get balance" id="item-1"[^]*?<system-out><!\[CDATA\[iteration 1: retried GET \/service\/point\/ once: 503\nodd ]]]]><!\[CDATA\[> text\]\]><\/system-out>\s*<\/testsuite>/);
    expect(out.match(/<system-out>/g)).toHaveLength(1);
    expect(junitSuites(out)).toEqual({ ok: true, value: [{ name: 'Points / Get balance', tests: 1, failures: 0, errors: 0 }, { name: 'Points / Earn', tests: 1, failures: 0, errors: 0 }] });
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="API"')).toBe(true);
  });

  it('leaves the text as it is when no item has lines, or when it does not parse', () => {
    expect(addSystemOut(newman, new Map([['item-9', ['x']]]))).toBe(newman);
    expect(addSystemOut('<testsuites>', new Map([['item-1', ['x']]]))).toBe('<testsuites>');
  });
});
