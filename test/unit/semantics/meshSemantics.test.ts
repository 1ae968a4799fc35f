import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf, docs } from '../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../support/fixtures';
import type { ClientCell } from '../../../server/src/semantics/meshSemantics';

/** The client namespaces a cell speaks for. */
const namespacesOf = (c: ClientCell): string[] => [...new Set(c.profiles.map((p) => p.namespace))].sort();

const tls = (mode: string) => `  trafficPolicy:\n    tls:\n      mode: ${mode}\n`;

/**
 * §G for every cell and endpoint: `client-ns -> host:port[/subset] => wire verdict cell`.
 */
function outcomes(yaml: string, filter: (clientNs: string) => boolean = () => true): string[] {
  const { sem } = semanticsOf(yaml);
  const out: string[] = [];
  for (const c of sem.cells) {
    for (const ns of namespacesOf(c)) {
      if (!filter(ns)) continue;
      for (const e of sem.endpointOutcomes(c)) {
        const short = c.dest.host.replace('.svc.cluster.local', '');
        out.push(`${ns} -> ${short}:${c.dest.port}${c.subset ? `/${c.subset}` : ''} => ${e.wire.wire} ${e.outcome.verdict}${e.outcome.cell ? ` ${e.outcome.cell}` : ''}`);
      }
    }
  }
  return out.sort();
}

const base = (serverNsLabels: Record<string, string> = { 'istio-injection': 'enabled' }) =>
  docs(
    namespace('web', { 'istio-injection': 'enabled' }),
    namespace('shop', serverNsLabels),
    deployment('web', 'client'),
    deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }] }),
    service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }]),
  );
const fromWeb = (ns: string) => ns === 'web';

