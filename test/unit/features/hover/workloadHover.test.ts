import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { hoverText, lineOf, link, rowsWith } from './hoverText';

const yaml = docs(
  namespace('shop', { 'istio-injection': 'enabled' }),
  namespace('web', { 'istio-injection': 'enabled' }),
  namespace('plain'),
  deployment('web', 'client'),
  deployment('plain', 'curl'),
  deployment('elsewhere', 'ghost'),
  deployment('shop', 'reviews', {
    ports: [{ name: 'http', containerPort: 9080 }, { containerPort: 15000 }, { containerPort: 7000 }],
    annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '7000' },
  }),
  service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }, { name: 'tcp-admin', port: 15000 }]),
  peerAuthentication('shop', 'default', 'STRICT'),
  peerAuthentication('shop', 'reviews', undefined, { selector: { app: 'reviews' }, portLevel: { '15000': 'DISABLE' } }),
  destinationRule('web', 'to-reviews', 'reviews.shop.svc.cluster.local', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n'),
);
const nsDefault = link('shop/default', 'test.yaml', lineOf(yaml, 'mode: STRICT'));
const paName = link('shop/reviews', 'test.yaml', lineOf(yaml, 'kind: PeerAuthentication\nmetadata:\n  name: reviews') + 2);
const portEntry = link('shop/reviews', 'test.yaml', lineOf(yaml, 'mode: DISABLE'));

describe('Workload hover', () => {
  test('§C1 §A5 §A7 sidecar state with its reason, and the inbound mode per target port with the chain that decided it', () => {
    const md = hoverText(yaml, 'name: reviews');
    const [header, identity] = md.split('\n\n');
    assert.equal(header, '**Deployment `shop/reviews`** · sidecar: **yes**: namespace shop has istio-injection=enabled (§C1)');
    assert.equal(identity, 'Identity: `spiffe://cluster.local/ns/shop/sa/reviews`');
    assert.deepEqual(rowsWith(md, '**'), [
      `| 7000 | no sidecar (excluded from inbound capture, §C7) | namespace ${nsDefault} **STRICT** → workload ${paName} UNSET (inherits) |`,
      `| 9080 and other ports | **STRICT** | namespace ${nsDefault} **STRICT** → workload ${paName} UNSET (inherits) |`,
      `| 15000 | **DISABLE** | namespace ${nsDefault} STRICT → workload ${paName} UNSET (inherits) → port 15000 ${portEntry} **DISABLE** |`,
    ]);
    assert.match(md, /Behind \[Service shop\/reviews\]\([^)]+\) port 80 → 9080 and \[Service shop\/reviews\]\([^)]+\) port 15000 → 15000\.$/);
  });

  test('§C1 §A11 a workload without a sidecar: no PeerAuthentication is enforced', () => {
    const md = hoverText(yaml, 'name: curl');
    assert.match(md, /sidecar: \*\*no\*\*: namespace plain has no injection label and the pod does not opt in with the sidecar\.istio\.io\/inject label \(§C1\)/);
    assert.match(md, /Inbound traffic reaches the app directly: no PeerAuthentication is enforced \(§A11\)\./);
    assert.doesNotMatch(md, /\| Ports \|/);
  });

  test('§C1 a namespace missing from the workspace: sidecar unknown, modes shown as they would be', () => {
    const md = hoverText(yaml, 'name: ghost');
    assert.match(md, /sidecar: \*\*unknown\*\*: namespace elsewhere is not in the workspace/);
    assert.match(md, /\*\*Inbound mode\*\* \(§A5, §A7\), if the pod gets a sidecar:/);
    assert.deepEqual(rowsWith(md, 'built-in'), ['| all ports | **PERMISSIVE** | no policy: built-in **PERMISSIVE** |']);
  });
});

describe('Service hover', () => {
  test('§A7 §B §C per port: what the servers require, and what each client namespace sends and meets', () => {
    const md = hoverText(yaml, 'kind: Service');
    assert.ok(md.startsWith('**Service `shop/reviews`** · host `reviews.shop.svc.cluster.local`'), md);
    assert.deepEqual(rowsWith(md, '| 9080 |'), [`| reviews:80 (http) | 9080 | **STRICT** on 9080 (namespace ${nsDefault}) |`]);
    assert.deepEqual(rowsWith(md, '| 15000 |'), [`| reviews:15000 (tcp-admin) | 15000 | **DISABLE** on 15000 (port 15000 ${portEntry}) |`]);
    const http = rowsWith(md, '| reviews:80 (http) |').slice(1).sort();
    assert.deepEqual(http, [
      '| reviews:80 (http) | `shop` and other namespaces | auto mTLS (no DestinationRule, §B10) | mTLS |',
      `| reviews:80 (http) | \`web\` | DISABLE (top level) from ${link('web/to-reviews', 'test.yaml', lineOf(yaml, 'name: to-reviews'))} | **fails** (§C2): sends plaintext (tls.mode DISABLE); the STRICT sidecar has no plaintext filter chain: the connection is reset |`,
      '| reviews:80 (http) | clients without a sidecar | plaintext (no sidecar) | **fails** (§C2): the STRICT sidecar has no plaintext filter chain: the connection is reset |',
    ].sort());
    assert.deepEqual(rowsWith(md, '| reviews:15000 (tcp-admin) |').slice(1).sort(), [
      '| reviews:15000 (tcp-admin) | `shop` and other namespaces | auto mTLS (no DestinationRule, §B10) | plaintext (auto mTLS sends plaintext to an endpoint whose workload- or port-level mode is DISABLE (§B11)) |',
      '| reviews:15000 (tcp-admin) | clients without a sidecar | plaintext (no sidecar) | plaintext |',
      `| reviews:15000 (tcp-admin) | \`web\` | DISABLE (top level) from ${link('web/to-reviews', 'test.yaml', lineOf(yaml, 'name: to-reviews'))} | plaintext (tls.mode DISABLE) |`,
    ].sort());
  });

  test('§B13 clients that cannot see the Service (exportTo) go through the passthrough cluster', () => {
    const hidden = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      namespace('web', { 'istio-injection': 'enabled' }),
      deployment('web', 'client'),
      deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }] }),
      service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }]).replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    networking.istio.io/exportTo: "."\n'),
    );
    assert.deepEqual(rowsWith(hoverText(hidden, 'kind: Service'), 'passthrough'), ['| reviews:80 (http) | `web` and other namespaces | not exported to them: passthrough plaintext (§B13) | plaintext |']);
  });

  test('§B10 §C4 a MESH_EXTERNAL ServiceEntry: auto mTLS sends plaintext', () => {
    const se = docs(
      namespace('web', { 'istio-injection': 'enabled' }),
      deployment('web', 'client'),
      'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext, namespace: web}\nspec:\n  hosts: [api.example.com]\n  location: MESH_EXTERNAL\n  ports: [{number: 443, name: tls, protocol: TLS}]\n  resolution: DNS\n',
    );
    const md = hoverText(se, 'kind: ServiceEntry');
    assert.match(md, /^\*\*ServiceEntry `web\/ext`\*\* · MESH_EXTERNAL \(auto mTLS sends plaintext, §B10\) · hosts `api\.example\.com`/);
    assert.deepEqual(rowsWith(md, '`web`'), ['| api.example.com:443 (tls) | `web` and other namespaces | auto mTLS (no DestinationRule, §B10) | plaintext (auto mTLS sends plaintext to MESH_EXTERNAL hosts) |']);
  });
});
