import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { assertOn, findingsOf, lineAfter, relatedIds, single } from './helpers';

const RULE = 'user-tls-to-mesh';

type Port = { name?: string; port: number; targetPort?: number | string; appProtocol?: string };

/** `data` injected; `web` client; `api` server behind a Service with the given ports. */
const data = (ports: Port[], mode?: string, containerPorts = [{ name: 'p', containerPort: 8443 }]) => [
  namespace('data', { 'istio-injection': 'enabled' }),
  ...(mode ? [peerAuthentication('data', 'default', mode)] : []),
  deployment('data', 'web'),
  deployment('data', 'api', { ports: containerPorts }),
  service('data', 'api', ports),
];

const simple = '  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      caCertificates: /etc/certs/ca.pem\n';
const mutual = `  trafficPolicy:
    tls:
      mode: MUTUAL
      clientCertificate: /etc/certs/client.pem
      privateKey: /etc/certs/client-key.pem
      caCertificates: /etc/certs/ca.pem
`;

describe('user-tls-to-mesh', () => {
  describe('fires', () => {
    test('§C6 SIMPLE to a STRICT sidecar: error on the DR tls key, related = the STRICT PeerAuthentication', () => {
      const text = docs(...data([{ name: 'tcp-api', port: 443, targetPort: 8443 }], 'STRICT'), destinationRule('data', 'api', 'api', simple));
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'error');
      assertOn(f, 'DestinationRule', 'data', 'api');
      assert.equal(f.range.start.line, lineAfter(text, 'kind: DestinationRule', '    tls:'));
      assert.deepEqual(relatedIds(f).filter((r) => r.startsWith('PeerAuthentication/')), ['PeerAuthentication/data/default']);
    });

    test('§C6 §A9 MUTUAL with non-mesh certificates to a STRICT sidecar fails the handshake', () => {
      const text = docs(...data([{ name: 'http', port: 443, targetPort: 8443 }], 'STRICT'), destinationRule('data', 'api', 'api', mutual));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'data', 'api');
    });

    test('§A9 §C matrix SIMPLE to a PERMISSIVE sidecar on an http- named port: non-Istio TLS matches no filter chain', () => {
      const text = docs(...data([{ name: 'http-api', port: 443, targetPort: 8443 }]), destinationRule('data', 'api', 'api', simple));
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'error');
      assertOn(f, 'DestinationRule', 'data', 'api');
    });

    test('§A9 appProtocol http on a port without a protocol prefix makes it HTTP-declared (PERMISSIVE fires)', () => {
      const text = docs(...data([{ name: 'api', port: 443, targetPort: 8443, appProtocol: 'http' }]), destinationRule('data', 'api', 'api', simple));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'data', 'api');
    });

    test('§A9 appProtocol grpc counts as HTTP-family', () => {
      const text = docs(...data([{ name: 'rpc', port: 443, targetPort: 8443, appProtocol: 'grpc' }]), destinationRule('data', 'api', 'api', simple));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'data', 'api');
    });

    test('§A9 name prefixes http2- and grpc-web count as HTTP-family', () => {
      for (const name of ['http2-api', 'grpc-web']) {
        const text = docs(...data([{ name, port: 443, targetPort: 8443 }]), destinationRule('data', 'api', 'api', simple));
        assert.equal(findingsOf(text, RULE).length, 1, name);
      }
    });

    test('§B6 §C6 a port-level MUTUAL block for the Service port fires, attached to the port-level tls key', () => {
      const text = docs(
        ...data([{ name: 'tcp-api', port: 443, targetPort: 8443 }], 'STRICT'),
        destinationRule('data', 'api', 'api', `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 443
      tls:
        mode: MUTUAL
        clientCertificate: /etc/certs/client.pem
        privateKey: /etc/certs/client-key.pem
`),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.range.start.line, lineAfter(text, 'portLevelSettings:', 'tls:'));
    });

    test('§B3 step 1 §C6 a client-namespace SIMPLE DR towards a STRICT server in another namespace fires on the client DR', () => {
      const text = docs(
        ...data([{ name: 'tcp-api', port: 443, targetPort: 8443 }], 'STRICT'),
        namespace('web', { 'istio-injection': 'enabled' }),
        deployment('web', 'frontend'),
        destinationRule('web', 'api-tls', 'api.data.svc.cluster.local', simple),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'web', 'api-tls');
    });

    test('§A9 a port named exactly `grpc` is HTTP-family: PERMISSIVE fires', () => {
      const text = docs(...data([{ name: 'grpc', port: 443, targetPort: 8443 }]), destinationRule('data', 'api', 'api', simple));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'data', 'api');
    });
  });

  describe('does not fire', () => {
    test('§A9 §C matrix SIMPLE to a PERMISSIVE sidecar on a tcp- port: TLS is passed through to the app', () => {
      const text = docs(...data([{ name: 'tcp-redis-tls', port: 6379, targetPort: 8443 }]), destinationRule('data', 'api', 'api', simple));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A9 MUTUAL to a PERMISSIVE sidecar on an unnamed (auto-detect) port is passed through as TCP', () => {
      const text = docs(...data([{ port: 6379, targetPort: 8443 }]), destinationRule('data', 'api', 'api', mutual));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A9 appProtocol tcp on a port named without an HTTP prefix is TCP: PERMISSIVE passes TLS through', () => {
      const text = docs(...data([{ name: 'db', port: 6379, targetPort: 8443, appProtocol: 'tcp' }]), destinationRule('data', 'api', 'api', simple));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A5 §A7 a port-level PERMISSIVE on the TCP target port under a STRICT namespace does not fire', () => {
      const text = docs(
        ...data([{ name: 'tcp-api', port: 443, targetPort: 8443 }], 'STRICT'),
        peerAuthentication('data', 'api-ports', undefined, { selector: { app: 'api' }, portLevel: { '8443': 'PERMISSIVE' } }),
        destinationRule('data', 'api', 'api', simple),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C matrix SIMPLE to a DISABLE sidecar on a TCP port is passed through to the app (not this rule)', () => {
      const text = docs(...data([{ name: 'tcp-api', port: 443, targetPort: 8443 }], 'DISABLE'), destinationRule('data', 'api', 'api', simple));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A11 §C1 a server without a sidecar (pod label inject=false) terminates TLS itself', () => {
      const text = docs(
        namespace('data', { 'istio-injection': 'enabled' }),
        peerAuthentication('data', 'default', 'STRICT'),
        deployment('data', 'web'),
        deployment('data', 'api', { labels: { app: 'api', 'sidecar.istio.io/inject': 'false' }, ports: [{ containerPort: 8443 }] }),
        service('data', 'api', [{ name: 'https', port: 443, targetPort: 8443 }]),
        destinationRule('data', 'api', 'api', simple),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C matrix ISTIO_MUTUAL to STRICT is fine (not user TLS)', () => {
      const text = docs(...data([{ name: 'http', port: 443, targetPort: 8443 }], 'STRICT'), destinationRule('data', 'api', 'api', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3 a SIMPLE DR in a namespace no client looks up is never in force', () => {
      const text = docs(
        ...data([{ name: 'tcp-api', port: 443, targetPort: 8443 }], 'STRICT'),
        namespace('ops'),
        destinationRule('ops', 'api', 'api.data.svc.cluster.local', simple),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B7 a SIMPLE subset no VirtualService routes to is not in force', () => {
      const text = docs(
        ...data([{ name: 'tcp-api', port: 443, targetPort: 8443 }], 'STRICT'),
        destinationRule('data', 'api', 'api', `  subsets:
  - name: v1
    labels:
      app: api
    trafficPolicy:
      tls:
        mode: SIMPLE
`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 (rules.md "injected") a server namespace with no Namespace object: unknown injection, not reported', () => {
      const text = docs(
        namespace('web', { 'istio-injection': 'enabled' }),
        deployment('web', 'frontend'),
        peerAuthentication('data', 'default', 'STRICT'),
        deployment('data', 'api', { ports: [{ containerPort: 8443 }] }),
        service('data', 'api', [{ name: 'tcp-api', port: 443, targetPort: 8443 }]),
        destinationRule('web', 'api-tls', 'api.data.svc.cluster.local', simple),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A9 a port named `https-api` is not HTTP-family (TLS passthrough): PERMISSIVE does not fire', () => {
      const text = docs(...data([{ name: 'https-api', port: 443, targetPort: 8443 }]), destinationRule('data', 'api', 'api', simple));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A9 a port named `httpbin` has no `http-` protocol prefix: auto-detect, PERMISSIVE passes TLS through', () => {
      const text = docs(...data([{ name: 'httpbin', port: 443, targetPort: 8443 }]), destinationRule('data', 'api', 'api', simple));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A11 §C7 §G step 3 SIMPLE to a STRICT workload whose target port is excluded from inbound capture reaches the app directly', () => {
      const text = docs(
        namespace('data', { 'istio-injection': 'enabled' }),
        peerAuthentication('data', 'default', 'STRICT'),
        deployment('data', 'web'),
        deployment('data', 'api', { ports: [{ containerPort: 8443 }], annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '8443' } }),
        service('data', 'api', [{ name: 'tcp-api', port: 443, targetPort: 8443 }]),
        destinationRule('data', 'api', 'api', simple),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
