import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication } from '../../../support/fixtures';
import { authorizationPolicy, lineOf, meshConfigMap, one, only, resourceOf } from './policyTestKit';

const DENY_BYPASSED = 'deny-bypassed-by-plaintext';
const NEGATION = 'allow-negation-admits-plaintext';
const DENIES = 'allow-denies-plaintext';

interface OrdersOptions {
  /** Namespace-level mode of `orders` (none: PERMISSIVE by default, §A5). */
  nsMode?: string;
  /** Workload-level port modes of orders-api (keys are container ports, §A7). */
  portLevel?: Record<string, string>;
  /** Workload-level mode of orders-api. */
  workloadMode?: string;
  /** Labels of the orders namespace. */
  nsLabels?: Record<string, string>;
}

/** `orders`: one workload orders-api with container ports 8080 and 9090; `policy` is appended. */
function orders(policy: string, o: OrdersOptions = {}): string {
  const parts = [
    namespace('orders', o.nsLabels ?? { 'istio-injection': 'enabled' }),
    deployment('orders', 'orders-api', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] }),
  ];
  if (o.nsMode) parts.push(peerAuthentication('orders', 'default', o.nsMode));
  if (o.portLevel || o.workloadMode) parts.push(peerAuthentication('orders', 'orders-api', o.workloadMode, { selector: { app: 'orders-api' }, ...(o.portLevel ? { portLevel: o.portLevel } : {}) }));
  parts.push(policy);
  return docs(...parts);
}

const selectApi = '  selector:\n    matchLabels:\n      app: orders-api\n';

function ap(name: string, action: string | undefined, rules: string, ns = 'orders', selector = selectApi): string {
  return authorizationPolicy(ns, name, `${selector}${action ? `  action: ${action}\n` : ''}  rules:\n${rules.replace(/^\n/, '')}`);
}

const fromNamespaces = (field: string, values: string) => `  - from:\n    - source:\n        ${field}: ${values}\n`;

