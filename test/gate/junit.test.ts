// junit.xml from run.json, read back by fast-xml-parser as a CI tool reads it: counts that add up on
// every suite and on the root, classname the dotted collection/folder/request path, a failure's text
// with the assertion, the status, the sign explanation and the body excerpt, nothing XML cannot hold.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { junitSuites, junitXml } from '../../src/reports/junit';
import type { RequestReport } from '../../src/reports/run-json';
import { sampleReport } from '../helpers/sample-report';

type Node = Record<string, unknown> & { testcase?: Node[] };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });
const parse = (xml: string): { testsuites: Node & { testsuite: Node[] } } => parser.parse(xml) as { testsuites: Node & { testsuite: Node[] } };
const num = (node: Node, key: string): number => Number(node[key]);

describe('junitXml', () => {
  const xml = junitXml(sampleReport());
  const root = parse(xml).testsuites;

  it('is well-formed, one testsuite per request, with root counts the sums of the suites and suite counts the sums of the cases', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(root.testsuite.map((s) => s.name)).toEqual(['Points / Get balance', 'Points / Earn points', 'Points.v2 / Point history', 'Points / Redeem', 'Fake is up']);
    for (const key of ['tests', 'failures', 'errors', 'skipped']) expect(num(root, key), key).toBe(root.testsuite.reduce((n, s) => n + num(s, key), 0));
    expect(Number(root.time)).toBeCloseTo(root.testsuite.reduce((n, s) => n + num(s, 'time'), 0), 6);
    for (const suite of root.testsuite) {
      const cases = suite.testcase ?? [];
      expect(num(suite, 'tests')).toBe(cases.length);
      expect(num(suite, 'failures')).toBe(cases.filter((c) => c.failure !== undefined).length);
      expect(num(suite, 'errors')).toBe(cases.filter((c) => c.error !== undefined).length);
      expect(num(suite, 'skipped')).toBe(cases.filter((c) => c.skipped !== undefined).length);
      expect(Number(suite.time)).toBeCloseTo(cases.reduce((n, c) => n + num(c, 'time'), 0), 6);
    }
    // 6 assertions, a request error and a request not sent; 2 failed; the skipped assertion and the request not sent.
    expect([num(root, 'tests'), num(root, 'failures'), num(root, 'errors'), num(root, 'skipped')]).toEqual([8, 2, 1, 2]);
    expect(root.time).toBe('0.020');
  });

  it('names each case by the dotted path of collection, folder and request, a dot inside a name kept out of the tree', () => {
    const classnames = root.testsuite.flatMap((s) => (s.testcase ?? []).map((c) => c.classname));
    expect(new Set(classnames)).toEqual(new Set(['MyValue partner API.Points.Get balance', 'MyValue partner API.Points.Earn points', 'MyValue partner API.Points_v2.Point history', 'MyValue partner API.Points.Redeem', 'MyValue partner API.Fake is up']));
    // Two pm.tests of one name stay two cases (GitLab drops a repeated name in a class).
    expect(root.testsuite[1]?.testcase?.map((c) => c.name)).toEqual(['status 200', 'status 200 (2)', 'body has Point']);
  });

  it("writes a failure's message and a text with the assertion, the status, the sign explanation and the body excerpt", () => {
    const failure = root.testsuite[1]?.testcase?.[1]?.failure as Record<string, string>;
    expect(failure.type).toBe('AssertionFailure');
    expect(failure.message).toBe('again <401> & "quoted"');
    expect(failure['#text']).toBe(
      [
        'assertion: status 200 (2)',
        'error: again <401> & "quoted"',
        'request: POST https://external.ovaltech.id/service/point/earn/',
        'response: 401 Unauthorized, 7 ms',
        'sign refused (point.earn): the target hashes clientID = "GramediaPOS<clientSecret>100REF1"; absent, hashed as "": outletID; hint: the secret differs',
        'response body:',
        // U+0001 cannot stand in XML 1.0: it is written as U+FFFD.
        '{"id":"ErrAuthorizationInvalidSign","detail":"bad\ufffdsign","errorCode":401}',
      ].join('\n'),
    );
    const error = root.testsuite[2]?.testcase?.[0];
    expect(error).toMatchObject({ name: 'request error', error: { type: 'RequestError', message: 'read ECONNRESET' } });
    expect(root.testsuite[2]?.['system-out']).toBe('iteration 1: retried GET /service/point/history/ once: dropped');
    expect(root.testsuite[3]?.testcase?.[0]).toMatchObject({ name: 'request not sent', skipped: { message: 'production guard: POST /service/point/redeem/ changes state' } });
  });

  it('says the iteration in the suite and the classname when the run had several', () => {
    const base = sampleReport().requests[0] as RequestReport;
    const report = sampleReport({ requests: [base, { ...base, iteration: 1 }] });
    const suites = parse(junitXml(report)).testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual(['Points / Get balance (iteration 1)', 'Points / Get balance (iteration 2)']);
    expect(suites[1]?.testcase?.[0]?.classname).toBe('MyValue partner API.Points.Get balance (iteration 2)');
  });

  it('writes an empty root for a run without requests', () => {
    const empty = junitXml(sampleReport({ requests: [] }));
    expect(parse(empty).testsuites).toMatchObject({ name: 'MyValue partner API', tests: '0', failures: '0', errors: '0', skipped: '0', time: '0.000' });
  });
});

describe('junitSuites', () => {
  it('reads the suites and their counts, and refuses what is not JUnit', () => {
    expect(junitSuites(junitXml(sampleReport()))).toMatchObject({ ok: true, value: expect.arrayContaining([{ name: 'Points / Earn points', tests: 3, failures: 2, errors: 0, skipped: 0 }]) });
    expect(junitSuites('<testsuites><testsuite name="a"></testsuites>')).toMatchObject({ ok: false, error: expect.stringMatching(/^not well-formed XML: /) });
    expect(junitSuites('<html/>')).toEqual({ ok: false, error: 'not a JUnit report: no <testsuites> root' });
  });
});
