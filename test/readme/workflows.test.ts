// The README's GitHub Actions workflows put each verdict in the job summary once. `run`, `gate` and
// `certify` append their own section when GITHUB_STEP_SUMMARY is set, so a job that runs one of them
// has no step of its own writing the summary; `report merge` appends nothing, so a job that merges
// appends the merged gate.md itself. The workflows are read from the README; what the commands do
// with GITHUB_STEP_SUMMARY is checked by running them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it, vi } from 'vitest';
import { shippedFile } from '../../src/shared/package-files';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const README = readFileSync(shippedFile('README.md'), 'utf8');

interface Step {
  name?: string;
  run?: string;
}
interface Workflow {
  name: string;
  jobs: Record<string, { steps: Step[] }>;
}

const WORKFLOWS = [...README.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => jsYaml.load(m[1] ?? '') as Workflow);

/** The commands that append their own section to the job summary. */
const SUMMARISES_ITSELF = /\bnpx myvalue(?:-harness)? (?:run|gate|certify)\b/;
const MERGES = /\bnpx myvalue(?:-harness)? report merge\b/;
const WRITES_SUMMARY = /GITHUB_STEP_SUMMARY/;

const jobs = WORKFLOWS.flatMap((workflow) => Object.entries(workflow.jobs).map(([id, job]) => [`${workflow.name} / ${id}`, job.steps.map((s) => s.run ?? '')] as const));

describe("the README's GitHub Actions workflows", () => {
  it('are the gate (shards, then one merged verdict) and the certification', () => {
    expect(jobs.map(([name]) => name)).toEqual(['MyValue gate / gate', 'MyValue gate / merge', 'MyValue certification / certify']);
  });

  it.each(jobs)('%s: each summary is appended once', (_name, runs) => {
    const own = runs.filter((run) => SUMMARISES_ITSELF.test(run));
    const written = runs.filter((run) => WRITES_SUMMARY.test(run));
    // A job running run, gate or certify gets their section: a step of its own would add a second one.
    if (own.length > 0) expect(written).toEqual([]);
    // A job merging shards gets nothing from report merge: one step appends the merged gate.md.
    if (runs.some((run) => MERGES.test(run))) expect(written).toEqual([expect.stringMatching(/cat reports\/gate\/gate\.md >> "\$GITHUB_STEP_SUMMARY"/)]);
  });
});

describe('what the commands do with GITHUB_STEP_SUMMARY', () => {
  it('gate appends one section; report merge of its reports appends none', async () => {
    const dir = tempDir('myvalue-workflow-');
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    vi.stubEnv('GITHUB_STEP_SUMMARY', summary);
    const gate = await runCli(['gate', '--target', 'msw', '--folder', 'Users', '--out', join(dir, 'shard-1')]);
    expect(gate.code, gate.err.join('\n')).toBe(0);
    const afterGate = readFileSync(summary, 'utf8');
    expect(afterGate.match(/^### .*MyValue gate: PASS$/gm)).toHaveLength(1);

    const merge = await runCli(['report', 'merge', join(dir, 'shard-1'), '--out', join(dir, 'gate')]);
    expect(merge.code, merge.err.join('\n')).toBe(0);
    expect(existsSync(join(dir, 'gate', 'gate.md'))).toBe(true);
    expect(readFileSync(summary, 'utf8')).toBe(afterGate);
  }, 120_000);
});
