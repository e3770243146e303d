// certify.md and junit.xml from a report holding what a client sent (a referenceNo with pipes, HTML, line
// breaks, control characters): the table keeps its columns, nothing becomes markup, the XML stays XML.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, type RuleResult } from '../../mocks/index';
import { certifyJunit } from '../../src/reports/certify-junit';
import { certifyMarkdown, type CertifyReport } from '../../src/reports/certify-report';
import { junitSuites } from '../../src/reports/junit';
import { markdownText } from '../../src/reports/markdown-text';
import { boundMarkdown } from '../../src/reports/step-summary';

const HOSTILE = 'INV|1<script>alert(1)</script>\n# not a heading ]]> & `code` *em* \u0001';

function report(): CertifyReport {
  const rules: RuleResult[] = RULE_IDS.map((id) => ({ id, status: 'pass', message: 'fine', evidence: [] }));
  rules[3] = {
    id: 'retry-same-reference',
    status: 'fail',
    message: `1 of 1 retried write changed the referenceNo (first was ${HOSTILE})`,
    evidence: [{ seq: 4, time: '2025-03-01T08:00:01.250Z', request: 'POST /service/point/earn/ (point.earn)', referenceNo: HOSTILE, answer: 'lost: applied, then the connection was closed', note: 'first attempt' }],
  };
  rules[8] = { id: 'timeout', status: 'n/a', message: 'nothing held', evidence: [] };
  rules[1] = { id: 'secret-not-sent', status: 'warn', message: 'partly judged', evidence: [] };
  return {
    verdict: 'fail', command: 'npm run test:integration', clientId: 'MyPOS', maxWaitMs: 10_000, maxAttempts: 5, scenarioTimeoutMs: 300_000,
    startedAt: '2025-03-01T08:00:00.000Z', durationMs: 4200, problems: [],
    scenarios: [{ name: 'lost-response', description: 'answers lost', exitCode: 0, signal: null, timedOut: false, durationMs: 1200, requests: 9, dropped: 0, log: 'lost-response.log', verdict: 'fail', rules }],
  };
}

describe('certify.md', () => {
  const markdown = certifyMarkdown(report());

  it('shows the scorecard, then the failure with what to do and its evidence', () => {
    expect(markdown).toMatch(/^# MyValue certification: ❌ FAIL\n/);
    expect(markdown).toContain('| retry-same-reference | ❌ **FAIL** |');
    expect(markdown).toContain('| timeout | ➖ n/a |');
    expect(markdown).toContain('| secret-not-sent | ⚠️ warn |');
    expect(markdown).toContain('### ❌ retry-same-reference, in lost-response');
    expect(markdown).toContain('- **What it should do:** retry with the same referenceNo; on ErrDuplicateReferenceNo after a retry, treat the write as applied and confirm it in the history');
  });

  it("keeps a client's text literal: one line, its pipes escaped, no HTML tag, no heading", () => {
    const row = markdown.split('\n').find((line) => line.startsWith('| 4 |')) as string;
    // Six cells: the unescaped pipes are the table's own.
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(7);
    expect(row).toContain('INV\\|1\\<script\\>alert(1)\\</script\\> \\# not a heading \\]\\]\\> \\& \\`code\\` \\*em\\*');
    expect(markdown).not.toMatch(/(?<!\\)<script/);
    expect(markdown).not.toMatch(/^# not a heading/m);
  });

  it('markdownText escapes each markup character with a backslash, as CommonMark reads them literally', () => {
    expect(markdownText('a_b*c`d[e](f)<g>&h|i~j!k#l\\m')).toBe('a\\_b\\*c\\`d\\[e\\](f)\\<g\\>\\&h\\|i\\~j\\!k\\#l\\\\m');
  });
});

describe('junit.xml', () => {
  it('one testsuite per scenario, one testcase per rule; the XML parses back to the text as sent', () => {
    const xml = certifyJunit(report());
    const suites = junitSuites(xml);
    expect(suites).toEqual({ ok: true, value: [{ name: 'lost-response', tests: 10, failures: 1, errors: 0, skipped: 1 }] });
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { testsuites: { skipped: string; testsuite: { skipped: string; testcase: Array<{ name: string; classname: string; failure?: { '#text': string; message: string } }> } } };
    const cases = parsed.testsuites.testsuite.testcase;
    expect(cases.map((c) => c.name)).toEqual([...RULE_IDS]);
    expect(cases.every((c) => c.classname === 'certify.lost-response')).toBe(true);
    expect(parsed.testsuites.testsuite.skipped).toBe('1');
    const failure = cases[3]?.failure;
    expect(failure?.message).toContain('INV|1<script>alert(1)</script>');
    expect(failure?.['#text']).toContain('referenceNo INV|1<script>alert(1)</script>\n# not a heading ]]> & `code` *em* \ufffd');
  });
});

describe('the job summary', () => {
  it('takes certify.md whole when it fits, else cut at a line with a pointer to the file', () => {
    const rest = 'the whole scorecard is reports/certify/certify.md';
    expect(boundMarkdown('# a\nb\n', 100, rest)).toBe('# a\nb\n');
    const long = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n');
    const cut = boundMarkdown(long, 500, rest);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(500);
    expect(cut).toMatch(/\nline \d+\n\n_\(cut to 0 KiB: the whole scorecard is reports\/certify\/certify\.md\)_\n$/);
  });
});
