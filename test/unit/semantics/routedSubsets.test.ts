import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf, docs } from '../../support/workspace';
import { routedSubsets } from '../../../server/src/semantics/routedSubsets';
import { inboundPortCaptured } from '../../../server/src/semantics/inboundCapture';
import { selectorMatches } from '../../../server/src/semantics/labelMatch';
import { deployment } from '../../support/fixtures';

const vs = (ns: string, name: string, spec: string) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${spec}`;

function routed(yaml: string): Record<string, string[]> {
  const { model, sem } = semanticsOf(yaml);
  const direct = routedSubsets(model.virtualServices);
  assert.deepEqual([...sem.routed.keys()].sort(), [...direct.keys()].sort());
  return Object.fromEntries([...direct.entries()].map(([h, s]) => [h, [...s].sort()]));
}

describe('§B7 subsets carry traffic only when a route sends traffic to them', () => {
  test('§B7 http, tcp and tls routes name subsets; short hosts resolve in the VirtualService namespace', () => {
    const yaml = vs(
      'web',
      'r',
      '  hosts: [reviews.shop.svc.cluster.local]\n  http:\n  - route:\n    - destination: {host: reviews.shop.svc.cluster.local, subset: v1}\n    - destination: {host: reviews.shop.svc.cluster.local, subset: v2}\n  tcp:\n  - route:\n    - destination: {host: db, subset: primary}\n  tls:\n  - match: [{sniHosts: [x]}]\n    route:\n    - destination: {host: x.example.com, subset: s}\n',
    );
    assert.deepEqual(routed(yaml), {
      'reviews.shop.svc.cluster.local': ['v1', 'v2'],
      'db.web.svc.cluster.local': ['primary'],
      'x.example.com': ['s'],
    });
  });
  test('§B7 mirrors route traffic to a subset too', () => {
    const yaml = vs('shop', 'r', '  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n    mirror: {host: reviews, subset: shadow}\n    mirrors:\n    - destination: {host: reviews, subset: shadow2}\n');
    assert.deepEqual(routed(yaml), { 'reviews.shop.svc.cluster.local': ['shadow', 'shadow2'] });
  });
  test('§B7 a route without subset routes to the default cluster only', () => {
    assert.deepEqual(routed(vs('shop', 'r', '  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n')), {});
  });
  test('§B7 several VirtualServices add up', () => {
    const yaml = docs(
      vs('shop', 'a', '  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v1}\n'),
      vs('shop', 'b', '  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews.shop.svc.cluster.local, subset: v3}\n'),
    );
    assert.deepEqual(routed(yaml), { 'reviews.shop.svc.cluster.local': ['v1', 'v3'] });
  });
});

describe('§C7 §A11 inbound capture', () => {
  const w = (annotations: Record<string, string>) => semanticsOf(deployment('shop', 'a', { annotations })).model.workloads[0];
  test('§C7 every port is captured by default', () => {
    assert.equal(inboundPortCaptured(w({}), 8080), true);
  });
  test('§C7 excludeInboundPorts removes a port from capture', () => {
    const x = w({ 'traffic.sidecar.istio.io/excludeInboundPorts': '9000, 8080' });
    assert.equal(inboundPortCaptured(x, 8080), false);
    assert.equal(inboundPortCaptured(x, 9000), false);
    assert.equal(inboundPortCaptured(x, 9001), true);
  });
  test('§C7 includeInboundPorts not covering the port leaves it uncaptured; * covers all', () => {
    assert.equal(inboundPortCaptured(w({ 'traffic.sidecar.istio.io/includeInboundPorts': '9000' }), 8080), false);
    assert.equal(inboundPortCaptured(w({ 'traffic.sidecar.istio.io/includeInboundPorts': '9000,8080' }), 8080), true);
    assert.equal(inboundPortCaptured(w({ 'traffic.sidecar.istio.io/includeInboundPorts': '*' }), 8080), true);
  });
  test('§C7 exclusion wins over inclusion', () => {
    assert.equal(inboundPortCaptured(w({ 'traffic.sidecar.istio.io/includeInboundPorts': '*', 'traffic.sidecar.istio.io/excludeInboundPorts': '8080' }), 8080), false);
  });
});

describe('§A1 label matching', () => {
  test('§A1 selector ⊆ labels; an empty selector matches everything', () => {
    assert.equal(selectorMatches({}, { a: '1' }), true);
    assert.equal(selectorMatches({ a: '1' }, { a: '1', b: '2' }), true);
    assert.equal(selectorMatches({ a: '1', b: '2' }, { a: '1' }), false);
    assert.equal(selectorMatches({ a: '1' }, { a: '2' }), false);
  });
});
