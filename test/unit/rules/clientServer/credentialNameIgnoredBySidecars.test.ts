import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace } from '../../../support/fixtures';
import { assertOn, findingsOf, lineOf, serviceEntry, single, virtualService } from './helpers';

const RULE = 'credential-name-ignored-by-sidecars';

/** `shop` injected with the `checkout` client; `api.partner.example` is an external HTTP host on port 80. */
const shop = (nsLabels: Record<string, string> = { 'istio-injection': 'enabled' }) => [
  namespace('shop', nsLabels),
  deployment('shop', 'checkout'),
  serviceEntry('shop', 'partner', 'api.partner.example', { location: 'MESH_EXTERNAL', port: 80, protocol: 'HTTP', portName: 'http' }),
];

const originate = (mode: string, extra = '') => `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 80
      tls:
        mode: ${mode}
        credentialName: partner-client
${extra}`;

describe('credential-name-ignored-by-sidecars', () => {
  describe('fires', () => {
    test('§B9 MUTUAL + credentialName without workloadSelector, in force for injected clients: warning on credentialName', () => {
      const text = docs(...shop(), destinationRule('shop', 'partner-api', 'api.partner.example', originate('MUTUAL')));
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'warning');
      assertOn(f, 'DestinationRule', 'shop', 'partner-api');
      assert.equal(f.range.start.line, lineOf(text, 'credentialName: partner-client'));
    });

    test('§B9 SIMPLE + credentialName (top level) fires too', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'partner-api', 'api.partner.example', '  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      credentialName: partner-ca\n'),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.range.start.line, lineOf(text, 'credentialName: partner-ca'));
    });

    test('§B3 step 3 a root-namespace DR with default exportTo is in force for injected clients in shop', () => {
      const text = docs(...shop(), destinationRule('istio-system', 'partner-api', 'api.partner.example', originate('MUTUAL')));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'istio-system', 'partner-api');
    });

    test('§B7 §B9 a routed subset with SIMPLE + credentialName fires', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'partner-api', 'api.partner.example', `  subsets:
  - name: eu
    labels:
      region: eu
    trafficPolicy:
      tls:
        mode: SIMPLE
        credentialName: partner-ca
`),
        virtualService('shop', 'partner', 'api.partner.example', 'eu'),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'partner-api');
    });
  });

  describe('does not fire', () => {
    test('§B9 §B4 a DR with a workloadSelector keeps the credentialName TLS context', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'partner-api', 'api.partner.example', `  workloadSelector:
    matchLabels:
      app: checkout
${originate('MUTUAL')}`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B9 a `configmap://` credentialName is not dropped', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'partner-api', 'api.partner.example', '  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      credentialName: configmap://partner-ca\n'),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3(c) §B14 a root-namespace DR with exportTo "." is only for gateways in the root namespace (no injected workload there)', () => {
      const text = docs(
        ...shop(),
        destinationRule('istio-system', 'partner-api', 'api.partner.example', `  exportTo:\n  - "."\n${originate('MUTUAL')}`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 (rules.md "in force") no injected client: the namespace has no injection label', () => {
      const text = docs(...shop({}), destinationRule('shop', 'partner-api', 'api.partner.example', originate('MUTUAL')));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3 a DR in a namespace no client looks up (not client, service or root namespace)', () => {
      const text = docs(
        namespace('egress', { 'istio-injection': 'enabled' }),
        ...shop(),
        destinationRule('egress', 'partner-api', 'api.partner.example', originate('MUTUAL')),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B7 an unrouted subset with credentialName is not in force', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'partner-api', 'api.partner.example', `  subsets:
  - name: eu
    labels:
      region: eu
    trafficPolicy:
      tls:
        mode: SIMPLE
        credentialName: partner-ca
`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B9 (rules.md) ISTIO_MUTUAL with a stray credentialName is not SIMPLE/MUTUAL', () => {
      const text = docs(...shop(), destinationRule('shop', 'partner-api', 'api.partner.example', originate('ISTIO_MUTUAL')));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B6 a port-level entry for a port the host does not have is never in force', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'partner-api', 'api.partner.example', originate('MUTUAL').replace('number: 80', 'number: 8443')),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
