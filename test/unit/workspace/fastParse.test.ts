import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { parseYamlFile } from '../../../server/src/workspace/parseYamlFile';
import { splitYamlDocuments } from '../../../server/src/workspace/yamlDocumentChunks';
import { rangeOfPath } from '../../../server/src/features/presenter';

/** What the `yaml` package alone makes of a text: the values of the documents that load. */
function slowValues(text: string): unknown[] {
  const docs = parseAllDocuments(text, { merge: true, uniqueKeys: true, logLevel: 'error' });
  return (Array.isArray(docs) ? docs : []).filter((d) => d.errors.length === 0).map((d) => d.toJS({ maxAliasCount: 100 })).filter((v) => v !== null && v !== undefined);
}

function fastValues(text: string): unknown[] {
  return parseYamlFile('t.yaml', text).documents.map((d) => d.value).filter((v) => v !== null && v !== undefined);
}

const SAMPLES: Record<string, string> = {
  plain: 'kind: Service\nmetadata:\n  name: a\n  namespace: shop\nspec:\n  ports:\n  - port: 80\n',
  multi: '# leading comment\n---\nkind: A\nmetadata: {name: a}\n---\n---\nkind: B\nmetadata: {name: b}\n...\n# trailing\n',
  crlf: 'kind: A\r\nmetadata:\r\n  name: a\r\n---\r\nkind: B\r\nmetadata:\r\n  name: b\r\n',
  flow: '{"kind": "A", "metadata": {"name": "a", "labels": {"x": "1"}}}\n',
  merge: 'base: &b {namespace: shop}\nkind: A\nmetadata:\n  <<: *b\n  name: a\n',
  scalars: 'kind: A\nmetadata:\n  name: a\n  creationTimestamp: 2025-03-01T00:00:00Z\n  annotations:\n    x: yes\n    y: "true"\n    z: 0755\n    w: 1e3\n',
  blockScalar: 'kind: ConfigMap\nmetadata: {name: istio}\ndata:\n  mesh: |\n    rootNamespace: x\n    ---not-a-marker\n',
  directives: '%YAML 1.2\n---\nkind: A\nmetadata: {name: a}\n',
  markerWithContent: '--- {kind: A, metadata: {name: a}}\n--- # comment\nkind: B\nmetadata: {name: b}\n',
};

describe('fast parsing agrees with the yaml package', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    test(`${name}: the same values`, () => {
      assert.deepEqual(fastValues(text), slowValues(text));
    });
  }

  test('documents are the chunks between markers; comments before `---` belong to the next document', () => {
    const text = SAMPLES.multi;
    const chunks = splitYamlDocuments(text).map((c) => text.slice(c.start, c.end));
    assert.deepEqual(chunks, ['# leading comment\n---\nkind: A\nmetadata: {name: a}\n', '---\n', '---\nkind: B\nmetadata: {name: b}\n...\n# trailing\n']);
  });

  test('a position asked of a later document is a file offset, not a document offset', () => {
    const text = SAMPLES.multi;
    const f = parseYamlFile('t.yaml', text);
    const range = rangeOfPath(f, 2, ['metadata', 'name']);
    assert.equal(range.start.line, text.split('\n').findIndex((l) => l.startsWith('kind: B')) + 1);
  });

  test('a document js-yaml rejects gets the yaml package\'s error and position', () => {
    const text = 'kind: A\nmetadata: {name: a}\n---\nkind: B\nmetadata:\n  name: b\n  bad: [\n';
    const d = parseYamlFile('t.yaml', text).documents[1];
    assert.ok(d.syntaxError);
    assert.ok(d.syntaxError.offsets[0] >= text.indexOf('kind: B'));
  });
});
