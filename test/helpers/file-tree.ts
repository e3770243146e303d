// Every file under a directory with its text, to compare two trees file for file.
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Every file under `dir`: its path relative to `dir` ('/' between the parts) -> its text.
 * @example expect(fileTree(written)).toEqual(fileTree(committed));
 */
export function fileTree(dir: string): Record<string, string> {
  const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[]).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Object.fromEntries(files.sort().map((file) => [relative(dir, file).split(sep).join('/'), readFileSync(file, 'utf8')]));
}
