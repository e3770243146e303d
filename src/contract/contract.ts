// The contract: a parsed OpenAPI 3 document compiled once into a pure response checker.
import type { ValidateFunction } from 'ajv';
import { createSchemaCompiler } from './compile-schemas';
import { compileTemplate, matchingTemplates, requestPath, type PathTemplate } from './match-path';
import { schemaViolations } from './schema-violations';
import { ContractError, type Contract, type ContractExample, type ContractOperation, type ContractResponse, type ContractViolation, type ViolationKind } from './types';
import { isObject } from '../shared/text';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Paths that belong to the fake's own admin API, never to MyValue's: not checked. */
export const DEFAULT_IGNORED_PATHS: readonly string[] = ['/__admin'];

export interface ContractOptions {
  /** Base URLs (or base paths) taken off the front of a request URL before matching. */
  baseUrls?: readonly string[];
  /** Path prefixes not checked at all (whole segments); default: the fake's '/__admin'. */
  ignorePaths?: readonly string[];
}

interface CompiledMedia {
  type: string;
  validate?: ValidateFunction;
}

interface CompiledOperation extends ContractOperation {
  /** Status key as written ('200', '4XX', 'default') -> media types, none for a body-less response. */
  responses: Map<string, CompiledMedia[]>;
}

type Json = Record<string, unknown>;


function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

