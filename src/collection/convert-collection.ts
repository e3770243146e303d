// `myvalue convert` as a function: any collection the loader reads (v1, v2.0, v2.1 file or URL, or a
// v3 directory) written as v2.1 JSON or as a collection schema 3.0.0 directory.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Result } from '../shared/result';
import { loadCollection, type CollectionVersion } from './load-collection';
import { v21ToV3 } from './v3/v21-to-v3';
import { writeV3Collection } from './v3/write-v3-collection';

export const TARGET_FORMATS = ['v2.1', 'v3'] as const;
export type TargetFormat = (typeof TARGET_FORMATS)[number];

export interface Converted {
  from: CollectionVersion;
  to: TargetFormat;
  requests: number;
  /** Files written (1 for v2.1). */
  files: number;
  warnings: string[];
}

/**
 * Writes a v2.1 collection's JSON as `to` at `out` (a file for v2.1, a new or empty directory for v3);
 * what v3 cannot hold is left out with a line added to `warnings`.
 */
export async function writeCollectionAs(json: object, to: TargetFormat, out: string, cwd: string, warnings: string[] = []): Promise<Result<number>> {
  if (to === 'v3') return writeV3Collection(v21ToV3(json, warnings), out, cwd);
  try {
    await writeFile(resolve(cwd, out), `${JSON.stringify(json, null, 2)}\n`);
    return { ok: true, value: 1 };
  } catch (error) {
    return { ok: false, error: `cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}

const requestCount = (items: unknown[] = []): number =>
  items.reduce<number>((n, item) => n + (Array.isArray((item as { item?: unknown[] }).item) ? requestCount((item as { item: unknown[] }).item) : 1), 0);

/**
 * Converts `source` to `to`, written at `out`.
 * @example const done = await convertCollection('collections/myvalue-partner.postman_collection.json', 'v3', 'postman/collections/MyValue');
 */
export async function convertCollection(source: string, to: TargetFormat, out: string, cwd: string = process.cwd()): Promise<Result<Converted>> {
  const loaded = await loadCollection(source, cwd);
  if (!loaded.ok) return loaded;
  const json = loaded.collection.toJSON();
  const warnings = [...loaded.warnings];
  const written = await writeCollectionAs(json, to, out, cwd, warnings);
  if (!written.ok) return written;
  return { ok: true, value: { from: loaded.version, to, requests: requestCount(json.item), files: written.value, warnings } };
}