describe('§G decision procedure through the MeshSemantics facade', () => {
  test('§G auto mTLS to a STRICT sidecar is mTLS and OK', () => {
    assert.deepEqual(outcomes(docs(base(), peerAuthentication('shop', 'default', 'STRICT')), fromWeb), ['web -> reviews.shop:80 => MTLS ok mTLS']);
  });
  test('§C2 §B8 a DR DISABLE to STRICT fails', () => {
    assert.deepEqual(outcomes(docs(base(), peerAuthentication('shop', 'default', 'STRICT'), destinationRule('shop', 'r', 'reviews', tls('DISABLE'))), fromWeb), [
      'web -> reviews.shop:80 => PLAINTEXT fails C2',
    ]);
  });
  test('§C4 ISTIO_MUTUAL to a workload without sidecar fails', () => {
    assert.deepEqual(outcomes(docs(base({}), destinationRule('shop', 'r', 'reviews', tls('ISTIO_MUTUAL'))), fromWeb), ['web -> reviews.shop:80 => MTLS fails C4']);
  });
  test('§B10 §B12 auto mTLS to a workload without sidecar is plaintext and OK', () => {
    assert.deepEqual(outcomes(base({}), fromWeb), ['web -> reviews.shop:80 => PLAINTEXT ok no sidecar']);
  });
  test('§C8 namespace DISABLE + workload STRICT: auto mTLS sends plaintext and fails', () => {
    const yaml = docs(base(), peerAuthentication('shop', 'default', 'DISABLE'), peerAuthentication('shop', 'wl', 'STRICT', { selector: { app: 'reviews' } }));
    assert.deepEqual(outcomes(yaml, fromWeb), ['web -> reviews.shop:80 => PLAINTEXT fails C2']);
  });
  test('§B11 §H3 namespace STRICT + workload DISABLE: auto mTLS sends plaintext per endpoint and succeeds', () => {
    const yaml = docs(base(), peerAuthentication('shop', 'default', 'STRICT'), peerAuthentication('shop', 'wl', 'DISABLE', { selector: { app: 'reviews' } }));
    assert.deepEqual(outcomes(yaml, fromWeb), ['web -> reviews.shop:80 => PLAINTEXT ok DISABLE']);
  });
  test('§C5 explicit ISTIO_MUTUAL to a workload-level DISABLE fails', () => {
    const yaml = docs(base(), peerAuthentication('shop', 'wl', 'DISABLE', { selector: { app: 'reviews' } }), destinationRule('shop', 'r', 'reviews', tls('ISTIO_MUTUAL')));
    assert.deepEqual(outcomes(yaml, fromWeb), ['web -> reviews.shop:80 => MTLS fails C5']);
  });
  test('§A7 §G step 2 the server mode is read on the targetPort', () => {
    const yaml = docs(base(), peerAuthentication('shop', 'wl', 'STRICT', { selector: { app: 'reviews' }, portLevel: { '9080': 'DISABLE' } }), destinationRule('shop', 'r', 'reviews', tls('ISTIO_MUTUAL')));
    assert.deepEqual(outcomes(yaml, fromWeb), ['web -> reviews.shop:80 => MTLS fails C5']);
  });
  test('§C7 §B15 a port excluded from inbound capture: clients still send mTLS, the app gets a ClientHello', () => {
    const yaml = docs(
      namespace('web', { 'istio-injection': 'enabled' }),
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('web', 'client'),
      deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }], annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '9080' } }),
      service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }]),
      peerAuthentication('shop', 'default', 'STRICT'),
    );
    assert.deepEqual(outcomes(yaml, fromWeb), ['web -> reviews.shop:80 => MTLS fails C4']);
  });
  test('§B10 enableAutoMtls false in the mesh config: plaintext to STRICT fails', () => {
    const mesh = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: |\n    enableAutoMtls: false\n';
    assert.deepEqual(outcomes(docs(mesh, base(), peerAuthentication('shop', 'default', 'STRICT')), fromWeb), ['web -> reviews.shop:80 => PLAINTEXT fails C2']);
  });
  test('§B6 §H1 a port-level entry without tls falls back to auto mTLS, not the top-level DISABLE … but §B11 drMode still clears tlsMode', () => {
    const dr = destinationRule('shop', 'r', 'reviews', tls('DISABLE') + '    portLevelSettings:\n    - port: {number: 80}\n      loadBalancer: {simple: ROUND_ROBIN}\n');
    assert.deepEqual(outcomes(docs(base(), peerAuthentication('shop', 'default', 'STRICT'), dr), fromWeb), ['web -> reviews.shop:80 => PLAINTEXT fails C2']);
  });
  test('§C6 §A9 SIMPLE to a PERMISSIVE HTTP port fails; to a TCP port it passes through', () => {
    const yaml = docs(
      namespace('web', { 'istio-injection': 'enabled' }),
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('web', 'client'),
      deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }, { name: 'tcp', containerPort: 9443 }] }),
      service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }, { name: 'tcp-tls', port: 443, targetPort: 9443 }]),
      destinationRule('shop', 'r', 'reviews', tls('SIMPLE')),
    );
    assert.deepEqual(outcomes(yaml, fromWeb), ['web -> reviews.shop:443 => USER_TLS ok PERMISSIVE', 'web -> reviews.shop:80 => USER_TLS fails C6']);
  });
  test('§B10 headless all-or-nothing: one endpoint without sidecar makes auto mTLS send plaintext to every endpoint', () => {
    const headless = (withLegacy: boolean) =>
      docs(
        namespace('web', { 'istio-injection': 'enabled' }),
        namespace('shop', { 'istio-injection': 'enabled' }),
        deployment('web', 'client'),
        deployment('shop', 'db-a', { labels: { app: 'db', member: 'a' }, ports: [{ containerPort: 5432 }] }),
        ...(withLegacy ? [deployment('shop', 'db-b', { labels: { app: 'db', member: 'b', 'sidecar.istio.io/inject': 'false' }, ports: [{ containerPort: 5432 }] })] : []),
        service('shop', 'db', [{ name: 'tcp', port: 5432, targetPort: 5432 }], { app: 'db' }).replace('spec:\n', 'spec:\n  clusterIP: None\n'),
        peerAuthentication('shop', 'default', 'STRICT'),
      );
    assert.deepEqual(outcomes(headless(true), fromWeb), ['web -> db.shop:5432 => PLAINTEXT fails C2', 'web -> db.shop:5432 => PLAINTEXT ok no sidecar']);
    assert.deepEqual(outcomes(headless(false), fromWeb), ['web -> db.shop:5432 => MTLS ok mTLS']);
  });
  test('§B10 auto mTLS sends plaintext to a MESH_EXTERNAL ServiceEntry host', () => {
    const se = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext, namespace: shop}\nspec:\n  hosts: [api.example.com]\n  location: MESH_EXTERNAL\n  resolution: DNS\n  ports: [{number: 80, name: http, protocol: HTTP}]\n';
    const { sem } = semanticsOf(docs(base(), se));
    const cell = sem.cells.find((c) => c.dest.host === 'api.example.com' && namespacesOf(c).includes('web'));
    assert.ok(cell);
    assert.equal(cell.dest.meshExternal, true);
    assert.deepEqual(sem.endpointOutcomes(cell), [], 'no workload endpoints behind an external host');
  });
  test('rules.md a server whose namespace is unknown decides nothing', () => {
    const yaml = docs(
      namespace('web', { 'istio-injection': 'enabled' }),
      deployment('web', 'client'),
      deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }] }),
      service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }]),
      destinationRule('shop', 'r', 'reviews', tls('ISTIO_MUTUAL')),
    );
    assert.deepEqual(outcomes(yaml, fromWeb), ['web -> reviews.shop:80 => MTLS unknown']);
  });
});

