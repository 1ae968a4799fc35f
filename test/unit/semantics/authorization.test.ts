import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf, docs } from '../../support/workspace';
import { deployment } from '../../support/fixtures';
import {
  coveredPorts,
  negativeSourceFields,
  positiveIdentityConditions,
  positiveSourceFields,
  workloadsOfPolicy,
} from '../../../server/src/semantics/authorization';

const ap = (ns: string, name: string, spec: string) => `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${spec}`;

const workloads = docs(
  deployment('shop', 'web', { labels: { app: 'web' } }),
  deployment('shop', 'api', { labels: { app: 'api' } }),
  deployment('pay', 'web', { labels: { app: 'web' } }),
  deployment('istio-system', 'gw', { labels: { app: 'web' } }),
);

function appliesTo(policy: string): string[] {
  const { model, sem } = semanticsOf(docs(workloads, policy));
  return workloadsOfPolicy(model, model.authorizationPolicies[0], sem.rootNamespace).map((w) => `${w.namespace}/${w.name}`).sort();
}

describe('§D2 which AuthorizationPolicies apply', () => {
  test('§D2 root AuthorizationPolicy applies to all namespaces', () => {
    assert.deepEqual(appliesTo(ap('istio-system', 'p', '  selector: {matchLabels: {app: web}}\n  rules: [{}]\n')), ['istio-system/gw', 'pay/web', 'shop/web']);
  });
  test('§D2 a selector-less root policy applies to every workload', () => {
    assert.deepEqual(appliesTo(ap('istio-system', 'p', '  rules: [{}]\n')), ['istio-system/gw', 'pay/web', 'shop/api', 'shop/web']);
  });
  test('§D2 a policy elsewhere applies only to its own namespace, filtered by selector', () => {
    assert.deepEqual(appliesTo(ap('shop', 'p', '  selector: {matchLabels: {app: web}}\n')), ['shop/web']);
    assert.deepEqual(appliesTo(ap('shop', 'p', '  {}\n')), ['shop/api', 'shop/web']);
  });
  test('§D2 a policy with targetRef(s) is ignored for sidecar workloads', () => {
    assert.deepEqual(appliesTo(ap('shop', 'p', '  targetRef: {kind: Gateway, group: gateway.networking.k8s.io, name: gw}\n')), []);
    assert.deepEqual(appliesTo(ap('shop', 'p', '  targetRefs:\n  - {kind: Service, group: "", name: web}\n')), []);
  });
  test('§A2 §D2 contrast: a root PeerAuthentication with a selector is ignored while the AuthorizationPolicy applies', () => {
    const { model, sem } = semanticsOf(
      docs(
        workloads,
        ap('istio-system', 'p', '  selector: {matchLabels: {app: web}}\n'),
        'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: pa, namespace: istio-system}\nspec:\n  selector: {matchLabels: {app: web}}\n  mtls: {mode: STRICT}\n',
      ),
    );
    const shopWeb = model.workloads.find((w) => w.namespace === 'shop' && w.name === 'web')!;
    assert.ok(workloadsOfPolicy(model, model.authorizationPolicies[0], sem.rootNamespace).includes(shopWeb));
    assert.equal(sem.serverMode(shopWeb, 8080).mode, 'PERMISSIVE');
  });
});

describe('§D3 identity fields', () => {
  const rule0 = (spec: string) => semanticsOf(ap('shop', 'p', spec)).model.authorizationPolicies[0].rules[0];
  test('§D3 positive and negative source identity fields, with their paths', () => {
    const r = rule0('  rules:\n  - from:\n    - source:\n        principals: [cluster.local/ns/a/sa/b]\n        notNamespaces: [x]\n        ipBlocks: [10.0.0.0/8]\n        requestPrincipals: ["*"]\n');
    const pos = positiveSourceFields(r.from[0]);
    assert.deepEqual(pos.map((f) => `${f.field}=${f.values.join(',')}@${f.path.join('.')}`), ['principals=cluster.local/ns/a/sa/b@spec.rules.0.from.0.source.principals']);
    assert.deepEqual(negativeSourceFields(r.from[0]).map((f) => f.field), ['notNamespaces']);
  });
  test('§D3 every mTLS-only field is recognised', () => {
    const r = rule0(
      '  rules:\n  - from:\n    - source:\n        principals: [a]\n        namespaces: [b]\n        serviceAccounts: [c]\n        trustDomains: [d]\n        notPrincipals: [e]\n        notNamespaces: [f]\n        notServiceAccounts: [g]\n        notTrustDomains: [h]\n',
    );
    assert.deepEqual(positiveSourceFields(r.from[0]).map((f) => f.field), ['principals', 'namespaces', 'serviceAccounts', 'trustDomains']);
    assert.deepEqual(negativeSourceFields(r.from[0]).map((f) => f.field), ['notPrincipals', 'notNamespaces', 'notServiceAccounts', 'notTrustDomains']);
  });
  test('§D3 empty lists do not count', () => {
    const r = rule0('  rules:\n  - from:\n    - source:\n        principals: []\n        namespaces: [x]\n');
    assert.deepEqual(positiveSourceFields(r.from[0]).map((f) => f.field), ['namespaces']);
  });
  test('§D3 source.principal and source.namespace conditions read the identity; others do not', () => {
    const r = rule0(
      '  rules:\n  - when:\n    - key: source.principal\n      values: [cluster.local/ns/a/sa/b]\n    - key: source.namespace\n      notValues: [x]\n    - key: request.headers[x]\n      values: [y]\n    - key: source.namespace\n      values: [shop]\n',
    );
    assert.deepEqual(positiveIdentityConditions(r).map((c) => `${c.field}@${c.path.join('.')}`), ['when source.principal@spec.rules.0.when.0.values', 'when source.namespace@spec.rules.0.when.3.values']);
  });
});

describe('§D9 ports a rule covers', () => {
  const rule0 = (spec: string) => semanticsOf(ap('shop', 'p', spec)).model.authorizationPolicies[0].rules[0];
  test('§D9 no `to`: every port', () => {
    assert.deepEqual(coveredPorts(rule0('  rules:\n  - {}\n')), { except: [] });
  });
  test('§D9 ports are exact workload ports; notPorts excluded', () => {
    assert.deepEqual(coveredPorts(rule0('  rules:\n  - to:\n    - operation: {ports: ["8080", "9090"]}\n')), { only: [8080, 9090], except: [] });
    assert.deepEqual(coveredPorts(rule0('  rules:\n  - to:\n    - operation: {notPorts: ["15000"]}\n')), { except: [15000] });
  });
  test('§D9 an operation without ports (methods only) covers every port', () => {
    assert.deepEqual(coveredPorts(rule0('  rules:\n  - to:\n    - operation: {ports: ["8080"]}\n    - operation: {methods: [GET]}\n')), { except: [] });
  });
  test('§D9 non-numeric port values are ignored', () => {
    assert.deepEqual(coveredPorts(rule0('  rules:\n  - to:\n    - operation: {ports: ["http", "8080"]}\n')), { only: [8080], except: [] });
  });
  test('§D1 `to` operations are ORed: a port listed by one operation stays covered though another excludes it', () => {
    // to[0] covers 8080; to[1] covers everything but 8080: together they cover every port, 8080 included.
    const c = coveredPorts(rule0('  rules:\n  - to:\n    - operation: {ports: ["8080"]}\n    - operation: {notPorts: ["8080"]}\n'));
    const covers = (p: number) => (c.only === undefined || c.only.includes(p)) && !c.except.includes(p);
    assert.equal(covers(8080), true);
    assert.equal(covers(9090), true);
  });
});
