import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { assertOn, findingsOf, lineAfter, meshConfigMap, single } from './helpers';

const RULE = 'auto-mtls-off-plaintext';

const autoOff = meshConfigMap('trustDomain: cluster.local\nenableAutoMtls: false');

/** `shop` injected and STRICT with two Services, `catalog` and `frontend`. */
const shop = (mode = 'STRICT') => [
  namespace('shop', { 'istio-injection': 'enabled' }),
  peerAuthentication('shop', 'default', mode),
  deployment('shop', 'catalog'),
  service('shop', 'catalog'),
  deployment('shop', 'frontend'),
  service('shop', 'frontend'),
];

const istioMutual = '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n';

const istioOperator = (enable: string) => `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: control-plane
  namespace: istio-system
spec:
  profile: default
  meshConfig:
    accessLogFile: /dev/stdout
    enableAutoMtls: ${enable}
`;

describe('auto-mtls-off-plaintext', () => {
  describe('fires', () => {
    test('§B10 §F4 ConfigMap istio enableAutoMtls: false: one error on the STRICT PeerAuthentication for two uncovered Services', () => {
      const text = docs(autoOff, ...shop());
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'error');
      assertOn(f, 'PeerAuthentication', 'shop', 'default');
      assert.ok(f.range.start.line >= lineAfter(text, 'kind: PeerAuthentication', 'name: default'), 'range inside the PA');
      assert.ok(f.range.start.line <= lineAfter(text, 'kind: PeerAuthentication', 'mode: STRICT'), 'range inside the PA');
    });

    test('§B10 §F5 an IstioOperator spec.meshConfig.enableAutoMtls: false fires too', () => {
      const text = docs(istioOperator('false'), ...shop());
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'shop', 'default');
    });

    test('§F4 the revisioned ConfigMap istio-<rev> is mesh config too', () => {
      const text = docs(meshConfigMap('enableAutoMtls: false', 'istio-canary'), ...shop());
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'shop', 'default');
    });

    test('§B10 an ISTIO_MUTUAL DR for only one of the two Services: still one finding', () => {
      const text = docs(autoOff, ...shop(), destinationRule('shop', 'catalog', 'catalog', istioMutual));
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'shop', 'default');
    });

    test('§B6 §B10 a DR whose only tls is port-level for another port leaves port 80 without tls', () => {
      const text = docs(
        autoOff,
        ...shop(),
        destinationRule('shop', 'all', '"*.shop.svc.cluster.local"', `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 9090
      tls:
        mode: ISTIO_MUTUAL
`),
      );
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'shop', 'default');
    });

    test('§A5 §B10 a workload-level STRICT under a PERMISSIVE namespace: the finding goes on the workload-level PA', () => {
      const text = docs(autoOff, ...shop('PERMISSIVE'), peerAuthentication('shop', 'catalog-strict', 'STRICT', { selector: { app: 'catalog' } }));
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'shop', 'catalog-strict');
    });

    test('§A2 §B10 a mesh-level STRICT in the root namespace: the finding goes on the mesh-level PA', () => {
      const text = docs(
        autoOff,
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('istio-system', 'default', 'STRICT'),
        deployment('shop', 'catalog'),
        service('shop', 'catalog'),
      );
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'istio-system', 'default');
    });

    test('§B10 one finding per PeerAuthentication: two STRICT namespaces give two findings', () => {
      const text = docs(
        autoOff,
        ...shop(),
        namespace('pay', { 'istio-injection': 'enabled' }),
        peerAuthentication('pay', 'default', 'STRICT'),
        deployment('pay', 'charge'),
        service('pay', 'charge'),
      );
      assert.deepEqual(findingsOf(text, RULE).map((f) => `${f.resource.namespace}/${f.resource.name}`).sort(), ['pay/default', 'shop/default']);
    });

    test('§B5 §B10 a newer ISTIO_MUTUAL DR for the same host is merged away: the oldest DR (no tls) decides', () => {
      const text = docs(
        autoOff,
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'catalog'),
        service('shop', 'catalog'),
        destinationRule('shop', 'catalog-lb', 'catalog', '  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n').replace('  namespace: shop\n', '  namespace: shop\n  creationTimestamp: "2024-01-01T00:00:00Z"\n'),
        destinationRule('shop', 'catalog-mtls', 'catalog', istioMutual).replace('  namespace: shop\n', '  namespace: shop\n  creationTimestamp: "2025-01-01T00:00:00Z"\n'),
      );
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'shop', 'default');
    });

    test('§B3 an ISTIO_MUTUAL DR in a namespace no client looks up does not cover the Services', () => {
      const text = docs(autoOff, ...shop(), namespace('ops'), destinationRule('ops', 'shop-mtls', '"*.shop.svc.cluster.local"', istioMutual));
      assertOn(single(findingsOf(text, RULE)), 'PeerAuthentication', 'shop', 'default');
    });
  });

  describe('does not fire', () => {
    test('§F4 no mesh config in the workspace: enableAutoMtls defaults to true', () => {
      assert.deepEqual(findingsOf(docs(...shop()), RULE), []);
    });

    test('§F4 enableAutoMtls: true explicitly', () => {
      assert.deepEqual(findingsOf(docs(meshConfigMap('enableAutoMtls: true'), ...shop()), RULE), []);
      assert.deepEqual(findingsOf(docs(istioOperator('true'), ...shop()), RULE), []);
    });

    test('§B9 §B10 ISTIO_MUTUAL DRs for every Service rescue the STRICT namespace', () => {
      const text = docs(autoOff, ...shop(), destinationRule('shop', 'catalog', 'catalog', istioMutual), destinationRule('shop', 'frontend', 'frontend', istioMutual));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3 step 3 a `*.local` ISTIO_MUTUAL DR in the root namespace covers every Service', () => {
      const text = docs(autoOff, ...shop(), destinationRule('istio-system', 'mesh-mtls', '"*.local"', istioMutual));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B2 §B3 a namespace wildcard ISTIO_MUTUAL DR in the service namespace covers both Services', () => {
      const text = docs(autoOff, ...shop(), destinationRule('shop', 'shop-mtls', '"*.shop.svc.cluster.local"', istioMutual));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C matrix with auto mTLS off, plaintext to PERMISSIVE is accepted', () => {
      assert.deepEqual(findingsOf(docs(autoOff, ...shop('PERMISSIVE')), RULE), []);
    });

    test('§A11 STRICT workloads without a sidecar enforce nothing', () => {
      const text = docs(
        autoOff,
        namespace('shop'),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'catalog'),
        service('shop', 'catalog'),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B10 a STRICT namespace with no Service port: there is no destination to send plaintext to', () => {
      const text = docs(autoOff, namespace('shop', { 'istio-injection': 'enabled' }), peerAuthentication('shop', 'default', 'STRICT'), deployment('shop', 'worker'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 (rules.md "injected") STRICT workloads in a namespace with no Namespace object: unknown injection, not reported', () => {
      const text = docs(autoOff, peerAuthentication('shop', 'default', 'STRICT'), deployment('shop', 'catalog'), service('shop', 'catalog'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A7 §B10 a port-level PERMISSIVE on the only target port leaves no STRICT Service port', () => {
      const text = docs(
        autoOff,
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'catalog'),
        service('shop', 'catalog'),
        peerAuthentication('shop', 'catalog-open', undefined, { selector: { app: 'catalog' }, portLevel: { '8080': 'PERMISSIVE' } }),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A11 §G step 3 the only STRICT target port is excluded from inbound capture: plaintext reaches the app', () => {
      const text = docs(
        autoOff,
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'catalog', { annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '8080' } }),
        service('shop', 'catalog'),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