describe('MeshSemantics cells and client profiles', () => {
  test('§B4 client profiles: injected workloads grouped by namespace and matching selector DRs; non-injected and WorkloadEntries excluded', () => {
    const yaml = docs(
      base(),
      deployment('web', 'client2', { labels: { app: 'client2' } }),
      deployment('web', 'special', { labels: { app: 'special' } }),
      deployment('web', 'opted-out', { labels: { app: 'x', 'sidecar.istio.io/inject': 'false' } }),
      'apiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata: {name: vm, namespace: web}\nspec:\n  address: 10.0.0.1\n  labels: {security.istio.io/tlsMode: istio}\n',
      destinationRule('web', 'sel', 'reviews.shop.svc.cluster.local', '  workloadSelector:\n    matchLabels: {app: special}\n' + tls('DISABLE')),
    );
    const { sem } = semanticsOf(yaml);
    const profiles = sem.clientProfiles.map((p) => `${p.namespace}:${p.workloads.map((w) => w.name).sort().join(',')}`).sort();
    assert.deepEqual(profiles, ['shop:reviews', 'web:client,client2', 'web:special']);
  });
  test('§B4 the selector DR applies to the matching client only', () => {
    const yaml = docs(
      base(),
      peerAuthentication('shop', 'default', 'STRICT'),
      deployment('web', 'special', { labels: { app: 'special' } }),
      destinationRule('web', 'sel', 'reviews.shop.svc.cluster.local', '  workloadSelector:\n    matchLabels: {app: special}\n' + tls('DISABLE')),
    );
    const { sem } = semanticsOf(yaml);
    const lines = sem.cells
      .flatMap((c) => c.profiles.filter((p) => p.namespace === 'web').map((p) => `${p.workloads.map((w) => w.name).sort().join(',')}: ${sem.endpointOutcomes(c).map((e) => e.outcome.verdict).join(',')}`))
      .sort();
    assert.deepEqual(lines, ['client: ok', 'special: fails']);
  });
  test('§B7 a subset cell exists only when a VirtualService routes to a subset the DR defines', () => {
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r, namespace: shop}\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v1}\n    - destination: {host: reviews, subset: v9}\n';
    const dr = destinationRule('shop', 'r', 'reviews', '  subsets:\n  - name: v1\n    labels: {app: reviews}\n    trafficPolicy:\n      tls: {mode: DISABLE}\n  - name: v2\n    labels: {app: reviews}\n    trafficPolicy:\n      tls: {mode: DISABLE}\n');
    const yaml = docs(base(), peerAuthentication('shop', 'default', 'STRICT'), dr, vs);
    assert.deepEqual(outcomes(yaml, fromWeb), ['web -> reviews.shop:80 => MTLS ok mTLS', 'web -> reviews.shop:80/v1 => PLAINTEXT fails C2']);
    const { sem } = semanticsOf(yaml);
    const subsetCell = sem.cells.find((c) => c.subset === 'v1' && namespacesOf(c).includes('web'))!;
    assert.equal(sem.ownerOf(subsetCell)?.name, 'r');
    assert.equal(subsetCell.inForce.level, 'subset');
  });
  test('§B3 each client namespace gets the DestinationRule of its own lookup (own rules, exportTo names, root, others)', () => {
    const client = (ns: string) => docs(namespace(ns, { 'istio-injection': 'enabled' }), deployment(ns, `c-${ns}`));
    const yaml = docs(
      base(),
      peerAuthentication('shop', 'default', 'STRICT'),
      client('payments'),
      client('other'),
      client('istio-system'),
      destinationRule('shop', 's', 'reviews', tls('DISABLE') + '  exportTo: [payments]\n'),
      destinationRule('web', 'c', 'reviews.shop.svc.cluster.local', tls('SIMPLE')),
      destinationRule('istio-system', 'priv', '"*.local"', tls('ISTIO_MUTUAL') + '  exportTo: ["."]\n'),
    );
    assert.deepEqual(outcomes(yaml, (ns) => ns !== 'shop'), [
      'istio-system -> reviews.shop:80 => MTLS ok mTLS',
      'other -> reviews.shop:80 => MTLS ok mTLS',
      'payments -> reviews.shop:80 => PLAINTEXT fails C2',
      'web -> reviews.shop:80 => USER_TLS fails C6',
    ]);
    const { sem } = semanticsOf(yaml);
    for (const c of sem.cells) {
      for (const p of c.profiles) assert.equal(sem.lookup(p, c.dest.host, c.dest.namespace)?.rule, c.choice?.rule, `${p.namespace} agrees with lookup`);
    }
  });
  test('§B13 a Service hidden from the client namespace by exportTo yields no cell', () => {
    const yaml = docs(base(), service('shop', 'hidden', [{ name: 'http', port: 80, targetPort: 9080 }], { app: 'reviews' }).replace('  namespace: shop\n', '  namespace: shop\n  annotations: {networking.istio.io/exportTo: "."}\n'));
    const { sem } = semanticsOf(yaml);
    const hosts = (ns: string) => sem.cells.filter((c) => namespacesOf(c).includes(ns)).map((c) => c.dest.host).sort();
    assert.deepEqual(hosts('web'), ['reviews.shop.svc.cluster.local']);
    assert.deepEqual(hosts('shop'), ['hidden.shop.svc.cluster.local', 'reviews.shop.svc.cluster.local']);
  });
  test('§G a cell without DestinationRule has level none and no owner', () => {
    const { sem } = semanticsOf(base());
    const cell = sem.cells.find((c) => namespacesOf(c).includes('web'))!;
    assert.equal(cell.choice, undefined);
    assert.equal(cell.inForce.level, 'none');
    assert.equal(sem.ownerOf(cell), undefined);
  });
  test('§A7 §A8 inboundPorts: container ports, Service target ports and port-level keys', () => {
    const yaml = docs(
      deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }] }),
      service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }, { name: 'tcp', port: 81, targetPort: 7000 }]),
      peerAuthentication('shop', 'wl', 'STRICT', { selector: { app: 'reviews' }, portLevel: { '15020': 'DISABLE' } }),
    );
    const { model, sem } = semanticsOf(yaml);
    assert.deepEqual(sem.inboundPorts(model.workloads[0]), [7000, 9080, 15020]);
  });
  test('memoised answers are stable', () => {
    const { model, sem } = semanticsOf(docs(base(), peerAuthentication('shop', 'default', 'STRICT')));
    const w = model.workloads[1];
    assert.equal(sem.serverMode(w, 9080), sem.serverMode(w, 9080));
    assert.equal(sem.injection(w), sem.injection(w));
    assert.equal(sem.cells, sem.cells);
  });
});
