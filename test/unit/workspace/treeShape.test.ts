// treeShape.ts: a `yaml` tree is checked before it is turned into values (parseYamlFile.ts reads
// through `yaml` what js-yaml refused): too deep, or a large collection as a key, is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { MAX_COLLECTION_KEY_CHARACTERS, treeShapeProblem } from '../../../server/src/workspace/treeShape';

const tree = (text: string) => parseDocument(text);

test('an ordinary manifest has no shape problem', () => {
  assert.equal(treeShapeProblem(tree('kind: Service\nmetadata: {name: a}\nspec:\n  ports: [{port: 80}]\n'), 200, 0), undefined);
});

test('a small collection key (an unquoted `{{ .Values.x }}`) is allowed', () => {
  assert.equal(treeShapeProblem(tree('a: {{ .Values.x }}\n'), 200, 0), undefined);
});

test(`a collection key longer than ${MAX_COLLECTION_KEY_CHARACTERS} characters is refused, at the key`, () => {
  const key = `[${Array.from({ length: 400 }, (_, i) => `item${i}`).join(', ')}]`;
  const text = `kind: ConfigMap\n? ${key}\n: value\n`;
  const p = treeShapeProblem(tree(text), 200, 0);
  assert.match(p?.message ?? '', /map key is a map or a list/);
  assert.equal(p?.offsets[0], text.indexOf('['));
});

test('nesting deeper than the limit is refused, also inside a key; the walk needs no deep recursion', () => {
  assert.match(treeShapeProblem(tree(`a: ${'['.repeat(20)}x${']'.repeat(20)}\n`), 10, 0)?.message ?? '', /nested more than 10 levels/);
  assert.match(treeShapeProblem(tree(`? ${'['.repeat(20)}x${']'.repeat(20)}\n: v\n`), 10, 0)?.message ?? '', /nested more than 10 levels/);
  assert.equal(treeShapeProblem(tree(`a: ${'['.repeat(5)}x${']'.repeat(5)}\n`), 10, 0), undefined);
});
