import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace } from '../../../support/fixtures';
import { assertInBlock, assertOn, findingsOf, lineAfter, lineOf, serviceEntry, single } from './helpers';

const RULE = 'mutual-without-credentials';

const shop = () => [
  namespace('shop', { 'istio-injection': 'enabled' }),
  deployment('shop', 'checkout'),
  serviceEntry('shop', 'billing-provider', 'api.billing.example', { location: 'MESH_EXTERNAL', port: 443 }),
];

const withTls = (tls: string) => destinationRule('shop', 'billing-provider', 'api.billing.example', `  trafficPolicy:\n    tls:\n${tls}`);

describe('mutual-without-credentials', () => {
  describe('fires', () => {
    test('§B9 MUTUAL with no credentials at all: error inside the tls block', () => {
      const text = docs(...shop(), withTls('      mode: MUTUAL\n      sni: api.billing.example\n'));
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'error');
      assertOn(f, 'DestinationRule', 'shop', 'billing-provider');
      assertInBlock(f, text, lineAfter(text, 'kind: DestinationRule', '    tls:'));
    });

    test('§B9 MUTUAL with clientCertificate but no privateKey', () => {
      const text = docs(...shop(), withTls('      mode: MUTUAL\n      clientCertificate: /etc/certs/client.pem\n'));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'billing-provider');
    });

    test('§B9 MUTUAL with privateKey but no clientCertificate', () => {
      const text = docs(...shop(), withTls('      mode: MUTUAL\n      privateKey: /etc/certs/client-key.pem\n      caCertificates: /etc/certs/ca.pem\n'));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'billing-provider');
    });

    test('§B9 (rules.md: own text) a port-level MUTUAL block without credentials, with no client at all', () => {
      const text = destinationRule('ops', 'partner', 'api.partner.example', `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 443
      tls:
        mode: MUTUAL
`);
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'DestinationRule', 'ops', 'partner');
      assertInBlock(f, text, lineOf(text, '      tls:'));
    });

    test('§B9 (rules.md: own text) an unrouted subset MUTUAL block without credentials', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'billing-provider', 'api.billing.example', `  subsets:
  - name: eu
    labels:
      region: eu
    trafficPolicy:
      tls:
        mode: MUTUAL
`),
      );
      assertInBlock(single(findingsOf(text, RULE)), text, lineAfter(text, '- name: eu', 'tls:'));
    });

    test('§B9 empty strings count as absent', () => {
      const text = docs(...shop(), withTls('      mode: MUTUAL\n      clientCertificate: ""\n      privateKey: ""\n'));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'billing-provider');
    });
  });

  describe('does not fire', () => {
    test('§B9 MUTUAL with clientCertificate and privateKey', () => {
      const text = docs(...shop(), withTls('      mode: MUTUAL\n      clientCertificate: /etc/certs/client.pem\n      privateKey: /etc/certs/client-key.pem\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B9 MUTUAL with credentialName (this rule; credentialName has its own rule)', () => {
      const text = docs(...shop(), withTls('      mode: MUTUAL\n      credentialName: billing-client\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B9 SIMPLE needs no client certificate', () => {
      const text = docs(...shop(), withTls('      mode: SIMPLE\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B9 ISTIO_MUTUAL uses the SDS workload certificate', () => {
      const text = docs(...shop(), withTls('      mode: ISTIO_MUTUAL\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
