// YAML as the project reads a user's files (v3 collections and environments, --seed, --contract): js-yaml,
// refusing a document whose aliases expand it beyond reason. An alias is a reference, so a "billion
// laughs" file of a few hundred bytes parses at once into 10^10 values; whatever walks or copies it then
// (a JSON body, a validator, a seed) runs out of memory or never ends.
import jsYaml, { type LoadOptions } from 'js-yaml';

/** The values any document may expand to through aliases (more only as far as its own length allows). */
export const MAX_YAML_VALUES = 1_000_000;

/**
 * How many values `root` holds, counting what aliases repeat, stopping once past `max`; without recursion.
 * A document without aliases has fewer values than characters, so only aliases can pass a bound that big.
 */
function valuesUpTo(root: unknown, max: number): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0 && count <= max) {
    const value = stack.pop();
    count += 1;
    if (value !== null && typeof value === 'object') for (const child of Object.values(value)) stack.push(child);
  }
  return count;
}

/**
 * js-yaml's `load`, throwing (as js-yaml does for a syntax error) when aliases make the document more than
 * MAX_YAML_VALUES values, or more values than it has characters, whichever is larger.
 * @example const seed = loadYaml(text, { schema: CORE_SCHEMA });
 */
export function loadYaml(text: string, options?: LoadOptions): unknown {
  const value = jsYaml.load(text, options);
  const max = Math.max(MAX_YAML_VALUES, text.length);
  if (valuesUpTo(value, max) > max) throw new Error(`its aliases (*name) expand it to more than ${max.toLocaleString('en-US')} values: refused`);
  return value;
}

export const CORE_SCHEMA = jsYaml.CORE_SCHEMA;
