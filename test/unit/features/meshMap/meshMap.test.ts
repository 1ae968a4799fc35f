import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { editorSnapshot } from '../../../support/editor';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { meshMapOf } from '../../../../server/src/features/meshMap/meshMap';
import type { MeshMap, MeshMapCell } from '../../../../protocol/src/meshMap';

const mesh = {
  'ns.yaml': docs(
    namespace('shop', { 'istio-injection': 'enabled' }),
    namespace('web', { 'istio-injection': 'enabled' }),
    namespace('legacy'),
    peerAuthentication('shop', 'default', 'STRICT'),
  ),
  'apps.yaml': docs(
    deployment('shop', 'cart'),
    service('shop', 'cart', [{ name: 'http', port: 8080, targetPort: 8080 }]),
    deployment('web', 'frontend'),
    service('web', 'frontend'),
    deployment('legacy', 'batch'),
    service('legacy', 'batch'),
  ),
  'dr.yaml': destinationRule('shop', 'cart', 'cart', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n'),
};

function cell(map: MeshMap, row: string, label: string): MeshMapCell {
  const column = map.columns.find((c) => c.label === label);
  assert.ok(column, `column ${label} in ${map.columns.map((c) => c.label).join(', ')}`);
  const c = map.cells.find((x) => x.row === row && x.column === column.id);
  assert.ok(c, `cell ${row} × ${label}`);
  return c;
}

describe('mesh map (§C outcome per client namespace × destination port)', () => {
  const map = meshMapOf(editorSnapshot(mesh));

  test('rows are the namespaces with injected clients; columns every Service port', () => {
    assert.deepEqual(map.rows.map((r) => r.namespace), ['shop', 'web']);
    assert.deepEqual(map.rows.find((r) => r.namespace === 'shop')?.workloads, ['cart']);
    assert.deepEqual(map.columns.map((c) => `${c.namespace}/${c.label}`), ['legacy/batch:80', 'shop/cart:8080', 'web/frontend:80']);
    assert.equal(map.columns[1].host, 'cart.shop.svc.cluster.local');
    assert.equal(map.columns[1].location?.label, 'Service shop/cart');
    assert.equal(map.cells.length, 6);
  });

  test('§C2 plaintext to a STRICT sidecar fails; the cell blames the DestinationRule tls mode', () => {
    const c = cell(map, 'web', 'cart:8080');
    assert.equal(c.verdict, 'fails');
    assert.match(c.reason, /fails \(§C2\): sends plaintext \(tls\.mode DISABLE\)/);
    assert.match(c.tlsInForce, /^DISABLE \(top level\) from shop\/cart$/);
    assert.equal(c.location?.label, 'DestinationRule shop/cart');
    assert.equal(c.location?.uri, 'file:///workspace/dr.yaml');
    // The `mode` value of spec.trafficPolicy.tls: line 9, "      mode: DISABLE".
    assert.deepEqual(c.location?.range.start, { line: 9, character: 12 });
    assert.deepEqual(c.related.map((r) => r.label), ['PeerAuthentication shop/default']);
  });

  test('auto mTLS to a PERMISSIVE sidecar is mTLS; to a workload without sidecar it is plaintext', () => {
    const toWeb = cell(map, 'shop', 'frontend:80');
    assert.equal(toWeb.verdict, 'mtls');
    assert.match(toWeb.tlsInForce, /auto mTLS/);
    const toLegacy = cell(map, 'shop', 'batch:80');
    assert.equal(toLegacy.verdict, 'plaintext');
    assert.match(toLegacy.reason, /no sidecar/);
  });

  test('after the fix (ISTIO_MUTUAL) the cell is mTLS', () => {
    const fixed = meshMapOf(editorSnapshot({ ...mesh, 'dr.yaml': destinationRule('shop', 'cart', 'cart', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n') }));
    assert.equal(cell(fixed, 'web', 'cart:8080').verdict, 'mtls');
    assert.equal(cell(fixed, 'shop', 'cart:8080').verdict, 'mtls');
  });

  test('§C4 Istio mTLS to a MESH_EXTERNAL host fails; ServiceEntry columns are labelled by host', () => {
    const se = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: stripe, namespace: shop}
spec:
  hosts: [api.stripe.com]
  location: MESH_EXTERNAL
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
`;
    const m = meshMapOf(editorSnapshot({ ...mesh, 'se.yaml': docs(se, destinationRule('shop', 'stripe', 'api.stripe.com', '  trafficPolicy:\n    tls: {mode: ISTIO_MUTUAL}\n')) }));
    const c = cell(m, 'shop', 'api.stripe.com:443');
    assert.equal(c.verdict, 'fails');
    assert.match(c.reason, /§C4/);
    assert.equal(m.columns.find((x) => x.label === 'api.stripe.com:443')?.kind, 'ServiceEntry');
  });

  test('split namespaces (a selector DestinationRule for some workloads) show the worst part with both reasons', () => {
    const m = meshMapOf(editorSnapshot({
      ...mesh,
      'apps.yaml': docs(mesh['apps.yaml'], deployment('web', 'admin', { labels: { app: 'admin' } })),
      'dr.yaml': docs(
        destinationRule('shop', 'cart', 'cart', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'),
        destinationRule('web', 'admin-to-cart', 'cart.shop.svc.cluster.local', '  workloadSelector:\n    matchLabels:\n      app: admin\n  trafficPolicy:\n    tls:\n      mode: DISABLE\n'),
      ),
    }));
    const c = cell(m, 'web', 'cart:8080');
    assert.equal(c.verdict, 'fails');
    assert.match(c.reason, /admin: fails/);
    assert.match(c.reason, /frontend: mTLS/);
  });

  test('excludeNamespaces leaves out their destination columns; an empty workspace has an empty map', () => {
    const m = meshMapOf(editorSnapshot(mesh), { excludeNamespaces: ['legacy'] });
    assert.ok(!m.columns.some((c) => c.namespace === 'legacy'));
    assert.ok(!m.cells.some((c) => c.column.includes('batch')));
    assert.deepEqual(meshMapOf(editorSnapshot({ 'a.yaml': '# nothing\n' })), { rows: [], columns: [], cells: [] });
  });
});
