// The signing table (src/signing/rules.ts) and the OpenAPI the project ships say the same of each signed
// endpoint: which fields it requires, and where its signed fields travel. Adding or changing an endpoint
// in one and not the other fails here, not in a partner's integration.
import SwaggerParser from '@apidevtools/swagger-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONTRACT_FILE } from '../../src/contract';
import { SIGN_RULES, type SignRule } from '../../src/signing';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: { required?: string[]; properties?: Record<string, unknown> } }> };
}
type PathItem = Record<string, Operation> & { parameters?: Parameter[] };

/** The fields the signing hook adds to every signed request, which a rule's `required` leaves out. */
const SIGNING_FIELDS = ['clientID', 'sign'];

let paths: Record<string, PathItem>;
beforeAll(async () => {
  paths = ((await SwaggerParser.dereference(DEFAULT_CONTRACT_FILE)) as unknown as { paths: Record<string, PathItem> }).paths;
});

/** The OpenAPI operation of a rule: its path with {name} for the rule's :ID, and its method. */
function operationOf(rule: SignRule): { operation: Operation; parameters: Parameter[] } {
  const path = Object.keys(paths).find((p) => p.replace(/\{[^}]+\}/g, ':ID') === rule.path);
  const operation = path === undefined ? undefined : paths[path]?.[rule.method.toLowerCase()];
  if (path === undefined || operation === undefined) throw new Error(`${rule.name}: no ${rule.method} ${rule.path} in ${DEFAULT_CONTRACT_FILE}`);
  return { operation, parameters: [...(paths[path]?.parameters ?? []), ...(operation.parameters ?? [])] };
}

/** Where the rule's fields travel, as the OpenAPI declares them: required ones, and every one it names. */
function declared(rule: SignRule): { required: string[]; names: string[] } {
  const { operation, parameters } = operationOf(rule);
  if (rule.location === 'query') {
    const query = parameters.filter((p) => p.in === 'query');
    return { required: query.filter((p) => p.required).map((p) => p.name), names: query.map((p) => p.name) };
  }
  const schema = operation.requestBody?.content['application/json']?.schema;
  return { required: schema?.required ?? [], names: Object.keys(schema?.properties ?? {}) };
}

const sorted = (list: readonly string[]): string[] => [...list].sort();

describe('the signing table and the OpenAPI agree', () => {
  it.each(SIGN_RULES.map((rule) => [rule.name, rule] as const))('%s: the same required fields (clientID and sign aside)', (_name, rule) => {
    const openapi = declared(rule).required.filter((field) => !SIGNING_FIELDS.includes(field));
    expect(sorted(rule.required)).toEqual(sorted(openapi));
  });

  it.each(SIGN_RULES.map((rule) => [rule.name, rule] as const))('%s: every signed field is one the OpenAPI declares where the rule sends it', (_name, rule) => {
    const { names } = declared(rule);
    // A rule's :ID is the path segment, declared as a path parameter.
    const pathId = operationOf(rule).parameters.filter((p) => p.in === 'path').map((p) => p.name);
    expect(rule.fields.filter((field) => !names.includes(field) && !pathId.includes(field))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(SIGNING_FIELDS));
  });
});
