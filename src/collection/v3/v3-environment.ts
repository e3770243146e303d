// A v3 environment (YAML: name, values [{key, value, enabled, type}]) as the values a run takes, the
// same list a v2.1 `*.postman_environment.json` holds.
import type { Result } from '../../shared/result';
import { isObject } from '../../shared/text';
import { parseYaml } from './v3-yaml';

export interface EnvironmentValue {
  key: string;
  value: unknown;
  type?: string;
  enabled?: boolean;
}

/** Whether a file name is YAML (a v3 environment) rather than JSON. */
export const isYamlFile = (file: string): boolean => /\.ya?ml$/i.test(file);

/**
 * The values of a v3 environment file's text; `file` names it in errors.
 * @example const env = readV3Environment(text, 'postman/environments/Sandbox.environment.yaml');
 */
export function readV3Environment(text: string, file: string): Result<{ name?: string; values: EnvironmentValue[] }> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  if (!isObject(doc) || !Array.isArray(doc.values)) return { ok: false, error: `${file} is not a Postman environment (no "values" list)` };
  const values: EnvironmentValue[] = [];
  for (const entry of doc.values) {
    if (!isObject(entry) || typeof entry.key !== 'string') return { ok: false, error: `${file}: an entry of "values" has no "key"` };
    values.push({ key: entry.key, value: entry.value ?? '', ...(typeof entry.type === 'string' ? { type: entry.type } : {}), ...(typeof entry.enabled === 'boolean' ? { enabled: entry.enabled } : {}) });
  }
  return { ok: true, value: { ...(typeof doc.name === 'string' ? { name: doc.name } : {}), values } };
}
