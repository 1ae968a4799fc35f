import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { actionsFor, assertAllCrlf, assertFixes, crlf, lineSpan, quickFixes } from './support';

const externalEntry = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: payments-api
  namespace: shop
spec:
  hosts:
  - api.payments.example.com
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - number: 443
    name: tls
    protocol: TLS
`;

/** `shop` injected with the client `web`; `legacy` without injection, serving `soap`. */
const withLegacy = (drBody: string) =>
  docs(
    namespace('shop', { 'istio-injection': 'enabled' }),
    deployment('shop', 'web'),
    namespace('legacy', {}),
    deployment('legacy', 'soap'),
    service('legacy', 'soap'),
    destinationRule('shop', 'soap', 'soap.legacy.svc.cluster.local', drBody),
  );

describe('mtls-to-no-sidecar quick fixes (§C4)', () => {
  test('§C4 §B10 a Service without sidecars: the only (preferred) fix removes the tls block, comments stay', () => {
    const body = `  trafficPolicy:
    # outlier detection stays
    outlierDetection:
      consecutive5xxErrors: 5
    tls:
      mode: ISTIO_MUTUAL
      sni: soap.legacy
`;
    const text = withLegacy(body);
    const fixes = quickFixes(actionsFor(text, 'mtls-to-no-sidecar'));
    assert.deepEqual(fixes.map((a) => [a.title, a.isPreferred]), [['Remove the tls block (auto mTLS chooses mTLS or plaintext per endpoint)', true]]);
    const after = assertFixes(text, fixes[0], 'mtls-to-no-sidecar', lineSpan(text, '    tls:', 'sni: soap.legacy'));
    assert.equal(after, text.replace('    tls:\n      mode: ISTIO_MUTUAL\n      sni: soap.legacy\n', ''));
  });

  test('§C4 a MESH_EXTERNAL host (related: the ServiceEntry): SIMPLE is preferred, removal is offered too', () => {
    const text = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'web'),
      externalEntry,
      destinationRule('shop', 'payments-api', 'api.payments.example.com', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL # wrong for external\n'),
    );
    const [simple, remove] = quickFixes(actionsFor(text, 'mtls-to-no-sidecar'));
    assert.equal(simple.title, 'Set tls mode to SIMPLE (originate TLS to the external host)');
    assert.equal(simple.isPreferred, true);
    assert.equal(remove.isPreferred, undefined);
    const after = assertFixes(text, simple, 'mtls-to-no-sidecar', lineSpan(text, 'mode: ISTIO_MUTUAL'));
    assert.equal(after, text.replace('mode: ISTIO_MUTUAL # wrong', 'mode: SIMPLE # wrong'));
    assertFixes(text, remove, 'mtls-to-no-sidecar', lineSpan(text, 'trafficPolicy:', 'mode: ISTIO_MUTUAL'));
  });

  test('§C4 CRLF and a flow-style trafficPolicy: `{tls: {...}}` is removed with its parent', () => {
    const text = crlf(withLegacy('  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}\n'));
    const after = assertFixes(text, quickFixes(actionsFor(text, 'mtls-to-no-sidecar'))[0], 'mtls-to-no-sidecar', lineSpan(text, 'trafficPolicy: {'));
    assertAllCrlf(after);
    assert.equal(after, text.replace('  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}\r\n', ''));
  });

  test('§C4 a tls block in a flow map with siblings: only `tls: {...}` and its comma go', () => {
    const text = withLegacy('  trafficPolicy: {loadBalancer: {simple: RANDOM}, tls: {mode: ISTIO_MUTUAL}}\n');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'mtls-to-no-sidecar'))[0], 'mtls-to-no-sidecar', lineSpan(text, 'trafficPolicy: {'));
    assert.equal(after, text.replace('{loadBalancer: {simple: RANDOM}, tls: {mode: ISTIO_MUTUAL}}', '{loadBalancer: {simple: RANDOM}}'));
  });
});

describe('mtls-to-disable quick fixes (§C5)', () => {
  const finance = (drBody: string) =>
    docs(
      namespace('finance', { 'istio-injection': 'enabled' }),
      deployment('finance', 'teller'),
      deployment('finance', 'ledger'),
      service('finance', 'ledger'),
      peerAuthentication('finance', 'ledger-plain', 'DISABLE', { selector: { app: 'ledger' } }),
      destinationRule('finance', 'ledger', 'ledger', drBody),
    );

  test('§C5 §B10 removes the ISTIO_MUTUAL block: auto mTLS sends plaintext to the DISABLE sidecar', () => {
    const text = finance(`  subsets:
  - name: v1
    labels:
      version: v1
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
`);
    const fixes = quickFixes(actionsFor(text, 'mtls-to-disable'));
    assert.deepEqual(fixes.map((a) => a.isPreferred), [true]);
    const after = assertFixes(text, fixes[0], 'mtls-to-disable', lineSpan(text, '  trafficPolicy:', 'mode: ISTIO_MUTUAL'));
    assert.equal(after, text.replace('  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n', ''));
  });
});
