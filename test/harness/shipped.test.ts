// The shipped collection passes against both fakes: exit 0 and every request in junit.xml.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLECTION, runCollection } from '../../src/harness/index';
import { shippedRun } from '../helpers/shared-runs';

interface Node {
  name: string;
  item?: Node[];
  request?: unknown;
}

/** "Folder / Request" names, as Newman's JUnit reporter writes its testsuites. */
function requestPaths(nodes: Node[], prefix: string[] = []): string[] {
  return nodes.flatMap((node) => (node.item ? requestPaths(node.item, [...prefix, node.name]) : [[...prefix, node.name].join(' / ')]));
}

const unescapeXml = (s: string): string => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** What the test reads of a run: its exit code, each request's failures, junit.xml and the console. */
interface Seen {
  exitCode: number;
  failed: string[];
  junit: string;
  console: string;
}

const failedOf = (requests: Array<{ name: string; failures: string[] }>): string[] => requests.filter((r) => r.failures.length > 0).map((r) => `${r.name}: ${r.failures.join('; ')}`);

/** Against the fake on a port: a run of its own. */
async function againstMock(): Promise<Seen> {
  const cwd = mkdtempSync(join(tmpdir(), 'myvalue-shipped-'));
  try {
    let console = '';
    const result = await runCollection({ target: 'mock', cwd, env: {}, write: (t) => (console += t), log: (l) => (console += `${l}\n`) });
    expect(result.error).toBeUndefined();
    return { exitCode: result.exitCode, failed: failedOf(result.summary?.requests ?? []), junit: readFileSync(join(result.reportsDir, 'junit.xml'), 'utf8'), console };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** Against msw: `myvalue run --target msw`, shared with the v3 tests in this worker (they only read it too). */
async function againstMsw(): Promise<Seen> {
  const shared = await shippedRun();
  const report = JSON.parse(readFileSync(join(shared.reportsDir, 'run.json'), 'utf8')) as { requests: Array<{ name: string; failures: string[] }> };
  return { exitCode: shared.code, failed: failedOf(report.requests), junit: readFileSync(join(shared.reportsDir, 'junit.xml'), 'utf8'), console: [...shared.out, ...shared.err].join('\n') };
}

describe('the shipped collection', () => {
  const expected = requestPaths((JSON.parse(readFileSync(DEFAULT_COLLECTION, 'utf8')) as { item: Node[] }).item);

  it.each(['mock', 'msw'])('passes against %s with every request in junit.xml', async (target) => {
    const seen = target === 'mock' ? await againstMock() : await againstMsw();
    expect(seen.failed).toEqual([]);
    expect(seen.exitCode).toBe(0);
    const suites = [...seen.junit.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => unescapeXml(m[1] ?? ''));
    expect(suites).toEqual(expected);
    expect(seen.console).toMatch(/^PASS: /m);
    expect(seen.console).not.toContain('demo-secret-gramedia-pos');
  });
});
