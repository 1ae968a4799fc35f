import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { assertOn, findingsOf, lineAfter, single, virtualService } from './helpers';

const RULE = 'tls-conflicts-namespace-mode';

/** Namespaces known only by their Namespace object and namespace-level PeerAuthentication. */
const platform = () => [
  namespace('payments'),
  peerAuthentication('payments', 'default', 'STRICT'),
  namespace('legacy-billing'),
  peerAuthentication('legacy-billing', 'default', 'DISABLE'),
  namespace('catalog'),
  peerAuthentication('catalog', 'default', 'PERMISSIVE'),
];

const disable = '  trafficPolicy:\n    tls:\n      mode: DISABLE\n';
const istioMutual = '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n';

const authz = (ns: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-all
  namespace: ${ns}
spec:
  rules:
  - {}
`;

describe('tls-conflicts-namespace-mode', () => {
  describe('fires', () => {
    test('§C2 an exact host in a STRICT namespace known only by policy, DISABLE: warning on the DR tls key', () => {
      const text = docs(...platform(), destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', disable));
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'warning');
      assertOn(f, 'DestinationRule', 'storefront', 'payments-api');
      assert.equal(f.range.start.line, lineAfter(text, 'kind: DestinationRule', '    tls:'));
    });

    test('§C2 §B2 `*.payments.svc.cluster.local` counts for payments', () => {
      const text = docs(...platform(), destinationRule('storefront', 'payments-plain', '"*.payments.svc.cluster.local"', disable));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'storefront', 'payments-plain');
    });

    test('§B8 §C2 `tls: {}` (no mode) sends plaintext too', () => {
      const text = docs(...platform(), destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', '  trafficPolicy:\n    tls: {}\n'));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'storefront', 'payments-api');
    });

    test('§C5 ISTIO_MUTUAL to an exact host in a DISABLE namespace', () => {
      const text = docs(...platform(), destinationRule('storefront', 'invoices-mtls', 'invoices.legacy-billing.svc.cluster.local', istioMutual));
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'warning');
      assertOn(f, 'DestinationRule', 'storefront', 'invoices-mtls');
    });

    test('§C2 `*.local` counts for a namespace with a namespace-level STRICT policy', () => {
      const text = docs(...platform(), destinationRule('storefront', 'all-plain', '"*.local"', disable));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'storefront', 'all-plain');
    });

    test('§C5 `*.svc.cluster.local` ISTIO_MUTUAL counts for the DISABLE namespace', () => {
      const text = docs(...platform(), destinationRule('storefront', 'in-cluster-mtls', '"*.svc.cluster.local"', istioMutual));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'storefront', 'in-cluster-mtls');
    });

    test('§A5 `*` counts for a namespace with only a Namespace object, using the mesh-level STRICT mode', () => {
      const text = docs(namespace('inventory'), peerAuthentication('istio-system', 'default', 'STRICT'), destinationRule('storefront', 'everything', '"*"', disable));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'storefront', 'everything');
    });

    test('§A5 an exact host in a namespace with a Namespace object and no namespace-level policy takes the mesh-level STRICT', () => {
      const text = docs(namespace('inventory'), peerAuthentication('istio-system', 'default', 'STRICT'), destinationRule('storefront', 'stock', 'stock.inventory.svc.cluster.local', disable));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'storefront', 'stock');
    });

    test('§B3(a) a client-namespace `*.local` DISABLE beats an ISTIO_MUTUAL namespace wildcard in the service namespace', () => {
      const text = docs(
        ...platform(),
        destinationRule('storefront', 'all-plain', '"*.local"', disable),
        destinationRule('payments', 'payments-mtls', '"*.payments.svc.cluster.local"', istioMutual),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'storefront', 'all-plain');
    });

    test('§B1 §B3 step 2 a DR in N itself (short host, default exportTo) is picked by clients of other namespaces', () => {
      const text = docs(...platform(), destinationRule('payments', 'api', 'api', disable));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'payments', 'api');
    });

    test('§B3 step 1 a DR in a third namespace is picked by that namespace\'s clients (no workload needed)', () => {
      const text = docs(...platform(), destinationRule('ops', 'payments-api', 'api.payments.svc.cluster.local', disable));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'ops', 'payments-api');
    });

    test('§A2 §B3 step 3 a DR in the root namespace for a root-namespace host: N = root, mode = the mesh-level STRICT', () => {
      const text = docs(peerAuthentication('istio-system', 'default', 'STRICT'), destinationRule('istio-system', 'istiod', 'istiod', disable));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'istio-system', 'istiod');
    });

    test('§B6 a port-level DISABLE entry fires, attached to the port-level tls key', () => {
      const text = docs(
        ...platform(),
        destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', `  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
    portLevelSettings:
    - port:
        number: 8080
      tls:
        mode: DISABLE
`),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.range.start.line, lineAfter(text, 'portLevelSettings:', 'tls:'));
    });

    test('§B6 a top-level DISABLE still applies to every port without a port-level entry', () => {
      const text = docs(
        ...platform(),
        destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', `  trafficPolicy:
    tls:
      mode: DISABLE
    portLevelSettings:
    - port:
        number: 8080
      tls:
        mode: ISTIO_MUTUAL
`),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.range.start.line, lineAfter(text, 'kind: DestinationRule', '    tls:'));
    });

    test('§B7 a DISABLE subset that a VirtualService routes to fires', () => {
      const text = docs(
        ...platform(),
        destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', `  subsets:
  - name: v2
    labels:
      version: v2
    trafficPolicy:
      tls:
        mode: DISABLE
`),
        virtualService('storefront', 'payments-api', 'api.payments.svc.cluster.local', 'v2'),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'storefront', 'payments-api');
    });

    test('§B3 (rules.md) a DR in the client namespace with exportTo "." is still picked by that namespace\'s clients', () => {
      const text = docs(...platform(), destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', `  exportTo:\n  - "."\n${disable}`));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'storefront', 'payments-api');
    });

    test('§A5 `*.cluster.local` counts for a namespace whose namespace-level policy is UNSET under a mesh-level STRICT', () => {
      const text = docs(
        namespace('payments'),
        peerAuthentication('payments', 'default', 'UNSET'),
        peerAuthentication('istio-system', 'default', 'STRICT'),
        destinationRule('storefront', 'cluster-plain', '"*.cluster.local"', disable),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'storefront', 'cluster-plain');
    });
  });

  describe('does not fire', () => {
    test('§C matrix plaintext to a PERMISSIVE namespace is accepted', () => {
      const text = docs(...platform(), destinationRule('storefront', 'catalog-plain', '"*.catalog.svc.cluster.local"', disable));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C matrix ISTIO_MUTUAL to a STRICT namespace is accepted', () => {
      const text = docs(...platform(), destinationRule('storefront', 'payments-mtls', '"*.payments.svc.cluster.local"', istioMutual));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('(rules.md fallback) N has a Service in the workspace: the per-workload rules judge it instead', () => {
      const text = docs(...platform(), service('payments', 'api'), destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', disable));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('(rules.md fallback) N has a workload in the workspace', () => {
      const text = docs(...platform(), deployment('payments', 'worker'), destinationRule('storefront', 'payments-plain', '"*.payments.svc.cluster.local"', disable));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('(rules.md fallback) §A4 N has a workload-level PeerAuthentication: modes may differ per workload', () => {
      const text = docs(
        ...platform(),
        peerAuthentication('payments', 'api-permissive', 'PERMISSIVE', { selector: { app: 'api' } }),
        destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', disable),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3 a DR in N with exportTo "." is only picked by clients in N itself', () => {
      const text = docs(...platform(), destinationRule('payments', 'api', 'api', `  exportTo:\n  - "."\n${disable}`));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3(b) a DR exported only to another namespace is picked by nobody', () => {
      const text = docs(...platform(), destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', `  exportTo:\n  - "billing"\n${disable}`));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B2 a more specific namespace wildcard in the same namespace wins over `*.local` for payments', () => {
      const text = docs(
        namespace('payments'),
        peerAuthentication('payments', 'default', 'STRICT'),
        destinationRule('storefront', 'all-plain', '"*.local"', disable),
        destinationRule('storefront', 'payments-mtls', '"*.payments.svc.cluster.local"', istioMutual),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('(rules.md) `*.local` does not count for a namespace known only by an AuthorizationPolicy (no Namespace object, no namespace-level PA)', () => {
      const text = docs(peerAuthentication('istio-system', 'default', 'STRICT'), authz('orders'), destinationRule('storefront', 'all-plain', '"*.local"', disable));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B7 a DISABLE subset no VirtualService routes to', () => {
      const text = docs(
        ...platform(),
        destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', `  subsets:
  - name: v2
    labels:
      version: v2
    trafficPolicy:
      tls:
        mode: DISABLE
`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B10 a DR without tls leaves auto mTLS', () => {
      const text = docs(...platform(), destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', '  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A3 the oldest namespace-level policy decides: an older PERMISSIVE beats a newer STRICT', () => {
      const text = docs(
        namespace('payments'),
        peerAuthentication('payments', 'open', 'PERMISSIVE', { created: '2024-01-01T00:00:00Z' }),
        peerAuthentication('payments', 'default', 'STRICT', { created: '2025-01-01T00:00:00Z' }),
        destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', disable),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B1 a dotted host `api.payments` is literal: not a host in payments', () => {
      const text = docs(...platform(), destinationRule('storefront', 'payments-api', 'api.payments', disable));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('(rules.md) SIMPLE is neither plaintext nor ISTIO_MUTUAL: not this rule', () => {
      const text = docs(...platform(), destinationRule('storefront', 'payments-api', 'api.payments.svc.cluster.local', '  trafficPolicy:\n    tls:\n      mode: SIMPLE\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A5 a namespace-level UNSET with no mesh-level policy is PERMISSIVE: plaintext accepted', () => {
      const text = docs(namespace('payments'), peerAuthentication('payments', 'default', 'UNSET'), destinationRule('storefront', 'payments-plain', '"*.payments.svc.cluster.local"', disable));
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
