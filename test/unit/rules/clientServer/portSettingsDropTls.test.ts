import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { assertOn, findingsOf, lineOf, single } from './helpers';

const RULE = 'port-settings-drop-tls';

const warehouse = () => [
  namespace('warehouse', { 'istio-injection': 'enabled' }),
  peerAuthentication('warehouse', 'default', 'STRICT'),
  deployment('warehouse', 'inventory', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'grpc', containerPort: 9090 }] }),
  service('warehouse', 'inventory', [
    { name: 'http', port: 80, targetPort: 8080 },
    { name: 'grpc', port: 9090, targetPort: 9090 },
  ]),
];

describe('port-settings-drop-tls', () => {
  describe('fires', () => {
    test('§B6 §H1 top-level tls.mode + a portLevelSettings entry without tls: info on that entry', () => {
      const text = docs(
        ...warehouse(),
        destinationRule('warehouse', 'inventory', 'inventory', `  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
    portLevelSettings:
    - port:
        number: 9090
      loadBalancer:
        simple: LEAST_REQUEST
`),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'info');
      assertOn(f, 'DestinationRule', 'warehouse', 'inventory');
      assert.equal(f.range.start.line, lineOf(text, '    - port:'));
    });

    test('§B6 only the entry without tls fires when another entry has its own tls', () => {
      const text = docs(
        ...warehouse(),
        destinationRule('warehouse', 'inventory', 'inventory', `  trafficPolicy:
    tls:
      mode: SIMPLE
    portLevelSettings:
    - port:
        number: 80
      tls:
        mode: ISTIO_MUTUAL
    - port:
        number: 9090
      connectionPool:
        http:
          http2MaxRequests: 100
`),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.range.start.line, lineOf(text, '    - port:', 1));
    });

    test('§B6 a top-level DISABLE followed by an entry without tls (that port falls back to auto mTLS)', () => {
      const text = docs(
        ...warehouse(),
        destinationRule('warehouse', 'inventory', 'inventory', `  trafficPolicy:
    tls:
      mode: DISABLE
    portLevelSettings:
    - port:
        number: 80
      outlierDetection:
        consecutive5xxErrors: 5
`),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'warehouse', 'inventory');
    });

    test('§B6 (rules.md: own text) fires with no Service or workload for the host', () => {
      const text = destinationRule('ops', 'anything', 'api.example.com', `  trafficPolicy:
    tls:
      mode: SIMPLE
    portLevelSettings:
    - port:
        number: 443
      loadBalancer:
        simple: ROUND_ROBIN
`);
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'ops', 'anything');
    });

    test('§B7 a subset portLevelSettings entry without tls drops the top-level tls for that port (hasPortLevel → sub.tls = nil)', () => {
      const text = docs(
        ...warehouse(),
        destinationRule('warehouse', 'inventory', 'inventory', `  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
  subsets:
  - name: v2
    labels:
      version: v2
    trafficPolicy:
      portLevelSettings:
      - port:
          number: 9090
        loadBalancer:
          simple: LEAST_REQUEST
`),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'info');
      assert.equal(f.range.start.line, lineOf(text, '      - port:'));
    });
  });

  describe('does not fire', () => {
    test('§B6 every portLevelSettings entry sets its own tls', () => {
      const text = docs(
        ...warehouse(),
        destinationRule('warehouse', 'inventory', 'inventory', `  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
    portLevelSettings:
    - port:
        number: 9090
      tls:
        mode: ISTIO_MUTUAL
      loadBalancer:
        simple: LEAST_REQUEST
`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B6 §B10 no top-level tls: the entry and the top level both use auto mTLS', () => {
      const text = docs(
        ...warehouse(),
        destinationRule('warehouse', 'inventory', 'inventory', `  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBIN
    portLevelSettings:
    - port:
        number: 9090
      loadBalancer:
        simple: LEAST_REQUEST
`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B6 a top-level tls with no portLevelSettings at all', () => {
      const text = docs(...warehouse(), destinationRule('warehouse', 'inventory', 'inventory', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
