// `Prefer` answers with the contract's documented examples: every documented status and example of
// every operation the fake serves, read here independently (swagger-parser), comes back as written;
// MyValue's examples lead each status, placeholders are never forced.
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
      if (Number(code) < 400) continue;
      for (const example of Object.values(response.content?.['application/json']?.examples ?? {})) {
        if (example['x-source'] !== 'placeholder') cases.push([method.toUpperCase(), path.replace('{ID}', 'P1'), example.value.id, Number(code), example.value]);
      }
    }
  }
}

describe('Prefer reads the contract', () => {
  it('finds documented examples on every signed, Auth and SSO operation', () => {
    expect(new Set(cases.map(([method, path]) => `${method} ${path}`)).size).toBe(16);
  });

  // An id documented twice for one status (the fake's ErrValidation variants) answers with the first.
  const firsts = cases.filter(([m, p, id, code], i) => cases.findIndex(([m2, p2, id2, code2]) => m2 === m && p2 === p && id2 === id && code2 === code) === i);
  it.each(firsts)('%s %s example=%s: %i and the example as documented', (method, path, id, code, value) => {
    const response = call(freshFake(), method, path, { body: method === 'POST' ? '{}' : undefined, headers: { prefer: `code=${code}, example=${id}` } });
    expect(response.status).toBe(code);
    expect(response.body).toEqual(value);
  });

  it('code=400 alone answers MyValue\'s first example, not the fake\'s (InvalidClient on every signed route)', () => {
    for (const [method, path] of [['POST', '/service/point/adjustment/'], ['GET', '/service/point/?valueID=VR8EPN'], ['POST', '/v1/service/promos/buy']] as const) {
      expect(call(freshFake(), method, path, { body: method === 'POST' ? '{}' : undefined, headers: { prefer: 'code=400' } }).body).toMatchObject({ id: 'InvalidClient' });
    }
  });

  it('MyValue\'s placeholder example (id "string") is never an answer', () => {
    const response = call(freshFake(), 'POST', '/service/user/', { body: '{}', headers: { prefer: 'code=400, example=string' } });
    expect(response.body).toMatchObject({ id: 'ErrValidation', detail: expect.stringContaining('Prefer example=string is not documented for 400 on POST /service/user') });
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
            '400': { content: { 'application/json': { examples: { own: { 'x-source': 'fake', value: { id: 'Own' } }, b: { value: { id: 'B' } }, p: { 'x-source': 'placeholder', value: { id: 'string' } }, a: { $ref: '#/components/examples/A' } } } } },
          },
        },
      },
    },
    components: {
      responses: { NotFound: { content: { 'application/json': { examples: { gone: { $ref: '#/components/examples/Gone' }, own: { 'x-source': 'fake', value: { id: 'Mine' } } } } } } },
      examples: { Gone: { value: { id: 'Gone' } }, A: { value: { id: 'A' } } },
    },
  };

  it('keeps each status\'s examples in the file\'s order, MyValue\'s first; follows $ref; leaves out placeholders and successes', () => {
    const errors = documentedErrorsOf(tiny).get(operationKey('GET', '/things/:ID/'));
    expect(errors && [...errors].map(([status, examples]) => [status, examples.map((e) => `${e.value && (e.value as { id: string }).id}:${e.source}`)])).toEqual([
      [400, ['B:myvalue', 'A:myvalue', 'Own:fake']],
      [404, ['Gone:myvalue', 'Mine:fake']],
      [405, ['Fake405:fake']],
    ]);
  });
});
