// YAML in and out for collection schema 3.0.0 files: a parse error is one line naming the file, its
// line and its column; dumping is deterministic (no references, no line folding, keys as given).
import jsYaml from 'js-yaml';
import type { Result } from '../../shared/result';
import { oneLine } from '../../shared/text';
import { loadYaml } from '../../shared/yaml';

/**
 * Parses one YAML file; `file` is how the error names it (a path relative to the collection root).
 * @example const parsed = parseYaml('$kind: http-request\n', 'Balance.request.yaml');
 */
export function parseYaml(text: string, file: string): Result<unknown> {
  try {
    return { ok: true, value: loadYaml(text.replace(/^\uFEFF/, ''), { filename: file }) };
  } catch (error) {
    const e = error as { reason?: string; mark?: { line: number; column: number }; message: string };
    const at = e.mark ? `:${e.mark.line + 1}:${e.mark.column + 1}` : '';
    return { ok: false, error: `${file}${at}: invalid YAML: ${oneLine(e.reason ?? e.message)}` };
  }
}

/** YAML text of a plain value, as the writer puts it in files. */
export function dumpYaml(value: unknown): string {
  return jsYaml.dump(value, { noRefs: true, lineWidth: -1, sortKeys: false });
}
