import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certificateDocument } from '../../../client/src/cluster/detail/certificateDocument';
import { KubeClusterAccess } from '../../../client/src/cluster/kube/kubeClusterAccess';
import { ClusterTreeModel } from '../../../client/src/cluster/tree/clusterTreeModel';
import { DEFAULT_CLUSTER_SETTINGS } from '../../../client/src/cluster/settings/clusterViewSettings';
import { startDemoStandIn } from '../standin/demoStandIn';
import { allNodes, renderTree } from '../../../client/src/cluster/tree/treeText';
import { demoMesh } from '../support/demoMesh';
import { meshPki, NOW } from '../support/meshPki';
import { assertNoKeyMaterial, viewTexts } from '../support/privateKeyCheck';
import { treeHarness } from '../support/treeHarness';

const SHOP = `    ✗ shop  — istio-injection=enabled · 3 istio-proxy pods, 3 errors
      ✓ cart-5d8f9-x2k4p  — sa cart · certificate valid, expires in 23 hours
        ✓ default  — workload certificate chain · 2 certificates
          ✓ spiffe://cluster.local/ns/shop/sa/cart  — expires in 23 hours
          ✓ Acme Mesh Intermediate CA  — intermediate · expires in 365 days
        ✓ ROOTCA  — trust bundle · 1 certificate
          ✓ Acme Mesh Root CA  — root · expires in 3650 days
        ✓ istio-ca-root-cert  — root distributed by istiod · 1 certificate
          ✓ Acme Mesh Root CA  — root · expires in 3650 days
      ✗ legacy-6f7d2-w8n3r  — ROOTCA differs from ConfigMap shop/istio-ca-root-cert (+1 more)
        ✗ ROOTCA differs from ConfigMap shop/istio-ca-root-cert  — ROOTCA ("Old Cluster Root CA" `;

test('the demo mesh (one healthy pod, one expired certificate, one root mismatch) through client-node, port-forward and the stand-in', async () => {
  const h = await treeHarness(demoMesh());
  try {
    const text = await renderTree(h.model);
    if (process.env.PRINT_CLUSTER_TREE) console.log(text);
    const lines = text.split('\n');
    assert.match(lines[0], /^• stand-in {2}— current · https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(lines[1], '  • Istio  — trust domain cluster.local · root namespace istio-system');
    assert.equal(lines[2], '    ✓ Certificate authority  — plug-in CA (cacerts)');
    assert.ok(text.includes('      • not read: ca-key.pem (only certificate keys are read)'));
    assert.ok(text.includes(SHOP), text);
    assert.match(text, / {8}✗ ROOTCA differs from 2 other pods {2}— ROOTCA \("Old Cluster Root CA" .*\) differs from the ROOTCA of 2 other pods \(cart-5d8f9-x2k4p, payments-7c4b8-m9q2z: "Acme Mesh Root CA"/);
    assert.ok(text.includes(`      ✗ payments-7c4b8-m9q2z  — expired 1 day ago
        ✗ default  — workload certificate chain · 2 certificates · 1 error
          ✗ spiffe://cluster.local/ns/shop/sa/payments  — expired 1 day ago`));
    assert.ok(text.includes('    • istio-system  — no injection label · 0 istio-proxy pods\n      • 1 pod without istio-proxy not shown'));
    assert.ok(text.includes('      • 1 pod without istio-proxy not shown'), 'the finished Job pod has no sidecar');

    // Nothing but reads: GETs, and a port-forward to 15000 per sidecar.
    assert.deepEqual([...new Set(h.api.seen.map((s) => s.method))], ['GET']);
    assert.deepEqual([...new Set(h.api.seen.map((s) => s.kind))].sort(), ['portforward', 'rest']);
    const forwards = h.api.seen.filter((s) => s.kind === 'portforward');
    assert.deepEqual(forwards.map((s) => [s.path.split('/')[6], s.ports]), [['cart-5d8f9-x2k4p', '15000'], ['legacy-6f7d2-w8n3r', '15000'], ['payments-7c4b8-m9q2z', '15000']]);
    assert.ok(h.api.seen.every((s) => s.status === 200 || s.status === 101 || s.status === 404));
    for (const envoy of h.api.envoys.values()) assert.deepEqual(envoy.requests, ['GET /config_dump?mask=dynamic_active_secrets,dynamic_warming_secrets']);

    // No private key anywhere: labels, descriptions, tooltips, certificate documents.
    const nodes = await allNodes(h.model);
    const docs = h.model.certificates.all().map((c) => certificateDocument(c, NOW));
    assert.ok(docs.length >= 15);
    assertNoKeyMaterial([...viewTexts(nodes), ...docs], [meshPki().caKeyPem], 'the cluster view');
  } finally {
    await h.close();
  }
});

test('a certificate document: decoded fields, findings, then the PEM block (the pem language reads it as PEM)', async () => {
  const h = await treeHarness(demoMesh());
  try {
    await renderTree(h.model);
    const entry = h.model.certificates.all().find((c) => c.report.facts.identity === 'spiffe://cluster.local/ns/shop/sa/payments');
    assert.ok(entry);
    const doc = certificateDocument(entry, NOW);
    const lines = doc.split('\n');
    assert.equal(lines[0], 'workload certificate 1 of 2: shop/payments-7c4b8-m9q2z · default 1/2');
    assert.match(lines[1], /^Source: {7}SDS secret default of pod shop\/payments-7c4b8-m9q2z \(ACTIVE\), context stand-in$/);
    assert.ok(doc.includes('Identity:     spiffe://cluster.local/ns/shop/sa/payments (SPIFFE ID)'));
    assert.ok(doc.includes('Subject:      (empty)'));
    assert.ok(doc.includes('Issuer:       O=Acme, CN=Acme Mesh Intermediate CA'));
    assert.match(doc, /Key: {10}EC P-256\n/);
    assert.match(doc, /Not after: {4}2026-11-20 22:00 UTC \(expired 1 day ago of 1 day\)/);
    assert.match(doc, /SHA-256: {6}([0-9A-F]{2}:){31}[0-9A-F]{2}\n/);
    assert.match(doc, /Chain: {8}verifies to ROOTCA "Acme Mesh Root CA"/);
    assert.match(doc, /Findings:\n {2}✗ The workload certificate expired 1 day ago/);
    assert.match(doc, /\n-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
  } finally {
    await h.close();
  }
});

test('the e2e suite\'s demo stand-in (certificates around the real clock) shows the same three pods', async () => {
  const demo = await startDemoStandIn();
  try {
    const access = new KubeClusterAccess(() => ({ env: { KUBECONFIG: demo.kubeconfig }, home: '/nonexistent' }));
    const model = new ClusterTreeModel(access, () => DEFAULT_CLUSTER_SETTINGS, () => new Date(), { changed: () => undefined, track: (_t, work) => work(() => undefined) });
    const text = await renderTree(model, { expand: (n) => !n.id.endsWith('/ca') && !n.id.includes('/pod:') });
    assert.match(text, /✓ cart-5d8f9-x2k4p {2}— sa cart · certificate valid, expires in 2[23] hours/);
    assert.match(text, /✗ payments-7c4b8-m9q2z {2}— expired 1 day ago/);
    assert.match(text, /✗ legacy-6f7d2-w8n3r {2}— ROOTCA differs from ConfigMap shop\/istio-ca-root-cert/);
  } finally {
    await demo.close();
  }
});
