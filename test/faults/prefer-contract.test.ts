// `Prefer` answers with the contract's documented examples: every documented status and example of
// every operation the fake serves, read here independently (swagger-parser), comes back as written.
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { CONTRACT_FILE } from '../../src/shared/package-files';
import { documentedErrorsOf, operationKey } from '../../src/shared/documented-examples';
import { call, freshFake } from './helpers';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { 'x-source'?: string; content?: Record<string, { examples?: Record<string, { 'x-source'?: string; value: { id: string } }> }> }> }>> };

const doc = (await SwaggerParser.dereference(CONTRACT_FILE)) as unknown as Doc;
const cases: Array<[string, string, string, number, { id: string }]> = [];
for (const [path, item] of Object.entries(doc.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    for (const [code, response] of Object.entries(operation.responses ?? {})) {
      if (Number(code) < 400 || response['x-source']) continue;
      for (const example of Object.values(response.content?.['application/json']?.examples ?? {})) {
        if (!example['x-source']) cases.push([method.toUpperCase(), path.replace('{ID}', 'P1'), example.value.id, Number(code), example.value]);
      }
    }
  }
}

describe('Prefer reads the contract', () => {
  it('finds documented examples on every signed and Auth operation', () => {
    expect(new Set(cases.map(([method, path]) => `${method} ${path}`)).size).toBe(15);
  });

  it.each(cases)('%s %s example=%s: %i and the example as documented', (method, path, id, code, value) => {
    const response = call(freshFake(), method, path, { body: method === 'POST' ? '{}' : undefined, headers: { prefer: `code=${code}, example=${id}` } });
    expect(response.status).toBe(code);
    expect(response.body).toEqual(value);
  });

  it('an example the contract documents for another status only is named with the ones it has', () => {
    const response = call(freshFake(), 'POST', '/service/point/earn/', { body: '{}', headers: { prefer: 'code=401, example=MUD001' } });
    expect(response.body).toEqual({ id: 'ErrValidation', detail: 'Prefer example=MUD001 is not documented for 401 on POST /service/point/earn; examples: ErrAuthorizationInvalidSign', errorCode: 400 });
  });
});

describe('documentedErrorsOf', () => {
  const tiny = {
    paths: {
      '/things/{ID}': {
        get: {
          responses: {
            '200': { content: { 'application/json': { examples: { ok: { value: { fine: true } } } } } },
            '404': { $ref: '#/components/responses/NotFound' },
            '405': { 'x-source': 'fake', content: { 'application/json': { examples: { a: { value: { id: 'Fake405' } } } } } },
            '400': { content: { 'application/json': { examples: { b: { value: { id: 'B' } }, a: { $ref: '#/components/examples/A' } } } } },
          },
        },
      },
    },
    components: {
      responses: { NotFound: { content: { 'application/json': { examples: { gone: { $ref: '#/components/examples/Gone' }, own: { 'x-source': 'fake', value: { id: 'Mine' } } } } } } },
      examples: { Gone: { value: { id: 'Gone' } }, A: { value: { id: 'A' } } },
    },
  };

  it('keeps each status\'s examples in the file\'s order, follows $ref, leaves out x-source and successes', () => {
    const errors = documentedErrorsOf(tiny).get(operationKey('GET', '/things/:ID/'));
    expect(errors && [...errors].map(([status, examples]) => [status, examples.map((e) => e.value)])).toEqual([
      [400, [{ id: 'B' }, { id: 'A' }]],
      [404, [{ id: 'Gone' }]],
    ]);
  });
});
