// The extension's custom messages over a real connection: the mesh map and workspace mesh
// requests, and the modelChanged notification after every analysis.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from '../support/lspHarness';
import { docs } from '../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../support/fixtures';
import { MeshMapRequest, ModelChangedNotification, WorkspaceMeshRequest, type ModelChangedParams } from '../../protocol/src/index';

describe('custom requests of the extension (protocol/)', () => {
  let h: Harness;
  const changes: ModelChangedParams[] = [];
  const dr = (mode: string) => destinationRule('shop', 'cart', 'cart', `  trafficPolicy:\n    tls:\n      mode: ${mode}\n`);

  before(async () => {
    h = await startHarness({
      'ns.yaml': docs(namespace('shop', { 'istio-injection': 'enabled' }), namespace('web', { 'istio-injection': 'enabled' }), peerAuthentication('shop', 'default', 'STRICT')),
      'apps.yaml': docs(deployment('shop', 'cart'), service('shop', 'cart'), deployment('web', 'frontend')),
      'dr.yaml': dr('DISABLE'),
    });
    h.client.onNotification(ModelChangedNotification.type, (p: ModelChangedParams) => {
      changes.push(p);
    });
  });
  after(async () => h.dispose());

  test('istioMtlsDoctor/meshMap answers the matrix with the failing cell and its location', async () => {
    const map = await h.client.sendRequest(MeshMapRequest.type, {});
    assert.deepEqual(map.rows.map((r) => r.namespace), ['shop', 'web']);
    const web = map.cells.find((c) => c.row === 'web');
    assert.equal(web?.verdict, 'fails');
    assert.equal(web?.location?.uri, h.uri('dr.yaml'));
  });

  test('istioMtlsDoctor/workspaceMesh answers namespaces, workloads and ports', async () => {
    const mesh = await h.client.sendRequest(WorkspaceMeshRequest.type, {});
    assert.deepEqual(mesh.namespaces.map((n) => n.name), ['shop', 'web']);
    const cart = mesh.namespaces[0].workloads.find((w) => w.name === 'cart');
    assert.equal(cart?.location.uri, h.uri('apps.yaml'));
    assert.equal(cart?.ports.find((p) => p.port === 8080)?.mode, 'STRICT');
  });

  test('an edit publishes modelChanged, and the next request sees the new model', async () => {
    const before = h.session.analysisCount;
    await h.open('dr.yaml', dr('ISTIO_MUTUAL'));
    await h.waitFor(() => changes.some((c) => c.analysis > before), 'a modelChanged notification');
    assert.equal(changes[changes.length - 1].analysis, h.session.analysisCount);
    const map = await h.client.sendRequest(MeshMapRequest.type, {});
    assert.ok(map.cells.every((c) => c.verdict === 'mtls'), JSON.stringify(map.cells.map((c) => c.verdict)));
  });
});
