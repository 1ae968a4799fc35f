import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTree } from '../../../client/src/cluster/tree/treeText';
import { controlPlane, healthyPod, istioPod } from '../support/demoMesh';
import { childrenAt } from '../support/fakeAccess';
import { treeHarness } from '../support/treeHarness';
import type { StandInCluster } from '../standin/standinCluster';

function lockedCluster(): StandInCluster {
  return {
    namespaces: [{ name: 'locked' }, { name: 'sealed' }, { name: 'shop' }],
    pods: [
      healthyPod('locked', 'api-1', 'api'),
      healthyPod('sealed', 'vault-1', 'vault'),
      healthyPod('shop', 'cart-1', 'cart'),
      istioPod('shop', 'stuck-1', 'stuck', [], { envoy: { kind: 'hang' } }),
    ],
    ...controlPlane(['locked', 'sealed', 'shop']),
    refusals: [
      { verb: 'create', resource: 'pods/portforward', namespace: 'locked' },
      { verb: 'create', resource: 'pods/portforward', namespace: 'sealed' },
      { verb: 'create', resource: 'pods/exec', namespace: 'sealed' },
    ],
  };
}

test('§E6 port-forward forbidden: the config dump is read through exec of pilot-agent request, and the pod says so', async () => {
  const h = await treeHarness(lockedCluster());
  try {
    const pods = await childrenAt(h.model, 'stand-in', 'Istio', 'locked');
    const v = pods[0].view();
    assert.equal(v.status, 'ok');
    assert.equal(v.description, 'sa api · certificate valid, expires in 23 hours · via exec');
    const children = await h.model.children(pods[0]);
    assert.equal(children[0].view().label, 'forbidden: cannot create pods/portforward in namespace locked: read through exec (pilot-agent request) instead');
    assert.deepEqual(children.slice(1).map((c) => c.view().label), ['default', 'ROOTCA', 'istio-ca-root-cert']);
    const exec = h.api.seen.filter((s) => s.kind === 'exec');
    assert.deepEqual(exec.map((s) => [s.method, s.container, s.command]), [['GET', 'istio-proxy', ['pilot-agent', 'request', 'GET', 'config_dump?mask=dynamic_active_secrets,dynamic_warming_secrets']]]);
    assert.match(v.tooltip ?? '', /forbidden: cannot create pods\/portforward/);
  } finally {
    await h.close();
  }
});

test('port-forward and exec both forbidden: the error is on the pod, where it happened', async () => {
  const h = await treeHarness(lockedCluster());
  try {
    const pods = await childrenAt(h.model, 'stand-in', 'Istio', 'sealed');
    const v = pods[0].view();
    assert.equal(v.status, 'error');
    assert.equal(v.description, 'forbidden: cannot create pods/portforward in namespace sealed; cannot create pods/exec in namespace sealed');
    assert.match(v.tooltip ?? '', /pods "vault-1" is forbidden: User "dev@example\.com" cannot create resource "pods\/portforward" in API group "" in the namespace "sealed"/);
    const ns = (await childrenAt(h.model, 'stand-in', 'Istio')).find((n) => n.view().label === 'sealed');
    assert.equal(ns?.view().status, 'error');
    assert.match(ns?.view().description ?? '', /1 istio-proxy pod, 1 unreadable/);
    assert.deepEqual(h.api.seen.filter((s) => s.kind !== 'rest').map((s) => [s.kind, s.status]), [['portforward', 403], ['exec', 403]]);
  } finally {
    await h.close();
  }
});

test('a sidecar that never answers times out on its own; the other pods of the namespace are read', async () => {
  const h = await treeHarness(lockedCluster(), { settings: { podTimeoutSeconds: 0.5 } });
  try {
    const started = Date.now();
    const text = await renderTree(h.model, { expand: (n) => !n.id.endsWith('/ca') && (!n.id.includes('/ns:') || n.id.includes('/ns:shop')) });
    assert.ok(Date.now() - started < 5000, 'the timeout bounds the wait');
    assert.match(text, / {6}✓ cart-1 {2}— sa cart · certificate valid, expires in 23 hours/);
    assert.match(text, / {6}✗ stuck-1 {2}— timed out after 500 ms reading the config dump of shop\/stuck-1\n {8}✗ timed out after 500 ms reading the config dump of shop\/stuck-1$/);
    assert.deepEqual(h.api.envoys.get('shop/stuck-1')?.requests, ['GET /config_dump?mask=dynamic_active_secrets,dynamic_warming_secrets']);
  } finally {
    await h.close();
  }
});

test('nothing but reads reached the API: GETs, port-forwards to 15000, and that one exec', async () => {
  const h = await treeHarness(lockedCluster(), { settings: { podTimeoutSeconds: 0.5 } });
  try {
    await renderTree(h.model);
    assert.ok(h.api.seen.length > 10);
    for (const s of h.api.seen) {
      assert.equal(s.method, 'GET', `${s.method} ${s.path}`);
      if (s.kind === 'portforward') assert.equal(s.ports, '15000');
      else if (s.kind === 'exec') assert.deepEqual(s.command, ['pilot-agent', 'request', 'GET', 'config_dump?mask=dynamic_active_secrets,dynamic_warming_secrets']);
      else assert.equal(s.kind, 'rest');
    }
  } finally {
    await h.close();
  }
});
