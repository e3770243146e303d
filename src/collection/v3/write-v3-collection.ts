// Writes a v3 collection's files (from v21ToV3) under a directory that is new or empty: a convert or
// inject never mixes its output with files already there.
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Result } from '../../shared/result';

/**
 * Writes `files` (path relative to the collection root -> text) under `out`.
 * @example const written = await writeV3Collection(v21ToV3(json), 'postman/collections/Partner');
 */
export async function writeV3Collection(files: ReadonlyMap<string, string>, out: string, cwd: string = process.cwd()): Promise<Result<number>> {
  const root = resolve(cwd, out);
  try {
    if (existsSync(root) && (await readdir(root)).length > 0) return { ok: false, error: `${out} is not empty: give a new or empty directory for the v3 collection` };
    for (const [path, text] of files) {
      const file = join(root, ...path.split('/'));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    }
  } catch (error) {
    return { ok: false, error: `cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  return { ok: true, value: files.size };
}
