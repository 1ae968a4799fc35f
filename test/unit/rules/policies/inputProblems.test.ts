import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { assertLineWithin, documentLines, one, only, rawPeerAuthentication, resourceOf } from './policyTestKit';

const DUP = 'duplicate-resource';
const SYNTAX = 'yaml-syntax';

describe('duplicate-resource', () => {
  test('rules.md "variants" / duplicate-resource: two documents with one identity in a file: info on the earlier one', () => {
    const text = docs(namespace('shop'), peerAuthentication('shop', 'default', 'PERMISSIVE'), peerAuthentication('shop', 'default', 'STRICT'));
    const d = one(analyze(text), DUP);
    assert.equal(d.severity, 'info');
    assert.equal(resourceOf(d), 'PeerAuthentication/shop/default');
    assertLineWithin(d, documentLines(text, 1));
    assert.equal(d.file, 'test.yaml');
  });

  test('rules.md duplicate-resource: the later document replaces the earlier one (only the later one is analysed)', () => {
    const text = docs(
      peerAuthentication('istio-system', 'default', 'STRICT'),
      peerAuthentication('legacy', 'default', 'PERMISSIVE'),
      peerAuthentication('legacy', 'default', 'STRICT'),
    );
    const f = analyze(text);
    assert.deepEqual(keys(f, DUP), [`${DUP} PeerAuthentication/legacy/default`]);
    // The PERMISSIVE document is gone: nothing weakens the mesh, and no scope duplicate exists.
    assert.deepEqual(keys(f, 'weakens-mesh-strict'), []);
    assert.deepEqual(keys(f, 'duplicate-scope-policy'), []);
  });

  test('rules.md "check" contract: a missing metadata.namespace is `default`, so it collides with an explicit default', () => {
    const implicit = rawPeerAuthentication('default', 'x', '  mtls:\n    mode: STRICT\n').replace('  namespace: default\n', '');
    const text = docs(implicit, peerAuthentication('default', 'x', 'STRICT'));
    const d = one(analyze(text), DUP);
    assert.equal(resourceOf(d), 'PeerAuthentication/default/x');
    assertLineWithin(d, documentLines(text, 0));
  });

  test('rules.md duplicate-resource: the identity holds the API group, not the version (v1beta1 then v1 collide)', () => {
    const beta = peerAuthentication('shop', 'default', 'PERMISSIVE').replace('security.istio.io/v1', 'security.istio.io/v1beta1');
    const text = docs(beta, peerAuthentication('shop', 'default', 'STRICT'));
    const d = one(analyze(text), DUP);
    assertLineWithin(d, documentLines(text, 0));
  });

  test('rules.md duplicate-resource: three copies give two findings, on the first and the second document', () => {
    const text = docs(namespace('shop'), namespace('shop', { team: 'a' }), namespace('shop', { team: 'b' }));
    const f = only(analyze(text), DUP);
    assert.equal(f.length, 2);
    assert.ok(f.every((x) => x.severity === 'info' && resourceOf(x) === 'Namespace//shop'));
    const [a, b] = [...f].sort((x, y) => x.range.start.line - y.range.start.line);
    assertLineWithin(a, documentLines(text, 0));
    assertLineWithin(b, documentLines(text, 1));
  });

  test('rules.md duplicate-resource: identity is (API group, kind, namespace, name): other kinds, namespaces or groups are distinct', () => {
    const text = docs(
      service('shop', 'reviews'),
      destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n'),
      peerAuthentication('shop', 'default', 'STRICT'),
      peerAuthentication('payments', 'default', 'STRICT'),
      'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    istio: ingressgateway\n',
      'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  gatewayClassName: istio\n',
    );
    assert.deepEqual(keys(analyze(text), DUP), []);
  });

  test('rules.md "variants": the same identity in two files is two variants, not a duplicate', () => {
    const f = analyze({
      'overlays/dev/pa.yaml': peerAuthentication('shop', 'default', 'PERMISSIVE'),
      'overlays/prod/pa.yaml': peerAuthentication('shop', 'default', 'STRICT'),
    });
    assert.deepEqual(keys(f, DUP), []);
  });
});

