// The README and the docs it sends readers to point at what exists: every relative link at a file of
// the repository, every `#anchor` at a heading (as GitHub names it), and every `npm run` script that
// CONTRIBUTING.md names at a script of package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/shared/package-files';

const read = (file: string): string => readFileSync(join(PACKAGE_ROOT, file), 'utf8');

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string): string => heading.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');

/** The Markdown without its fenced blocks (a `[x](y)` in code is not a link). */
const prose = (markdown: string): string => markdown.replace(/^```[\s\S]*?^```/gm, '');

function links(file: string): Array<{ target: string; anchor?: string }> {
  return [...prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] as string)
    .filter((href) => !/^[a-z]+:/.test(href))
    .map((href) => {
      const [path = '', anchor] = href.split('#');
      return { target: path === '' ? file : join(dirname(file), path), ...(anchor === undefined ? {} : { anchor }) };
    });
}

const anchors = (file: string): string[] => [...prose(read(file)).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] as string));

describe.each(['README.md', 'docs/architecture.md', 'docs/figures.md'])('%s', (file) => {
  it('links to files that exist', () => {
    expect(links(file).map((l) => l.target).filter((target) => !existsSync(join(PACKAGE_ROOT, target)))).toEqual([]);
  });

  it('links to headings that exist', () => {
    const broken = links(file).filter((l) => l.anchor !== undefined && !anchors(l.target).includes(l.anchor));
    expect(broken).toEqual([]);
  });
});

it("CONTRIBUTING.md's npm scripts are package.json's, and the test file it names exists", () => {
  const text = read('CONTRIBUTING.md');
  const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
  const named = [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] as string);
  expect(named.length).toBeGreaterThan(5);
  expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  const files = [...text.matchAll(/npx vitest run (\S+)/g)].map((m) => m[1] as string);
  expect(files.filter((f) => !existsSync(join(PACKAGE_ROOT, f)))).toEqual([]);
});
