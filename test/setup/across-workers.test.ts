// madeOnce (test/helpers/across-workers.ts): one maker however many ask, the same value for all, and a
// failure or a dead maker said at once instead of a wait until the timeout.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { madeOnce } from '../helpers/across-workers';
import { tempDir } from '../helpers/temp-dir';

describe('madeOnce', () => {
  it('makes the value once however many ask at the same time, in the directory of its key; every caller gets it as JSON gives it back', async () => {
    const runDir = tempDir('myvalue-across-');
    const made: string[] = [];
    const make = async (dir: string): Promise<{ dir: string; at: Date; skipped?: string }> => {
      made.push(dir);
      await new Promise((resolve) => setTimeout(resolve, 250));
      return { dir, at: new Date(0), skipped: undefined };
    };
    const values = await Promise.all([madeOnce(runDir, 'run', make), madeOnce(runDir, 'run', make), madeOnce(runDir, 'run', make)]);
    expect(made).toEqual([join(runDir, 'run')]);
    for (const value of values) expect(value).toStrictEqual({ dir: join(runDir, 'run'), at: '1970-01-01T00:00:00.000Z' });
    // Another key is another value.
    expect(await madeOnce(runDir, 'other', async (dir) => dir)).toBe(join(runDir, 'other'));
  });

  it("fails every caller with the maker's message when making fails", async () => {
    const runDir = tempDir('myvalue-across-');
    const make = async (): Promise<never> => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error('newman could not run the collection');
    };
    const results = await Promise.allSettled([madeOnce(runDir, 'gate', make), madeOnce(runDir, 'gate', make)]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'fulfilled'))).toEqual([
      'making "gate" failed: newman could not run the collection',
      'making "gate" failed: newman could not run the collection',
    ]);
  });

  it('fails at once when the process making it ended without a value', async () => {
    const runDir = tempDir('myvalue-across-');
    // A maker that got as far as writing its pid, and a pid no process has (above Linux's largest).
    mkdirSync(join(runDir, 'gate'));
    writeFileSync(join(runDir, 'gate', '.maker'), '2147483646');
    await expect(madeOnce(runDir, 'gate', async () => 'never')).rejects.toThrow('the process making "gate" (pid 2147483646) ended without it');
  });
});
