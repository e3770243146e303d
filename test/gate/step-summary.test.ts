// The job summary section: the verdict, counts and failed requests with their reason, escaped for
// Markdown and bounded whatever the run held; appended, never overwriting; a file that cannot be
// written is a value, not a crash.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestReport } from '../../src/reports/run-json';
import { failureLines, summaryLine } from '../../src/reports/run-summary';
import { appendStepSummary, boundMarkdown, runSummaryMarkdown, STEP_SUMMARY_LIMIT, STEP_SUMMARY_ROWS } from '../../src/reports/step-summary';
import { sampleReport } from '../helpers/sample-report';
import { tempDir } from '../helpers/temp-dir';

describe('runSummaryMarkdown', () => {
  it('says the verdict, the counts and each failed request with its status and first reason', () => {
    const md = runSummaryMarkdown(sampleReport(), { title: 'MyValue run', verdict: 'FAIL', reportsDir: 'reports' });
    expect(md.split('\n')).toEqual([
      '### ❌ MyValue run: FAIL',
      '',
      'MyValue partner API against msw: 5 requests, 6 assertions, 2 failed (reports: reports); 1.2 s.',
      '',
      '| Failed request | Status | Reason |',
      '|---|---:|---|',
      '| Points / Earn points | 401 | status 200: expected response to have status code 200 but got 401 (+1 more) |',
      '| Points.v2 / Point history | – | request error: read ECONNRESET |',
      '',
      '',
    ]);
  });

  it('escapes what Markdown or HTML would read in a name, and lists at most 50 of thousands of failures within the limit', () => {
    const base = sampleReport().requests[1] as RequestReport;
    const requests = Array.from({ length: 5000 }, (_, i) => ({ ...base, name: `<img src=x onerror=alert(${i})> | ${'long '.repeat(60)}`, failures: [`boom ${'x'.repeat(2000)}`] }));
    const md = runSummaryMarkdown(sampleReport({ requests }), { title: 'MyValue gate', verdict: 'FAIL', reportsDir: 'out' });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img src=x onerror=alert(0)> \\| long');
    expect(md.split('\n').filter((l) => l.startsWith('| Points / '))).toHaveLength(STEP_SUMMARY_ROWS);
    expect(md).toContain(`…and ${5000 - STEP_SUMMARY_ROWS} more failed requests: see junit.xml or report.html in out.`);
  });

  it('says PASS with no table for a run without failures', () => {
    const passing = sampleReport({ exitCode: 0, requests: [sampleReport().requests[0] as RequestReport], totals: { requests: 1, sent: 1, failedRequests: 0, skipped: 0, assertions: 2, failedAssertions: 0 } });
    const md = runSummaryMarkdown(passing, { title: 'MyValue run', verdict: 'PASS', reportsDir: 'reports' });
    expect(md).toBe('### ✅ MyValue run: PASS\n\nMyValue partner API against msw: 1 request, 2 assertions, 0 failed (reports: reports); 1.2 s.\n\n');
  });
});

describe('boundMarkdown', () => {
  it('cuts at a line end below the limit and says where the rest is; leaves short text alone', () => {
    const text = Array.from({ length: 400 }, (_, i) => `line ${i} ü`).join('\n');
    const cut = boundMarkdown(text, 1024, 'see reports/');
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(1024);
    expect(cut).toMatch(/\nline \d+ ü\n\n_\(cut to 1 KiB: see reports\/\)_\n$/);
    expect(boundMarkdown('short\n', 1024, 'x')).toBe('short\n');
  });
});

describe('appendStepSummary', () => {
  it('appends to what earlier steps wrote; a file it cannot write is a one-line error value', async () => {
    const file = join(tempDir('myvalue-summary-'), 'summary.md');
    writeFileSync(file, 'earlier\n');
    expect(await appendStepSummary(file, 'ours\n')).toEqual({ ok: true, value: undefined });
    expect(readFileSync(file, 'utf8')).toBe('earlier\nours\n');
    const missing = join(file, 'not-a-dir', 'summary.md');
    expect(await appendStepSummary(missing, 'x')).toEqual({ ok: false, error: expect.stringMatching(new RegExp(`^cannot append the job summary to ${missing}: ENOTDIR`)) });
  });
});

describe('the console summary', () => {
  it('is one plain line, and --quiet names each failed request with its sign explanation under it', () => {
    expect(summaryLine('FAIL', sampleReport(), 'reports')).toBe('FAIL: 5 requests, 6 assertions, 2 failed (reports: reports)');
    expect(failureLines(sampleReport())).toEqual([
      'failed: Points / Earn points (401): status 200: expected response to have status code 200 but got 401 (+1 more)',
      '  sign refused (point.earn): the target hashes clientID = "GramediaPOS<clientSecret>100REF1"; absent, hashed as "": outletID; hint: the secret differs',
      'failed: Points.v2 / Point history: request error: read ECONNRESET',
    ]);
  });
});
