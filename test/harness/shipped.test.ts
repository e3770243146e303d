// The shipped collection passes against both fakes: exit 0 and every request in junit.xml.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLECTION, runCollection } from '../../src/harness/index';

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

describe('the shipped collection', () => {
  const expected = requestPaths((JSON.parse(readFileSync(DEFAULT_COLLECTION, 'utf8')) as { item: Node[] }).item);

  it.each(['mock', 'msw'])('passes against %s with every request in junit.xml', async (target) => {
    const cwd = mkdtempSync(join(tmpdir(), 'myvalue-shipped-'));
    try {
      let console = '';
      const result = await runCollection({ target, cwd, env: {}, write: (t) => (console += t), log: (l) => (console += `${l}\n`) });
      expect(result.error).toBeUndefined();
      const failed = result.summary?.requests.filter((r) => r.failures.length > 0).map((r) => `${r.name}: ${r.failures.join('; ')}`);
      expect(failed).toEqual([]);
      expect(result.exitCode).toBe(0);
      const junit = readFileSync(join(result.reportsDir, 'junit.xml'), 'utf8');
      const suites = [...junit.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => unescapeXml(m[1] ?? ''));
      expect(suites).toEqual(expected);
      expect(console).not.toContain('demo-secret-gramedia-pos');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
