import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { peerAuthentication } from '../../../support/fixtures';
import { lineOf, one, only, resourceOf } from './policyTestKit';

const RULE = 'removed-authentication-api';

const policy = `apiVersion: authentication.istio.io/v1alpha1
kind: Policy
metadata:
  name: default
  namespace: shop
spec:
  peers:
  - mtls: {}
`;

const meshPolicy = (ns = '') => `apiVersion: "authentication.istio.io/v1alpha1"
kind: MeshPolicy
metadata:
  name: default
${ns ? `  namespace: ${ns}\n` : ''}spec:
  peers:
  - mtls:
      mode: PERMISSIVE
`;

describe('removed-authentication-api', () => {
  test('§F3 an authentication.istio.io/v1alpha1 Policy: error on apiVersion', () => {
    const d = one(analyze(policy), RULE);
    assert.equal(d.severity, 'error');
    assert.equal(resourceOf(d), 'Policy/shop/default');
    assert.equal(d.range.start.line, 0);
    assert.equal(d.range.start.character, 'apiVersion: '.length);
  });

  test('§F3 MeshPolicy is cluster-scoped: its resource namespace is ""', () => {
    const text = docs(peerAuthentication('istio-system', 'default', 'STRICT'), meshPolicy());
    const d = one(analyze(text), RULE);
    assert.equal(d.resource.kind, 'MeshPolicy');
    assert.equal(d.resource.namespace, '');
    assert.equal(d.resource.name, 'default');
    assert.equal(d.range.start.line, lineOf(text, 'apiVersion: "authentication.istio.io/v1alpha1"'));
  });

  test('rules.md `check` contract: a cluster-scoped MeshPolicy keeps namespace "" even when metadata.namespace is written', () => {
    const d = one(analyze(meshPolicy('istio-system')), RULE);
    assert.equal(resourceOf(d), 'MeshPolicy//default');
  });

  test('§F3 one finding per legacy object', () => {
    const f = only(analyze(docs(policy, meshPolicy())), RULE);
    assert.deepEqual(f.map(resourceOf).sort(), ['MeshPolicy//default', 'Policy/shop/default']);
  });

  test('§F1 current security.istio.io PeerAuthentication (v1 and v1beta1) is silent', () => {
    const beta = peerAuthentication('shop', 'beta', 'STRICT').replace('security.istio.io/v1', 'security.istio.io/v1beta1');
    assert.deepEqual(keys(analyze(docs(peerAuthentication('shop', 'default', 'STRICT'), beta)), RULE), []);
  });

  test('§F3 a `Policy` kind of another API group (e.g. Kyverno) is not the removed Istio API', () => {
    const kyverno = `apiVersion: kyverno.io/v1
kind: Policy
metadata:
  name: require-labels
  namespace: shop
spec:
  rules: []
`;
    assert.deepEqual(keys(analyze(kyverno), RULE), []);
  });
});
