import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../support/workspace';

test('a map with a collection as key is analysed without a process warning on stderr', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  analyze('kind: Service\nmetadata:\n  name: a\nspec:\n  ? [x, y]\n  : 1\n');
  // process warnings are emitted on a later tick
  await new Promise<void>((resolve) => setImmediate(resolve));
  process.off('warning', onWarning);
  assert.deepEqual(warnings, []);
});
