import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf, docs } from '../../support/workspace';
import { destinationRule } from '../../support/fixtures';
import { lookupDestinationRule, type LookupClient } from '../../../server/src/semantics/destinationRuleLookup';

const HOST = 'reviews.shop.svc.cluster.local';
const tls = (mode: string) => `  trafficPolicy:\n    tls:\n      mode: ${mode}\n`;
const exportTo = (...e: string[]) => `  exportTo: [${e.map((x) => `"${x}"`).join(', ')}]\n`;
const selector = (labels: Record<string, string>) => `  workloadSelector:\n    matchLabels:\n${Object.entries(labels).map(([k, v]) => `      ${k}: ${v}`).join('\n')}\n`;

/** The name of the first member of the DestinationRule a client uses for reviews.shop, and the lookup step. */
function pick(yaml: string, client: LookupClient, host = HOST, serviceNamespace = 'shop'): string {
  const { sem } = semanticsOf(yaml);
  const direct = lookupDestinationRule(sem.destinationRules, sem.rootNamespace, client, host, serviceNamespace);
  const viaFacade = sem.lookup(client, host, serviceNamespace);
  assert.equal(viaFacade?.rule, direct?.rule, 'the facade answers like lookupDestinationRule');
  return direct ? `${direct.step}:${direct.rule.namespace}/${direct.rule.members[0].name}` : 'none';
}

const web: LookupClient = { namespace: 'web', labels: { app: 'web' } };

describe('§B3 namespace lookup order', () => {
  test('§B3 client namespace first, then service namespace, then root; exportTo', () => {
    const inClient = destinationRule('web', 'c', HOST, tls('DISABLE'));
    const inService = destinationRule('shop', 's', 'reviews', tls('SIMPLE'));
    const inRoot = destinationRule('istio-system', 'r', HOST, tls('ISTIO_MUTUAL'));
    assert.equal(pick(docs(inClient, inService, inRoot), web), 'client:web/c');
    assert.equal(pick(docs(inService, inRoot), web), 'service:shop/s');
    assert.equal(pick(inRoot, web), 'root:istio-system/r');
    assert.equal(pick(destinationRule('other', 'o', HOST, tls('DISABLE')), web), 'none', 'a fourth namespace is never consulted');
  });
  test('§B3 the service-namespace DR must be exported to the client: exportTo naming another namespace is skipped', () => {
    const yaml = docs(destinationRule('shop', 's', 'reviews', tls('SIMPLE') + exportTo('payments')), destinationRule('istio-system', 'r', HOST, tls('ISTIO_MUTUAL')));
    assert.equal(pick(yaml, web), 'root:istio-system/r');
    assert.equal(pick(yaml, { namespace: 'payments', labels: {} }), 'service:shop/s');
  });
  test("§B3 a service-namespace DR exported to '.' is private to the service namespace", () => {
    const yaml = destinationRule('shop', 's', 'reviews', tls('SIMPLE') + exportTo('.'));
    assert.equal(pick(yaml, web), 'none');
    assert.equal(pick(yaml, { namespace: 'shop', labels: {} }), 'client:shop/s');
  });
  test("§B3 exportTo naming the client namespace, or '*', exports it", () => {
    assert.equal(pick(destinationRule('shop', 's', 'reviews', tls('SIMPLE') + exportTo('web')), web), 'service:shop/s');
    assert.equal(pick(destinationRule('shop', 's', 'reviews', tls('SIMPLE') + exportTo('*')), web), 'service:shop/s');
  });
  test('§B3(a) a wildcard DR in the client namespace beats an exact-host DR in the server namespace', () => {
    const yaml = docs(destinationRule('web', 'wild', '"*.local"', tls('ISTIO_MUTUAL')), destinationRule('shop', 'exact', 'reviews', tls('DISABLE')));
    assert.equal(pick(yaml, web), 'client:web/wild');
  });
  test('§B3 DRs are never merged across namespaces: the client DR without tls still hides the service DR', () => {
    const yaml = docs(destinationRule('web', 'c', HOST, '  trafficPolicy:\n    loadBalancer: {simple: LEAST_REQUEST}\n'), destinationRule('shop', 's', 'reviews', tls('DISABLE')));
    const { sem } = semanticsOf(yaml);
    const choice = sem.lookup(web, HOST, 'shop');
    assert.equal(choice?.rule.members[0].name, 'c');
    assert.equal(choice?.rule.trafficPolicy?.tls, undefined);
  });
  test("§B3(b) a DR in the client namespace with exportTo ['other-ns'] does not apply to its own pods", () => {
    const yaml = docs(destinationRule('web', 'c', HOST, tls('DISABLE') + exportTo('other-ns')), destinationRule('shop', 's', 'reviews', tls('SIMPLE')));
    assert.equal(pick(yaml, web), 'service:shop/s');
  });
  test("§B3 a client-namespace DR exported to '.', to its own namespace, or '*' applies to its own pods", () => {
    for (const e of ['.', 'web', '*']) assert.equal(pick(destinationRule('web', 'c', HOST, tls('DISABLE') + exportTo(e)), web), 'client:web/c', e);
  });
  test("§B3(c) a root DR exported to '.' applies only to proxies in the root", () => {
    const yaml = destinationRule('istio-system', 'r', '"*.local"', tls('ISTIO_MUTUAL') + exportTo('.'));
    assert.equal(pick(yaml, web), 'none');
    assert.equal(pick(yaml, { namespace: 'istio-system', labels: { app: 'istio-ingressgateway' } }), 'client:istio-system/r');
  });
  test('§B3 a client in the root namespace: only the private root DRs come first; a public root DR comes after the service namespace', () => {
    const gw: LookupClient = { namespace: 'istio-system', labels: { app: 'istio-ingressgateway' } };
    const service = destinationRule('shop', 's', 'reviews', tls('SIMPLE'));
    const publicRoot = destinationRule('istio-system', 'pub', '"*.local"', tls('ISTIO_MUTUAL'));
    const privateRoot = destinationRule('istio-system', 'priv', '"*.local"', tls('DISABLE') + exportTo('.'));
    assert.equal(pick(docs(service, publicRoot), gw), 'service:shop/s');
    assert.equal(pick(publicRoot, gw), 'root:istio-system/pub');
    assert.equal(pick(docs(service, privateRoot), gw), 'client:istio-system/priv');
  });
  test('§B3(d) defaultDestinationRuleExportTo "." makes DRs without exportTo private', () => {
    const yaml = docs(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: |\n    defaultDestinationRuleExportTo: ["."]\n',
      destinationRule('shop', 's', 'reviews', tls('SIMPLE')),
    );
    assert.equal(pick(yaml, web), 'none');
    assert.equal(pick(yaml, { namespace: 'shop', labels: {} }), 'client:shop/s');
  });
  test('§B1 a short host in a client-namespace DR resolves in the DR’s namespace, so it does not match the service', () => {
    const yaml = docs(destinationRule('web', 'c', 'reviews', tls('DISABLE')), destinationRule('shop', 's', 'reviews', tls('SIMPLE')));
    assert.equal(pick(yaml, web), 'service:shop/s');
  });
  test('§B2 inside one namespace the most specific host wins', () => {
    const yaml = docs(
      destinationRule('shop', 'any', '"*"', tls('DISABLE')),
      destinationRule('shop', 'ns-wide', '"*.shop.svc.cluster.local"', tls('ISTIO_MUTUAL')),
      destinationRule('shop', 'local', '"*.local"', tls('SIMPLE')),
    );
    assert.equal(pick(yaml, web), 'service:shop/ns-wide');
  });
});

