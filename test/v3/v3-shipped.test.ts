// The shipped collection as a v3 directory (collections/v3/MyValue Partner) is generated from the one
// source, collections/myvalue-partner.postman_collection.json (`npm run collections:v3`): the files
// are exactly what the writer makes of it, so the two cannot drift. That a v3 conversion of the JSON
// runs to the same results as the JSON is test/v3/v3-run.test.ts.
import { readFileSync } from 'node:fs';
import sdk from 'postman-collection';
import { describe, expect, it } from 'vitest';
import { v21ToV3 } from '../../src/collection/v3/v21-to-v3';
import { shippedFile } from '../../src/shared/package-files';
import { fileTree } from '../helpers/file-tree';

const DIR = shippedFile('collections/v3/MyValue Partner');

describe('collections/v3/MyValue Partner', () => {
  it('is what the writer makes of the shipped v2.1 collection, file for file (regenerate: npm run collections:v3)', () => {
    const json = new sdk.Collection(JSON.parse(readFileSync(shippedFile('collections/myvalue-partner.postman_collection.json'), 'utf8'))).toJSON();
    const expected = Object.fromEntries(v21ToV3(json));
    expect(fileTree(DIR)).toEqual(expected);
  });
});
