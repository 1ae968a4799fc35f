import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  asArray,
  asBoolean,
  asMap,
  asPortNumber,
  asStrictString,
  asString,
  asStringList,
  asStringMap,
  get,
  has,
} from '../../../server/src/model/read';

describe('model/read: wrong types read as absent, never throw', () => {
  test('asMap accepts only plain objects', () => {
    assert.deepEqual(asMap({ a: 1 }), { a: 1 });
    for (const v of [null, undefined, 5, 'x', true, [1], []]) assert.equal(asMap(v), undefined, JSON.stringify(v));
  });
  test('asArray gives [] for anything that is not a list', () => {
    assert.deepEqual(asArray([1, 2]), [1, 2]);
    for (const v of [null, undefined, 5, 'x', { a: 1 }]) assert.deepEqual(asArray(v), []);
  });
  test('asString keeps the text of numbers and booleans, as Kubernetes string fields would', () => {
    assert.equal(asString('a'), 'a');
    assert.equal(asString(8080), '8080');
    assert.equal(asString(true), 'true');
    for (const v of [null, undefined, { a: 1 }, [1]]) assert.equal(asString(v), undefined);
  });
  test('asStrictString accepts only strings (enum fields)', () => {
    assert.equal(asStrictString('STRICT'), 'STRICT');
    assert.equal(asStrictString(1), undefined);
    assert.equal(asStrictString(null), undefined);
  });
  test('asStringList drops non-scalars and tolerates a non-list', () => {
    assert.deepEqual(asStringList(['a', 1, null, { x: 1 }, [2], false]), ['a', '1', 'false']);
    assert.deepEqual(asStringList('a'), []);
    assert.deepEqual(asStringList(null), []);
  });
  test('asStringMap keeps scalar values only', () => {
    assert.deepEqual(asStringMap({ a: 'x', b: 1, c: null, d: { e: 1 }, f: [1], g: true }), { a: 'x', b: '1', g: 'true' });
    assert.deepEqual(asStringMap([['a', 'b']]), {});
    assert.deepEqual(asStringMap('a=b'), {});
  });
  test('asBoolean: booleans and the strings true/false only', () => {
    assert.equal(asBoolean(true), true);
    assert.equal(asBoolean('false'), false);
    for (const v of ['yes', 1, 0, null, 'TRUE', {}]) assert.equal(asBoolean(v), undefined, JSON.stringify(v));
  });
  test('asPortNumber: integers 1..65535, as numbers or decimal strings', () => {
    assert.equal(asPortNumber(80), 80);
    assert.equal(asPortNumber('8080'), 8080);
    assert.equal(asPortNumber(' 443 '), 443);
    assert.equal(asPortNumber(65535), 65535);
    for (const v of [0, 65536, -1, 80.5, '8e1', '0x50', 'http', '', null, true, [80], { number: 80 }, Number.NaN, Infinity]) {
      assert.equal(asPortNumber(v), undefined, String(v));
    }
  });
  test('get walks maps and lists; a wrong type on the way is undefined', () => {
    const v = { a: { b: [{ c: 1 }] } };
    assert.equal(get(v, ['a', 'b', 0, 'c']), 1);
    assert.equal(get(v, ['a', 'b', 'c']), undefined);
    assert.equal(get(v, ['a', 0]), undefined);
    assert.equal(get(v, ['a', 'b', 5, 'c']), undefined);
    assert.equal(get(5, ['a']), undefined);
    assert.equal(get(null, ['a']), undefined);
    assert.equal(get(v, []), v);
  });
  test('get and has see own keys only (no prototype lookups)', () => {
    assert.equal(get({}, ['constructor']), undefined);
    assert.equal(get({}, ['__proto__']), undefined);
    assert.equal(get({}, ['toString']), undefined);
    assert.equal(has({}, 'hasOwnProperty'), false);
    assert.equal(has({ a: null }, 'a'), true);
    assert.equal(has([1], '0'), false);
    assert.equal(has(null, 'a'), false);
  });
});