describe('§B4 workloadSelector DestinationRules', () => {
  test('§B4 selector DRs are private and preferred for matching proxies', () => {
    const yaml = docs(destinationRule('web', 'sel', HOST, selector({ app: 'web' }) + tls('SIMPLE')), destinationRule('web', 'all', HOST, tls('DISABLE')));
    assert.equal(pick(yaml, web), 'client:web/sel');
    assert.equal(pick(yaml, { namespace: 'web', labels: { app: 'other' } }), 'client:web/all');
  });
  test('§B4 a selector DR applies only when the proxy labels include the selector', () => {
    const yaml = docs(destinationRule('web', 'sel', HOST, selector({ app: 'web', tier: 'front' }) + tls('SIMPLE')), destinationRule('web', 'all', HOST, tls('DISABLE')));
    assert.equal(pick(yaml, web), 'client:web/all');
    assert.equal(pick(yaml, { namespace: 'web', labels: { app: 'web', tier: 'front', extra: 'x' } }), 'client:web/sel');
  });
  test('§B4 a selector DR is private to its namespace whatever exportTo says', () => {
    const yaml = docs(destinationRule('shop', 'sel', 'reviews', selector({ app: 'web' }) + tls('SIMPLE') + exportTo('*')), destinationRule('istio-system', 'r', HOST, tls('ISTIO_MUTUAL')));
    assert.equal(pick(yaml, web), 'root:istio-system/r');
  });
  test('§B4 a selector DR in the client namespace applies even with exportTo naming another namespace', () => {
    const yaml = destinationRule('web', 'sel', HOST, selector({ app: 'web' }) + tls('SIMPLE') + exportTo('elsewhere'));
    assert.equal(pick(yaml, web), 'client:web/sel');
  });
});
