// OpenAPI 3.0 schemas into ajv validators: component $refs rewritten to one registered schema,
// OpenAPI-only keywords known to ajv, `x-` extensions dropped. Compiled once, at load.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ContractError } from './types';

const COMPONENTS_ID = 'myvalue-contract-components';
const SCHEMA_REF = '#/components/schemas/';

/** Keywords OpenAPI 3.0 allows in a schema that JSON Schema draft-07 does not validate. */
const ANNOTATIONS = ['example', 'xml', 'externalDocs', 'deprecated', 'discriminator'] as const;

/** OpenAPI's own formats: the integer ranges are checked, the others only annotate. */
const OPENAPI_FORMATS: Record<string, { type: 'number' | 'string'; validate: (value: never) => boolean }> = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  float: { type: 'number', validate: () => true },
  double: { type: 'number', validate: () => true },
  byte: { type: 'string', validate: (s: string) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) },
  binary: { type: 'string', validate: () => true },
  password: { type: 'string', validate: () => true },
};

/** A deep copy with component refs pointing at the registered components schema and `x-` keys gone. */
export function rewriteSchema(node: unknown, where: string): unknown {
  if (Array.isArray(node)) return node.map((item, i) => rewriteSchema(item, `${where}/${i}`));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-')) continue;
    if (key === '$ref') {
      if (typeof value !== 'string' || !value.startsWith(SCHEMA_REF)) {
        throw new ContractError(`${where}: only '${SCHEMA_REF}...' refs are supported in schemas, got ${JSON.stringify(value)}`);
      }
      out.$ref = `${COMPONENTS_ID}#/$defs/${value.slice(SCHEMA_REF.length)}`;
      continue;
    }
    out[key] = rewriteSchema(value, `${where}/${key}`);
  }
  return out;
}

export interface SchemaCompiler {
  compile(schema: unknown, where: string): ValidateFunction;
}

/** An ajv instance that knows the file's component schemas. */
export function createSchemaCompiler(componentSchemas: Record<string, unknown>): SchemaCompiler {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: true, strictRequired: false, logger: false });
  addFormats(ajv);
  for (const [name, format] of Object.entries(OPENAPI_FORMATS)) ajv.addFormat(name, format as never);
  const known = (ajv.RULES as unknown as { keywords: Record<string, unknown> }).keywords;
  for (const keyword of ANNOTATIONS) if (!known[keyword]) ajv.addKeyword({ keyword, schemaType: ['string', 'number', 'boolean', 'object', 'array', 'null'] });
  const defs: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(componentSchemas)) defs[name] = rewriteSchema(schema, `#/components/schemas/${name}`);
  try {
    ajv.addSchema({ $id: COMPONENTS_ID, $defs: defs });
    // Compiled now so a broken component fails at load, not at the first response that uses it.
    for (const name of Object.keys(defs)) ajv.getSchema(`${COMPONENTS_ID}#/$defs/${name}`);
  } catch (error) {
    throw new ContractError(`components.schemas: ${(error as Error).message}`);
  }
  // Most responses share a schema ({$ref: Error} above all): each distinct one is compiled once.
  const compiled = new Map<string, ValidateFunction>();
  return {
    compile(schema, where) {
      const rewritten = rewriteSchema(schema, where) as object;
      const key = JSON.stringify(rewritten);
      const known = compiled.get(key);
      if (known) return known;
      try {
        const validate = ajv.compile(rewritten);
        compiled.set(key, validate);
        return validate;
      } catch (error) {
        throw new ContractError(`${where}: ${(error as Error).message}`);
      }
    },
  };
}
