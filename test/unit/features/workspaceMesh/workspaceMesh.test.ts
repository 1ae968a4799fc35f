import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { editorSnapshot } from '../../../support/editor';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { workspaceMeshOf } from '../../../../server/src/features/workspaceMesh/workspaceMesh';

const files = {
  'ns.yaml': docs(
    namespace('shop', { 'istio-injection': 'enabled' }),
    namespace('legacy'),
    peerAuthentication('shop', 'default', 'STRICT'),
    peerAuthentication('shop', 'cart-metrics', undefined, { selector: { app: 'cart' }, portLevel: { '9090': 'PERMISSIVE' } }),
  ),
  'apps.yaml': docs(
    deployment('shop', 'cart', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] }),
    service('shop', 'cart', [{ name: 'http', port: 80, targetPort: 8080 }]),
    deployment('shop', 'web'),
    deployment('legacy', 'batch'),
  ),
  'dr.yaml': destinationRule('shop', 'cart', 'cart', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n'),
};

describe('workspace mesh tree (namespaces → workloads → inbound ports)', () => {
  const mesh = workspaceMeshOf(editorSnapshot(files));

  test('namespaces with their §B10 namespace mode and the policy that sets it', () => {
    assert.equal(mesh.rootNamespace, 'istio-system');
    assert.deepEqual(mesh.namespaces.map((n) => [n.name, n.mode, n.decidedBy]), [
      ['legacy', 'PERMISSIVE', 'built-in default'],
      ['shop', 'STRICT', 'namespace shop/default'],
    ]);
    const shop = mesh.namespaces[1];
    assert.equal(shop.policy?.label, 'PeerAuthentication shop/default');
    assert.equal(shop.location?.label, 'Namespace shop');
    assert.deepEqual(shop.workloads.map((w) => w.name), ['cart', 'web']);
  });

  test('§A7 per-port modes with the deciding step; the governing policy is where a click goes', () => {
    const cart = mesh.namespaces[1].workloads[0];
    assert.equal(cart.sidecar, 'injected');
    assert.equal(cart.location.label, 'Deployment shop/cart');
    const byPort = new Map(cart.ports.map((p) => [p.port ?? 'other', p]));
    assert.equal(byPort.get(8080)?.mode, 'STRICT');
    assert.equal(byPort.get(8080)?.decidedBy, 'namespace shop/default');
    assert.equal(byPort.get(9090)?.mode, 'PERMISSIVE');
    assert.match(byPort.get(9090)?.decidedBy ?? '', /^port 9090 shop\/cart-metrics$/);
    assert.equal(byPort.get(9090)?.policy?.label, 'PeerAuthentication shop/cart-metrics');
    assert.equal(byPort.get('other')?.mode, 'STRICT');
  });

  test('§C2 clients failing at a port are listed there, with why', () => {
    const cart = mesh.namespaces[1].workloads[0];
    const port = cart.ports.find((p) => p.port === 8080);
    assert.deepEqual(port?.failingClients.map((f) => f.namespace), ['shop']);
    assert.match(port?.failingClients[0].reason ?? '', /cart\.shop\.svc\.cluster\.local:80: sends plaintext \(tls\.mode DISABLE\); the STRICT sidecar/);
    assert.deepEqual(cart.ports.find((p) => p.port === 9090)?.failingClients, []);
  });

  test('§C1 a workload without a sidecar: NONE on every port, with the injection reason', () => {
    const batch = mesh.namespaces[0].workloads[0];
    assert.equal(batch.sidecar, 'not-injected');
    assert.match(batch.sidecarReason, /no injection label/);
    assert.ok(batch.ports.every((p) => p.mode === 'NONE'));
  });
});
