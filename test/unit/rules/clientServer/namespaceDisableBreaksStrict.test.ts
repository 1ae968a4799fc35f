import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { assertOn, findingsOf, lineAfter, lineOf, meshConfigMap, single } from './helpers';

const RULE = 'namespace-disable-breaks-strict';

/** `legacy-apps` DISABLE at namespace level, `billing` raised to STRICT; `reporting` is an injected client. */
const base = (nsMode: string | undefined = 'DISABLE') => [
  namespace('legacy-apps', { 'istio-injection': 'enabled' }),
  ...(nsMode ? [peerAuthentication('legacy-apps', 'default', nsMode)] : []),
  deployment('legacy-apps', 'billing'),
  service('legacy-apps', 'billing'),
  namespace('reports', { 'istio-injection': 'enabled' }),
  deployment('reports', 'reporting'),
];
const billingStrict = peerAuthentication('legacy-apps', 'billing-strict', 'STRICT', { selector: { app: 'billing' } });
const istioMutual = '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n';

describe('namespace-disable-breaks-strict', () => {
  describe('fires', () => {
    test('§B10 §C8 namespace DISABLE + workload STRICT, no DR: error on the workload-level PA, range on its mode', () => {
      const text = docs(...base(), billingStrict);
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'error');
      assertOn(f, 'PeerAuthentication', 'legacy-apps', 'billing-strict');
      const start = lineOf(text, 'name: billing-strict');
      const end = text.split('\n').length;
      assert.ok(f.range.start.line > start && f.range.start.line < end, `range ${f.range.start.line} inside the PA`);
      assert.equal(f.range.start.line, lineAfter(text, 'name: billing-strict', 'mode: STRICT'));
    });

    test('§B10 §C8 mesh-level DISABLE (no namespace-level policy) + workload STRICT fires', () => {
      const text = docs(...base(undefined), peerAuthentication('istio-system', 'default', 'DISABLE'), billingStrict);
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'legacy-apps', 'billing-strict');
    });

    test('§A5 §B10 a namespace-level UNSET inherits the mesh-level DISABLE: fires', () => {
      const text = docs(...base('UNSET'), peerAuthentication('istio-system', 'default', 'DISABLE'), billingStrict);
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'legacy-apps', 'billing-strict');
    });

    test('§A7 §C8 a portLevelMtls STRICT entry on the targetPort fires, attached to that entry', () => {
      const text = docs(
        ...base(),
        peerAuthentication('legacy-apps', 'billing-port', undefined, { selector: { app: 'billing' }, portLevel: { '8080': 'STRICT' } }),
      );
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'PeerAuthentication', 'legacy-apps', 'billing-port');
      const entry = lineOf(text, '"8080":');
      assert.ok(f.range.start.line === entry || f.range.start.line === entry + 1, `range line ${f.range.start.line} on the 8080 entry (${entry})`);
    });

    test('§B6 §C8 an ISTIO_MUTUAL DR for another Service port does not rescue port 80', () => {
      const text = docs(
        ...base(),
        billingStrict,
        destinationRule('legacy-apps', 'billing', 'billing', `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 9090
      tls:
        mode: ISTIO_MUTUAL
`),
      );
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'legacy-apps', 'billing-strict');
    });

    test('§B10 §C8 a DR without tls keeps auto mTLS, which still sends plaintext: fires', () => {
      const text = docs(...base(), billingStrict, destinationRule('legacy-apps', 'billing', 'billing', '  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n'));
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'legacy-apps', 'billing-strict');
    });

    test('§F4 explicit enableAutoMtls: true in the mesh config behaves as the default: fires', () => {
      const text = docs(meshConfigMap('enableAutoMtls: true'), ...base(), billingStrict);
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'legacy-apps', 'billing-strict');
    });

    test('§B7 §C8 an ISTIO_MUTUAL subset that no VirtualService routes to does not rescue the default cluster', () => {
      const text = docs(
        ...base(),
        billingStrict,
        destinationRule('legacy-apps', 'billing', 'billing', `  subsets:
  - name: v1
    labels:
      app: billing
    trafficPolicy:
      tls:
        mode: ISTIO_MUTUAL
`),
      );
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'legacy-apps', 'billing-strict');
    });
  });

  describe('does not fire', () => {
    test('§C8 (corpus 07) an ISTIO_MUTUAL DR in the service namespace rescues the STRICT workload', () => {
      const text = docs(...base(), billingStrict, destinationRule('legacy-apps', 'billing', 'billing', istioMutual));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B6 §C8 a port-level ISTIO_MUTUAL for the Service port 80 rescues it', () => {
      const text = docs(
        ...base(),
        billingStrict,
        destinationRule('legacy-apps', 'billing', 'billing', `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 80
      tls:
        mode: ISTIO_MUTUAL
`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B10 auto mTLS off: not this rule (auto-mtls-off-plaintext covers it)', () => {
      const text = docs(meshConfigMap('enableAutoMtls: false'), ...base(), billingStrict);
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B10 a namespace-level PERMISSIVE with a workload STRICT: auto mTLS sends Istio mTLS', () => {
      const text = docs(...base('PERMISSIVE'), billingStrict);
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A5 §B10 a namespace-level PERMISSIVE overrides the mesh-level DISABLE', () => {
      const text = docs(...base('PERMISSIVE'), peerAuthentication('istio-system', 'default', 'DISABLE'), billingStrict);
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A4 a newer workload-level STRICT loses to an older workload-level PERMISSIVE and is ignored', () => {
      const text = docs(
        ...base(),
        peerAuthentication('legacy-apps', 'billing-permissive', 'PERMISSIVE', { selector: { app: 'billing' }, created: '2024-01-01T00:00:00Z' }),
        peerAuthentication('legacy-apps', 'billing-strict', 'STRICT', { selector: { app: 'billing' }, created: '2025-01-01T00:00:00Z' }),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A3 the oldest namespace-level policy wins: an older PERMISSIVE beats a newer DISABLE', () => {
      const text = docs(
        ...base(undefined),
        peerAuthentication('legacy-apps', 'a-permissive', 'PERMISSIVE', { created: '2024-01-01T00:00:00Z' }),
        peerAuthentication('legacy-apps', 'z-disable', 'DISABLE', { created: '2025-01-01T00:00:00Z' }),
        billingStrict,
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3 step 1 §C8 an ISTIO_MUTUAL DR in the client namespace that clients would use rescues the STRICT workload', () => {
      const text = docs(...base(), billingStrict, destinationRule('reports', 'billing', 'billing.legacy-apps.svc.cluster.local', istioMutual));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A11 the STRICT workload has no sidecar (pod label inject=false): the policy enforces nothing', () => {
      const text = docs(
        namespace('legacy-apps', { 'istio-injection': 'enabled' }),
        peerAuthentication('legacy-apps', 'default', 'DISABLE'),
        deployment('legacy-apps', 'billing', { labels: { app: 'billing', 'sidecar.istio.io/inject': 'false' } }),
        service('legacy-apps', 'billing'),
        namespace('reports', { 'istio-injection': 'enabled' }),
        deployment('reports', 'reporting'),
        billingStrict,
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 (rules.md "injected") the workload\'s namespace has no Namespace object: unknown injection, not reported', () => {
      const text = docs(
        peerAuthentication('legacy-apps', 'default', 'DISABLE'),
        deployment('legacy-apps', 'billing'),
        service('legacy-apps', 'billing'),
        namespace('reports', { 'istio-injection': 'enabled' }),
        deployment('reports', 'reporting'),
        billingStrict,
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A11 §G step 3 the STRICT workload\'s target port is excluded from inbound capture: the plaintext reaches the app', () => {
      const text = docs(
        namespace('legacy-apps', { 'istio-injection': 'enabled' }),
        peerAuthentication('legacy-apps', 'default', 'DISABLE'),
        deployment('legacy-apps', 'billing', { annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '8080' } }),
        service('legacy-apps', 'billing'),
        namespace('reports', { 'istio-injection': 'enabled' }),
        deployment('reports', 'reporting'),
        billingStrict,
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
