import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoadMoreNode } from '../../../client/src/cluster/tree/loadMoreNode';
import { renderTree } from '../../../client/src/cluster/tree/treeText';
import type { EnvoyDumpResult } from '../../../client/src/cluster/read/clusterReader';
import { abortReason } from '../../../client/src/cluster/read/abortSignals';
import { controlPlane, healthyPod } from '../support/demoMesh';
import { childrenAt, fakeAccess, fakeModel, nodeAt } from '../support/fakeAccess';
import type { StandInCluster } from '../standin/standinCluster';

function shopWith(pods: number): StandInCluster {
  return {
    namespaces: [{ name: 'shop', labels: { 'istio-injection': 'enabled' } }],
    pods: Array.from({ length: pods }, (_, i) => healthyPod('shop', `web-${i}`, 'web')),
    ...controlPlane(['shop']),
  };
}

test('listing contexts reads only the kubeconfig: nothing connects until a context is expanded', async () => {
  const access = fakeAccess(shopWith(1));
  const { model } = fakeModel(access);
  const roots = await model.children();
  assert.deepEqual(roots.map((n) => [n.view().label, n.view().collapsible]), [['fake', 'collapsed']]);
  assert.deepEqual(access.readers, []);
  assert.deepEqual(access.gets, []);
  await model.children(roots[0]);
  assert.deepEqual(access.readers, ['fake']);
});

test('the current context comes first; switching puts the chosen one first and expands it', async () => {
  const contexts = [
    { name: 'alpha', cluster: 'a', server: 'https://a.invalid', current: false },
    { name: 'prod', cluster: 'p', server: 'https://p.invalid', current: true },
  ];
  const { model } = fakeModel(fakeAccess(shopWith(1), { contexts }));
  assert.deepEqual((await model.children()).map((n) => n.view().label), ['prod', 'alpha']);
  assert.equal(await model.selectedContext(), 'prod');
  model.selectContext('alpha');
  const after = await model.children();
  assert.equal(after[0].view().label, 'alpha');
  assert.equal(after[0].view().collapsible, 'expanded');
  assert.match(after[0].view().description ?? '', /^selected/);
  assert.equal(await model.selectedContext(), 'alpha');
});

test('pods load a page at a time; "Load more pods…" appends the next page and then disappears', async () => {
  const { model, changes } = fakeModel(fakeAccess(shopWith(5)), { podsPageSize: 2 });
  let shop = await childrenAt(model, 'fake', 'Istio', 'shop');
  assert.deepEqual(shop.map((n) => n.view().label), ['web-0', 'web-1', 'Load more pods…']);
  const ns = await nodeAt(model, 'fake', 'Istio', 'shop');
  assert.match(ns.view().description ?? '', /2 istio-proxy pods\+/);
  const more = shop[2];
  assert.ok(more instanceof LoadMoreNode);
  await more.loadMore();
  assert.ok(changes.includes(ns));
  shop = await model.children(ns);
  assert.deepEqual(shop.map((n) => n.view().label), ['web-0', 'web-1', 'web-2', 'web-3', 'Load more pods…']);
  await (shop[4] as LoadMoreNode).loadMore();
  shop = await model.children(ns);
  assert.deepEqual(shop.map((n) => n.view().label), ['web-0', 'web-1', 'web-2', 'web-3', 'web-4']);
  assert.match(ns.view().description ?? '', /^istio-injection=enabled · 5 istio-proxy pods$/);
});

test('cancel aborts the sidecar reads in flight; the pods say so and a refresh reads them again', async () => {
  let hold = true;
  const access = fakeAccess(shopWith(2), {
    dump: (_pod, signal) => (hold ? new Promise<EnvoyDumpResult>((_resolve, reject) => signal.addEventListener('abort', () => reject(abortReason(signal)))) : undefined),
  });
  const { model, loading } = fakeModel(access);
  const ns = await nodeAt(model, 'fake', 'Istio', 'shop');
  const pending = model.children(ns);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(model.loading, true);
  model.cancel();
  const pods = await pending;
  assert.deepEqual(pods.map((p) => [p.view().label, p.view().description, p.view().status]), [
    ['web-0', 'cancelled', 'warning'],
    ['web-1', 'cancelled', 'warning'],
  ]);
  assert.equal(model.loading, false);
  assert.deepEqual(loading.slice(-2), [true, false]);
  hold = false;
  model.refresh(ns);
  const again = await model.children(ns);
  assert.deepEqual(again.map((p) => p.view().status), ['ok', 'ok']);
});

test('refreshing a pod reads that pod only, right away', async () => {
  const access = fakeAccess(shopWith(3));
  const { model, changes } = fakeModel(access);
  const ns = await nodeAt(model, 'fake', 'Istio', 'shop');
  const pods = await model.children(ns);
  assert.equal(access.dumps.length, 3);
  model.refresh(pods[1]);
  await model.children(pods[1]);
  assert.deepEqual(access.dumps.slice(3), ['shop/web-1']);
  await new Promise((r) => setImmediate(r));
  assert.ok(changes.includes(ns), 'the namespace summary is refreshed');
});

test('where namespaces cannot be listed, the error is shown and the context\'s namespace offered', async () => {
  const cluster = { ...shopWith(1), refusals: [{ verb: 'list' as const, resource: 'namespaces' }] };
  const { model } = fakeModel(fakeAccess(cluster, { defaultNamespace: 'shop' }));
  const text = await renderTree(model, { expand: (n) => !/\/ca$/.test(n.id) });
  assert.match(text, /✗ namespaces: forbidden: cannot list namespaces at cluster scope/);
  assert.match(text, /• showing the context's namespace shop\n {4}✓ shop {2}— no injection label · 1 istio-proxy pod\n {6}✓ web-0/);
});

test('no kubeconfig: one line that says where it was looked for', async () => {
  const { model } = fakeModel({ contexts: () => Promise.resolve({ contexts: [], files: [], problems: [] }), reader: () => Promise.reject(new Error('unused')) });
  assert.equal(await renderTree(model), '• no kubeconfig found (KUBECONFIG is unset and ~/.kube/config does not exist)');
});
