// Workspaces that hold every fixable rule, written the way people write YAML: comments between
// keys, blank lines, flow maps, quotes, several documents per file. Used by everyFix.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docs, type Files } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';

const shop = docs(
  '# The shop namespace and its policies.\n' + namespace('shop', { 'istio-injection': 'enabled' }),
  peerAuthentication('shop', 'default', 'STRICT'),
  '# A second namespace-level policy: ignored (duplicate-scope-policy).\n' + peerAuthentication('shop', 'zz-second', 'PERMISSIVE'),
  deployment('shop', 'web'),
  deployment('shop', 'reviews'),
  service('shop', 'reviews'),
  deployment('shop', 'ratings'),
  service('shop', 'ratings'),
  destinationRule('shop', 'reviews', 'reviews', `  # plaintext on purpose? no.
  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBIN

    tls:
      # nobody remembers why
      mode: "DISABLE"   # keep this comment
    portLevelSettings:
    - port: {number: 80}
      tls: {}
`),
  destinationRule('shop', 'ratings', 'ratings', '  trafficPolicy: {tls: {mode: SIMPLE, caCertificates: /etc/ca.pem, sni: ratings}}\n'),
);

const edges = docs(
  namespace('legacy', {}),
  deployment('legacy', 'soap'),
  service('legacy', 'soap'),
  destinationRule('shop', 'soap', 'soap.legacy.svc.cluster.local', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'),
  `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: stripe
  namespace: shop
spec:
  hosts: ["api.stripe.com"]
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - {number: 443, name: tls, protocol: TLS}
`,
  destinationRule('shop', 'stripe', 'api.stripe.com', '  trafficPolicy:\n    tls: {mode: ISTIO_MUTUAL, sni: api.stripe.com}\n'),
  namespace('finance', { 'istio-injection': 'enabled' }),
  deployment('finance', 'ledger'),
  service('finance', 'ledger'),
  peerAuthentication('finance', 'ledger-plain', 'DISABLE', { selector: { app: 'ledger' } }),
  destinationRule('finance', 'ledger', 'ledger', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'),
);

const policies = docs(
  peerAuthentication('istio-system', 'ingress', 'STRICT', { selector: { app: 'istio-ingressgateway' } }),
  namespace('orders', { 'istio-injection': 'enabled' }),
  deployment('orders', 'orders', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 8081 }] }),
  service('orders', 'orders', [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'http-admin', port: 9000, targetPort: 'admin' }]),
  peerAuthentication('orders', 'orders-admin', 'STRICT', { selector: { app: 'orders' }, portLevel: { '9000': 'PERMISSIVE' } }),
  `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-web
  namespace: orders
spec:
  rules:
  - from:
    - source:
        principals:
        - spiffe://cluster.local/ns/shop/sa/web # plain
        - "spiffe://cluster.local/ns/shop/sa/reviews"
`,
  `# Left over from Istio 1.4.
apiVersion: authentication.istio.io/v1alpha1
kind: Policy
metadata:
  name: default
  namespace: orders
spec:
  peers:
  - mtls:
      mode: PERMISSIVE
`,
  namespace('legacy-apps', { 'istio-injection': 'enabled' }),
  peerAuthentication('legacy-apps', 'default', 'DISABLE'),
  deployment('legacy-apps', 'billing'),
  service('legacy-apps', 'billing'),
  peerAuthentication('legacy-apps', 'billing-strict', 'STRICT', { selector: { app: 'billing' } }),
);

const autoOff = docs(
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |-
    enableAutoMtls: false
`,
  namespace('shop', { 'istio-injection': 'enabled' }),
  peerAuthentication('shop', 'default', 'STRICT'),
  deployment('shop', 'web'),
  deployment('shop', 'reviews'),
  service('shop', 'reviews'),
);

/** The repository's samples (the test runner's working directory is the repository root). */
function samples(): Files {
  const root = join(process.cwd(), 'samples', 'mesh');
  return Object.fromEntries(readdirSync(root).filter((f) => f.endsWith('.yaml')).sort().map((f) => [`mesh/${f}`, readFileSync(join(root, f), 'utf8')]));
}

function crlfFiles(files: Files): Files {
  return Object.fromEntries(Object.entries(files).map(([p, t]) => [p, t.replace(/\r?\n/g, '\r\n')]));
}

export function corpus(): Array<{ name: string; files: Files }> {
  const mine: Files = { 'shop.yaml': shop, 'edges.yaml': edges, 'policies.yaml': policies };
  const list = [
    { name: 'kitchen sink', files: mine },
    { name: 'kitchen sink, CRLF', files: crlfFiles(mine) },
    { name: 'auto mTLS off', files: { 'auto-off.yaml': autoOff } },
    { name: 'samples/mesh', files: samples() },
    { name: 'samples/mesh, CRLF', files: crlfFiles(samples()) },
  ];
  return list;
}
