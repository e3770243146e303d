// What README.md's "Use it in your own project" tells a partner to install and paste, read from the
// README itself, so the package test runs exactly that and cannot drift from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExampleFile {
  file: string;
  code: string;
}

export interface ReadmePartner {
  /** What the install line adds beside the tarball: `npm install --save-dev <tarball> msw`. */
  beside: string[];
  /** Each runner's own packages, from `**vitest** (`npm install --save-dev vitest`)`; node:test has none. */
  runnerPackages: Map<string, string[]>;
  /** Each runner's files: `<!-- partner-example: RUNNER FILE -->` before a fenced block, in README order. */
  examples: Map<string, ExampleFile[]>;
}

/** The runner a README heading names, as the example markers spell it. */
const RUNNER_OF_HEADING: Record<string, string> = { vitest: 'vitest', jest: 'jest', 'node:test': 'node-test' };

/** Reads the partner's instructions from the README at `root`. */
export function readmePartner(root: string): ReadmePartner {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const installLine = /^npm install --save-dev \.\.\/myvalue-harness\/myvalue-harness-\S+\.tgz (.+)$/m.exec(readme);
  if (!installLine) throw new Error('README has no `npm install --save-dev ../myvalue-harness/myvalue-harness-<version>.tgz ...` line');
  const runnerPackages = new Map<string, string[]>();
  for (const m of readme.matchAll(/^\*\*(\S+)\*\* \(`npm install --save-dev ([^`]+)`/gm)) {
    const runner = RUNNER_OF_HEADING[m[1] as string];
    if (runner) runnerPackages.set(runner, (m[2] as string).split(' '));
  }
  const examples = new Map<string, ExampleFile[]>();
  for (const m of readme.matchAll(/<!-- partner-example: (\S+) (\S+) -->\n```(?:ts|js)\n([\s\S]*?)\n```/g)) {
    const runner = m[1] as string;
    examples.set(runner, [...(examples.get(runner) ?? []), { file: m[2] as string, code: `${m[3] as string}\n` }]);
  }
  return { beside: (installLine[1] as string).split(' '), runnerPackages, examples };
}
