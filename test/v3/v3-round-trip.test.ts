// v2.1 -> v3 -> v2.1 keeps every request, script, variable, header, body and the order: over
// generated collections (fast-check) and over the shipped collection.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import sdk from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { v21ToV3 } from '../../src/collection/v3/v21-to-v3';
import { v3ToV21 } from '../../src/collection/v3/v3-to-v21';
import { shippedFile } from '../../src/shared/package-files';
import { parseYaml } from '../../src/collection/v3/v3-yaml';
import { collectionOf, shape, type Json } from './collection-shape';

function roundTrip(json: Json): Json {
  const files = v21ToV3(json);
  // Every file is YAML the reader parses.
  for (const [path, text] of files) expect(parseYaml(text, path).ok, path).toBe(true);
  const back = v3ToV21(files, 'x');
  if (!back.ok) throw new Error(back.error);
  expect(back.value.warnings).toEqual([]);
  return new sdk.Collection(back.value.collection).toJSON() as Json;
}

describe('v2.1 -> v3 -> v2.1', () => {
  it('keeps every request, script, variable, header, body and the order of generated collections', () => {
    fc.assert(
      fc.property(collectionOf(), (generated) => {
        const json = new sdk.Collection(JSON.parse(JSON.stringify(generated))).toJSON() as Json;
        expect(shape(roundTrip(json))).toEqual(shape(json));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the shipped collection', () => {
    const json = new sdk.Collection(JSON.parse(readFileSync(shippedFile('collections/myvalue-partner.postman_collection.json'), 'utf8'))).toJSON() as Json;
    const back = roundTrip(json);
    expect(shape(back)).toEqual(shape(json));
    const count = (items: Json[]): number => items.reduce((n, i) => n + (Array.isArray(i.item) ? count(i.item) : 1), 0);
    expect(count(back.item)).toBe(count(json.item as Json[]));
  });
});
