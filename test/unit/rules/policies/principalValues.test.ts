import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication } from '../../../support/fixtures';
import { authorizationPolicy, lineOf, meshConfigMap, one, only, resourceOf, serviceAccount } from './policyTestKit';

const SPIFFE = 'principal-has-spiffe-prefix';
const MALFORMED = 'principal-malformed';
const UNKNOWN_SA = 'principal-unknown-service-account';
const FOREIGN = 'principal-foreign-trust-domain';
const PRINCIPAL_RULES = [SPIFFE, MALFORMED, UNKNOWN_SA, FOREIGN];

/** A deployment without serviceAccountName: it runs as `default` (rules.md "workload"). */
const cart = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  selector:
    matchLabels:
      app: cart
  template:
    metadata:
      labels:
        app: cart
    spec:
      containers:
      - name: cart
        image: example/cart:1
`;

/**
 * orders is STRICT (identity rules of §D4 stay silent). shop runs `web` (sa web) and `cart` (sa default);
 * reporting has only a ServiceAccount; marketing is only a Namespace object.
 */
const world = docs(
  namespace('orders', { 'istio-injection': 'enabled' }),
  peerAuthentication('orders', 'default', 'STRICT'),
  deployment('orders', 'orders-api'),
  namespace('shop', { 'istio-injection': 'enabled' }),
  deployment('shop', 'web'),
  cart,
  namespace('reporting'),
  serviceAccount('reporting', 'report-generator'),
  namespace('marketing'),
);

/** An ALLOW in orders whose only source lists `values` under `field`, one per line. */
function allowFrom(values: string[], field = 'principals', extra = ''): string {
  return docs(
    world,
    authorizationPolicy('orders', 'orders-from', `  rules:\n  - from:\n    - source:\n        ${field}:\n${values.map((v) => `        - "${v}"`).join('\n')}\n${extra}`),
  );
}

const principalFindings = (text: string, mesh = '') => analyze(mesh ? docs(meshConfigMap(mesh), text) : text).filter((f) => PRINCIPAL_RULES.includes(f.rule));

describe('principal-has-spiffe-prefix', () => {
  test('§D5 a principal written with spiffe:// never matches: error on the value', () => {
    const text = allowFrom(['spiffe://cluster.local/ns/shop/sa/web']);
    const d = one(analyze(text), SPIFFE);
    assert.equal(d.severity, 'error');
    assert.equal(resourceOf(d), 'AuthorizationPolicy/orders/orders-from');
    assert.equal(d.range.start.line, lineOf(text, '- "spiffe://cluster.local/ns/shop/sa/web"'));
  });

  test('rules.md principal-has-spiffe-prefix: such a value gets this rule only (not foreign td, not unknown sa, not malformed)', () => {
    const text = allowFrom(['spiffe://foreign.example/ns/shop/sa/ghost', 'spiffe://oops']);
    const f = principalFindings(text);
    assert.deepEqual(f.map((x) => x.rule), [SPIFFE, SPIFFE]);
  });

  test('§D5 notPrincipals and source.principal conditions are read too', () => {
    const text = allowFrom(['spiffe://cluster.local/ns/shop/sa/web'], 'notPrincipals', '    when:\n    - key: source.principal\n      notValues: ["spiffe://cluster.local/ns/shop/sa/cart"]\n');
    assert.deepEqual(only(analyze(text), SPIFFE).map((x) => x.range.start.line).sort((a, b) => a - b), [lineOf(text, 'sa/web"'), lineOf(text, 'notValues:')]);
  });

  test('§D5 principals without the prefix are silent for this rule', () => {
    assert.deepEqual(keys(analyze(allowFrom(['cluster.local/ns/shop/sa/web', '*'])), SPIFFE), []);
  });
});

describe('principal-malformed', () => {
  test('§D5 missing sa/ segment: warning on the value', () => {
    const text = allowFrom(['cluster.local/ns/shop/web']);
    const d = one(analyze(text), MALFORMED);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'AuthorizationPolicy/orders/orders-from');
    assert.equal(d.range.start.line, lineOf(text, '- "cluster.local/ns/shop/web"'));
  });

  test('§D5 other shapes that are not <td>/ns/<ns>/sa/<sa>: bare "ns/sa", empty service account, a Kubernetes-style name', () => {
    const text = allowFrom(['shop/web', 'cluster.local/ns/shop/sa/', 'system:serviceaccount:shop:web']);
    assert.equal(only(analyze(text), MALFORMED).length, 3);
  });

  test('§D9 `*`, prefix* and *suffix patterns and well-formed principals are silent', () => {
    const text = allowFrom(['*', 'cluster.local/ns/shop/*', '*/sa/web', 'cluster.local/ns/shop/sa/web']);
    assert.deepEqual(keys(analyze(text), MALFORMED), []);
  });
});

describe('principal-unknown-service-account', () => {
  test('rules.md principal-unknown-service-account: namespace shop is modelled (workloads) and no one runs as `wbe`: warning on the value', () => {
    const text = allowFrom(['cluster.local/ns/shop/sa/wbe']);
    const d = one(analyze(text), UNKNOWN_SA);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'AuthorizationPolicy/orders/orders-from');
    assert.equal(d.range.start.line, lineOf(text, 'sa/wbe"'));
  });

  test('rules.md principal-unknown-service-account: a namespace modelled only through ServiceAccount objects is checked', () => {
    const text = allowFrom(['cluster.local/ns/reporting/sa/report-gen']);
    assert.deepEqual(keys(analyze(text), UNKNOWN_SA), [`${UNKNOWN_SA} AuthorizationPolicy/orders/orders-from`]);
  });

  test('rules.md "workload": accounts used by workloads (default when unset) or declared as ServiceAccount objects are known', () => {
    const text = allowFrom(['cluster.local/ns/shop/sa/web', 'cluster.local/ns/shop/sa/default', 'cluster.local/ns/reporting/sa/report-generator']);
    assert.deepEqual(keys(analyze(text), UNKNOWN_SA), []);
  });

  test('rules.md principal-unknown-service-account: a namespace with only a Namespace object, or absent, is not modelled: silent', () => {
    const text = allowFrom(['cluster.local/ns/marketing/sa/default', 'cluster.local/ns/elsewhere/sa/anything']);
    assert.deepEqual(keys(analyze(text), UNKNOWN_SA), []);
  });

  test('rules.md "workload": StatefulSet serviceAccountName and WorkloadEntry serviceAccount count as used accounts', () => {
    const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n  namespace: data\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      serviceAccountName: db-sa\n      containers: [{name: db, image: example/db:1}]\n';
    const we = 'apiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata:\n  name: vm1\n  namespace: vm\nspec:\n  address: 10.0.0.1\n  serviceAccount: legacy-vm\n  labels:\n    app: vm\n';
    const ok = docs(sts, we, allowFrom(['cluster.local/ns/data/sa/db-sa', 'cluster.local/ns/vm/sa/legacy-vm']));
    assert.deepEqual(keys(analyze(ok), UNKNOWN_SA), []);
    const wrong = docs(sts, we, allowFrom(['cluster.local/ns/data/sa/db', 'cluster.local/ns/vm/sa/vm1']));
    assert.equal(only(analyze(wrong), UNKNOWN_SA).length, 2);
  });

  test('§D9 a wildcard principal names no single account: silent', () => {
    assert.deepEqual(keys(analyze(allowFrom(['cluster.local/ns/shop/sa/wb*'])), UNKNOWN_SA), []);
  });

  test('rules.md "identity fields": notPrincipals and source.principal values are principal values too', () => {
    const text = allowFrom(['cluster.local/ns/shop/sa/ghost-a'], 'notPrincipals', '    when:\n    - key: source.principal\n      values: ["cluster.local/ns/shop/sa/ghost-b"]\n');
    assert.equal(only(analyze(text), UNKNOWN_SA).length, 2);
  });
});

describe('principal-foreign-trust-domain', () => {
  test('§D6 §D7 with no mesh config, a trust domain other than cluster.local is foreign: warning on the value', () => {
    const text = allowFrom(['example.org/ns/shop/sa/web']);
    const d = one(analyze(text), FOREIGN);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'AuthorizationPolicy/orders/orders-from');
    assert.equal(d.range.start.line, lineOf(text, 'example.org/ns/shop/sa/web'));
  });

  test('§D6 §F4 mesh trustDomain and trustDomainAliases from ConfigMap istio are accepted; cluster.local always is', () => {
    const text = allowFrom(['acme.internal/ns/shop/sa/web', 'legacy.acme.internal/ns/shop/sa/web', 'cluster.local/ns/shop/sa/web']);
    const f = principalFindings(text, 'trustDomain: acme.internal\ntrustDomainAliases:\n- legacy.acme.internal\n');
    assert.deepEqual(f.map((x) => x.rule), []);
  });

  test('§D6 §D7 with a custom mesh trust domain, a sibling domain is still foreign', () => {
    const text = allowFrom(['staging.acme.internal/ns/shop/sa/web', 'acme.internal/ns/shop/sa/web']);
    const f = principalFindings(text, 'trustDomain: acme.internal\ntrustDomainAliases:\n- legacy.acme.internal\n');
    assert.deepEqual(f.map((x) => x.rule), [FOREIGN]);
    // The ConfigMap comes first in the analysed text: locate the value by its own line.
    assert.equal(f[0].range.start.line, lineOf(docs(meshConfigMap('trustDomain: acme.internal\ntrustDomainAliases:\n- legacy.acme.internal\n'), text), 'staging.acme.internal'));
  });

  test('rules.md "root namespace" (same source gives trustDomain): a revisioned ConfigMap istio-<rev> or an IstioOperator meshConfig', () => {
    const principals = ['acme.internal/ns/shop/sa/web', 'old.acme/ns/shop/sa/web', 'other.example/ns/shop/sa/web'];
    const rev = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio-1-24\n  namespace: istio-system\ndata:\n  mesh: |\n    trustDomain: acme.internal\n    trustDomainAliases: [old.acme]\n';
    const iop = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata:\n  name: control-plane\n  namespace: istio-system\nspec:\n  meshConfig:\n    trustDomain: acme.internal\n    trustDomainAliases: [old.acme]\n';
    for (const source of [rev, iop]) {
      const text = docs(source, allowFrom(principals));
      const f = only(analyze(text), FOREIGN);
      assert.deepEqual(f.map((x) => x.range.start.line), [lineOf(text, 'other.example')]);
    }
  });

  test('§D6 without the mesh config the same acme.internal principal is foreign', () => {
    const f = principalFindings(allowFrom(['acme.internal/ns/shop/sa/web']));
    assert.deepEqual(f.map((x) => x.rule), [FOREIGN]);
  });

  test('§D6 `*` has no trust domain: silent', () => {
    assert.deepEqual(keys(analyze(allowFrom(['*'])), FOREIGN), []);
  });
});
