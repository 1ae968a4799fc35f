import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTree } from '../../../client/src/cluster/tree/treeText';
import { newKeyPair, privateKeyPem, intermediateCa } from '../../support/pki';
import { controlPlane, istioPod, sdsSecrets } from '../support/demoMesh';
import { chainPem, daysFrom, istioWorkload, meshPki, NOW } from '../support/meshPki';
import { assertNoKeyMaterial } from '../support/privateKeyCheck';
import { treeHarness } from '../support/treeHarness';

test('§E8 Linkerd: trust anchors, the issuer verified against them (its key never read), pods with their identity', async () => {
  const pki = meshPki();
  const issuerKey = newKeyPair('ec');
  const issuer = intermediateCa(issuerKey, 'identity.linkerd.cluster.local', pki.root, { notAfter: daysFrom(NOW, 20) });
  const keyPem = privateKeyPem(issuerKey);
  const h = await treeHarness({
    namespaces: [{ name: 'linkerd' }, { name: 'emojivoto', annotations: { 'linkerd.io/inject': 'enabled' } }],
    pods: [
      { namespace: 'emojivoto', name: 'web-7f8d9-abcde', serviceAccount: 'web', sidecar: 'linkerd-proxy', nativeSidecar: true },
      { namespace: 'linkerd', name: 'linkerd-identity-5d7c8-qwert', serviceAccount: 'linkerd-identity' },
    ],
    configMaps: [
      { namespace: 'linkerd', name: 'linkerd-identity-trust-roots', data: { 'ca-bundle.crt': pki.root.pem } },
      { namespace: 'linkerd', name: 'linkerd-config', data: { values: 'identityTrustDomain: cluster.local\n' } },
    ],
    secrets: [{ namespace: 'linkerd', name: 'linkerd-identity-issuer', type: 'kubernetes.io/tls', data: { 'tls.crt': issuer.pem, 'tls.key': keyPem, 'ca.crt': pki.root.pem } }],
  });
  try {
    const text = await renderTree(h.model, { expand: (n) => !n.id.includes('/ns:linkerd') });
    assertNoKeyMaterial([text], [keyPem], 'the Linkerd tree');
    assert.match(text, /\n {2}• Linkerd {2}— trust domain cluster\.local · control plane linkerd\n {4}✓ ca-bundle\.crt {2}— trust anchors · 1 certificate\n {6}✓ Acme Mesh Root CA {2}— root · expires in 3650 days\n {4}⚠ tls\.crt {2}— signing CA certificate · 1 certificate · 1 warning\n {6}⚠ identity\.linkerd\.cluster\.local {2}— expires in 20 days\n/);
    assert.match(text, / {4}✓ emojivoto {2}— linkerd\.io\/inject=enabled · 1 linkerd-proxy pod\n {6}• web-7f8d9-abcde {2}— identity web\.emojivoto\.serviceaccount\.identity\.linkerd\.cluster\.local\n/);
    assert.ok(!text.includes('Istio'), 'no istio ConfigMap: no Istio node');
    const issuerEntry = h.model.certificates.all().find((c) => c.report.facts.identity === 'identity.linkerd.cluster.local');
    assert.match(issuerEntry?.report.chain ?? '', /^verifies to the trust anchors "Acme Mesh Root CA"/);
    assert.ok(h.api.seen.every((s) => s.kind === 'rest' && s.method === 'GET'), 'Linkerd pods are not port-forwarded to');
  } finally {
    await h.close();
  }
});

test('live findings from the stand-in: only warming, wrong service account, native sidecar, a pod not running', async () => {
  const pki = meshPki();
  const wrongSa = istioWorkload({ namespace: 'shop', serviceAccount: 'default' });
  const h = await treeHarness({
    namespaces: [{ name: 'shop', labels: { 'istio.io/rev': 'canary' } }],
    pods: [
      istioPod('shop', 'cold-1', 'cold', sdsSecrets(undefined, pki.root.pem)),
      istioPod('shop', 'reviews-1', 'reviews', sdsSecrets(chainPem(wrongSa, pki.intermediate), pki.root.pem), { nativeSidecar: true }),
      istioPod('shop', 'pending-1', 'web', [], { phase: 'Pending' }),
    ],
    ...controlPlane(['shop']),
  });
  try {
    const text = await renderTree(h.model, { expand: (n) => !n.id.endsWith('/ca') && !n.id.includes('/ns:istio-system') && !n.id.includes('/bundle:') });
    assert.match(text, / {4}✗ shop {2}— istio\.io\/rev=canary · 3 istio-proxy pods, 2 errors\n/);
    assert.match(text, / {6}✗ cold-1 {2}— default only warming\n {8}✗ default only warming {2}— The workload certificate \(SDS secret default\) is only warming/);
    assert.match(text, / {6}• pending-1 {2}— not running \(phase Pending\): there is no sidecar to ask\n/);
    assert.match(text, / {6}✗ reviews-1 {2}— SPIFFE ID is not ns\/shop\/sa\/reviews\n/);
    assert.deepEqual(h.api.seen.filter((s) => s.kind === 'portforward').map((s) => s.path.split('/')[6]), ['cold-1', 'reviews-1']);
  } finally {
    await h.close();
  }
});