describe('deny-bypassed-by-plaintext', () => {
  test('§D3 §D4 a DENY on source.namespaces for a PERMISSIVE workload: error on the namespaces key', () => {
    const text = orders(ap('deny-sandbox', 'DENY', fromNamespaces('namespaces', '["sandbox"]')));
    const d = one(analyze(text), DENY_BYPASSED);
    assert.equal(d.severity, 'error');
    assert.equal(resourceOf(d), 'AuthorizationPolicy/orders/deny-sandbox');
    assert.equal(d.range.start.line, lineOf(text, 'namespaces: ["sandbox"]'));
  });

  test('§D4 the same DENY on a STRICT workload is enforced: silent', () => {
    assert.deepEqual(keys(analyze(orders(ap('deny-sandbox', 'DENY', fromNamespaces('namespaces', '["sandbox"]')), { nsMode: 'STRICT' })), DENY_BYPASSED), []);
  });

  test('§D3 §D4 principals, serviceAccounts and trustDomains are identity fields as well; DISABLE is not STRICT either', () => {
    const text = orders(ap('deny-ids', 'DENY', `${fromNamespaces('principals', '["cluster.local/ns/sandbox/sa/default"]')}${fromNamespaces('serviceAccounts', '["default"]')}${fromNamespaces('trustDomains', '["old.example"]')}`), { nsMode: 'DISABLE' });
    const f = only(analyze(text), DENY_BYPASSED);
    assert.deepEqual(f.map((x) => x.range.start.line).sort((a, b) => a - b), [lineOf(text, 'principals:'), lineOf(text, 'serviceAccounts:'), lineOf(text, 'trustDomains:')]);
  });

  test('§D3 a positive `when` condition on source.namespace is an identity match too', () => {
    const text = orders(ap('deny-when', 'DENY', '  - when:\n    - key: source.namespace\n      values: ["sandbox"]\n'));
    const d = one(analyze(text), DENY_BYPASSED);
    assert.equal(resourceOf(d), 'AuthorizationPolicy/orders/deny-when');
    assert.equal(d.range.start.line, lineOf(text, 'values: ["sandbox"]'));
  });

  test('§D4 a DENY on notNamespaces denies plaintext (no bypass); a DENY on ipBlocks needs no identity: silent', () => {
    const text = orders(ap('deny-others', 'DENY', `${fromNamespaces('notNamespaces', '["orders"]')}${fromNamespaces('ipBlocks', '["10.0.0.0/8"]')}`));
    assert.deepEqual(keys(analyze(text), DENY_BYPASSED), []);
  });

  test('§A7 §D9 ports covered by to.operation.ports: a STRICT 8080 is safe, a port-level PERMISSIVE 9090 is bypassed', () => {
    const rule = (port: string) => `  - from:\n    - source:\n        namespaces: ["sandbox"]\n    to:\n    - operation:\n        ports: ["${port}"]\n`;
    const opts = { nsMode: 'STRICT', portLevel: { '9090': 'PERMISSIVE' } };
    assert.deepEqual(keys(analyze(orders(ap('deny-8080', 'DENY', rule('8080')), opts)), DENY_BYPASSED), []);
    assert.deepEqual(keys(analyze(orders(ap('deny-9090', 'DENY', rule('9090')), opts)), DENY_BYPASSED), [`${DENY_BYPASSED} AuthorizationPolicy/orders/deny-9090`]);
    // Without `to`, the rule covers every port, 9090 included.
    assert.deepEqual(keys(analyze(orders(ap('deny-all', 'DENY', fromNamespaces('namespaces', '["sandbox"]')), opts)), DENY_BYPASSED), [`${DENY_BYPASSED} AuthorizationPolicy/orders/deny-all`]);
  });

  test('§D9 notPorts excludes a port: the port-level PERMISSIVE 9090 left out of the rule is not bypassed', () => {
    const rule = '  - from:\n    - source:\n        namespaces: ["sandbox"]\n    to:\n    - operation:\n        notPorts: ["9090"]\n';
    assert.deepEqual(keys(analyze(orders(ap('deny-not-9090', 'DENY', rule), { nsMode: 'STRICT', portLevel: { '9090': 'PERMISSIVE' } })), DENY_BYPASSED), []);
  });

  test('rules.md deny-bypassed-by-plaintext, §C1: only injected workloads count (istio-injection=disabled): silent', () => {
    const text = orders(ap('deny-sandbox', 'DENY', fromNamespaces('namespaces', '["sandbox"]')), { nsLabels: { 'istio-injection': 'disabled' } });
    assert.deepEqual(keys(analyze(text), DENY_BYPASSED), []);
  });

  test('rules.md deny-bypassed-by-plaintext: a non-injected workload beside a STRICT injected one does not count', () => {
    const text = docs(
      namespace('orders', { 'istio-injection': 'enabled' }),
      peerAuthentication('orders', 'default', 'STRICT'),
      deployment('orders', 'orders-api', { labels: { app: 'orders-api', tier: 'api' } }),
      deployment('orders', 'orders-batch', { labels: { app: 'orders-batch', tier: 'api', 'sidecar.istio.io/inject': 'false' } }),
      ap('deny-sandbox', 'DENY', fromNamespaces('namespaces', '["sandbox"]'), 'orders', '  selector:\n    matchLabels:\n      tier: api\n'),
    );
    assert.deepEqual(keys(analyze(text), DENY_BYPASSED), []);
  });

  test('rules.md "injected": workloads of a namespace absent from the workspace are not evidence: silent', () => {
    const text = docs(deployment('ghost', 'api'), ap('deny-sandbox', 'DENY', fromNamespaces('namespaces', '["sandbox"]'), 'ghost', ''));
    assert.deepEqual(keys(analyze(text), DENY_BYPASSED), []);
  });

  test('§D2 a selector-less DENY in the root namespace applies to every namespace: fires on the root policy', () => {
    const text = orders(ap('mesh-deny-sandbox', 'DENY', fromNamespaces('namespaces', '["sandbox"]'), 'istio-system', ''));
    const d = one(analyze(text), DENY_BYPASSED);
    assert.equal(resourceOf(d), 'AuthorizationPolicy/istio-system/mesh-deny-sandbox');
  });

  test('§D2 rules.md "root namespace": a custom rootNamespace from ConfigMap istio makes its selector-less DENY mesh-wide', () => {
    const text = docs(
      meshConfigMap('rootNamespace: mesh-root\n'),
      orders(ap('mesh-deny-sandbox', 'DENY', fromNamespaces('namespaces', '["sandbox"]'), 'mesh-root', '')),
    );
    assert.deepEqual(keys(analyze(text), DENY_BYPASSED), [`${DENY_BYPASSED} AuthorizationPolicy/mesh-root/mesh-deny-sandbox`]);
    // Without the mesh config, mesh-root is an ordinary namespace with no workloads: the DENY applies to nothing.
    assert.deepEqual(keys(analyze(orders(ap('mesh-deny-sandbox', 'DENY', fromNamespaces('namespaces', '["sandbox"]'), 'mesh-root', ''))), DENY_BYPASSED), []);
  });

  test('§D2 a policy with targetRefs does not apply to sidecars: silent', () => {
    const targetRefs = '  targetRefs:\n  - kind: Gateway\n    group: gateway.networking.k8s.io\n    name: waypoint\n';
    assert.deepEqual(keys(analyze(orders(ap('waypoint-deny', 'DENY', fromNamespaces('namespaces', '["sandbox"]'), 'orders', targetRefs))), DENY_BYPASSED), []);
  });
});

