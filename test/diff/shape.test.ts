// The shape `myvalue diff` compares: keys and JSON types, array items merged, values never compared.
import { describe, expect, it } from 'vitest';
import { bodyShape, compareShapes, MAX_SHAPE_DEPTH, shapeOf } from '../../src/reports/drift-shape';

const diff = (a: unknown, b: unknown): string[] => compareShapes(shapeOf(a), shapeOf(b));

describe('drift shapes', () => {
  it('ignores volatile values: other ids, dates, tokens and signs of the same types agree', () => {
    expect(diff(
      { valueID: 'VR8EPN', createdAt: '2026-01-01T00:00:00Z', access_token: 'at-1', sign: 'ab', point: 10 },
      { valueID: 'ZZ1234', createdAt: '2027-05-06T07:08:09Z', access_token: 'at-2', sign: 'cd', point: 99999 },
    )).toEqual([]);
  });

  it('merges array items: the union of their keys, a key in some items only is noted', () => {
    expect(shapeOf([{ a: 1 }, { a: 2, b: 'x' }])).toEqual({ kind: 'array', items: { kind: 'object', keys: { a: { kind: 'number' }, b: { kind: 'string' } }, optional: ['b'] } });
    // Two and three items of the same shape agree; a key every item has against one some have is a difference.
    expect(diff({ results: [{ point: 1 }, { point: 2 }] }, { results: [{ point: 3 }] })).toEqual([]);
    expect(diff({ results: [{ point: 1, note: 'x' }] }, { results: [{ point: 1, note: 'y' }, { point: 2 }] })).toEqual(['/results/*/note: in every item of A, in some items of B']);
    // An empty array says nothing about its items.
    expect(diff({ results: [] }, { results: [{ point: 1 }] })).toEqual([]);
  });

  it('finds a type changed at any depth, with a JSON-pointer-like path', () => {
    expect(diff({ results: [{ point: 1 }] }, { results: [{ point: '1' }] })).toEqual(['/results/*/point: number vs string']);
    expect(diff({ user: { phone: null } }, { user: { phone: '0812' } })).toEqual(['/user/phone: null vs string']);
    expect(diff({ results: [] }, { results: {} })).toEqual(['/results: array vs object']);
    expect(diff([1, 'a'], [1])).toEqual(['/*: number|string vs number']);
  });

  it('names a key found on one side only', () => {
    expect(diff({ a: 1, foo: true }, { a: 1, bar: 'x' })).toEqual(['/bar: only in B', '/foo: only in A']);
  });

  it('compares a body that is not JSON by its media type only', () => {
    expect(bodyShape('text/html; charset=utf-8', '<p>hi</p>')).toEqual({ kind: 'text', contentType: 'text/html' });
    expect(compareShapes(bodyShape('text/html', '<p>a</p>'), bodyShape('text/html', '<b>b</b>'))).toEqual([]);
    expect(compareShapes(bodyShape('text/html', 'x'), bodyShape('application/json', '{"a":1}'))).toEqual(['/: text (text/html) vs object']);
    expect(bodyShape('application/json', '{not json')).toEqual({ kind: 'text', contentType: 'application/json' });
  });

  it('a body nested 100,000 deep is JSON, shaped to MAX_SHAPE_DEPTH levels: a difference above the bound shows, none below, no overflow', () => {
    const deep = (n: number, leaf: string): string => '{"a":'.repeat(n) + leaf + '}'.repeat(n);
    const big = bodyShape('application/json', deep(100_000, '1'));
    expect(big.kind).toBe('object');
    expect(compareShapes(big, bodyShape('application/json', deep(100_000, '"x"')))).toEqual([]);
    const path = '/a'.repeat(MAX_SHAPE_DEPTH - 1);
    expect(compareShapes(bodyShape('application/json', deep(MAX_SHAPE_DEPTH - 1, '1')), bodyShape('application/json', deep(MAX_SHAPE_DEPTH - 1, '"x"')))).toEqual([`${path}: number vs string`]);
    expect(compareShapes(big, bodyShape('application/json', '[' + deep(10, '1') + ']'))).toEqual(['/: object vs array']);
  });
});
