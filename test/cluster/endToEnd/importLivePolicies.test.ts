import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { importLiveObjects } from '../../../client/src/cluster/importLayer/liveObjectImport';
import { SET_CLUSTER_LAYER_METHOD } from '../../../client/src/cluster/importLayer/clusterLayerMessage';
import { KubeClusterAccess } from '../../../client/src/cluster/kube/kubeClusterAccess';
import { SetClusterLayerNotification } from '../../../server/src/lsp/clusterLayerNotification';
import { startHarness } from '../../support/lspHarness';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../support/fixtures';
import { docs } from '../../support/workspace';
import { startKubeApiStandIn } from '../standin/kubeApiStandIn';
import { writeKubeconfig } from '../standin/kubeconfigFile';
import type { StandInCluster, StandInObject } from '../standin/standinCluster';
import { controlPlane } from '../support/demoMesh';
import { tmpdir } from 'node:os';

const object = (group: string, version: string, plural: string, yamlText: string, extra: Record<string, unknown> = {}): StandInObject => {
  const body = { ...(parse(yamlText) as Record<string, unknown>), ...extra };
  const meta = body.metadata as Record<string, unknown>;
  body.metadata = { ...meta, uid: 'u-1', resourceVersion: '9', managedFields: [{ manager: 'kubectl' }], annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"huge":true}', ...((meta.annotations as object | undefined) ?? {}) } };
  return { group, version, plural, ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}), body };
};

function liveCluster(): StandInCluster {
  return {
    namespaces: [{ name: 'shop', labels: { 'istio-injection': 'enabled' } }, { name: 'istio-system' }],
    pods: [
      { namespace: 'shop', name: 'reviews-6d9f-abcde', serviceAccount: 'reviews', sidecar: 'istio-proxy', ownerKind: 'ReplicaSet' },
      { namespace: 'shop', name: 'debug', serviceAccount: 'default', sidecar: 'istio-proxy' },
    ],
    ...controlPlane(['shop']),
    // An Istio before 1.22 serves security.istio.io at v1beta1 only (§F1).
    servedVersions: ['security.istio.io/v1beta1', 'networking.istio.io/v1', 'networking.istio.io/v1beta1'],
    objects: [
      object('security.istio.io', 'v1beta1', 'peerauthentications', peerAuthentication('shop', 'default', 'STRICT')),
      object('', 'v1', 'services', service('shop', 'reviews'), { status: { loadBalancer: {} } }),
      object('apps', 'v1', 'deployments', deployment('shop', 'reviews'), { status: { replicas: 1 } }),
      object('apps', 'v1', 'deployments', deployment('shop', 'web')),
      object('batch', 'v1', 'jobs', 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: nightly-28861920\n  namespace: shop\n  ownerReferences:\n  - kind: CronJob\n    name: nightly\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: x}]\n'),
    ],
  };
}

test('Import live policies: the read-only layer holds manifests (no status, no server fields, no Secrets), read with GETs only', async () => {
  const api = await startKubeApiStandIn(liveCluster());
  try {
    const kubeconfig = writeKubeconfig(api);
    const reader = await new KubeClusterAccess(() => ({ env: { KUBECONFIG: kubeconfig }, home: tmpdir() })).reader('stand-in');
    const imported = await importLiveObjects(reader, 'istio-system', new AbortController().signal);
    assert.equal(imported.params.context, 'stand-in');
    assert.deepEqual(imported.params.documents.map((d) => d.name).sort(), [
      '_cluster/Namespace/istio-system.yaml',
      '_cluster/Namespace/shop.yaml',
      'istio-system/ConfigMap/istio.yaml',
      'shop/Deployment/reviews.yaml',
      'shop/Deployment/web.yaml',
      'shop/PeerAuthentication/default.yaml',
      'shop/Pod/debug.yaml',
      'shop/Service/reviews.yaml',
    ]);
    assert.deepEqual(imported.problems, []);
    assert.equal(imported.counts.DestinationRule, 0);
    const pa = imported.params.documents.find((d) => d.name === 'shop/PeerAuthentication/default.yaml')?.text ?? '';
    assert.equal(pa, 'apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: shop\nspec:\n  mtls:\n    mode: STRICT\n');
    const all = imported.params.documents.map((d) => d.text).join('\n');
    for (const noise of ['managedFields', 'uid:', 'resourceVersion', 'last-applied-configuration', 'Secret', 'PRIVATE KEY']) assert.ok(!all.includes(noise), noise);
    assert.ok(!/^status:/m.test(all), 'no status');
    assert.ok(api.seen.every((s) => s.method === 'GET' && s.kind === 'rest'));
    assert.ok(!api.seen.some((s) => s.path.includes('/secrets')), 'Secrets are never listed for the layer');
    assert.ok(api.seen.some((s) => s.path.startsWith('/apis/security.istio.io/v1/peerauthentications') && s.status === 404), 'v1 tried first');
  } finally {
    await api.close();
  }
});

test('§C2 the imported layer reaches the language server: a live STRICT policy turns a workspace DestinationRule red', async () => {
  assert.equal(SET_CLUSTER_LAYER_METHOD, SetClusterLayerNotification.method);
  const api = await startKubeApiStandIn(liveCluster());
  const h = await startHarness({
    'app.yaml': docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'web')),
    'dr.yaml': destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n'),
  });
  try {
    const kubeconfig = writeKubeconfig(api);
    const reader = await new KubeClusterAccess(() => ({ env: { KUBECONFIG: kubeconfig }, home: tmpdir() })).reader('stand-in');
    const imported = await importLiveObjects(reader, 'istio-system', new AbortController().signal);
    const codes = () => (h.diagnostics.get(h.uri('dr.yaml')) ?? []).map((d) => d.code);
    await h.client.sendNotification(SET_CLUSTER_LAYER_METHOD, imported.params);
    await h.waitFor(() => codes().includes('plaintext-to-strict'), 'the error caused by the live PeerAuthentication');
  } finally {
    await h.dispose();
    await api.close();
  }
});
