// report.html as text: every value of the run escaped (a name or a body can never open a tag or end the
// script), style and script only under the page's fresh nonce, its own policy fetching nothing, the
// failures first and open, a merged report (no exchanges) still showing the body excerpt.
import { describe, expect, it } from 'vitest';
import { reportHtml, type RequestExchange } from '../../src/reports/html-report';
import type { RequestReport } from '../../src/reports/run-json';
import { sampleReport } from '../helpers/sample-report';

const HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';

describe('reportHtml', () => {
  const base = sampleReport();
  const hostile = sampleReport({ requests: base.requests.map((r) => ({ ...r, name: `${r.name} ${HOSTILE}`, folder: r.folder ? `${r.folder} ${HOSTILE}` : undefined })) as RequestReport[] });
  const exchanges = new Map<number, RequestExchange>([[1, { request: { headers: [['x-note', HOSTILE]], body: { text: HOSTILE, length: 70 } }, response: { headers: [['content-type', 'application/json']], body: { text: 'a'.repeat(4000), length: 50_000 } } }]]);
  const html = reportHtml(hostile, { verdict: 'FAIL', exchanges });

  it('escapes every value: one script and one style, both under the nonce of its own policy', () => {
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(html)?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'">`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<[^>]*\s(?:style|on\w+)=/);
    // A fresh nonce each time.
    expect(reportHtml(hostile, { verdict: 'FAIL' })).not.toContain(nonce);
  });

  it('puts the failed requests first, open, and links them from their place in the list', () => {
    const failures = html.indexOf('<section id="failures"');
    const requests = html.indexOf('<section id="requests"');
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(requests);
    expect(html.slice(failures, requests).match(/<details class="request failed" id="f\d+" open>/g)).toEqual(['<details class="request failed" id="f1" open>', '<details class="request failed" id="f2" open>']);
    expect(html.slice(requests)).toContain('<a href="#f1">See it under Failures</a>');
    expect(html).toContain('the first 4,000 characters of 50,000 bytes');
  });

  it('shows run.json\'s body excerpt when it has no exchange (a merged report)', () => {
    const merged = reportHtml(base, { verdict: 'FAIL' });
    expect(merged).toContain('<h4>Response body (excerpt)</h4><pre>{&quot;id&quot;:&quot;ErrAuthorizationInvalidSign&quot;');
    expect(merged).toContain('<span class="verdict">FAIL</span>MyValue partner API against msw');
  });
});