/** A PeerAuthentication whose last line is mis-indented: the document does not parse. */
const broken = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: broken
  namespace: shop
spec:
  mtls:
    mode: STRICT
   selector: x
`;

/** A document that fires invalid-mtls-mode when analysed. */
const lowercaseStrict = (ns: string, name = 'default') => rawPeerAuthentication(ns, name, '  mtls:\n    mode: strict\n');

describe('yaml-syntax', () => {
  test('rules.md yaml-syntax: a broken document is an error in its own range; the documents before and after are still analysed', () => {
    const text = docs(lowercaseStrict('before'), broken, lowercaseStrict('after'));
    const f = analyze(text);
    const d = one(f, SYNTAX);
    assert.equal(d.severity, 'error');
    assert.equal(d.file, 'test.yaml');
    assertLineWithin(d, documentLines(text, 1));
    // The identity is read as far as it can be from the broken document.
    assert.equal(d.resource.kind, 'PeerAuthentication');
    assert.deepEqual(keys(f, 'invalid-mtls-mode'), ['invalid-mtls-mode PeerAuthentication/after/default', 'invalid-mtls-mode PeerAuthentication/before/default']);
  });

  test('rules.md yaml-syntax: a duplicate key makes the document fail to load', () => {
    const text = docs('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  name: shop2\n', lowercaseStrict('after'));
    const f = analyze(text);
    assertLineWithin(one(f, SYNTAX), documentLines(text, 0));
    assert.deepEqual(keys(f, 'invalid-mtls-mode'), ['invalid-mtls-mode PeerAuthentication/after/default']);
  });

  test('rules.md "files analysed": a document holding `{{` that does not parse is skipped quietly; its siblings still count', () => {
    const template = `{{- if .Values.strict }}
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: tpl
  namespace: shop
spec:
  mtls:
    mode: STRICT
{{- end }}
`;
    const f = analyze(docs(lowercaseStrict('before'), template, lowercaseStrict('after')));
    assert.deepEqual(only(f, SYNTAX), []);
    assert.deepEqual(keys(f, 'invalid-mtls-mode'), ['invalid-mtls-mode PeerAuthentication/after/default', 'invalid-mtls-mode PeerAuthentication/before/default']);
  });

  test('rules.md "files analysed": `{{` in a string value or a comment of a valid document is not a template: it is analysed', () => {
    const text = `# rendered from {{ .Chart.Name }}
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
  annotations:
    note: "values come from {{ .Values.mode }}"
spec:
  mtls:
    mode: strict
`;
    const f = analyze(text);
    assert.deepEqual(only(f, SYNTAX), []);
    assert.deepEqual(keys(f, 'invalid-mtls-mode'), ['invalid-mtls-mode PeerAuthentication/shop/default']);
  });

  test('rules.md "files analysed": a loading document whose metadata.name holds `{{` is skipped quietly', () => {
    const text = lowercaseStrict('shop', '"{{ .Release.Name }}-mtls"');
    const f = analyze(text);
    assert.deepEqual(f.map((x) => x.rule), []);
  });

  test('rules.md yaml-syntax: a broken document without `{{` is reported even when other documents of the file hold templates', () => {
    const text = docs('kind: ConfigMap\nmetadata:\n  name: "{{ .Release.Name }}"\n', broken);
    const f = analyze(text);
    assertLineWithin(one(f, SYNTAX), documentLines(text, 1));
  });

  test('rules.md yaml-syntax: valid files have no yaml-syntax finding', () => {
    assert.deepEqual(only(analyze(docs(namespace('shop'), peerAuthentication('shop', 'default', 'STRICT'))), SYNTAX), []);
  });
});
