import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace } from '../../../support/fixtures';
import { assertOn, findingsOf, lineOf, serviceEntry, single } from './helpers';

const RULE = 'tls-skips-verification';

const egress = () => [
  namespace('integrations', { 'istio-injection': 'enabled' }),
  deployment('integrations', 'partner-sync'),
  serviceEntry('integrations', 'bank', 'api.bank.example', { location: 'MESH_EXTERNAL', port: 443 }),
];

describe('tls-skips-verification', () => {
  describe('fires', () => {
    test('§B9 SIMPLE with insecureSkipVerify: true: warning on the insecureSkipVerify field', () => {
      const text = docs(
        ...egress(),
        destinationRule('integrations', 'bank', 'api.bank.example', `  trafficPolicy:
    tls:
      mode: SIMPLE
      insecureSkipVerify: true
`),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'warning');
      assertOn(f, 'DestinationRule', 'integrations', 'bank');
      assert.equal(f.range.start.line, lineOf(text, 'insecureSkipVerify: true'));
    });

    test('§B9 a port-level MUTUAL block with client certificate files and insecureSkipVerify: true', () => {
      const text = docs(
        ...egress(),
        destinationRule('integrations', 'bank', 'api.bank.example', `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 443
      tls:
        mode: MUTUAL
        clientCertificate: /etc/certs/client.pem
        privateKey: /etc/certs/client-key.pem
        insecureSkipVerify: true
`),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.range.start.line, lineOf(text, 'insecureSkipVerify: true'));
    });

    test('§B9 (rules.md: judged on its own text) a SIMPLE subset block no VirtualService routes to still fires', () => {
      const text = docs(
        ...egress(),
        destinationRule('integrations', 'bank', 'api.bank.example', `  subsets:
  - name: sandbox
    labels:
      env: sandbox
    trafficPolicy:
      tls:
        mode: SIMPLE
        insecureSkipVerify: true
`),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'integrations', 'bank');
    });

    test('§B9 (rules.md: judged on its own text) fires with no client workload and no ServiceEntry at all', () => {
      const text = destinationRule('ops', 'bank', 'api.bank.example', '  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      insecureSkipVerify: true\n');
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'ops', 'bank');
    });

    test('§B9 two blocks that skip verification give two findings', () => {
      const text = docs(
        ...egress(),
        destinationRule('integrations', 'bank', 'api.bank.example', `  trafficPolicy:
    tls:
      mode: SIMPLE
      insecureSkipVerify: true
    portLevelSettings:
    - port:
        number: 8443
      tls:
        mode: SIMPLE
        insecureSkipVerify: true
`),
      );
      const lines = findingsOf(text, RULE).map((f) => f.range.start.line).sort((a, b) => a - b);
      assert.deepEqual(lines, [lineOf(text, 'insecureSkipVerify: true', 0), lineOf(text, 'insecureSkipVerify: true', 1)]);
    });
  });

  describe('does not fire', () => {
    test('§B9 insecureSkipVerify: false with a pinned caCertificates', () => {
      const text = docs(
        ...egress(),
        destinationRule('integrations', 'bank', 'api.bank.example', `  trafficPolicy:
    tls:
      mode: SIMPLE
      insecureSkipVerify: false
      caCertificates: /etc/certs/bank-ca.pem
`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B9 SIMPLE without insecureSkipVerify validates against the system roots', () => {
      const text = docs(...egress(), destinationRule('integrations', 'bank', 'api.bank.example', '  trafficPolicy:\n    tls:\n      mode: SIMPLE\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('(rules.md) only SIMPLE or MUTUAL blocks: DISABLE with insecureSkipVerify: true does not fire', () => {
      const text = docs(...egress(), destinationRule('integrations', 'bank', 'api.bank.example', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n      insecureSkipVerify: true\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
