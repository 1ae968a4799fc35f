// The quick fix for plaintext to a STRICT port never trades its finding for mtls-to-disable or
// mtls-to-no-sidecar: where ISTIO_MUTUAL would fail at an endpoint the tls block governs, removing
// the block (auto mTLS chooses per endpoint) is the preferred fix.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { actionsFor, applied, findingsOf, quickFixes } from './support';

const REMOVE = 'Remove the tls block (auto mTLS chooses mTLS or plaintext per endpoint)';
const ISTIO_MUTUAL = 'Set tls mode to ISTIO_MUTUAL';

/** `reviews` serves 80 -> 9080 (STRICT) and 9000 -> 9000; `portLevel` may make 9000 DISABLE. */
const mesh = (portLevel: Record<string, string> | undefined) => docs(
  namespace('shop', { 'istio-injection': 'enabled' }),
  deployment('shop', 'web'),
  deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }, { name: 'admin', containerPort: 9000 }] }),
  service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }, { name: 'http-admin', port: 9000, targetPort: 9000 }]),
  peerAuthentication('shop', 'default', 'STRICT'),
  ...(portLevel ? [peerAuthentication('shop', 'reviews', 'STRICT', { selector: { app: 'reviews' }, portLevel })] : []),
  destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n'),
);

describe('plaintext-to-strict: the preferred fix where ISTIO_MUTUAL would fail elsewhere', () => {
  test('every port STRICT: ISTIO_MUTUAL stays the preferred fix, removal is offered too', () => {
    const fixes = quickFixes(actionsFor(mesh(undefined), 'plaintext-to-strict'));
    assert.deepEqual(fixes.map((a) => [a.title, a.isPreferred === true]), [[ISTIO_MUTUAL, true], [REMOVE, false]]);
  });

  test('the same block governs a DISABLE port: removing the block is the only (preferred) fix, and it brings no mtls-to-disable', () => {
    const text = mesh({ 9000: 'DISABLE' });
    const fixes = quickFixes(actionsFor(text, 'plaintext-to-strict'));
    assert.deepEqual(fixes.map((a) => [a.title, a.isPreferred === true]), [[REMOVE, true]]);
    const after = applied(text, fixes[0]);
    assert.deepEqual(findingsOf(after, 'plaintext-to-strict'), []);
    assert.deepEqual(findingsOf(after, 'mtls-to-disable'), []);
  });
});
