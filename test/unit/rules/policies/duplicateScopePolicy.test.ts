import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication } from '../../../support/fixtures';
import { assertLineWithin, documentLines, meshConfigMap, one, only, rawPeerAuthentication, resourceOf } from './policyTestKit';

const RULE = 'duplicate-scope-policy';

describe('duplicate-scope-policy', () => {
  test('§A2 §A3 two mesh-level policies without timestamps: the name decides, the later name loses (warning, related: winner)', () => {
    const text = docs(
      peerAuthentication('istio-system', 'mesh-strict', 'STRICT'),
      peerAuthentication('istio-system', 'default', 'PERMISSIVE'),
    );
    const f = analyze(text);
    const d = one(f, RULE);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'PeerAuthentication/istio-system/mesh-strict');
    assertLineWithin(d, documentLines(text, 0));
    assert.deepEqual(d.related.map(resourceOf), ['PeerAuthentication/istio-system/default']);
  });

  test('§A3 creationTimestamp ascending decides before the name: the older policy wins even with the later name', () => {
    const text = docs(
      peerAuthentication('shop', 'aaa-newer', 'PERMISSIVE', { created: '2025-09-10T08:00:00Z' }),
      peerAuthentication('shop', 'zzz-older', 'STRICT', { created: '2025-03-01T08:00:00Z' }),
    );
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'PeerAuthentication/shop/aaa-newer');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.related.map(resourceOf), ['PeerAuthentication/shop/zzz-older']);
    assertLineWithin(d, documentLines(text, 0));
  });

  test('§A3 equal creationTimestamp (one-second resolution): the smaller metadata.name wins', () => {
    const text = docs(
      peerAuthentication('shop', 'beta', 'PERMISSIVE', { created: '2025-03-01T08:00:00Z' }),
      peerAuthentication('shop', 'alpha', 'STRICT', { created: '2025-03-01T08:00:00Z' }),
    );
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'PeerAuthentication/shop/beta');
    assert.deepEqual(d.related.map(resourceOf), ['PeerAuthentication/shop/alpha']);
  });

  test('§A3 timestamps compare as instants at one-second resolution: sub-seconds tie (name decides), offsets are honoured', () => {
    const subSecond = docs(
      peerAuthentication('shop', 'alpha', 'STRICT', { created: '2025-03-01T08:00:00.900Z' }),
      peerAuthentication('shop', 'beta', 'PERMISSIVE', { created: '2025-03-01T08:00:00.100Z' }),
    );
    assert.deepEqual(keys(analyze(subSecond), RULE), [`${RULE} PeerAuthentication/shop/beta`]);
    const offsets = docs(
      // 08:00+02:00 is 06:00Z: older than 07:00Z.
      peerAuthentication('shop', 'alpha', 'STRICT', { created: '2025-03-01T07:00:00Z' }),
      peerAuthentication('shop', 'beta', 'PERMISSIVE', { created: '2025-03-01T08:00:00+02:00' }),
    );
    assert.deepEqual(keys(analyze(offsets), RULE), [`${RULE} PeerAuthentication/shop/alpha`]);
  });

  test('§A2 a namespace-level policy need not be named default: two selector-less policies with other names conflict', () => {
    const text = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'web'),
      peerAuthentication('shop', 'strict-one', 'STRICT'),
      peerAuthentication('shop', 'strict-two', 'PERMISSIVE'),
    );
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/shop/strict-two`]);
  });

  test('§A3 three namespace-level policies: every one but the oldest gets a finding, each pointing at the same winner', () => {
    const text = docs(
      peerAuthentication('shop', 'c', 'STRICT'),
      peerAuthentication('shop', 'a', 'STRICT'),
      peerAuthentication('shop', 'b', 'DISABLE'),
    );
    const f = only(analyze(text), RULE);
    assert.deepEqual(f.map(resourceOf).sort(), ['PeerAuthentication/shop/b', 'PeerAuthentication/shop/c']);
    for (const x of f) assert.deepEqual(x.related.map(resourceOf), ['PeerAuthentication/shop/a']);
  });

  test('§A2 `selector: {}` and `matchLabels: {}` are selector-less: they are namespace-level and conflict', () => {
    const text = docs(
      rawPeerAuthentication('shop', 'default', '  mtls:\n    mode: STRICT\n'),
      rawPeerAuthentication('shop', 'empty-selector', '  selector: {}\n  mtls:\n    mode: PERMISSIVE\n'),
      rawPeerAuthentication('shop', 'empty-labels', '  selector:\n    matchLabels: {}\n  mtls:\n    mode: PERMISSIVE\n'),
    );
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/shop/empty-labels`, `${RULE} PeerAuthentication/shop/empty-selector`]);
  });

  test('§A2 mesh level follows a custom rootNamespace from ConfigMap istio: two selector-less policies there conflict', () => {
    const text = docs(
      meshConfigMap('rootNamespace: mesh-root\n'),
      peerAuthentication('mesh-root', 'default', 'STRICT'),
      peerAuthentication('mesh-root', 'legacy', 'PERMISSIVE'),
    );
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'PeerAuthentication/mesh-root/legacy');
    assert.deepEqual(d.related.map(resourceOf), ['PeerAuthentication/mesh-root/default']);
  });

  test('§A2 a selector-less policy plus a workload-level policy in one namespace is not a duplicate', () => {
    const text = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'web'),
      peerAuthentication('shop', 'default', 'STRICT'),
      peerAuthentication('shop', 'web-permissive', 'PERMISSIVE', { selector: { app: 'web' } }),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§A1 §A2 one selector-less policy per namespace, plus one mesh-level: no duplicate across scopes or namespaces', () => {
    const text = docs(
      peerAuthentication('istio-system', 'default', 'STRICT'),
      peerAuthentication('shop', 'default', 'STRICT'),
      peerAuthentication('payments', 'default', 'PERMISSIVE'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('rules.md "variants": the same policy in two overlay files is one object, not a duplicate', () => {
    const f = analyze({
      'envs/dev/pa.yaml': peerAuthentication('shop', 'default', 'PERMISSIVE'),
      'envs/prod/pa.yaml': peerAuthentication('shop', 'default', 'STRICT'),
    });
    assert.deepEqual(keys(f, RULE), []);
  });

  test('rules.md "duplicate-resource": the same policy twice in one file is replaced, not a scope duplicate', () => {
    const text = docs(peerAuthentication('shop', 'default', 'PERMISSIVE'), peerAuthentication('shop', 'default', 'STRICT'));
    assert.deepEqual(keys(analyze(text), RULE), []);
  });
});
