import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { actionsFor, assertAllCrlf, assertFixes, crlf, findingsOf, quickFixes } from './support';

/** `legacy-apps` DISABLE at namespace level, `billing` raised to STRICT; `reporting` is an injected client. */
const base = () => [
  namespace('legacy-apps', { 'istio-injection': 'enabled' }),
  peerAuthentication('legacy-apps', 'default', 'DISABLE'),
  deployment('legacy-apps', 'billing'),
  service('legacy-apps', 'billing'),
  namespace('reports', { 'istio-injection': 'enabled' }),
  deployment('reports', 'reporting'),
];
const billingStrict = peerAuthentication('legacy-apps', 'billing-strict', 'STRICT', { selector: { app: 'billing' } });

const NEW_RULE = `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: billing-istio-mutual
  namespace: legacy-apps
spec:
  host: billing.legacy-apps.svc.cluster.local
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
`;

const meshConfig = (mesh: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |-
    ${mesh}
`;

describe('namespace-disable-breaks-strict quick fix (§B10 §C8)', () => {
  test('§C8 appends one DestinationRule with ISTIO_MUTUAL for the Service; the title says where', () => {
    const text = docs(...base(), billingStrict);
    const [fix] = quickFixes(actionsFor(text, 'namespace-disable-breaks-strict'));
    assert.equal(fix.title, 'Add a DestinationRule with tls mode ISTIO_MUTUAL for billing.legacy-apps (append to this file)');
    assert.equal(fix.isPreferred, true);
    const after = assertFixes(text, fix, 'namespace-disable-breaks-strict', [text.length, text.length]);
    assert.equal(after, text + NEW_RULE);
    assert.deepEqual(findingsOf(after, 'mtls-to-disable'), [], 'the new rule breaks no DISABLE port');
  });

  test('§B6 §C5 only port 80 is STRICT (port-level entry): the new rule sets ISTIO_MUTUAL on that port only, not on the DISABLE one', () => {
    const twoPorts = docs(
      namespace('legacy-apps', { 'istio-injection': 'enabled' }),
      peerAuthentication('legacy-apps', 'default', 'DISABLE'),
      deployment('legacy-apps', 'billing', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] }),
      service('legacy-apps', 'billing', [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'metrics', port: 9090, targetPort: 9090 }]),
      namespace('reports', { 'istio-injection': 'enabled' }),
      deployment('reports', 'reporting'),
      peerAuthentication('legacy-apps', 'billing-port', undefined, { selector: { app: 'billing' }, portLevel: { '8080': 'STRICT' } }),
    );
    // The file has no trailing line break and uses CRLF: the append adds one, in CRLF.
    const text = crlf(twoPorts).replace(/\r\n$/, '');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'namespace-disable-breaks-strict'))[0], 'namespace-disable-breaks-strict', [text.length, text.length]);
    assertAllCrlf(after);
    assert.ok(
      after.endsWith(
        crlf(`  host: billing.legacy-apps.svc.cluster.local
  trafficPolicy:
    portLevelSettings:
    - port:
        number: 80
      tls:
        mode: ISTIO_MUTUAL
`),
      ),
    );
    assert.deepEqual(findingsOf(after, 'mtls-to-disable'), []);
  });

  test('§B5 no fix when a DestinationRule of the Service namespace already has a trafficPolicy for the host (a second one would be ignored)', () => {
    const text = docs(...base(), billingStrict, destinationRule('legacy-apps', 'billing', 'billing', '  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n'));
    assert.deepEqual(quickFixes(actionsFor(text, 'namespace-disable-breaks-strict')), []);
  });

  test('rules.md "variants": the new name avoids an existing DestinationRule of that namespace; a file ending in `---` gets no second one', () => {
    const taken = destinationRule('legacy-apps', 'billing-istio-mutual', 'other', '  subsets: []\n');
    const text = `${docs(...base(), billingStrict, taken)}---\n`;
    const after = assertFixes(text, quickFixes(actionsFor(text, 'namespace-disable-breaks-strict'))[0], 'namespace-disable-breaks-strict', [text.length, text.length]);
    assert.equal(after, text + NEW_RULE.slice(4).replace('name: billing-istio-mutual', 'name: billing-istio-mutual-2'));
  });
});

describe('auto-mtls-off-plaintext quick fix (§B10)', () => {
  test('§B10 enableAutoMtls: false: one DestinationRule per STRICT Service, appended', () => {
    const text = docs(
      meshConfig('enableAutoMtls: false'),
      namespace('shop', { 'istio-injection': 'enabled' }),
      peerAuthentication('shop', 'default', 'STRICT'),
      deployment('shop', 'web'),
      deployment('shop', 'reviews'),
      service('shop', 'reviews'),
      deployment('shop', 'ratings'),
      service('shop', 'ratings'),
    );
    const [fix] = quickFixes(actionsFor(text, 'auto-mtls-off-plaintext'));
    assert.equal(fix.title, 'Add 2 DestinationRules with tls mode ISTIO_MUTUAL for ratings.shop, reviews.shop (append to this file)');
    const after = assertFixes(text, fix, 'auto-mtls-off-plaintext', [text.length, text.length]);
    assert.equal((after.slice(text.length).match(/^---$/gm) ?? []).length, 2);
    assert.deepEqual(findingsOf(after, 'plaintext-to-strict'), []);
  });
});
