import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication } from '../../../support/fixtures';
import { authorizationPolicy, one, resourceOf } from './policyTestKit';

const RULE = 'policy-without-sidecar';

describe('policy-without-sidecar', () => {
  test('§A11 §C1 istio-injection=disabled blocks every pod: the namespace policy enforces nothing (warning on the policy)', () => {
    const text = docs(namespace('batch', { 'istio-injection': 'disabled' }), deployment('batch', 'nightly'), peerAuthentication('batch', 'default', 'STRICT'));
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'PeerAuthentication/batch/default');
  });

  test('§C1 §H7 istio-injection=disabled wins even over the pod opt-in label', () => {
    const text = docs(
      namespace('batch', { 'istio-injection': 'disabled' }),
      deployment('batch', 'nightly', { labels: { app: 'nightly', 'sidecar.istio.io/inject': 'true' } }),
      peerAuthentication('batch', 'default', 'STRICT'),
    );
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/batch/default`]);
  });

  test('§C1 hostNetwork pods are never injected: a workload policy selecting only them enforces nothing', () => {
    const text = docs(
      namespace('monitoring', { 'istio-injection': 'enabled' }),
      deployment('monitoring', 'node-exporter', { hostNetwork: true }),
      deployment('monitoring', 'grafana'),
      peerAuthentication('monitoring', 'node-exporter-plaintext', 'DISABLE', { selector: { app: 'node-exporter' } }),
    );
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'PeerAuthentication/monitoring/node-exporter-plaintext');
  });

  test('§C1 a known namespace without injection labels: its plain pods have no sidecar', () => {
    const text = docs(namespace('legacy'), deployment('legacy', 'soap'), peerAuthentication('legacy', 'default', 'STRICT'));
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/legacy/default`]);
  });

  test('§C1 the ignored namespace kube-system is never injected, even when labelled', () => {
    const text = docs(namespace('kube-system', { 'istio-injection': 'enabled' }), deployment('kube-system', 'coredns'), peerAuthentication('kube-system', 'default', 'STRICT'));
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/kube-system/default`]);
  });

  test('§A11 §D2 an AuthorizationPolicy whose only workload has no sidecar: warning on the AuthorizationPolicy', () => {
    const text = docs(
      namespace('reporting', { 'istio-injection': 'disabled' }),
      deployment('reporting', 'report-viewer'),
      authorizationPolicy('reporting', 'report-viewer-access', '  selector:\n    matchLabels:\n      app: report-viewer\n  action: ALLOW\n  rules:\n  - from:\n    - source:\n        principals: ["cluster.local/ns/shop/sa/web"]\n'),
    );
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'AuthorizationPolicy/reporting/report-viewer-access');
  });

  test('rules.md "injected": an unknown namespace (no Namespace object) is never evidence: silent', () => {
    const text = docs(deployment('ghost', 'app'), peerAuthentication('ghost', 'default', 'STRICT'), authorizationPolicy('ghost', 'allow', '  rules:\n  - {}\n'));
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('rules.md policy-without-sidecar: one injected workload among those the policy applies to is enough to stay silent', () => {
    const text = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'web'),
      deployment('shop', 'cron', { labels: { app: 'cron', 'sidecar.istio.io/inject': 'false' } }),
      peerAuthentication('shop', 'default', 'STRICT'),
      authorizationPolicy('shop', 'allow-all', '  rules:\n  - {}\n'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§D2 a root-namespace AuthorizationPolicy applies across namespaces: an injected match elsewhere keeps it silent', () => {
    const text = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      namespace('batch', { 'istio-injection': 'disabled' }),
      deployment('shop', 'web', { labels: { app: 'web', team: 'a' } }),
      deployment('batch', 'nightly', { labels: { app: 'nightly', team: 'a' } }),
      authorizationPolicy('istio-system', 'team-a', '  selector:\n    matchLabels:\n      team: a\n  rules:\n  - {}\n'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§C1 the pod opt-in label in a namespace without injection labels injects: silent', () => {
    const text = docs(
      namespace('legacy'),
      deployment('legacy', 'soap', { labels: { app: 'soap', 'sidecar.istio.io/inject': 'true' } }),
      peerAuthentication('legacy', 'default', 'STRICT'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('rules.md policy-without-sidecar: a policy that applies to no workload is not reported here', () => {
    const text = docs(
      namespace('batch', { 'istio-injection': 'disabled' }),
      deployment('batch', 'nightly'),
      peerAuthentication('batch', 'ghost', 'STRICT', { selector: { app: 'ghost' } }),
      authorizationPolicy('batch', 'ghost-allow', '  selector:\n    matchLabels:\n      app: ghost\n  rules:\n  - {}\n'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§A3 a losing namespace-level policy applies to nothing: only the winner is reported', () => {
    const text = docs(
      namespace('batch', { 'istio-injection': 'disabled' }),
      deployment('batch', 'nightly'),
      peerAuthentication('batch', 'default', 'STRICT'),
      peerAuthentication('batch', 'zz-permissive', 'PERMISSIVE'),
    );
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/batch/default`]);
  });

  test('§A4 a workload-level policy that loses on its only (sidecar-less) workload applies to nothing: only the winner is reported', () => {
    const text = docs(
      namespace('batch', { 'istio-injection': 'disabled' }),
      deployment('batch', 'nightly'),
      peerAuthentication('batch', 'a-nightly', 'STRICT', { selector: { app: 'nightly' } }),
      peerAuthentication('batch', 'b-nightly', 'PERMISSIVE', { selector: { app: 'nightly' } }),
    );
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/batch/a-nightly`]);
  });

  test('§C1 opt-out: the pod annotation "false" removes the sidecar; a pod label "true" beats an annotation "false"', () => {
    const optedOut = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'cron', { annotations: { 'sidecar.istio.io/inject': 'false' } }),
      peerAuthentication('shop', 'cron', 'STRICT', { selector: { app: 'cron' } }),
    );
    assert.deepEqual(keys(analyze(optedOut), RULE), [`${RULE} PeerAuthentication/shop/cron`]);
    const labelWins = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'cron', { labels: { app: 'cron', 'sidecar.istio.io/inject': 'true' }, annotations: { 'sidecar.istio.io/inject': 'false' } }),
      peerAuthentication('shop', 'cron', 'STRICT', { selector: { app: 'cron' } }),
    );
    assert.deepEqual(keys(analyze(labelWins), RULE), []);
  });

  test('§C1 istio-injection takes precedence over istio.io/rev on the namespace: `disabled` blocks even with a revision label', () => {
    const text = docs(namespace('batch', { 'istio-injection': 'disabled', 'istio.io/rev': '1-24' }), deployment('batch', 'nightly'), peerAuthentication('batch', 'default', 'STRICT'));
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/batch/default`]);
  });

  test('§D2 an AuthorizationPolicy with targetRef attaches to gateways/waypoints, not sidecars: silent', () => {
    const text = docs(
      namespace('batch', { 'istio-injection': 'disabled' }),
      deployment('batch', 'nightly'),
      authorizationPolicy('batch', 'waypoint-policy', '  targetRefs:\n  - kind: Gateway\n    group: gateway.networking.k8s.io\n    name: waypoint\n  rules:\n  - {}\n'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });
});
