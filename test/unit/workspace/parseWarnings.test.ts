import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../support/workspace';

test('a map with a collection as key is analysed without a process warning on stderr', () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    analyze('kind: Service\nmetadata:\n  name: a\nspec:\n  ? [x, y]\n  : 1\n');
  } finally {
    process.off('warning', onWarning);
  }
  // process warnings are emitted on the next tick
  return new Promise<void>((resolve) => setImmediate(() => {
    assert.deepEqual(warnings, []);
    resolve();
  }));
});
