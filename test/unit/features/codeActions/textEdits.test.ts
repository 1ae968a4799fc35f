import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlFile } from '../../../../server/src/workspace/parseYamlFile';
import { normalizeEdits, type OffsetEdit } from '../../../../server/src/features/codeActions/offsetEdit';
import { appendDocuments, editMap, removeDocuments, removePath } from '../../../../server/src/features/codeActions/textEdits';
import { mapAtPath } from '../../../../server/src/features/codeActions/yamlNodes';
import { indentUnitOf, isPlainSafe } from '../../../../server/src/features/codeActions/yamlText';
import { assertParses } from './support';

function apply(text: string, edits: readonly OffsetEdit[] | undefined): string {
  const list = normalizeEdits(edits ?? []);
  assert.ok(list, 'edits do not overlap');
  let out = text;
  for (const e of [...list].reverse()) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  assertParses(out);
  return out;
}

const docAt = (text: string, i = 0) => parseYamlFile('t.yaml', text).documents[i].doc;

describe('editMap', () => {
  test('block map: set a missing key and remove others in one go, comments kept', () => {
    const text = 'tls:\n  # a comment\n  caCertificates: /ca.pem\n  sni: x # s\n  privateKey: /k\n';
    const map = mapAtPath(docAt(text), ['tls']);
    assert.ok(map);
    const out = apply(text, editMap(text, map, { set: { key: 'mode', value: 'ISTIO_MUTUAL' }, remove: ['caCertificates', 'privateKey'] }));
    assert.equal(out, 'tls:\n  # a comment\n  mode: ISTIO_MUTUAL\n  sni: x # s\n');
  });

  test('flow map: removing the first and the last items keeps one comma between the rest', () => {
    const text = 'tls: {caCrl: a, mode: SIMPLE, sni: x, privateKey: k}\n';
    const map = mapAtPath(docAt(text), ['tls']);
    assert.ok(map);
    assert.equal(apply(text, editMap(text, map, { set: { key: 'mode', value: 'ISTIO_MUTUAL' }, remove: ['caCrl', 'privateKey'] })), 'tls: {mode: ISTIO_MUTUAL, sni: x}\n');
  });

  test('flow map: every key removed and the key set: the first item becomes the new entry', () => {
    const text = 'tls: {caCrl: a, privateKey: k}\n';
    const map = mapAtPath(docAt(text), ['tls']);
    assert.ok(map);
    assert.equal(apply(text, editMap(text, map, { set: { key: 'mode', value: 'ISTIO_MUTUAL' }, remove: ['caCrl', 'privateKey'] })), 'tls: {mode: ISTIO_MUTUAL}\n');
  });

  test('a sequence item whose only key goes becomes `{}`', () => {
    const text = 'list:\n- tls: {mode: X}\n- b: 1\n';
    assert.equal(apply(text, removePath(text, docAt(text), ['list', 0, 'tls'])), 'list:\n- {}\n- b: 1\n');
  });

  test('a multi-line block value (a literal scalar) goes with all its lines', () => {
    const text = 'm:\n  a: |\n    one\n    two\n  b: 2\n';
    assert.equal(apply(text, removePath(text, docAt(text), ['m', 'a'], 0)), 'm:\n  b: 2\n');
  });
});

describe('documents', () => {
  const file = (text: string) => parseYamlFile('t.yaml', text);

  test('removing the middle document takes its own `---` and the comment lines before the next one', () => {
    const text = 'a: 1\n---\n# about b\nb: 2\n# about c\n---\nc: 3\n';
    assert.equal(apply(text, removeDocuments(text, file(text), new Set([1]))), 'a: 1\n---\nc: 3\n');
  });

  test('removing the first of documents that all start with `---` keeps the next marker', () => {
    const text = '---\na: 1\n---\nb: 2\n';
    assert.equal(apply(text, removeDocuments(text, file(text), new Set([0]))), '---\nb: 2\n');
  });

  test('a marker line with a comment keeps the comment when the first document goes', () => {
    const text = 'a: 1\n--- # b follows\nb: 2\n';
    assert.equal(apply(text, removeDocuments(text, file(text), new Set([0]))), '# b follows\nb: 2\n');
  });

  test('appending to an empty file writes no separator; to a file without a final line break, adds one', () => {
    assert.equal(apply('', [appendDocuments('', ['a: 1\n'])!]), 'a: 1\n');
    assert.equal(apply('x: 1', [appendDocuments('x: 1', ['a: 1\n'])!]), 'x: 1\n---\na: 1\n');
    assert.equal(apply('x: 1\r\n', [appendDocuments('x: 1\r\n', ['a: 1\r\n', 'b: 2\r\n'])!]), 'x: 1\r\n---\r\na: 1\r\n---\r\nb: 2\r\n');
  });
});

describe('text facts', () => {
  test('indentation step and plain-scalar safety', () => {
    assert.equal(indentUnitOf('a:\n    b: 1\n'), 4);
    assert.equal(indentUnitOf('a: 1\n'), 2);
    for (const s of ['*', 'true', '8080', 'a: b', '#x', '- x', '']) assert.equal(isPlainSafe(s), false, s);
    for (const s of ['cluster.local/ns/a/sa/b', 'ISTIO_MUTUAL', 'app.kubernetes.io/name', '-x']) assert.equal(isPlainSafe(s), true, s);
  });

  test('overlapping edits are refused, touching ones merged', () => {
    assert.equal(normalizeEdits([{ start: 0, end: 5, newText: '' }, { start: 3, end: 4, newText: 'x' }]), undefined);
    assert.deepEqual(normalizeEdits([{ start: 5, end: 5, newText: 'b' }, { start: 0, end: 5, newText: 'a' }]), [{ start: 0, end: 5, newText: 'ab' }]);
  });
});
