// The documented error examples, per operation and status, read from the project's OpenAPI file:
// what the fake's `Prefer: code=…` answers with. MyValue's examples come first, then the fake's own
// (`x-source: fake`); MyValue's placeholder examples (`x-source: placeholder`) are left out.
import { readFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import { CONTRACT_FILE } from './package-files';
import { isObject } from './text';

export interface DocumentedExample {
  /** The example's name in the file. */
  name: string;
  /** The example body, as documented. */
  value: unknown;
  /** MyValue's example, or the fake's own answer (`x-source: fake`). */
  source: 'myvalue' | 'fake';
}

/** Error statuses of one operation (ascending, as JSON objects order them); each status's examples in the file's order. */
export type DocumentedErrors = ReadonlyMap<number, readonly DocumentedExample[]>;

/** 'METHOD /path' with parameters written `{}` and no trailing slash: `:ID` and `{ID}` give the same key. */
export function operationKey(method: string, path: string): string {
  const segments = path.split('/').filter((s) => s.length > 0).map((s) => (/^(:.+|\{.+\})$/.test(s) ? '{}' : s));
  return `${method.toUpperCase()} /${segments.join('/')}`;
}

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete'];

/** Follows a local `$ref` ('#/components/...') of the document. */
function deref(doc: unknown, node: unknown): unknown {
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && hops < 10; hops++) {
    const ref: string = node.$ref;
    node = ref.startsWith('#/') ? ref.slice(2).split('/').reduce<unknown>((at, key) => (isObject(at) ? at[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc) : undefined;
  }
  return node;
}

const sourceOf = (node: unknown): unknown => (isObject(node) ? node['x-source'] : undefined);

/** Every operation's documented error examples, from an OpenAPI document. */
export function documentedErrorsOf(doc: unknown): ReadonlyMap<string, DocumentedErrors> {
  const out = new Map<string, DocumentedErrors>();
  const paths = isObject(doc) && isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation) || !isObject(operation.responses)) continue;
      const errors = new Map<number, DocumentedExample[]>();
      for (const [code, raw] of Object.entries(operation.responses)) {
        const status = Number(code);
        const response = deref(doc, raw);
        if (!(status >= 400) || !isObject(response) || !isObject(response.content)) continue;
        const examples: DocumentedExample[] = [];
        for (const media of Object.values(response.content)) {
          if (!isObject(media) || !isObject(media.examples)) continue;
          for (const [name, ref] of Object.entries(media.examples)) {
            const example = deref(doc, ref);
            if (!isObject(example) || !('value' in example) || sourceOf(example) === 'placeholder') continue;
            examples.push({ name, value: example.value, source: sourceOf(response) === 'fake' || sourceOf(example) === 'fake' ? 'fake' : 'myvalue' });
          }
        }
        // MyValue's first (a status's first example is Prefer's default); the file's order otherwise.
        examples.sort((a, b) => Number(a.source === 'fake') - Number(b.source === 'fake'));
        if (examples.length > 0) errors.set(status, examples);
      }
      out.set(operationKey(method, path), errors);
    }
  }
  return out;
}

let shipped: ReadonlyMap<string, DocumentedErrors> | undefined;

/** The shipped contract's documented errors, read once on first use. */
export function documentedErrors(): ReadonlyMap<string, DocumentedErrors> {
  shipped ??= documentedErrorsOf(jsYaml.load(readFileSync(CONTRACT_FILE, 'utf8'), { schema: jsYaml.CORE_SCHEMA }));
  return shipped;
}
