import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { assertOn, findingsOf, lineAfter, serviceEntry, single } from './helpers';

const RULE = 'mtls-to-no-sidecar';

const istioMutual = '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n';

/** `shop` injected, with the client `web`. */
const shop = () => [namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web')];

/** The `soap` server in `legacy` with the given namespace labels and deployment options. */
const legacy = (nsLabels: Record<string, string> | undefined, o: Parameters<typeof deployment>[2] = {}) => [
  ...(nsLabels ? [namespace('legacy', nsLabels)] : []),
  deployment('legacy', 'soap', o),
  service('legacy', 'soap'),
];

const toSoap = destinationRule('shop', 'soap-mtls', 'soap.legacy.svc.cluster.local', istioMutual);

/** A pod template as `istioctl kube-inject` writes it: an istio-proxy container and the status annotation. */
const kubeInjected = (ns: string, name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
        security.istio.io/tlsMode: istio
      annotations:
        sidecar.istio.io/status: '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy"]}'
    spec:
      initContainers:
      - name: istio-init
        image: docker.io/istio/proxyv2:1.24.0
        args: ["istio-iptables", "-p", "15001", "-z", "15006"]
      containers:
      - name: ${name}
        image: example/${name}:1
        ports:
        - containerPort: 8080
          name: http
      - name: istio-proxy
        image: docker.io/istio/proxyv2:1.24.0
        args: ["proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local"]
`;

describe('mtls-to-no-sidecar', () => {
  describe('fires', () => {
    test('§C4 §B10 ISTIO_MUTUAL to a MESH_EXTERNAL ServiceEntry host: error on the DR tls key', () => {
      const text = docs(
        ...shop(),
        serviceEntry('shop', 'stripe', 'api.stripe.com', { location: 'MESH_EXTERNAL' }),
        destinationRule('shop', 'stripe', 'api.stripe.com', istioMutual),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'error');
      assertOn(f, 'DestinationRule', 'shop', 'stripe');
      assert.equal(f.range.start.line, lineAfter(text, 'kind: DestinationRule', '    tls:'));
    });

    test('§C1 §C4 the only selected workload lives in an istio-injection=disabled namespace (even with the pod opt-in label)', () => {
      const text = docs(...shop(), ...legacy({ 'istio-injection': 'disabled' }, { labels: { app: 'soap', 'sidecar.istio.io/inject': 'true' } }), toSoap);
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'DestinationRule', 'shop', 'soap-mtls');
      assert.equal(f.severity, 'error');
    });

    test('§C1 §C4 a Namespace object without injection labels: its workloads have no sidecar', () => {
      const text = docs(...shop(), ...legacy({}), toSoap);
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'soap-mtls');
    });

    test('§C1 §H7 the annotation sidecar.istio.io/inject=true alone does not opt a pod in', () => {
      const text = docs(...shop(), ...legacy({}, { annotations: { 'sidecar.istio.io/inject': 'true' } }), toSoap);
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'soap-mtls');
    });

    test('§C1 hostNetwork: true in an injected namespace gets no sidecar', () => {
      const text = docs(...shop(), ...legacy({ 'istio-injection': 'enabled' }, { hostNetwork: true }), toSoap);
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'soap-mtls');
    });

    test('§C1 pod label sidecar.istio.io/inject=false opts out in an injected namespace', () => {
      const text = docs(...shop(), ...legacy({ 'istio-injection': 'enabled' }, { labels: { app: 'soap', 'sidecar.istio.io/inject': 'false' } }), toSoap);
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'soap-mtls');
    });

    test('§C1 kube-system is never injected', () => {
      const text = docs(
        ...shop(),
        namespace('kube-system', { 'istio-injection': 'enabled' }),
        deployment('kube-system', 'metrics'),
        service('kube-system', 'metrics'),
        destinationRule('shop', 'metrics', 'metrics.kube-system.svc.cluster.local', istioMutual),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'metrics');
    });

    test('§B3 step 2 a DR in the service namespace (default exportTo) is in force for injected clients elsewhere', () => {
      const text = docs(...shop(), ...legacy({}), destinationRule('legacy', 'soap', 'soap', istioMutual));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'legacy', 'soap');
    });

    test('§B2 §C4 a namespace wildcard `*.legacy.svc.cluster.local` in the client namespace covers the sidecar-less Service', () => {
      const text = docs(...shop(), ...legacy({}), destinationRule('shop', 'legacy-mtls', '"*.legacy.svc.cluster.local"', istioMutual));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'legacy-mtls');
    });

    test('§C1 the pod annotation sidecar.istio.io/inject=false opts out in an injected namespace', () => {
      const text = docs(...shop(), ...legacy({ 'istio-injection': 'enabled' }, { annotations: { 'sidecar.istio.io/inject': 'false' } }), toSoap);
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'soap-mtls');
    });

    test('§C1 istio-injection=disabled takes precedence over istio.io/rev on the namespace', () => {
      const text = docs(...shop(), ...legacy({ 'istio-injection': 'disabled', 'istio.io/rev': 'stable' }), toSoap);
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'soap-mtls');
    });
  });

  describe('does not fire', () => {
    test('§C4 a Service whose selector matches no workload in the workspace says nothing about sidecars', () => {
      const text = docs(...shop(), namespace('legacy'), service('legacy', 'soap'), toSoap);
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 (rules.md "injected") kube-inject output (istio-proxy container, status annotation) counts as injected', () => {
      const text = docs(...shop(), namespace('legacy'), kubeInjected('legacy', 'soap'), service('legacy', 'soap'), toSoap);
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C4 one injected and one non-injected workload behind the Service: not "none injected"', () => {
      const text = docs(
        ...shop(),
        namespace('legacy', { 'istio-injection': 'enabled' }),
        deployment('legacy', 'soap-v1', { labels: { app: 'soap', version: 'v1' } }),
        deployment('legacy', 'soap-v2', { labels: { app: 'soap', version: 'v2', 'sidecar.istio.io/inject': 'false' } }),
        service('legacy', 'soap'),
        toSoap,
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C matrix ISTIO_MUTUAL to an injected PERMISSIVE server is accepted', () => {
      const text = docs(...shop(), ...legacy({ 'istio-injection': 'enabled' }), toSoap);
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 (rules.md "injected") a server namespace with no Namespace object: unknown injection is not evidence', () => {
      const text = docs(...shop(), ...legacy(undefined), toSoap);
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B10 a DR without tls leaves auto mTLS, which sends plaintext to sidecar-less endpoints', () => {
      const text = docs(...shop(), ...legacy({}), destinationRule('shop', 'soap', 'soap.legacy.svc.cluster.local', '  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C4 SIMPLE to a MESH_EXTERNAL host is TLS origination, not Istio mTLS', () => {
      const text = docs(
        ...shop(),
        serviceEntry('shop', 'stripe', 'api.stripe.com', { location: 'MESH_EXTERNAL' }),
        destinationRule('shop', 'stripe', 'api.stripe.com', '  trafficPolicy:\n    tls:\n      mode: SIMPLE\n'),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3 a DR in the service namespace with exportTo "." is only for that namespace, whose clients have no sidecar', () => {
      const text = docs(...shop(), ...legacy({}), destinationRule('legacy', 'soap', 'soap', `  exportTo:\n  - "."\n${istioMutual}`));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§G step 4 a DR in force only for non-injected clients (none injected anywhere) does not fire', () => {
      const text = docs(
        namespace('shop'),
        deployment('shop', 'web'),
        serviceEntry('shop', 'stripe', 'api.stripe.com', { location: 'MESH_EXTERNAL' }),
        destinationRule('shop', 'stripe', 'api.stripe.com', istioMutual),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B7 an ISTIO_MUTUAL subset that no VirtualService routes to is not in force', () => {
      const text = docs(
        ...shop(),
        ...legacy({}),
        destinationRule('shop', 'soap', 'soap.legacy.svc.cluster.local', `  subsets:
  - name: v1
    labels:
      app: soap
    trafficPolicy:
      tls:
        mode: ISTIO_MUTUAL
`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C matrix a server with a sidecar through the namespace revision label accepts Istio mTLS', () => {
      const text = docs(...shop(), ...legacy({ 'istio.io/rev': 'stable' }), peerAuthentication('legacy', 'default', 'STRICT'), toSoap);
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 the pod label wins over the annotation: label inject=true with annotation inject=false is injected', () => {
      const text = docs(
        ...shop(),
        ...legacy({ 'istio-injection': 'enabled' }, { labels: { app: 'soap', 'sidecar.istio.io/inject': 'true' }, annotations: { 'sidecar.istio.io/inject': 'false' } }),
        toSoap,
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 a pod label istio.io/rev in a namespace without injection labels is injected', () => {
      const text = docs(...shop(), ...legacy({}, { labels: { app: 'soap', 'istio.io/rev': 'stable' } }), toSoap);
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 the pod opt-in label sidecar.istio.io/inject=true in a namespace without injection labels is injected', () => {
      const text = docs(...shop(), ...legacy({}, { labels: { app: 'soap', 'sidecar.istio.io/inject': 'true' } }), toSoap);
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
