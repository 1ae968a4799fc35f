// runRules: a rule set that throws loses only its own output, and an error handler that itself
// throws (describing an odd thrown value, say) does not stop the run either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileFindings, mapUnit, reduceGroup } from '../../../server/src/rules/runRules';
import type { RuleContext, RuleSet } from '../../../server/src/rules/ruleContext';

const ctx = {} as RuleContext;
const thrown = Object.create(null) as object;
const failing: RuleSet = {
  name: 'failing', ids: [],
  map: () => { throw thrown; },
  reduce: () => { throw thrown; },
  files: () => { throw thrown; },
};

test('mapUnit, reduceGroup, fileFindings: the set\u2019s output is empty, the handler hears the thrown value', () => {
  const heard: unknown[] = [];
  const onError = (set: RuleSet, e: unknown) => heard.push([set.name, e]);
  assert.deepEqual(mapUnit(failing, ctx, 'shop', onError), []);
  assert.deepEqual(reduceGroup(failing, [], ctx, onError), []);
  assert.deepEqual(fileFindings(failing, ctx, onError), []);
  assert.deepEqual(heard, [['failing', thrown], ['failing', thrown], ['failing', thrown]]);
});

test('a handler that throws does not escape the run', () => {
  const onError = (_set: RuleSet, e: unknown) => { throw new Error(`cannot describe ${String(e)}`); };
  assert.deepEqual(mapUnit(failing, ctx, 'shop', onError), []);
  assert.deepEqual(reduceGroup(failing, [], ctx, onError), []);
  assert.deepEqual(fileFindings(failing, ctx, onError), []);
});
