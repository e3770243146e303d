// certify's junit.xml: one testsuite per scenario, one testcase per rule (a fail is a <failure>, n/a is
// <skipped>, a warning passes with its message in <system-out>). Built with fast-xml-parser, never by hand.
import { XMLBuilder } from 'fast-xml-parser';
import type { RuleResult } from '../../mocks/index';
import type { CertifyReport } from './certify-report';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

/** Characters XML 1.0 cannot hold at all (a client's referenceNo may carry them): shown as U+FFFD. */
const xmlText = (text: string): string => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');

/** The evidence as lines of text, for a failure's body. */
function details(rule: RuleResult): string {
  const lines = rule.evidence.map((e) => [e.seq !== undefined ? `#${e.seq}` : '', e.time ?? '', e.request ?? '', e.referenceNo ? `referenceNo ${e.referenceNo}` : '', e.answer ?? '', e.note ?? ''].filter((p) => p !== '').join('  '));
  return xmlText([rule.message, ...lines].join('\n'));
}

function testcase(scenario: string, rule: RuleResult): Record<string, unknown> {
  const base = { '@_name': rule.id, '@_classname': `certify.${scenario}` };
  switch (rule.status) {
    case 'fail':
      return { ...base, failure: { '@_message': xmlText(rule.message), '@_type': rule.id, '#text': details(rule) } };
    case 'n/a':
      return { ...base, skipped: { '@_message': xmlText(rule.message) } };
    case 'warn':
      return { ...base, 'system-out': `warning: ${details(rule)}` };
    default:
      return { ...base, 'system-out': xmlText(rule.message) };
  }
}

/**
 * junit.xml of a certification.
 * @example writeFileSync('reports/certify/junit.xml', certifyJunit(report));
 */
export function certifyJunit(report: CertifyReport): string {
  const suites = report.scenarios.map((s) => ({
    '@_name': s.name,
    '@_tests': s.rules.length,
    '@_failures': s.rules.filter((r) => r.status === 'fail').length,
    '@_errors': 0,
    '@_skipped': s.rules.filter((r) => r.status === 'n/a').length,
    '@_time': (s.durationMs / 1000).toFixed(3),
    testcase: s.rules.map((r) => testcase(s.name, r)),
  }));
  const sum = (pick: (suite: (typeof suites)[number]) => number): number => suites.reduce((n, suite) => n + pick(suite), 0);
  const root = {
    testsuites: {
      '@_name': 'MyValue certification',
      '@_tests': sum((s) => s['@_tests']),
      '@_failures': sum((s) => s['@_failures']),
      '@_errors': 0,
      '@_skipped': sum((s) => s['@_skipped']),
      '@_time': (report.durationMs / 1000).toFixed(3),
      testsuite: suites,
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(root) as string}`;
}
