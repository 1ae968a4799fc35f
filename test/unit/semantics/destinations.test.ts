import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf, docs } from '../../support/workspace';
import { deployment, service } from '../../support/fixtures';
import {
  allDestinations,
  destinationVisibleTo,
  isHttpFamily,
  resolveTargetPort,
  selectedBy,
  serviceDestinations,
} from '../../../server/src/semantics/destinations';

describe('destinations: Service ports resolved to workloads and target ports (rules.md "destination")', () => {
  const yaml = docs(
    deployment('shop', 'reviews', { ports: [{ name: 'web', containerPort: 9080 }, { containerPort: 9443 }] }),
    deployment('shop', 'other', { labels: { app: 'other' } }),
    deployment('web', 'reviews', {}),
    service('shop', 'reviews', [
      { name: 'http', port: 80, targetPort: 'web' },
      { name: 'tls', port: 443, targetPort: 9443 },
      { name: 'tcp-plain', port: 7000 },
      { name: 'grpc', port: 81, targetPort: 'missing' },
    ]),
  );
  test('§A7 a named targetPort resolves through container port names', () => {
    const { sem } = semanticsOf(yaml);
    const d = sem.destinations.find((x) => x.port === 80)!;
    assert.equal(d.host, 'reviews.shop.svc.cluster.local');
    assert.equal(d.namespace, 'shop');
    assert.deepEqual(d.endpoints.map((e) => `${e.workload.namespace}/${e.workload.name}:${e.targetPort}`), ['shop/reviews:9080']);
  });
  test('a numeric targetPort is used as is; a missing targetPort is the port itself', () => {
    const { sem } = semanticsOf(yaml);
    assert.equal(sem.destinations.find((x) => x.port === 443)!.endpoints[0].targetPort, 9443);
    assert.equal(sem.destinations.find((x) => x.port === 7000)!.endpoints[0].targetPort, 7000);
  });
  test('a named targetPort the workload does not declare yields no endpoint, but the workload is still selected', () => {
    const { sem } = semanticsOf(yaml);
    const d = sem.destinations.find((x) => x.port === 81)!;
    assert.deepEqual(d.endpoints, []);
    assert.deepEqual(d.selectedWorkloads.map((w) => w.name), ['reviews']);
  });
  test('the selector picks workloads of the Service namespace only', () => {
    const { model } = semanticsOf(yaml);
    assert.deepEqual(selectedBy(model, 'shop', { app: 'reviews' }).map((w) => `${w.namespace}/${w.name}`), ['shop/reviews']);
  });
  test('a Service without selector has no endpoints', () => {
    const { model } = semanticsOf(docs(deployment('shop', 'a'), 'apiVersion: v1\nkind: Service\nmetadata: {name: ext, namespace: shop}\nspec:\n  ports: [{port: 80}]\n'));
    const [d] = serviceDestinations(model, model.services[0]);
    assert.deepEqual(d.endpoints, []);
    assert.deepEqual(d.selectedWorkloads, []);
  });
  test('§B10 clusterIP None is headless; the exportTo annotation is kept', () => {
    const { sem } = semanticsOf(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  namespace: shop\n  annotations: {networking.istio.io/exportTo: "., web"}\nspec:\n  clusterIP: None\n  selector: {app: db}\n  ports: [{port: 5432}]\n',
    );
    const [d] = sem.destinations;
    assert.equal(d.headless, true);
    assert.deepEqual(d.exportTo, ['.', 'web']);
    assert.equal(d.meshExternal, false);
  });
  test('resolveTargetPort reads WorkloadEntry named ports too', () => {
    const { model } = semanticsOf(
      docs(
        'apiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata: {name: vm, namespace: shop}\nspec:\n  address: 10.0.0.1\n  labels: {app: vm}\n  ports: {web: 8081}\n',
        'apiVersion: v1\nkind: Service\nmetadata: {name: vm, namespace: shop}\nspec:\n  selector: {app: vm}\n  ports: [{port: 80, targetPort: web}]\n',
      ),
    );
    assert.equal(resolveTargetPort(model.services[0].ports[0], model.workloads[0]), 8081);
  });
});

describe('§A9 HTTP-family ports', () => {
  test('§A9 name prefix http, http2, grpc, grpc-web (exact or followed by "-")', () => {
    for (const n of ['http', 'http-web', 'HTTP-web', 'http2', 'http2-x', 'grpc', 'grpc-api', 'grpc-web', 'grpc-web-x']) assert.equal(isHttpFamily(n, undefined), true, n);
    for (const n of ['https', 'https-web', 'tcp', 'tls', 'httpx', 'web-http', 'mongo', undefined]) assert.equal(isHttpFamily(n, undefined), false, String(n));
  });
  test('§A9 appProtocol wins over the name', () => {
    assert.equal(isHttpFamily('tcp', 'http'), true);
    assert.equal(isHttpFamily('http', 'tcp'), false);
    assert.equal(isHttpFamily(undefined, 'GRPC'), true);
  });
  test('§A9 the destination records the protocol', () => {
    const { sem } = semanticsOf(service('shop', 'r', [{ name: 'http-x', port: 80 }, { name: 'tcp', port: 81, appProtocol: 'http2' }, { name: 'tcp-y', port: 82 }]));
    assert.deepEqual(sem.destinations.map((d) => `${d.port}:${d.http}`), ['80:true', '81:true', '82:false']);
  });
});

describe('ServiceEntry destinations', () => {
  const se = (body: string) => `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext, namespace: shop}\nspec:\n${body}`;
  test('§B10 MESH_EXTERNAL by default; resolution NONE is passthrough (headless)', () => {
    const { model } = semanticsOf(se('  hosts: [api.example.com, api2.example.com]\n  ports: [{number: 443, name: tls, protocol: TLS}]\n'));
    const ds = allDestinations(model);
    assert.deepEqual(ds.map((d) => `${d.host}:${d.port}:${d.meshExternal}:${d.headless}:${d.http}`), ['api.example.com:443:true:true:false', 'api2.example.com:443:true:true:false']);
  });
  test('a MESH_INTERNAL ServiceEntry with a workloadSelector has endpoints; protocol decides HTTP', () => {
    const { model } = semanticsOf(
      docs(
        deployment('shop', 'vm', { labels: { app: 'vm' } }),
        se('  hosts: [vm.internal]\n  location: MESH_INTERNAL\n  resolution: STATIC\n  workloadSelector:\n    labels: {app: vm}\n  ports: [{number: 80, name: web, protocol: HTTP, targetPort: 8080}]\n'),
      ),
    );
    const [d] = allDestinations(model);
    assert.equal(d.meshExternal, false);
    assert.equal(d.headless, false);
    assert.equal(d.http, true);
    assert.deepEqual(d.endpoints.map((e) => e.targetPort), [8080]);
  });
});

describe('§B13 service visibility', () => {
  const dest = (exportTo: string[]) => {
    const { sem } = semanticsOf(service('shop', 'r'));
    return { ...sem.destinations[0], exportTo };
  };
  test('§B13 no exportTo: visible everywhere', () => {
    assert.equal(destinationVisibleTo(dest([]), 'any'), true);
  });
  test("§B13 '.' means the Service's own namespace; names and '*' as written", () => {
    assert.equal(destinationVisibleTo(dest(['.']), 'shop'), true);
    assert.equal(destinationVisibleTo(dest(['.']), 'web'), false);
    assert.equal(destinationVisibleTo(dest(['web']), 'web'), true);
    assert.equal(destinationVisibleTo(dest(['web']), 'shop'), false);
    assert.equal(destinationVisibleTo(dest(['*']), 'x'), true);
  });
});
