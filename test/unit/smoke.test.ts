import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../server/src/workspace/parseYamlFile';

test('parseYamlFile keeps every document of a multi-document file', () => {
  const f = parseYamlFile('a.yaml', 'kind: A\n---\nkind: B\n');
  assert.equal(f.documents.length, 2);
});
