import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceReferences } from '../../../server/src/semantics/hostReferences';
import { semanticsOf } from '../../support/workspace';
import { deployment } from '../../support/fixtures';

const refs = (text: string) => serviceReferences(text).map((r) => `${r.name}${r.namespace !== undefined ? `.${r.namespace}` : ''}${r.port !== undefined ? `:${r.port}` : ''}`);

describe('§C2 host references in env values, args and commands (rules.md non-mesh-client-to-strict)', () => {
  test('host references (env/args forms): name, name.ns, name.ns.svc, name.ns.svc.cluster.local', () => {
    assert.deepEqual(refs('reviews'), ['reviews']);
    assert.deepEqual(refs('reviews.shop'), ['reviews.shop']);
    assert.deepEqual(refs('reviews.shop.svc'), ['reviews.shop']);
    assert.deepEqual(refs('reviews.shop.svc.cluster.local'), ['reviews.shop']);
  });
  test('host references: optional scheme, port and path', () => {
    assert.deepEqual(refs('http://reviews:9080/api/v1#top'), ['reviews:9080']);
    assert.deepEqual(refs('grpc://reviews.shop.svc.cluster.local:50051'), ['reviews.shop:50051']);
    assert.deepEqual(refs('reviews.shop:80'), ['reviews.shop:80']);
    assert.deepEqual(refs('postgres://db.data:5432/orders'), ['db.data:5432']);
  });
  test('host references: several in one string (args/command)', () => {
    // Every token that looks like a host is a candidate (`curl` too); the rule keeps those naming a Service.
    assert.deepEqual(refs('curl -s http://a.shop:80 http://b:81'), ['curl', 'a.shop:80', 'b:81']);
  });
  test('host references: KEY=value and quoted forms', () => {
    assert.ok(refs('--upstream=reviews.shop:9080').includes('reviews.shop:9080'));
    assert.ok(refs('"http://reviews.shop:9080"').includes('reviews.shop:9080'));
  });
  test('host references: case-insensitive, trailing dot allowed', () => {
    assert.deepEqual(refs('Reviews.Shop.svc.cluster.local.'), ['reviews.shop']);
  });
  test('host references: another domain, or three labels without svc, are not Service hosts', () => {
    assert.deepEqual(refs('reviews.shop.svc.example.com'), []);
    assert.deepEqual(refs('api.example.com'), []);
    assert.deepEqual(refs('https://www.google.com/search'), []);
  });
  test('host references: out-of-range or malformed ports are rejected', () => {
    assert.deepEqual(refs('reviews:0'), []);
    assert.deepEqual(refs('reviews:70000'), []);
    assert.deepEqual(refs('reviews:abc'), []);
  });
  test('host references: empty text gives nothing', () => {
    assert.deepEqual(refs(''), []);
    assert.deepEqual(refs('   '), []);
  });
  test('the workload model collects env values, args and commands (not of istio-proxy)', () => {
    const { model } = semanticsOf(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: c, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: c}}\n    spec:\n      containers:\n      - name: c\n        image: c\n        command: [sh, -c]\n        args: ["curl http://reviews.shop:9080"]\n        env:\n        - {name: URL, value: "http://ratings:9080"}\n        - {name: FROM, valueFrom: {secretKeyRef: {name: s, key: k}}}\n      - name: istio-proxy\n        image: proxy\n        args: ["proxy", "sidecar", "--discoveryAddress", "istiod.istio-system.svc:15012"]\n',
    );
    const texts = model.workloads[0].references.map((r) => `${r.path.join('.')}=${r.text}`);
    assert.deepEqual(texts, [
      'spec.template.spec.containers.0.env.0.value=http://ratings:9080',
      'spec.template.spec.containers.0.args.0=curl http://reviews.shop:9080',
      'spec.template.spec.containers.0.command.0=sh',
      'spec.template.spec.containers.0.command.1=-c',
    ]);
    assert.deepEqual(semanticsOf(deployment('shop', 'x', { env: { A: 'reviews.shop' } })).model.workloads[0].references.map((r) => r.text), ['reviews.shop']);
  });
});
