import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from '../support/lspHarness';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { docs } from '../support/workspace';
import { SetClusterLayerNotification } from '../../server/src/lsp/clusterLayerNotification';

const APP = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web'), deployment('shop', 'reviews'), service('shop', 'reviews'));
const DR = destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n');

test('§C2 a STRICT policy imported from the cluster turns the workspace DestinationRule red; a workspace policy with the same identity wins', async () => {
  const h = await startHarness({ 'app.yaml': APP, 'dr.yaml': DR });
  try {
    const codes = () => (h.diagnostics.get(h.uri('dr.yaml')) ?? []).map((d) => d.code);
    await h.client.sendNotification(SetClusterLayerNotification.type, { context: 'prod', documents: [{ name: 'shop/PeerAuthentication/default.yaml', text: peerAuthentication('shop', 'default', 'STRICT') }] });
    await h.waitFor(() => codes().includes('plaintext-to-strict'), 'the error from the cluster layer');
    const related = h.diagnostics.get(h.uri('dr.yaml'))?.[0]?.relatedInformation?.[0]?.location.uri;
    assert.equal(related, 'cluster://prod/shop/PeerAuthentication/default.yaml');
    await h.open('pa.yaml', peerAuthentication('shop', 'default', 'PERMISSIVE'));
    await h.waitFor(() => !codes().includes('plaintext-to-strict'), 'the workspace policy to win over the cluster one');
    await h.close('pa.yaml');
    await h.waitFor(() => codes().includes('plaintext-to-strict'), 'the cluster policy again');
    await h.client.sendNotification(SetClusterLayerNotification.type, { context: null, documents: [] });
    await h.waitFor(() => !codes().includes('plaintext-to-strict'), 'the layer to be cleared');
  } finally {
    await h.dispose();
  }
});