describe('allow-negation-admits-plaintext', () => {
  test('§D4 an ALLOW with only notNamespaces on a PERMISSIVE workload: error on notNamespaces', () => {
    const text = orders(ap('not-sandbox', 'ALLOW', fromNamespaces('notNamespaces', '["sandbox"]')));
    const d = one(analyze(text), NEGATION);
    assert.equal(d.severity, 'error');
    assert.equal(resourceOf(d), 'AuthorizationPolicy/orders/not-sandbox');
    assert.equal(d.range.start.line, lineOf(text, 'notNamespaces:'));
  });

  test('§D1 sources are alternatives: a negative-only source admits plaintext even beside a positive source', () => {
    const text = orders(ap('mixed', 'ALLOW', '  - from:\n    - source:\n        principals: ["cluster.local/ns/shop/sa/web"]\n    - source:\n        notNamespaces: ["sandbox"]\n'));
    const d = one(analyze(text), NEGATION);
    assert.equal(d.range.start.line, lineOf(text, 'notNamespaces:'));
  });

  test('§D1 action defaults to ALLOW; notPrincipals is a negative identity field too', () => {
    const text = orders(ap('not-batch', undefined, fromNamespaces('notPrincipals', '["cluster.local/ns/batch/sa/default"]')));
    const d = one(analyze(text), NEGATION);
    assert.equal(d.range.start.line, lineOf(text, 'notPrincipals:'));
  });

  test('§D2 a selector-less ALLOW in the root namespace applies to every namespace: fires on the root policy', () => {
    const text = orders(ap('mesh-not-sandbox', 'ALLOW', fromNamespaces('notNamespaces', '["sandbox"]'), 'istio-system', ''));
    assert.deepEqual(keys(analyze(text), NEGATION), [`${NEGATION} AuthorizationPolicy/istio-system/mesh-not-sandbox`]);
  });

  test('§D4 the same ALLOW on a STRICT workload works as written: silent', () => {
    assert.deepEqual(keys(analyze(orders(ap('not-sandbox', 'ALLOW', fromNamespaces('notNamespaces', '["sandbox"]')), { nsMode: 'STRICT' })), NEGATION), []);
  });

  test('§D4 the recommended fix `namespaces: ["*"]` beside notNamespaces requires an identity: silent', () => {
    const text = orders(ap('not-sandbox', 'ALLOW', '  - from:\n    - source:\n        namespaces: ["*"]\n        notNamespaces: ["sandbox"]\n'));
    assert.deepEqual(keys(analyze(text), NEGATION), []);
  });

  test('rules.md allow-negation-admits-plaintext: a positive identity condition in the rule requires an identity: silent', () => {
    const text = orders(ap('not-sandbox', 'ALLOW', '  - from:\n    - source:\n        notNamespaces: ["sandbox"]\n    when:\n    - key: source.namespace\n      values: ["shop"]\n'));
    assert.deepEqual(keys(analyze(text), NEGATION), []);
  });

  test('§D4 a DENY with notNamespaces is a different case (plaintext is denied): silent', () => {
    assert.deepEqual(keys(analyze(orders(ap('deny-not-orders', 'DENY', fromNamespaces('notNamespaces', '["orders"]')))), NEGATION), []);
  });

  test('§C1 not injected: silent', () => {
    const text = orders(ap('not-sandbox', 'ALLOW', fromNamespaces('notNamespaces', '["sandbox"]')), { nsLabels: {} });
    assert.deepEqual(keys(analyze(text), NEGATION), []);
  });
});