function isJson(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

function mediaMatches(documented: string, received: string): boolean {
  if (documented === received || documented === '*/*') return true;
  return documented.endsWith('/*') && received.startsWith(documented.slice(0, -1));
}

function line(operation: string, status: number, text: string): string {
  return `${operation} ${status}: ${text}`;
}

function violation(kind: ViolationKind, operation: string, status: number, text: string): ContractViolation {
  return { kind, operation, status, message: line(operation, status, text) };
}

/**
 * A contract from a parsed OpenAPI 3 document (no I/O: see loadContract for the file).
 * @example const contract = createContract(jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }));
 *          contract.check({ method: 'GET', url: 'https://external.ovaltech.id/service/point/?valueID=X', status: 200, contentType: 'application/json', body: { point: 1 } }); // []
 */
export function createContract(doc: unknown, options: ContractOptions = {}): Contract {
  if (!isObject(doc) || !isObject(doc.paths)) throw new ContractError('not an OpenAPI document: no paths');
  const root = doc;

  /** Follows local $refs ('#/components/responses/X') to the object they name. */
  const resolve = (node: unknown, where: string): unknown => {
    let current = node;
    for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
      const ref = current.$ref;
      if (!ref.startsWith('#/') || hops > 20) throw new ContractError(`${where}: cannot follow $ref ${ref}`);
      let target: unknown = root;
      for (const raw of ref.slice(2).split('/')) {
        const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        target = isObject(target) ? target[key] : undefined;
      }
      if (target === undefined) throw new ContractError(`${where}: $ref ${ref} points at nothing`);
      current = target;
    }
    return current;
  };

  const components = isObject(root.components) ? root.components : {};
  const compiler = createSchemaCompiler(isObject(components.schemas) ? components.schemas : {});
  const operations = new Map<string, CompiledOperation>();
  const examples: ContractExample[] = [];
  const templates: PathTemplate[] = [];

  for (const [template, rawItem] of Object.entries(root.paths as Json)) {
    const item = resolve(rawItem, `paths.${template}`);
    if (!isObject(item)) continue;
    templates.push(compileTemplate(template));
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const name = `${method.toUpperCase()} ${template}`;
      const responses = new Map<string, CompiledMedia[]>();
      for (const [status, rawResponse] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        const where = `${name} ${status}`;
        const response = resolve(rawResponse, where);
        const media: CompiledMedia[] = [];
        const content = isObject(response) && isObject(response.content) ? response.content : {};
        for (const [type, rawMedia] of Object.entries(content)) {
          const m = resolve(rawMedia, `${where} ${type}`);
          const schema = isObject(m) ? m.schema : undefined;
          media.push({ type: type.toLowerCase(), validate: schema === undefined ? undefined : compiler.compile(schema, `${where} ${type}`) });
          if (!isObject(m)) continue;
          const named: Array<[string, unknown]> = isObject(m.examples) ? Object.entries(m.examples) : [];
          if (m.example !== undefined) named.push(['example', { value: m.example }]);
          for (const [exampleName, rawExample] of named) {
            const ex = resolve(rawExample, `${where} ${type} example ${exampleName}`);
            if (!isObject(ex) || !('value' in ex) || !/^\d{3}$/.test(status)) continue;
            // A response marked x-source: fake holds only the fake's examples; otherwise each example says.
            const fromFake = [response, rawExample, ex].some((node) => isObject(node) && node['x-source'] === 'fake');
            const source = fromFake ? 'fake' : 'myvalue';
            examples.push({ operation: name, method: method.toUpperCase(), path: template, status: Number(status), contentType: type, name: exampleName, source, value: ex.value });
          }
        }
        responses.set(status, media);
      }
      const operationId = typeof op.operationId === 'string' ? op.operationId : undefined;
      operations.set(name, { method: method.toUpperCase(), path: template, operationId, statuses: [...responses.keys()], responses });
    }
  }

  const baseUrls = options.baseUrls ?? [];
  const ignored = options.ignorePaths ?? DEFAULT_IGNORED_PATHS;
  const isIgnored = (path: string): boolean => ignored.some((p) => path === p || path.startsWith(`${p.replace(/\/+$/, '')}/`));

  const findResponse = (op: CompiledOperation, status: number): CompiledMedia[] | undefined =>
    op.responses.get(String(status)) ?? op.responses.get(`${String(status)[0]}XX`) ?? op.responses.get(`${String(status)[0]}xx`) ?? op.responses.get('default');

  const publicOp = (op: CompiledOperation): ContractOperation => ({ method: op.method, path: op.path, operationId: op.operationId, statuses: [...op.statuses] });

  /** The operation for method + path, or why there is none. */
  const locate = (method: string, path: string): { op: CompiledOperation } | { template?: PathTemplate } => {
    const candidates = matchingTemplates(path, templates);
    for (const t of candidates) {
      const op = operations.get(`${method} ${t.template}`);
      if (op) return { op };
    }
    return { template: candidates[0] };
  };

  const checkBody = (operation: string, status: number, media: CompiledMedia[], response: ContractResponse): ContractViolation[] => {
    if (media.length === 0) return [];
    const received = mediaTypeOf(response.contentType);
    const chosen = received === undefined ? media[0] : media.find((m) => mediaMatches(m.type, received));
    if (!chosen) {
      return [violation('content-type', operation, status, `content type ${received} is not documented (documented: ${media.map((m) => m.type).join(', ')})`)];
    }
    let body = response.body;
    if (isJson(chosen.type) && typeof body === 'string') {
      const text = body;
      try {
        body = JSON.parse(text);
      } catch {
        return [violation('invalid-json', operation, status, `body is not valid JSON (${text.length === 0 ? 'empty' : `starts ${JSON.stringify(text.slice(0, 40))}`})`)];
      }
    }
    if (body === undefined) {
      if (isJson(chosen.type)) return [violation('invalid-json', operation, status, 'body is empty, JSON is documented')];
      body = '';
    }
    if (!chosen.validate || chosen.validate(body)) return [];
    return schemaViolations(chosen.validate.errors ?? [], body).map(({ jsonPath, text }) => ({
      kind: 'schema' as const,
      operation,
      status,
      jsonPath,
      message: line(operation, status, text),
    }));
  };

  return {
    check(response) {
      const method = response.method.toUpperCase();
      const status = response.status;
      // A URL's query is cut off; a path (the request's, decoded) has none, so a `?` in it is part of it.
      const path = response.url !== undefined ? requestPath(response.url, baseUrls) : requestPath(response.path ?? '/', baseUrls, { query: false });
      if (isIgnored(path)) return [];
      const found = locate(method, path);
      if (!('op' in found)) {
        if (!found.template) return [violation('unknown-path', `${method} ${path}`, status, `path ${path} is not in the contract`)];
        const template = found.template.template;
        const documented = METHODS.map((m) => m.toUpperCase()).filter((m) => operations.has(`${m} ${template}`));
        // A 405 answers a method the path does not have: it is checked against the 405 its operations document.
        const any = documented.map((m) => operations.get(`${m} ${template}`) as CompiledOperation).map((op) => op.responses.get(String(status))).find((r) => r !== undefined);
        if (status === 405 && any) return checkBody(`${method} ${template}`, status, any, response);
        return [violation('undocumented-method', `${method} ${template}`, status, `${method} is not documented for ${template} (documented: ${documented.join(', ')})`)];
      }
      const op = found.op;
      const operation = `${op.method} ${op.path}`;
      const media = findResponse(op, status);
      if (!media) return [violation('undocumented-status', operation, status, `status ${status} is not documented for ${operation} (documented: ${op.statuses.join(', ')})`)];
      return checkBody(operation, status, media, response);
    },
    match(method, urlOrPath) {
      const found = locate(method.toUpperCase(), requestPath(urlOrPath, baseUrls));
      return 'op' in found ? publicOp(found.op) : undefined;
    },
    operations: () => [...operations.values()].map(publicOp),
    examples: () => examples.map((e) => ({ ...e })),
  };
}
