import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, service } from '../../../support/fixtures';
import { assertOn, findingsOf, lineAfter, lineOf, single } from './helpers';

const RULE = 'empty-tls-means-disable';

/** `catalog` injected with no PeerAuthentication: PERMISSIVE (§A5), nothing is STRICT. */
const catalog = () => [namespace('catalog', { 'istio-injection': 'enabled' }), deployment('catalog', 'search'), service('catalog', 'search')];

describe('empty-tls-means-disable', () => {
  describe('fires', () => {
    test('§B8 top-level `tls: {}`: warning on the tls key, even though nothing is STRICT', () => {
      const text = docs(...catalog(), destinationRule('catalog', 'search', 'search', '  trafficPolicy:\n    tls: {}\n'));
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'warning');
      assertOn(f, 'DestinationRule', 'catalog', 'search');
      assert.equal(f.range.start.line, lineOf(text, '    tls: {}'));
    });

    test('§B8 a tls block with only subjectAltNames and sni has no mode', () => {
      const text = docs(
        ...catalog(),
        destinationRule('catalog', 'search', 'search', `  trafficPolicy:
    tls:
      sni: search.catalog.svc.cluster.local
      subjectAltNames:
      - spiffe://cluster.local/ns/catalog/sa/search
`),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.range.start.line, lineAfter(text, 'trafficPolicy:', 'tls:'));
    });

    test('§B6 §B8 a port-level `tls: {}` fires on that block', () => {
      const text = docs(
        ...catalog(),
        destinationRule('catalog', 'search', 'search', `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 80
      tls: {}
`),
      );
      assert.equal(single(findingsOf(text, RULE)).range.start.line, lineOf(text, '      tls: {}'));
    });

    test('§B7 §B8 (rules.md: own text) a subset `tls: {}` fires even though no VirtualService routes to it', () => {
      const text = docs(
        ...catalog(),
        destinationRule('catalog', 'search', 'search', `  subsets:
  - name: v1
    labels:
      version: v1
    trafficPolicy:
      tls: {}
`),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'catalog', 'search');
    });

    test('§B8 (rules.md: own text) a DR alone in the workspace, with no Service or workload', () => {
      const text = destinationRule('ops', 'anything', '"*.example.com"', '  trafficPolicy:\n    tls:\n      caCertificates: /etc/ca.pem\n');
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'ops', 'anything');
    });

    test('§B8 one finding per block: top-level and port-level empty blocks give two', () => {
      const text = docs(
        ...catalog(),
        destinationRule('catalog', 'search', 'search', `  trafficPolicy:
    tls: {}
    portLevelSettings:
    - port:
        number: 80
      tls: {}
`),
      );
      assert.deepEqual(
        findingsOf(text, RULE).map((f) => f.range.start.line).sort((a, b) => a - b),
        [lineOf(text, '    tls: {}', 0), lineOf(text, '      tls: {}', 0)],
      );
    });
  });

  describe('does not fire', () => {
    test('§B8 an explicit mode DISABLE is not an empty block', () => {
      const text = docs(...catalog(), destinationRule('catalog', 'search', 'search', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B8 an explicit mode ISTIO_MUTUAL with sni', () => {
      const text = docs(...catalog(), destinationRule('catalog', 'search', 'search', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n      sni: search.catalog\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B10 no tls block at all keeps auto mTLS', () => {
      const text = docs(...catalog(), destinationRule('catalog', 'search', 'search', '  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B6 a port-level entry without tls is not an empty tls block (that is port-settings-drop-tls)', () => {
      const text = docs(
        ...catalog(),
        destinationRule('catalog', 'search', 'search', `  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
    portLevelSettings:
    - port:
        number: 80
      connectionPool:
        tcp:
          maxConnections: 10
`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
