import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication } from '../../../support/fixtures';
import { lineOf, meshConfigMap, one, rawPeerAuthentication, resourceOf } from './policyTestKit';

const RULE = 'root-selector-ignored';

describe('root-selector-ignored', () => {
  test('§A2 §H5 a selector in the root namespace istio-system: error on the selector', () => {
    const text = docs(
      peerAuthentication('istio-system', 'default', 'STRICT'),
      peerAuthentication('istio-system', 'legacy-soap-permissive', 'PERMISSIVE', { selector: { app: 'legacy-soap' } }),
      namespace('legacy', { 'istio-injection': 'enabled' }),
      deployment('legacy', 'legacy-soap'),
    );
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'error');
    assert.equal(resourceOf(d), 'PeerAuthentication/istio-system/legacy-soap-permissive');
    assert.equal(d.range.start.line, lineOf(text, '  selector:'));
  });

  test('§A2 ignored even for workloads living in the root namespace itself', () => {
    const text = docs(
      deployment('istio-system', 'istio-ingressgateway'),
      peerAuthentication('istio-system', 'gateway-permissive', 'PERMISSIVE', { selector: { app: 'istio-ingressgateway' } }),
    );
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/istio-system/gateway-permissive`]);
  });

  test('§A2 `selector: {}` in the root namespace is a mesh-level policy, not ignored', () => {
    const text = docs(
      rawPeerAuthentication('istio-system', 'default', '  selector: {}\n  mtls:\n    mode: STRICT\n'),
      peerAuthentication('legacy', 'default', 'PERMISSIVE'),
    );
    const f = analyze(text);
    assert.deepEqual(keys(f, RULE), []);
    // It acts as the mesh-level STRICT: the namespace PERMISSIVE weakens it (§A5).
    assert.deepEqual(keys(f, 'weakens-mesh-strict'), ['weakens-mesh-strict PeerAuthentication/legacy/default']);
  });

  test('§A2 `matchLabels: {}` in the root namespace is also selector-less (mesh level)', () => {
    const text = rawPeerAuthentication('istio-system', 'default', '  selector:\n    matchLabels: {}\n  mtls:\n    mode: STRICT\n');
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§A2 a selector outside the root namespace is a workload-level policy, not ignored', () => {
    const text = docs(
      namespace('legacy', { 'istio-injection': 'enabled' }),
      deployment('legacy', 'legacy-soap'),
      peerAuthentication('legacy', 'legacy-soap-permissive', 'PERMISSIVE', { selector: { app: 'legacy-soap' } }),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('rules.md "root namespace": a custom rootNamespace from ConfigMap istio moves the rule there', () => {
    const text = docs(
      meshConfigMap('rootNamespace: mesh-root\ntrustDomain: cluster.local\n'),
      peerAuthentication('mesh-root', 'scoped', 'PERMISSIVE', { selector: { app: 'legacy' } }),
      peerAuthentication('istio-system', 'not-root-any-more', 'PERMISSIVE', { selector: { app: 'legacy' } }),
    );
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'PeerAuthentication/mesh-root/scoped');
    assert.equal(d.range.start.line, lineOf(text, '  selector:', 1));
  });

  test('rules.md "root namespace": an IstioOperator spec.meshConfig.rootNamespace also sets the root', () => {
    const iop = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata:\n  name: control-plane\n  namespace: istio-system\nspec:\n  meshConfig:\n    rootNamespace: mesh-root\n';
    const text = docs(iop, peerAuthentication('mesh-root', 'scoped', 'PERMISSIVE', { selector: { app: 'legacy' } }));
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/mesh-root/scoped`]);
  });

  test('§A2 §A4 two ignored root selectors on one root workload are not workload-level duplicates', () => {
    const text = docs(
      deployment('istio-system', 'istio-ingressgateway'),
      peerAuthentication('istio-system', 'gw-a', 'PERMISSIVE', { selector: { app: 'istio-ingressgateway' } }),
      peerAuthentication('istio-system', 'gw-b', 'DISABLE', { selector: { app: 'istio-ingressgateway' } }),
    );
    const f = analyze(text);
    assert.deepEqual(keys(f, RULE), [`${RULE} PeerAuthentication/istio-system/gw-a`, `${RULE} PeerAuthentication/istio-system/gw-b`]);
    assert.deepEqual(keys(f, 'duplicate-workload-policy'), []);
  });

  test('rules.md "root namespace": the CLI/editor default root namespace applies when the workspace has no mesh config', () => {
    const text = peerAuthentication('mesh-root', 'scoped', 'PERMISSIVE', { selector: { app: 'legacy' } });
    assert.deepEqual(keys(analyze(text, { defaultRootNamespace: 'mesh-root' }), RULE), [`${RULE} PeerAuthentication/mesh-root/scoped`]);
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('rules.md "root namespace": the default root does not override a rootNamespace found in the workspace', () => {
    const text = docs(
      meshConfigMap('rootNamespace: istio-system\n'),
      peerAuthentication('mesh-root', 'scoped', 'PERMISSIVE', { selector: { app: 'legacy' } }),
    );
    assert.deepEqual(keys(analyze(text, { defaultRootNamespace: 'mesh-root' }), RULE), []);
  });
});
