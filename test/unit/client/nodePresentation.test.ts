import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { namespaceView, portView, workloadView } from '../../../client/src/workspaceMesh/nodePresentation';
import type { MeshNamespace, MeshWorkload } from '../../../protocol/src/workspaceMesh';

const loc = (label: string) => ({ uri: 'file:///w/a.yaml', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, label });
const cart: MeshWorkload = {
  name: 'cart', kind: 'Deployment', namespace: 'shop', sidecar: 'injected', sidecarReason: 'namespace shop has istio-injection=enabled', location: loc('Deployment shop/cart'),
  ports: [
    { port: 8080, mode: 'STRICT', sidecar: 'injected', decidedBy: 'namespace shop/default', policy: loc('PeerAuthentication shop/default'), failingClients: [{ namespace: 'web', reason: 'sends plaintext' }] },
    { port: 9090, mode: 'PERMISSIVE', sidecar: 'injected', decidedBy: 'port 9090 shop/metrics', policy: loc('PeerAuthentication shop/metrics'), failingClients: [] },
    { mode: 'STRICT', sidecar: 'injected', decidedBy: 'namespace shop/default', policy: loc('PeerAuthentication shop/default'), failingClients: [] },
  ],
};
const batch: MeshWorkload = { name: 'batch', kind: 'CronJob', namespace: 'shop', sidecar: 'not-injected', sidecarReason: 'sidecar.istio.io/inject: "false"', location: loc('CronJob shop/batch'), ports: [{ mode: 'NONE', sidecar: 'not-injected', decidedBy: 'built-in default', failingClients: [] }] };
const shop: MeshNamespace = { name: 'shop', mode: 'STRICT', decidedBy: 'namespace shop/default', policy: loc('PeerAuthentication shop/default'), location: loc('Namespace shop'), workloads: [cart, batch] };

describe('Workspace Mesh tree nodes', () => {
  test('a port: mode, deciding policy, a lock for STRICT; a click reveals the policy', () => {
    const v = portView(cart.ports[1], cart);
    assert.equal(v.label, 'port 9090');
    assert.equal(v.description, 'PERMISSIVE · port 9090 shop/metrics');
    assert.deepEqual(v.icon, { id: 'unlock', color: 'editorWarning.foreground' });
    assert.equal(v.target?.label, 'PeerAuthentication shop/metrics');
    assert.equal(portView(cart.ports[2], cart).label, 'other ports');
  });

  test('a port where clients fail: the error icon and the failing clients in the tooltip', () => {
    const v = portView(cart.ports[0], cart);
    assert.deepEqual(v.icon, { id: 'error', color: 'testing.iconFailed' });
    assert.match(v.description, /1 failing$/);
    assert.match(v.tooltip, /✕ clients in web: sends plaintext/);
  });

  test('workloads show their sidecar state; namespaces count sidecars and failures', () => {
    assert.equal(workloadView(batch).description, 'CronJob · no sidecar');
    assert.equal(workloadView(batch).icon.id, 'debug-disconnect');
    assert.equal(workloadView(cart).icon.id, 'error');
    const ns = namespaceView(shop);
    assert.equal(ns.description, 'STRICT · 1/2 with sidecar · 1 failing');
    assert.equal(ns.target?.label, 'PeerAuthentication shop/default');
    assert.equal(namespaceView({ ...shop, policy: undefined, workloads: [batch] }).target?.label, 'Namespace shop');
  });
});
