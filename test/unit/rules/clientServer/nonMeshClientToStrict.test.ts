import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { assertOn, findingsOf, lineOf, single } from './helpers';

const RULE = 'non-mesh-client-to-strict';

/** `shop` injected and STRICT; `orders` serves http 8080->8080 and metrics 9090->9090. */
const shop = (mode = 'STRICT') => [
  namespace('shop', { 'istio-injection': 'enabled' }),
  peerAuthentication('shop', 'default', mode),
  deployment('shop', 'orders', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] }),
  service('shop', 'orders', [
    { name: 'http', port: 8080, targetPort: 8080 },
    { name: 'http-metrics', port: 9090, targetPort: 9090 },
  ]),
];

/** `reports` has a Namespace object without injection labels: its workloads have no sidecar (§C1). */
const reports = () => namespace('reports');

/** A Job in `ns` whose container has the given env value, args and command. */
const job = (ns: string, name: string, o: { env?: string; args?: string[]; command?: string[]; labels?: Record<string, string> } = {}) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  template:
    metadata:
      labels:
${Object.entries(o.labels ?? { app: name }).map(([k, v]) => `        ${k}: "${v}"`).join('\n')}
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: example/${name}:1
${o.command ? `        command:\n${o.command.map((c) => `        - "${c}"`).join('\n')}\n` : ''}${o.args ? `        args:\n${o.args.map((c) => `        - "${c}"`).join('\n')}\n` : ''}${o.env !== undefined ? `        env:\n        - name: TARGET\n          value: "${o.env}"\n` : ''}`;

describe('non-mesh-client-to-strict', () => {
  describe('fires', () => {
    test('§C2 an env value naming name.ns.svc.cluster.local:port: warning on the workload, range on the env value line', () => {
      const text = docs(...shop(), reports(), deployment('reports', 'sales', { env: { ORDERS_API: 'orders.shop.svc.cluster.local:8080' } }));
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'warning');
      assertOn(f, 'Deployment', 'reports', 'sales');
      assert.equal(f.range.start.line, lineOf(text, 'value: "orders.shop.svc.cluster.local:8080"'));
    });

    for (const host of ['orders.shop', 'orders.shop.svc', 'orders.shop.svc.cluster.local', 'http://orders.shop:8080/api/v1', 'https://orders.shop.svc:8080', 'orders.shop.svc.cluster.local:8080']) {
      test(`§C2 env host form \`${host}\` from a non-injected namespace fires`, () => {
        const text = docs(...shop(), reports(), job('reports', 'export', { env: host }));
        assertOn(single(findingsOf(text, RULE)), 'Job', 'reports', 'export');
      });
    }

    test('§C2 the short form `orders` from a non-injected pod in the same namespace fires', () => {
      const text = docs(...shop(), job('shop', 'export', { env: 'orders', labels: { app: 'export', 'sidecar.istio.io/inject': 'false' } }));
      assertOn(single(findingsOf(text, RULE)), 'Job', 'shop', 'export');
    });

    test('§C2 a reference in args fires, with the range on that arg', () => {
      const text = docs(...shop(), reports(), job('reports', 'export', { args: ['--target', 'http://orders.shop.svc.cluster.local:8080/export'] }));
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'Job', 'reports', 'export');
      assert.equal(f.range.start.line, lineOf(text, '"http://orders.shop.svc.cluster.local:8080/export"'));
    });

    test('§C2 a reference in command fires, with the range on that command string', () => {
      const text = docs(...shop(), reports(), job('reports', 'probe', { command: ['curl', '-sf', 'orders.shop:8080/healthz'] }));
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'Job', 'reports', 'probe');
      assert.equal(f.range.start.line, lineOf(text, '"orders.shop:8080/healthz"'));
    });

    test('§C1 §C2 hostNetwork: true in an injected namespace has no sidecar', () => {
      const text = docs(
        ...shop(),
        namespace('ops', { 'istio-injection': 'enabled' }),
        deployment('ops', 'agent', { hostNetwork: true, env: { ORDERS: 'orders.shop:8080' } }),
      );
      assertOn(single(findingsOf(text, RULE)), 'Deployment', 'ops', 'agent');
    });

    test('§C2 no port given and every port STRICT fires', () => {
      const text = docs(...shop(), reports(), job('reports', 'export', { env: 'orders.shop.svc.cluster.local' }));
      assertOn(single(findingsOf(text, RULE)), 'Job', 'reports', 'export');
    });

    test('§A5 §A7 the referenced Service port 8080 is STRICT while 9090 is PERMISSIVE at port level: fires', () => {
      const text = docs(
        ...shop(),
        peerAuthentication('shop', 'orders-metrics', undefined, { selector: { app: 'orders' }, portLevel: { '9090': 'PERMISSIVE' } }),
        reports(),
        job('reports', 'export', { env: 'orders.shop:8080' }),
      );
      assertOn(single(findingsOf(text, RULE)), 'Job', 'reports', 'export');
    });

    test('§C1 §C2 kube-system is never injected, even with the namespace label', () => {
      const text = docs(...shop(), namespace('kube-system', { 'istio-injection': 'enabled' }), job('kube-system', 'backup', { env: 'orders.shop:8080' }));
      assertOn(single(findingsOf(text, RULE)), 'Job', 'kube-system', 'backup');
    });

    test('§C2 a bare Pod is a workload: its env reference fires', () => {
      const pod = `apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: reports
spec:
  containers:
  - name: shell
    image: example/shell:1
    env:
    - name: TARGET
      value: "http://orders.shop:8080"
`;
      const text = docs(...shop(), reports(), pod);
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'Pod', 'reports', 'debug');
      assert.equal(f.range.start.line, lineOf(text, 'value: "http://orders.shop:8080"'));
    });

    test('§A7 §C2 the Service port 80 maps to STRICT targetPort 8080: fires', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'orders'),
        service('shop', 'orders', [{ name: 'http', port: 80, targetPort: 8080 }]),
        reports(),
        job('reports', 'export', { env: 'http://orders.shop:80/' }),
      );
      assertOn(single(findingsOf(text, RULE)), 'Job', 'reports', 'export');
    });

    test('§C2 each reference is its own finding: an env value and an arg in one workload give two', () => {
      const text = docs(...shop(), reports(), job('reports', 'export', { env: 'orders.shop:8080', args: ['--upstream', 'orders.shop.svc:8080'] }));
      const f = findingsOf(text, RULE);
      assert.deepEqual(f.map((x) => x.range.start.line).sort((a, b) => a - b), [lineOf(text, '"orders.shop.svc:8080"'), lineOf(text, 'value: "orders.shop:8080"')].sort((a, b) => a - b));
      for (const x of f) assertOn(x, 'Job', 'reports', 'export');
    });

    test('§C2 a host inside a shell command string (`sh -c "curl …"`) is a reference in command', () => {
      const text = docs(...shop(), reports(), job('reports', 'probe', { command: ['sh', '-c', 'curl -sf http://orders.shop.svc.cluster.local:8080/healthz && echo ok'] }));
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'Job', 'reports', 'probe');
      assert.equal(f.range.start.line, lineOf(text, 'curl -sf http://orders.shop.svc.cluster.local:8080/healthz'));
    });
  });

  describe('does not fire', () => {
    test('§A7 §C matrix the referenced port 9090 is PERMISSIVE (port-level on its targetPort): plaintext accepted', () => {
      const text = docs(
        ...shop(),
        peerAuthentication('shop', 'orders-metrics', undefined, { selector: { app: 'orders' }, portLevel: { '9090': 'PERMISSIVE' } }),
        reports(),
        job('reports', 'scrape', { env: 'http://orders.shop.svc.cluster.local:9090/metrics' }),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C2 no port given and not every port STRICT does not fire', () => {
      const text = docs(
        ...shop(),
        peerAuthentication('shop', 'orders-metrics', undefined, { selector: { app: 'orders' }, portLevel: { '9090': 'PERMISSIVE' } }),
        reports(),
        job('reports', 'export', { env: 'orders.shop' }),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 §C matrix an injected client sends mTLS (auto mTLS), not plaintext', () => {
      const text = docs(...shop(), namespace('reports', { 'istio-injection': 'enabled' }), job('reports', 'export', { env: 'orders.shop:8080' }));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 a client pod with the opt-in label in a namespace without injection labels is injected', () => {
      const text = docs(...shop(), reports(), job('reports', 'export', { env: 'orders.shop:8080', labels: { app: 'export', 'sidecar.istio.io/inject': 'true' } }));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 (rules.md "injected") a client in a namespace with no Namespace object: unknown, not reported', () => {
      const text = docs(...shop(), job('reports', 'export', { env: 'orders.shop:8080' }));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C matrix a PERMISSIVE server accepts plaintext', () => {
      const text = docs(...shop('PERMISSIVE'), reports(), job('reports', 'export', { env: 'orders.shop:8080' }));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A11 a STRICT server without a sidecar enforces nothing', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'orders', { labels: { app: 'orders', 'sidecar.istio.io/inject': 'false' } }),
        service('shop', 'orders', [{ name: 'http', port: 8080, targetPort: 8080 }]),
        reports(),
        job('reports', 'export', { env: 'orders.shop:8080' }),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B1 the short form `orders` from another namespace names reports/orders, not shop/orders', () => {
      const text = docs(...shop(), reports(), job('reports', 'export', { env: 'orders' }));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C2 a different host that only contains the name (`myorders.shop`, `orders.shopping`) is not a reference', () => {
      const text = docs(
        ...shop(),
        reports(),
        job('reports', 'a', { env: 'http://myorders.shop.svc.cluster.local:8080' }),
        job('reports', 'b', { env: 'orders.shopping.svc.cluster.local:8080' }),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C2 a port the Service does not expose is not the Service\'s STRICT port', () => {
      const text = docs(...shop(), reports(), job('reports', 'export', { env: 'orders.shop:5432' }));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A7 the referenced Service port 80 maps to targetPort 8080, which is PERMISSIVE at port level', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'orders'),
        service('shop', 'orders', [{ name: 'http', port: 80, targetPort: 8080 }]),
        peerAuthentication('shop', 'orders-open', undefined, { selector: { app: 'orders' }, portLevel: { '8080': 'PERMISSIVE' } }),
        reports(),
        job('reports', 'export', { env: 'http://orders.shop:80/' }),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A11 §G step 3 the STRICT target port is excluded from inbound capture: plaintext reaches the app', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'orders', { annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '8080' } }),
        service('shop', 'orders', [{ name: 'http', port: 8080, targetPort: 8080 }]),
        reports(),
        job('reports', 'export', { env: 'orders.shop:8080' }),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
