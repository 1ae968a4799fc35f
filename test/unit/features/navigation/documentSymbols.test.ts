import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver';
import { editorSnapshot } from '../../../support/editor';
import { docs } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { documentSymbols } from '../../../../server/src/features/navigation/documentSymbols';
import { offsetAt, textAt } from './helpers';
import type { EditorSnapshot } from '../../../../server/src/features/editorSnapshot';

function symbols(text: string, path = 'test.yaml', extra: Record<string, string> = {}): DocumentSymbol[] {
  return documentSymbols(editorSnapshot({ ...extra, [path]: text }), path);
}

const contains = (outer: DocumentSymbol['range'], inner: DocumentSymbol['range']) =>
  (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
  (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));

describe('document symbols: one per resource', () => {
  const text = docs(
    namespace('shop'),
    deployment('shop', 'reviews'),
    service('shop', 'reviews'),
    peerAuthentication('shop', 'default', 'STRICT'),
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  host: reviews\n',
  );

  test('rules.md resource: name is Kind namespace/name, effective namespace (default when absent), Kind name when cluster-scoped', () => {
    assert.deepEqual(symbols(text).map((s) => s.name), [
      'Namespace shop',
      'Deployment shop/reviews',
      'Service shop/reviews',
      'PeerAuthentication shop/default',
      'DestinationRule default/reviews',
    ]);
  });

  test('kinds map to symbol kinds; detail is the apiVersion', () => {
    const s = symbols(text);
    // Namespace, Class (workload), Interface (Service), Struct (policies).
    assert.deepEqual(s.map((x) => x.kind), [3, 5, 11, 23, 23]);
    assert.equal(s[1].detail, 'apps/v1');
  });

  test('the range is the document and the selection range its metadata.name', () => {
    const s = symbols(text);
    for (const sym of s) {
      assert.ok(contains(sym.range, sym.selectionRange), sym.name);
      assert.equal(textAt(text, sym.selectionRange), sym.name.split(/[ /]/).pop());
    }
    // Documents follow one another; a document's range holds its `---` marker.
    assert.deepEqual(s[1].range.start, s[0].range.end);
    assert.ok(textAt(text, s[1].range).startsWith('---\napiVersion: apps/v1\nkind: Deployment'));
    assert.ok(textAt(text, s[1].range).trimEnd().endsWith('name: http'));
    assert.equal(offsetAt(text, s[0].range.start), 0);
  });

  test('the items of a kind: List get one symbol each, ranged on the item', () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ServiceAccount
  metadata:
    name: reviews
    namespace: shop
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: settings, namespace: shop}
`;
    const s = symbols(list);
    assert.deepEqual(s.map((x) => `${x.name} ${x.kind}`), ['ServiceAccount shop/reviews 20', 'ConfigMap shop/settings 19']);
    assert.ok(textAt(list, s[0].range).startsWith('apiVersion: v1\n  kind: ServiceAccount'));
    assert.equal(textAt(list, s[1].selectionRange), 'settings');
  });

  test('rules.md vocabulary: documents without kind or metadata.name, broken documents and templates get no symbol', () => {
    const mixed = docs(
      'just: data\n',
      'kind: Service\nmetadata: {namespace: shop}\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: [broken\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: "{{ .Values.name }}"\n',
      service('shop', 'ok'),
    );
    assert.deepEqual(symbols(mixed).map((s) => s.name), ['Service shop/ok']);
  });

  test('nothing here: an unknown file, an empty file, a file skipped on purpose (Helm template folder)', () => {
    const snapshot = editorSnapshot({ 'a.yaml': service('shop', 'a') });
    assert.deepEqual(documentSymbols(snapshot, 'missing.yaml'), []);
    assert.deepEqual(symbols(''), []);
    const skipped: EditorSnapshot = { ...snapshot, file: (p) => { const f = snapshot.file(p); return f && { ...f, skipped: 'Helm chart template' }; } };
    assert.deepEqual(documentSymbols(snapshot, 'a.yaml').length, 1);
    assert.deepEqual(documentSymbols(skipped, 'a.yaml'), []);
  });
});
