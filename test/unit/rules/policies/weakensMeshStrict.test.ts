import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication } from '../../../support/fixtures';
import { lineOf, meshConfigMap, one, only, rawPeerAuthentication, resourceOf } from './policyTestKit';

const RULE = 'weakens-mesh-strict';
const meshStrict = peerAuthentication('istio-system', 'default', 'STRICT');

describe('weakens-mesh-strict', () => {
  test('§A5 a namespace-level PERMISSIVE under a mesh STRICT: warning on its mtls.mode, related: the mesh policy', () => {
    const text = docs(meshStrict, namespace('legacy', { 'istio-injection': 'enabled' }), deployment('legacy', 'soap'), peerAuthentication('legacy', 'default', 'PERMISSIVE'));
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'PeerAuthentication/legacy/default');
    assert.equal(d.range.start.line, lineOf(text, 'mode: PERMISSIVE'));
    assert.deepEqual(d.related.map(resourceOf), ['PeerAuthentication/istio-system/default']);
  });

  test('§A5 a namespace-level DISABLE under a mesh STRICT is also a warning', () => {
    const text = docs(meshStrict, peerAuthentication('legacy', 'plaintext-only', 'DISABLE'));
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'PeerAuthentication/legacy/plaintext-only');
    assert.equal(d.range.start.line, lineOf(text, 'mode: DISABLE'));
  });

  test('§A5 a workload-level PERMISSIVE that wins for a workload is info, on its mode', () => {
    const text = docs(
      meshStrict,
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'cart'),
      peerAuthentication('shop', 'cart-permissive', 'PERMISSIVE', { selector: { app: 'cart' } }),
    );
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'info');
    assert.equal(resourceOf(d), 'PeerAuthentication/shop/cart-permissive');
    assert.equal(d.range.start.line, lineOf(text, 'mode: PERMISSIVE'));
  });

  test('§A5 §A7 a port entry that sets DISABLE on a winning workload-level policy is info, on the port mode', () => {
    const text = docs(
      meshStrict,
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'cart', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] }),
      peerAuthentication('shop', 'cart-metrics', undefined, { selector: { app: 'cart' }, portLevel: { '9090': 'DISABLE' } }),
    );
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'info');
    assert.equal(resourceOf(d), 'PeerAuthentication/shop/cart-metrics');
    assert.equal(d.range.start.line, lineOf(text, 'mode: DISABLE'));
  });

  test('§A2 §A5 a mesh STRICT written with `selector: {}` counts as the mesh level', () => {
    const text = docs(rawPeerAuthentication('istio-system', 'mesh', '  selector: {}\n  mtls:\n    mode: STRICT\n'), peerAuthentication('legacy', 'default', 'PERMISSIVE'));
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/legacy/default`]);
  });

  test('rules.md "root namespace": the mesh level is found in a custom rootNamespace from ConfigMap istio', () => {
    const text = docs(
      meshConfigMap('rootNamespace: mesh-root\n'),
      peerAuthentication('mesh-root', 'default', 'STRICT'),
      peerAuthentication('istio-system', 'default', 'PERMISSIVE'),
      peerAuthentication('legacy', 'default', 'PERMISSIVE'),
    );
    // istio-system is an ordinary namespace now: its selector-less PERMISSIVE is namespace-level too.
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/istio-system/default`, `${RULE} PeerAuthentication/legacy/default`]);
  });

  test('§A5 no mesh-level STRICT (PERMISSIVE mesh, or no mesh policy): silent', () => {
    const permissiveMesh = docs(peerAuthentication('istio-system', 'default', 'PERMISSIVE'), peerAuthentication('legacy', 'default', 'DISABLE'));
    assert.deepEqual(keys(analyze(permissiveMesh), RULE), []);
    const noMesh = docs(peerAuthentication('legacy', 'default', 'PERMISSIVE'));
    assert.deepEqual(keys(analyze(noMesh), RULE), []);
  });

  test('§A5 a mesh-level UNSET is PERMISSIVE: silent', () => {
    const text = docs(peerAuthentication('istio-system', 'default', 'UNSET'), peerAuthentication('legacy', 'default', 'PERMISSIVE'));
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§A3 the mesh STRICT policy loses to an older PERMISSIVE one: the mesh is not STRICT, silent', () => {
    const text = docs(
      peerAuthentication('istio-system', 'mesh-strict', 'STRICT'),
      peerAuthentication('istio-system', 'default', 'PERMISSIVE'),
      peerAuthentication('legacy', 'default', 'PERMISSIVE'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§A3 a losing namespace-level PERMISSIVE is ignored: silent (the winner is STRICT)', () => {
    const text = docs(
      meshStrict,
      peerAuthentication('shop', 'default', 'STRICT', { created: '2025-03-01T00:00:00Z' }),
      peerAuthentication('shop', 'allow-legacy-clients', 'PERMISSIVE', { created: '2025-09-10T00:00:00Z' }),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§A4 a workload-level PERMISSIVE that loses for its only workload is silent; one that selects nothing is silent', () => {
    const text = docs(
      meshStrict,
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'cart'),
      peerAuthentication('shop', 'a-cart-strict', 'STRICT', { selector: { app: 'cart' } }),
      peerAuthentication('shop', 'b-cart-permissive', 'PERMISSIVE', { selector: { app: 'cart' } }),
      peerAuthentication('shop', 'ghost-permissive', 'PERMISSIVE', { selector: { app: 'ghost' } }),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('rules.md "age order": a workload-level policy that loses for one workload but wins for another is still info', () => {
    const text = docs(
      meshStrict,
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'cart', { labels: { app: 'cart', tier: 'web' } }),
      deployment('shop', 'cart-canary', { labels: { app: 'cart' } }),
      peerAuthentication('shop', 'older-web', 'STRICT', { selector: { tier: 'web' }, created: '2025-01-01T00:00:00Z' }),
      peerAuthentication('shop', 'newer-cart', 'PERMISSIVE', { selector: { app: 'cart' }, created: '2025-06-01T00:00:00Z' }),
    );
    const f = only(analyze(text), RULE);
    assert.deepEqual(f.map((x) => [resourceOf(x), x.severity]), [['PeerAuthentication/shop/newer-cart', 'info']]);
  });

  test('§A5 namespace-level STRICT or UNSET under a mesh STRICT is silent', () => {
    const text = docs(meshStrict, peerAuthentication('shop', 'default', 'STRICT'), peerAuthentication('legacy', 'default', 'UNSET'));
    assert.deepEqual(keys(analyze(text), RULE), []);
  });
});
