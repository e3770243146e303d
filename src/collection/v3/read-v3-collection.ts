// Finds and reads a collection schema 3.0.0 directory from disk (its YAML files only) and converts
// it with v3ToV21. Recognised by `.resources/definition.yaml` or `*.request.yaml` files.
import { existsSync, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { readTextFile } from '../../shared/decode-text';
import type { Result } from '../../shared/result';
import { LEGACY_ADVICE, v3ToV21, type V3Conversion } from './v3-to-v21';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
const REQUEST_FILE = /\.request\.ya?ml$/i;
const hasDefinition = (dir: string): boolean => existsSync(join(dir, '.resources', 'definition.yaml')) || existsSync(join(dir, '.resources', 'definition.yml'));
/** The older v3 layout keeps the collection in a `collection.yaml` at its root instead. */
const isLegacyRoot = (dir: string): boolean => !hasDefinition(dir) && (existsSync(join(dir, 'collection.yaml')) || existsSync(join(dir, 'collection.yml')));

/** The nearest directory above `from` (itself excluded) with a `.resources/definition.yaml`. */
function collectionAbove(from: string): string | undefined {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) if (hasDefinition(dir)) return dir;
  return undefined;
}

async function entries(dir: string): Promise<Dirent[]> {
  return readdir(dir, { withFileTypes: true });
}

async function anyRequestFile(dir: string): Promise<boolean> {
  for (const entry of await entries(dir)) {
    if (entry.isFile() && REQUEST_FILE.test(entry.name)) return true;
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && (await anyRequestFile(join(dir, entry.name)))) return true;
  }
  return false;
}

/**
 * Whether `source` (relative to `cwd`) is meant as a v3 collection: a directory with a definition
 * or request files, or a `*.request.yaml` file (which the reader then refuses with its collection).
 */
export async function isV3Source(source: string, cwd: string): Promise<boolean> {
  const path = resolve(cwd, source);
  if (REQUEST_FILE.test(path)) return true;
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function yamlFiles(root: string, warnings: string[], label: (p: string) => string, dir = root, into = new Map<string, string>()): Promise<Map<string, string>> {
  for (const entry of await entries(dir)) {
    const full = join(dir, entry.name);
    const rel = relative(root, full).split(sep).join('/');
    if (entry.isSymbolicLink()) warnings.push(`skipped ${label(rel)}: a symbolic link (the reader stays inside the collection directory)`);
    else if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await yamlFiles(root, warnings, label, full, into);
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) into.set(rel, await readTextFile(full));
  }
  return into;
}

export interface V3Read extends V3Conversion {
  /** The collection directory, absolute. */
  root: string;
}

/**
 * Reads the v3 collection at `source` (a directory, relative to `cwd`) as a v2.1 collection.
 * @example const read = await readV3Collection('postman/collections/Partner API');
 *          if (read.ok) for (const line of read.value.warnings) console.error(line);
 */
export async function readV3Collection(source: string, cwd: string = process.cwd()): Promise<Result<V3Read>> {
  const root = resolve(cwd, source);
  const shown = source.replace(/[\\/]+$/, '');
  if (REQUEST_FILE.test(root)) {
    const above = collectionAbove(root);
    if (!existsSync(root)) return { ok: false, error: `cannot read collection ${source}: no such file` };
    return { ok: false, error: above ? `${source} is one request of the collection ${relative(cwd, above) || '.'}: give --collection that directory` : `${source} is a request file outside any collection (no .resources/definition.yaml above it): give the collection directory` };
  }
  try {
    if (!(await stat(root)).isDirectory()) return { ok: false, error: `${source} is not a directory` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `cannot read collection ${source}: ${code === 'ENOENT' ? 'no such file or directory' : (code ?? (error as Error).message)}` };
  }
  if (isLegacyRoot(root)) return { ok: false, error: `${source} is a collection in the older v3 layout (collection.yaml, requests with "type: http"), which the harness does not read: ${LEGACY_ADVICE}` };
  if (!hasDefinition(root)) {
    const above = collectionAbove(root);
    if (above) return { ok: false, error: `${source} is a folder of the collection ${relative(cwd, above) || '.'}: give --collection that directory (and --folder to run part of it)` };
    if (!(await anyRequestFile(root))) return { ok: false, error: `${source} is not a Postman collection directory (no .resources/definition.yaml and no *.request.yaml files)` };
  }
  const warnings: string[] = [];
  const label = (path: string): string => `${shown}/${path}`;
  const files = await yamlFiles(root, warnings, label);
  const converted = v3ToV21(files, basename(root), label);
  if (!converted.ok) return converted;
  return { ok: true, value: { ...converted.value, warnings: [...warnings, ...converted.value.warnings], root } };
}
