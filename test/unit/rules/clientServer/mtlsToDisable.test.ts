import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { assertOn, findingsOf, lineAfter, relatedIds, single } from './helpers';

const RULE = 'mtls-to-disable';

const istioMutual = '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n';

/** `finance` injected and STRICT; `ledger` serves http 80->8080 and tcp-legacy 9000->named `legacy-tcp` (9100). */
const finance = (nsMode = 'STRICT') => [
  namespace('finance', { 'istio-injection': 'enabled' }),
  peerAuthentication('finance', 'default', nsMode),
  deployment('finance', 'web'),
  deployment('finance', 'ledger', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'legacy-tcp', containerPort: 9100 }] }),
  service('finance', 'ledger', [
    { name: 'http', port: 80, targetPort: 8080 },
    { name: 'tcp-legacy', port: 9000, targetPort: 'legacy-tcp' },
  ]),
];

describe('mtls-to-disable', () => {
  describe('fires', () => {
    test('§C5 a workload-level DISABLE with an explicit ISTIO_MUTUAL DR: error on the tls key, related = the DISABLE PA', () => {
      const text = docs(
        ...finance(),
        peerAuthentication('finance', 'ledger-plain', 'DISABLE', { selector: { app: 'ledger' } }),
        destinationRule('finance', 'ledger', 'ledger', istioMutual),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'error');
      assertOn(f, 'DestinationRule', 'finance', 'ledger');
      assert.equal(f.range.start.line, lineAfter(text, 'kind: DestinationRule', '    tls:'));
      assert.ok(relatedIds(f).includes('PeerAuthentication/finance/ledger-plain'), JSON.stringify(relatedIds(f)));
    });

    test('§A7 §C5 a port-level DISABLE on the resolved named targetPort (9100) with ISTIO_MUTUAL fires', () => {
      const text = docs(
        ...finance(),
        peerAuthentication('finance', 'ledger-ports', undefined, { selector: { app: 'ledger' }, portLevel: { '9100': 'DISABLE' } }),
        destinationRule('finance', 'ledger', 'ledger', istioMutual),
      );
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'DestinationRule', 'finance', 'ledger');
      assert.ok(relatedIds(f).includes('PeerAuthentication/finance/ledger-ports'), JSON.stringify(relatedIds(f)));
    });

    test('§B6 §C5 a port-level ISTIO_MUTUAL for Service port 9000 reaches the DISABLE targetPort and fires on that block', () => {
      const text = docs(
        ...finance(),
        peerAuthentication('finance', 'ledger-ports', undefined, { selector: { app: 'ledger' }, portLevel: { '9100': 'DISABLE' } }),
        destinationRule('finance', 'ledger', 'ledger', `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 9000
      tls:
        mode: ISTIO_MUTUAL
`),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.range.start.line, lineAfter(text, 'portLevelSettings:', 'tls:'));
    });

    test('§C5 a namespace-level DISABLE with an explicit ISTIO_MUTUAL DR (in the client namespace) fires', () => {
      const text = docs(
        ...finance('DISABLE'),
        namespace('web', { 'istio-injection': 'enabled' }),
        deployment('web', 'frontend'),
        destinationRule('web', 'ledger', 'ledger.finance.svc.cluster.local', istioMutual),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'web', 'ledger');
    });

    test('§B7 §C5 a routed ISTIO_MUTUAL subset towards a DISABLE workload fires on the subset block', () => {
      const text = docs(
        ...finance(),
        peerAuthentication('finance', 'ledger-plain', 'DISABLE', { selector: { app: 'ledger' } }),
        destinationRule('finance', 'ledger', 'ledger', `  subsets:
  - name: v1
    labels:
      app: ledger
    trafficPolicy:
      tls:
        mode: ISTIO_MUTUAL
`),
        `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ledger
  namespace: finance
spec:
  hosts:
  - ledger
  tcp:
  - route:
    - destination:
        host: ledger
        subset: v1
`,
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.range.start.line, lineAfter(text, '- name: v1', 'tls:'));
    });
  });

  describe('does not fire', () => {
    test('§B11 §H3 a workload-level DISABLE without any DR: auto mTLS sends plaintext to that endpoint', () => {
      const text = docs(...finance(), peerAuthentication('finance', 'ledger-plain', 'DISABLE', { selector: { app: 'ledger' } }));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B11 a port-level DISABLE with a DR that has no tls (auto mTLS) does not fire', () => {
      const text = docs(
        ...finance(),
        peerAuthentication('finance', 'ledger-ports', undefined, { selector: { app: 'ledger' }, portLevel: { '9100': 'DISABLE' } }),
        destinationRule('finance', 'ledger', 'ledger', '  trafficPolicy:\n    connectionPool:\n      tcp:\n        maxConnections: 50\n'),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A7 a port-level DISABLE keyed by the Service port (9000) does not change the targetPort 9100 (stays STRICT)', () => {
      const text = docs(
        ...finance(),
        peerAuthentication('finance', 'ledger-ports', undefined, { selector: { app: 'ledger' }, portLevel: { '9000': 'DISABLE' } }),
        destinationRule('finance', 'ledger', 'ledger', istioMutual),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B6 ISTIO_MUTUAL only on Service port 80 does not reach the DISABLE targetPort behind port 9000', () => {
      const text = docs(
        ...finance(),
        peerAuthentication('finance', 'ledger-ports', undefined, { selector: { app: 'ledger' }, portLevel: { '9100': 'DISABLE' } }),
        destinationRule('finance', 'ledger', 'ledger', `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 80
      tls:
        mode: ISTIO_MUTUAL
`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C matrix ISTIO_MUTUAL to STRICT and PERMISSIVE sidecars is accepted', () => {
      assert.deepEqual(findingsOf(docs(...finance(), destinationRule('finance', 'ledger', 'ledger', istioMutual)), RULE), []);
      assert.deepEqual(findingsOf(docs(...finance('PERMISSIVE'), destinationRule('finance', 'ledger', 'ledger', istioMutual)), RULE), []);
    });

    test('§A5 a workload-level STRICT overrides a namespace DISABLE: ISTIO_MUTUAL is accepted', () => {
      const text = docs(
        ...finance('DISABLE'),
        peerAuthentication('finance', 'ledger-strict', 'STRICT', { selector: { app: 'ledger' } }),
        destinationRule('finance', 'ledger', 'ledger', istioMutual),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A4 a newer workload-level DISABLE loses to the older workload-level STRICT', () => {
      const text = docs(
        ...finance(),
        peerAuthentication('finance', 'ledger-strict', 'STRICT', { selector: { app: 'ledger' }, created: '2024-01-01T00:00:00Z' }),
        peerAuthentication('finance', 'ledger-plain', 'DISABLE', { selector: { app: 'ledger' }, created: '2025-01-01T00:00:00Z' }),
        destinationRule('finance', 'ledger', 'ledger', istioMutual),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A11 a DISABLE namespace whose server has no sidecar: not this rule (that is §C4)', () => {
      const text = docs(
        namespace('finance', { 'istio-injection': 'enabled' }),
        peerAuthentication('finance', 'default', 'DISABLE'),
        deployment('finance', 'web'),
        deployment('finance', 'ledger', { labels: { app: 'ledger', 'sidecar.istio.io/inject': 'false' } }),
        service('finance', 'ledger'),
        destinationRule('finance', 'ledger', 'ledger', istioMutual),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B4 an ISTIO_MUTUAL DR whose workloadSelector matches no injected client is not in force', () => {
      const text = docs(
        ...finance('DISABLE'),
        destinationRule('finance', 'ledger', 'ledger', `  workloadSelector:
    matchLabels:
      app: nobody
${istioMutual}`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
