import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication } from '../../../support/fixtures';
import { authorizationPolicy, lineInDocument, lineOf, meshConfigMap, one, resourceOf } from './policyTestKit';

const RULE = 'selector-matches-nothing';

const checkout = docs(
  namespace('checkout', { 'istio-injection': 'enabled' }),
  deployment('checkout', 'cart', { labels: { 'app.kubernetes.io/name': 'cart' } }),
  deployment('checkout', 'payment', { labels: { 'app.kubernetes.io/name': 'payment', version: 'v1' } }),
);

describe('selector-matches-nothing', () => {
  test('§A1 a PeerAuthentication selector that no pod of its namespace carries: warning on the selector', () => {
    const text = docs(checkout, peerAuthentication('checkout', 'checkout-strict', 'STRICT', { selector: { app: 'cart' } }));
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'PeerAuthentication/checkout/checkout-strict');
    assert.equal(d.range.start.line, lineInDocument(text, 3, '  selector:'));
  });

  test('§A1 matchLabels must be a subset of the pod labels: one extra label makes it match nothing', () => {
    const text = docs(checkout, peerAuthentication('checkout', 'payment-v2', 'STRICT', { selector: { 'app.kubernetes.io/name': 'payment', version: 'v2' } }));
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/checkout/payment-v2`]);
  });

  test('§D2 an AuthorizationPolicy selector matching no workload of its namespace', () => {
    const text = docs(
      checkout,
      authorizationPolicy('checkout', 'checkout-allow-storefront', '  selector:\n    matchLabels:\n      app: checkout\n  action: ALLOW\n  rules:\n  - {}\n'),
    );
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'AuthorizationPolicy/checkout/checkout-allow-storefront');
    assert.equal(d.range.start.line, lineInDocument(text, 3, '  selector:'));
  });

  test('§B4 a DestinationRule workloadSelector that no client proxy in its namespace carries: warning on workloadSelector', () => {
    const text = docs(
      checkout,
      destinationRule('checkout', 'fraud-check-from-checkout', 'fraud-check.risk.svc.cluster.local', '  workloadSelector:\n    matchLabels:\n      app: checkout\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'),
    );
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'DestinationRule/checkout/fraud-check-from-checkout');
    assert.equal(d.range.start.line, lineOf(text, '  workloadSelector:'));
  });

  test('§A1 the matching pods live in another (non-root) namespace: still nothing in the policy namespace', () => {
    const text = docs(
      checkout,
      deployment('payments', 'billing'),
      peerAuthentication('checkout', 'billing-strict', 'STRICT', { selector: { app: 'billing' } }),
    );
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/checkout/billing-strict`]);
  });

  test('§A1 §D2 §B4 selectors that match a pod of the namespace are silent', () => {
    const text = docs(
      checkout,
      peerAuthentication('checkout', 'cart', 'STRICT', { selector: { 'app.kubernetes.io/name': 'cart' } }),
      authorizationPolicy('checkout', 'payment', '  selector:\n    matchLabels:\n      version: v1\n  rules:\n  - {}\n'),
      destinationRule('checkout', 'from-cart', 'fraud-check.risk.svc.cluster.local', '  workloadSelector:\n    matchLabels:\n      app.kubernetes.io/name: cart\n'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('rules.md selector-matches-nothing: no workload in the namespace at all (policies-only repository) is silent', () => {
    const text = docs(
      checkout,
      peerAuthentication('reports', 'reports-strict', 'STRICT', { selector: { app: 'reports' } }),
      authorizationPolicy('reports', 'reports-allow', '  selector:\n    matchLabels:\n      app: reports\n  rules:\n  - {}\n'),
      destinationRule('reports', 'reports-dr', 'reports', '  workloadSelector:\n    matchLabels:\n      app: reports\n'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§D2 a root-namespace AuthorizationPolicy selects across all namespaces: a match in another namespace is enough', () => {
    const text = docs(
      checkout,
      authorizationPolicy('istio-system', 'block-debug', '  selector:\n    matchLabels:\n      app.kubernetes.io/name: cart\n  action: DENY\n  rules:\n  - to:\n    - operation:\n        paths: ["/debug/*"]\n'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§D2 a root-namespace AuthorizationPolicy matching no workload anywhere fires, though the root namespace has no workloads', () => {
    const text = docs(
      checkout,
      authorizationPolicy('istio-system', 'quarantine-scanner', '  selector:\n    matchLabels:\n      app: legacy-scanner\n  action: DENY\n  rules:\n  - {}\n'),
    );
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'AuthorizationPolicy/istio-system/quarantine-scanner');
    assert.equal(d.range.start.line, lineInDocument(text, 3, '  selector:'));
  });

  test('§D2 rules.md "root namespace": with a custom rootNamespace, its AuthorizationPolicy searches all namespaces; istio-system no longer does', () => {
    const sel = '  selector:\n    matchLabels:\n      app.kubernetes.io/name: cart\n  rules:\n  - {}\n';
    const text = docs(
      meshConfigMap('rootNamespace: mesh-root\n'),
      checkout,
      deployment('mesh-root', 'mesh-tool'),
      deployment('istio-system', 'istiod'),
      authorizationPolicy('mesh-root', 'cart-everywhere', sel),
      authorizationPolicy('istio-system', 'cart-local', sel),
    );
    const f = analyze(text);
    assert.deepEqual(keys(f, RULE), [`${RULE} AuthorizationPolicy/istio-system/cart-local`]);
  });

  test('rules.md "variants": policies and workloads in different files of one folder are analysed together', () => {
    const f = analyze({
      'shop/workloads.yaml': checkout,
      'shop/policies.yaml': docs(
        peerAuthentication('checkout', 'cart', 'STRICT', { selector: { 'app.kubernetes.io/name': 'cart' } }),
        peerAuthentication('checkout', 'ghost', 'STRICT', { selector: { app: 'ghost' } }),
      ),
    });
    assert.deepEqual(keys(f, RULE), [`${RULE} PeerAuthentication/checkout/ghost`]);
    assert.equal(f.find((x) => x.rule === RULE)?.file, 'shop/policies.yaml');
  });

  test('rules.md selector-matches-nothing: a root-namespace AuthorizationPolicy in a workspace without workloads is silent', () => {
    const text = authorizationPolicy('istio-system', 'quarantine-scanner', '  selector:\n    matchLabels:\n      app: legacy-scanner\n  action: DENY\n  rules:\n  - {}\n');
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§A2 selector-less policies select every workload: nothing to report', () => {
    const text = docs(checkout, peerAuthentication('checkout', 'default', 'STRICT'), authorizationPolicy('checkout', 'allow-all', '  rules:\n  - {}\n'));
    assert.deepEqual(keys(analyze(text), RULE), []);
  });
});