describe('allow-denies-plaintext', () => {
  const principals = fromNamespaces('principals', '["cluster.local/ns/shop/sa/invoicer"]');

  test('§D4 an ALLOW on principals for a PERMISSIVE workload: warning on the principals key', () => {
    const text = orders(ap('allow-invoicer', 'ALLOW', principals));
    const d = one(analyze(text), DENIES);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'AuthorizationPolicy/orders/allow-invoicer');
    assert.equal(d.range.start.line, lineOf(text, 'principals:'));
  });

  test('§D4 the same ALLOW on a STRICT workload: silent', () => {
    assert.deepEqual(keys(analyze(orders(ap('allow-invoicer', 'ALLOW', principals), { nsMode: 'STRICT' })), DENIES), []);
  });

  test('§A9 §D4 a DISABLE workload only takes plaintext: fires', () => {
    assert.deepEqual(keys(analyze(orders(ap('allow-invoicer', 'ALLOW', principals), { workloadMode: 'DISABLE' })), DENIES), [`${DENIES} AuthorizationPolicy/orders/allow-invoicer`]);
  });

  test('§D1 §D4 a second source with only ipBlocks admits plaintext from that network: silent', () => {
    const text = orders(ap('allow-partners', 'ALLOW', `  - from:\n    - source:\n        principals: ["cluster.local/ns/partners/sa/gateway"]\n    - source:\n        ipBlocks: ["203.0.113.0/24"]\n`));
    assert.deepEqual(keys(analyze(text), DENIES), []);
  });

  test('§D3 a positive when condition on source.principal, without from: fires on the condition values', () => {
    const text = orders(ap('allow-when', 'ALLOW', '  - when:\n    - key: source.principal\n      values: ["cluster.local/ns/shop/sa/invoicer"]\n'));
    const d = one(analyze(text), DENIES);
    assert.equal(d.range.start.line, lineOf(text, 'values: ["cluster.local'));
  });

  test('§A7 §D9 to.operation.ports: STRICT 8080 covered only is silent; the port-level PERMISSIVE 9090 fires', () => {
    const rule = (port: string) => `  - from:\n    - source:\n        namespaces: ["shop"]\n    to:\n    - operation:\n        ports: ["${port}"]\n`;
    const opts = { nsMode: 'STRICT', portLevel: { '9090': 'PERMISSIVE' } };
    assert.deepEqual(keys(analyze(orders(ap('allow-8080', 'ALLOW', rule('8080')), opts)), DENIES), []);
    assert.deepEqual(keys(analyze(orders(ap('allow-9090', 'ALLOW', rule('9090')), opts)), DENIES), [`${DENIES} AuthorizationPolicy/orders/allow-9090`]);
  });

  test('§D2 a root-namespace ALLOW with a selector applies to matching workloads in every namespace', () => {
    const text = orders(ap('allow-invoicer-everywhere', 'ALLOW', principals, 'istio-system'));
    const d = one(analyze(text), DENIES);
    assert.equal(resourceOf(d), 'AuthorizationPolicy/istio-system/allow-invoicer-everywhere');
  });

  test('§A2 §D2 contrast: a root-namespace selector does apply for AuthorizationPolicy, yet a STRICT target keeps it silent', () => {
    assert.deepEqual(keys(analyze(orders(ap('allow-invoicer-everywhere', 'ALLOW', principals, 'istio-system'), { nsMode: 'STRICT' })), DENIES), []);
  });

  test('§D2 targetRefs: not applied to sidecars, silent', () => {
    const targetRefs = '  targetRef:\n    kind: Gateway\n    group: gateway.networking.k8s.io\n    name: waypoint\n';
    assert.deepEqual(keys(analyze(orders(ap('waypoint-allow', 'ALLOW', principals, 'orders', targetRefs))), DENIES), []);
  });

  test('§C1 rules.md allow-denies-plaintext: only injected workloads count (hostNetwork pod): silent', () => {
    const text = docs(
      namespace('orders', { 'istio-injection': 'enabled' }),
      deployment('orders', 'orders-api', { hostNetwork: true }),
      ap('allow-invoicer', 'ALLOW', principals),
    );
    assert.deepEqual(keys(analyze(text), DENIES), []);
  });

  test('§D4 a DENY on principals is deny-bypassed, never allow-denies', () => {
    const f = analyze(orders(ap('deny-invoicer', 'DENY', principals)));
    assert.deepEqual(keys(f, DENIES), []);
    assert.deepEqual(keys(f, DENY_BYPASSED), [`${DENY_BYPASSED} AuthorizationPolicy/orders/deny-invoicer`]);
  });
});
