import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { assertOn, findingsOf, lineAfter, lineOf, meshConfigMap, relatedIds, single, virtualService } from './helpers';

const RULE = 'plaintext-to-strict';

/** `shop` injected and STRICT at namespace level; `web` is a client, `reviews` the server. */
const shop = (mode = 'STRICT') => [
  namespace('shop', { 'istio-injection': 'enabled' }),
  peerAuthentication('shop', 'default', mode),
  deployment('shop', 'web'),
  deployment('shop', 'reviews'),
  service('shop', 'reviews'),
];

const disableTop = '  trafficPolicy:\n    tls:\n      mode: DISABLE\n';
const istioMutualTop = '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n';
const subsetsV1V2 = (v2Tls: string) => `  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
    trafficPolicy:
      tls:
${v2Tls}`;

describe('plaintext-to-strict', () => {
  describe('fires', () => {
    test('§B6 §B8 §C2 top-level DISABLE: error on the DR, range on the tls key, related = the STRICT PeerAuthentication', () => {
      const text = docs(...shop(), destinationRule('shop', 'reviews', 'reviews', disableTop));
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'error');
      assertOn(f, 'DestinationRule', 'shop', 'reviews');
      assert.equal(f.range.start.line, lineAfter(text, 'kind: DestinationRule', '    tls:'));
      assert.ok(f.related.length >= 1, 'related names the PeerAuthentication');
      assert.deepEqual(relatedIds(f).filter((r) => r.startsWith('PeerAuthentication/')), ['PeerAuthentication/shop/default']);
      assert.equal(f.related[0].file, 'test.yaml');
      assert.ok(
        f.related[0].range.start.line >= lineOf(text, 'kind: PeerAuthentication') && f.related[0].range.start.line < lineOf(text, 'kind: Deployment'),
        'related range lies inside the PeerAuthentication document',
      );
    });

    test('§B6 a portLevelSettings DISABLE for the Service port fires, attached to the port-level tls key', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'reviews', 'reviews', `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 80
      tls:
        mode: DISABLE
`),
      );
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'DestinationRule', 'shop', 'reviews');
      assert.equal(f.severity, 'error');
      assert.equal(f.range.start.line, lineOf(text, '      tls:'));
    });

    test('§B7 a DISABLE subset that a VirtualService routes to fires, attached to the subset tls key', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'reviews', 'reviews', subsetsV1V2('        mode: DISABLE\n')),
        virtualService('shop', 'reviews', 'reviews', 'v2'),
      );
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'DestinationRule', 'shop', 'reviews');
      assert.equal(f.range.start.line, lineAfter(text, '- name: v2', 'tls:'));
      assert.deepEqual(relatedIds(f).filter((r) => r.startsWith('PeerAuthentication/')), ['PeerAuthentication/shop/default']);
    });

    test('§B7 a routed subset with `tls: {}` (no mode) also sends plaintext (§B8)', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'reviews', 'reviews', `  subsets:
  - name: v2
    labels:
      version: v2
    trafficPolicy:
      tls: {}
`),
        virtualService('shop', 'reviews', 'reviews.shop.svc.cluster.local', 'v2', 'reviews'),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'reviews');
    });

    test('§B8 `tls: {}` at top level means DISABLE and fires', () => {
      const text = docs(...shop(), destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls: {}\n'));
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'DestinationRule', 'shop', 'reviews');
      assert.equal(f.range.start.line, lineOf(text, '    tls: {}'));
    });

    test('§B8 a tls block with only sni and subjectAltNames (mode missing) fires', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'reviews', 'reviews', `  trafficPolicy:
    tls:
      sni: reviews.shop.svc.cluster.local
      subjectAltNames:
      - spiffe://cluster.local/ns/shop/sa/reviews
`),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'reviews');
    });

    test('§B3 step 1: the client-namespace DR (DISABLE) beats the service-namespace DR (ISTIO_MUTUAL); only the client one fires', () => {
      const text = docs(
        ...shop(),
        namespace('frontend', { 'istio-injection': 'enabled' }),
        deployment('frontend', 'storefront'),
        destinationRule('frontend', 'reviews-plain', 'reviews.shop.svc.cluster.local', disableTop),
        destinationRule('shop', 'reviews', 'reviews', istioMutualTop),
      );
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'DestinationRule', 'frontend', 'reviews-plain');
      assert.match(f.message, /frontend/);
    });

    test('§B3 step 2: a DISABLE DR in the service namespace exported to the client namespace fires for that client', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        namespace('frontend', { 'istio-injection': 'enabled' }),
        deployment('frontend', 'storefront'),
        destinationRule('shop', 'reviews', 'reviews', `  exportTo:\n  - frontend\n${disableTop}`),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'reviews');
    });

    test('§B4 a workloadSelector DR applies to the matching injected client and fires', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'reviews-from-web', 'reviews', `  workloadSelector:
    matchLabels:
      app: web
${disableTop}`),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'reviews-from-web');
    });

    test('§B5 merged DRs: the oldest DR\'s trafficPolicy (DISABLE) is the one in force and fires; the newer ISTIO_MUTUAL is dropped', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'reviews-new', 'reviews', istioMutualTop).replace('  namespace: shop\n', '  namespace: shop\n  creationTimestamp: "2025-06-01T00:00:00Z"\n'),
        destinationRule('shop', 'reviews-old', 'reviews.shop.svc.cluster.local', disableTop).replace('  namespace: shop\n', '  namespace: shop\n  creationTimestamp: "2024-01-01T00:00:00Z"\n'),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'reviews-old');
    });

    test('§B5 §B7 a routed DISABLE subset of a newer DR is merged by name into the older DR and fires on the newer DR', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'reviews-base', 'reviews', '  trafficPolicy:\n    connectionPool:\n      tcp:\n        maxConnections: 10\n').replace('  namespace: shop\n', '  namespace: shop\n  creationTimestamp: "2024-01-01T00:00:00Z"\n'),
        destinationRule('shop', 'reviews-canary', 'reviews', subsetsV1V2('        mode: DISABLE\n')).replace('  namespace: shop\n', '  namespace: shop\n  creationTimestamp: "2025-01-01T00:00:00Z"\n'),
        virtualService('shop', 'reviews', 'reviews', 'v2'),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'reviews-canary');
    });

    test('§A5 §A7 a port-level PA on the Service port (not the targetPort) leaves the targetPort STRICT: fires, related = the namespace PA', () => {
      const text = docs(
        ...shop(),
        peerAuthentication('shop', 'reviews-ports', undefined, { selector: { app: 'reviews' }, portLevel: { '80': 'PERMISSIVE' } }),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'DestinationRule', 'shop', 'reviews');
      assert.deepEqual(relatedIds(f).filter((r) => r.startsWith('PeerAuthentication/')), ['PeerAuthentication/shop/default']);
    });

    test('§A5 a workload-level STRICT under a PERMISSIVE namespace fires, related = the workload-level PA', () => {
      const text = docs(
        ...shop('PERMISSIVE'),
        peerAuthentication('shop', 'reviews-strict', 'STRICT', { selector: { app: 'reviews' } }),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      const f = single(findingsOf(text, RULE));
      assert.deepEqual(relatedIds(f).filter((r) => r.startsWith('PeerAuthentication/')), ['PeerAuthentication/shop/reviews-strict']);
    });

    test('§A7 named targetPort resolves through the container port name: port-level STRICT on that container port fires', () => {
      const text = docs(
        ...shop('PERMISSIVE').slice(0, 3),
        deployment('shop', 'reviews', { ports: [{ name: 'admin', containerPort: 8080 }, { name: 'http-web', containerPort: 9090 }] }),
        service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 'http-web' }]),
        peerAuthentication('shop', 'reviews-ports', undefined, { selector: { app: 'reviews' }, portLevel: { '9090': 'STRICT' } }),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'DestinationRule', 'shop', 'reviews');
      assert.deepEqual(relatedIds(f).filter((r) => r.startsWith('PeerAuthentication/')), ['PeerAuthentication/shop/reviews-ports']);
    });

    test('§C1 a server in a namespace without a Namespace object that carries the opt-in label counts as injected: fires', () => {
      const text = docs(
        namespace('frontend', { 'istio-injection': 'enabled' }),
        deployment('frontend', 'storefront'),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'reviews', { labels: { app: 'reviews', 'sidecar.istio.io/inject': 'true' } }),
        service('shop', 'reviews'),
        destinationRule('frontend', 'reviews', 'reviews.shop.svc.cluster.local', disableTop),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'frontend', 'reviews');
    });

    test('§A2 §A5 a mesh-level STRICT in the root namespace makes the server STRICT: fires, related = the mesh PA', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('istio-system', 'default', 'STRICT'),
        deployment('shop', 'web'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      const f = single(findingsOf(text, RULE));
      assert.deepEqual(relatedIds(f).filter((r) => r.startsWith('PeerAuthentication/')), ['PeerAuthentication/istio-system/default']);
    });

    test('§B7 a VirtualService in another namespace routing to the FQDN host and subset v2 makes the subset used', () => {
      const text = docs(
        ...shop(),
        namespace('frontend', { 'istio-injection': 'enabled' }),
        deployment('frontend', 'storefront'),
        destinationRule('shop', 'reviews', 'reviews', subsetsV1V2('        mode: DISABLE\n')),
        virtualService('frontend', 'reviews-canary', 'reviews.shop.svc.cluster.local', 'v2'),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'reviews');
    });

    test('§B3 step 3: a `*.local` DISABLE DR in the root namespace (default exportTo) is in force for shop clients and fires there', () => {
      const text = docs(...shop(), destinationRule('istio-system', 'mesh-plain', '"*.local"', disableTop));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'istio-system', 'mesh-plain');
    });

    test('§C1 namespace label istio.io/rev injects both sides; a CronJob client counts as a workload', () => {
      const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  namespace: jobs
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels:
            app: nightly
        spec:
          restartPolicy: OnFailure
          containers:
          - name: job
            image: example/job:1
`;
      const text = docs(
        namespace('shop', { 'istio.io/rev': 'canary' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        namespace('jobs', { 'istio.io/rev': 'canary' }),
        cronJob,
        destinationRule('jobs', 'reviews', 'reviews.shop.svc.cluster.local', disableTop),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'jobs', 'reviews');
    });

    test('§B2 an exact-host DISABLE DR beats a namespace-wildcard ISTIO_MUTUAL DR in the same namespace', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'shop-mtls', '"*.shop.svc.cluster.local"', istioMutualTop),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'reviews');
    });

    test('§B3 step 1 (C == R) a private-only DR in the root namespace applies to an injected client in the root namespace', () => {
      const text = docs(
        ...shop(),
        namespace('istio-system', { 'istio-injection': 'enabled' }),
        deployment('istio-system', 'tools'),
        destinationRule('shop', 'reviews', 'reviews', istioMutualTop),
        destinationRule('istio-system', 'root-plain', '"*.local"', `  exportTo:\n  - "."\n${disableTop}`),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'istio-system', 'root-plain');
    });

    test('§A5 a portLevelMtls key written as a bare YAML integer is the same port', () => {
      const text = docs(
        ...shop('PERMISSIVE'),
        `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: reviews-ports
  namespace: shop
spec:
  selector:
    matchLabels:
      app: reviews
  portLevelMtls:
    8080:
      mode: STRICT
`,
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'reviews');
    });

    test('§A7 §G step 2 a Service port without targetPort targets the same container port', () => {
      const text = docs(
        ...shop('PERMISSIVE').slice(0, 3),
        deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }] }),
        service('shop', 'reviews', [{ name: 'http', port: 9080 }]),
        peerAuthentication('shop', 'reviews-ports', undefined, { selector: { app: 'reviews' }, portLevel: { '9080': 'STRICT' } }),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'reviews');
    });

    test('§A1 §A2 (rules.md "root namespace") with rootNamespace: istio-config, a selector-less PA there is mesh-level', () => {
      const text = docs(
        meshConfigMap('rootNamespace: istio-config'),
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('istio-config', 'default', 'STRICT'),
        deployment('shop', 'web'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      const f = single(findingsOf(text, RULE));
      assert.deepEqual(relatedIds(f).filter((r) => r.startsWith('PeerAuthentication/')), ['PeerAuthentication/istio-config/default']);
    });

    test('§A3 of two namespace-level policies the oldest (STRICT) wins: fires, related = that policy', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'z-strict', 'STRICT', { created: '2024-01-01T00:00:00Z' }),
        peerAuthentication('shop', 'a-permissive', 'PERMISSIVE', { created: '2025-01-01T00:00:00Z' }),
        deployment('shop', 'web'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      const f = single(findingsOf(text, RULE));
      assert.deepEqual(relatedIds(f).filter((r) => r.startsWith('PeerAuthentication/')), ['PeerAuthentication/shop/z-strict']);
    });

    test('§A4 of two workload-level policies the oldest (STRICT) wins over a newer PERMISSIVE', () => {
      const text = docs(
        ...shop('PERMISSIVE'),
        peerAuthentication('shop', 'reviews-strict', 'STRICT', { selector: { app: 'reviews' }, created: '2024-01-01T00:00:00Z' }),
        peerAuthentication('shop', 'reviews-open', 'PERMISSIVE', { selector: { app: 'reviews' }, created: '2025-01-01T00:00:00Z' }),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      const f = single(findingsOf(text, RULE));
      assert.deepEqual(relatedIds(f).filter((r) => r.startsWith('PeerAuthentication/')), ['PeerAuthentication/shop/reviews-strict']);
    });

    test('§A5 a workload-level UNSET with a port-level UNSET inherits the namespace STRICT', () => {
      const text = docs(
        ...shop(),
        peerAuthentication('shop', 'reviews-unset', 'UNSET', { selector: { app: 'reviews' }, portLevel: { '8080': 'UNSET' } }),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'reviews');
    });

    test('(rules.md "workload") a StatefulSet server counts like a Deployment', () => {
      const sts = deployment('shop', 'reviews').replace('kind: Deployment', 'kind: StatefulSet').replace('spec:\n  selector:', 'spec:\n  serviceName: reviews\n  selector:');
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'web'),
        sts,
        service('shop', 'reviews'),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'shop', 'reviews');
    });
  });

  describe('does not fire', () => {
    test('§B7 a DISABLE subset no VirtualService routes to does not fire', () => {
      const text = docs(...shop(), destinationRule('shop', 'reviews', 'reviews', subsetsV1V2('        mode: DISABLE\n')));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B7 a VirtualService routing to another subset (v1) leaves the DISABLE subset v2 unused', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'reviews', 'reviews', subsetsV1V2('        mode: DISABLE\n')),
        virtualService('shop', 'reviews', 'reviews', 'v1'),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B6 a port-level DISABLE for a port the Service does not have is never in force', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'reviews', 'reviews', `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 9999
      tls:
        mode: DISABLE
`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B6 a top-level DISABLE replaced for the only Service port by a port-level ISTIO_MUTUAL is not in force', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'reviews', 'reviews', `  trafficPolicy:
    tls:
      mode: DISABLE
    portLevelSettings:
    - port:
        number: 80
      tls:
        mode: ISTIO_MUTUAL
`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3(a) a wildcard DR in the client namespace beats an exact-host DISABLE DR in the service namespace', () => {
      const base = [
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        namespace('frontend', { 'istio-injection': 'enabled' }),
        deployment('frontend', 'storefront'),
        destinationRule('shop', 'reviews', 'reviews', `  exportTo:\n  - frontend\n${disableTop}`),
      ];
      // Control: without the frontend DR, the shop DR is in force for frontend (§B3 step 2).
      assert.equal(findingsOf(docs(...base), RULE).length, 1);
      const text = docs(...base, destinationRule('frontend', 'all-mtls', '"*.local"', istioMutualTop));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3(b) a DR in the client namespace exported only to another namespace does not apply to its own pods', () => {
      const base = [
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        namespace('frontend', { 'istio-injection': 'enabled' }),
        deployment('frontend', 'storefront'),
      ];
      const dr = (exportTo: string) => destinationRule('frontend', 'reviews', 'reviews.shop.svc.cluster.local', `  exportTo:\n  - "${exportTo}"\n${disableTop}`);
      assert.equal(findingsOf(docs(...base, dr('.')), RULE).length, 1, 'control: exportTo "." is visible to frontend');
      assert.deepEqual(findingsOf(docs(...base, dr('billing')), RULE), []);
    });

    test('§B3 a DR in a namespace that is neither the client, the service nor the root namespace is never consulted', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        namespace('ops'),
        destinationRule('ops', 'reviews', 'reviews.shop.svc.cluster.local', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3(c) a DISABLE DR in the root namespace with exportTo "." applies only to proxies in the root namespace', () => {
      const text = docs(...shop(), destinationRule('istio-system', 'mesh-plain', '"*.local"', `  exportTo:\n  - "."\n${disableTop}`));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B4 a workloadSelector DR whose selector matches no injected client does not fire', () => {
      const text = docs(
        ...shop(),
        deployment('shop', 'batch', { labels: { app: 'batch', 'sidecar.istio.io/inject': 'false' } }),
        destinationRule('shop', 'reviews-from-batch', 'reviews', `  workloadSelector:
    matchLabels:
      app: batch
${disableTop}`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B4 a workloadSelector DR is private to its namespace: a matching workload elsewhere does not use it', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        namespace('frontend', { 'istio-injection': 'enabled' }),
        deployment('frontend', 'web'),
        destinationRule('shop', 'reviews-from-web', 'reviews', `  workloadSelector:
    matchLabels:
      app: web
  exportTo:
  - "*"
${disableTop}`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B5 merged DRs: a newer DR\'s DISABLE trafficPolicy is discarded in favour of the oldest one', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'reviews-old', 'reviews', istioMutualTop).replace('  namespace: shop\n', '  namespace: shop\n  creationTimestamp: "2024-01-01T00:00:00Z"\n'),
        destinationRule('shop', 'reviews-debug', 'reviews.shop.svc.cluster.local', disableTop).replace('  namespace: shop\n', '  namespace: shop\n  creationTimestamp: "2025-06-01T00:00:00Z"\n'),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B5 without timestamps the name decides: `a-mtls` is older than `b-plain`, whose DISABLE is dropped', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'b-plain', 'reviews', disableTop),
        destinationRule('shop', 'a-mtls', 'reviews', istioMutualTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C matrix §B10 a DR without tls keeps auto mTLS', () => {
      const text = docs(...shop(), destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    loadBalancer:\n      simple: LEAST_REQUEST\n'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C matrix plaintext to a PERMISSIVE server is accepted', () => {
      assert.deepEqual(findingsOf(docs(...shop('PERMISSIVE'), destinationRule('shop', 'reviews', 'reviews', disableTop)), RULE), []);
    });

    test('§A11 §C1 a non-injected server (pod label inject=false) enforces nothing: plaintext is accepted', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'web'),
        deployment('shop', 'reviews', { labels: { app: 'reviews', 'sidecar.istio.io/inject': 'false' } }),
        service('shop', 'reviews'),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 a server in an istio-injection=disabled namespace has no sidecar, even with the pod opt-in label', () => {
      const text = docs(
        namespace('frontend', { 'istio-injection': 'enabled' }),
        deployment('frontend', 'storefront'),
        namespace('shop', { 'istio-injection': 'disabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'reviews', { labels: { app: 'reviews', 'sidecar.istio.io/inject': 'true' } }),
        service('shop', 'reviews'),
        destinationRule('frontend', 'reviews', 'reviews.shop.svc.cluster.local', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 (rules.md "injected") a namespace with no Namespace object: unknown labels, never reported on that evidence alone', () => {
      const text = docs(
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'web'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C1 (rules.md "injected") an injected client towards a server in a namespace with no Namespace object does not fire', () => {
      const text = docs(
        namespace('frontend', { 'istio-injection': 'enabled' }),
        deployment('frontend', 'storefront'),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        destinationRule('frontend', 'reviews', 'reviews.shop.svc.cluster.local', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§G step 4 a DR in force only for non-injected clients does not fire (no client sidecar reads it)', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        namespace('legacy'),
        deployment('legacy', 'cron'),
        destinationRule('legacy', 'reviews', 'reviews.shop.svc.cluster.local', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A5 §A7 a port-level PA making the target port PERMISSIVE under a STRICT namespace does not fire', () => {
      const text = docs(
        ...shop(),
        peerAuthentication('shop', 'reviews-ports', undefined, { selector: { app: 'reviews' }, portLevel: { '8080': 'PERMISSIVE' } }),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A7 named targetPort: port-level STRICT on another container port does not make the resolved targetPort STRICT', () => {
      const text = docs(
        ...shop('PERMISSIVE').slice(0, 3),
        deployment('shop', 'reviews', { ports: [{ name: 'admin', containerPort: 8080 }, { name: 'http-web', containerPort: 9090 }] }),
        service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 'http-web' }]),
        peerAuthentication('shop', 'reviews-ports', undefined, { selector: { app: 'reviews' }, portLevel: { '8080': 'STRICT' } }),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A2 a selector PeerAuthentication in the root namespace is ignored: the server stays PERMISSIVE', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('istio-system', 'reviews-strict', 'STRICT', { selector: { app: 'reviews' } }),
        deployment('shop', 'web'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B1 a dotted host `reviews.shop` is literal and matches no Service: the DR has no effect', () => {
      const text = docs(...shop(), destinationRule('shop', 'reviews', 'reviews.shop', disableTop));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B2 an exact-host ISTIO_MUTUAL DR beats a namespace-wildcard DISABLE DR for that host', () => {
      const text = docs(
        ...shop(),
        destinationRule('shop', 'shop-plain', '"*.shop.svc.cluster.local"', disableTop),
        destinationRule('shop', 'reviews', 'reviews', istioMutualTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3 step 1 (C == R) a root-namespace client uses only private-only root DRs first: the service-namespace DR wins over an exported root DR', () => {
      const text = docs(
        ...shop(),
        namespace('istio-system', { 'istio-injection': 'enabled' }),
        deployment('istio-system', 'tools'),
        destinationRule('shop', 'reviews', 'reviews', istioMutualTop),
        destinationRule('istio-system', 'root-plain', '"*.local"', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B4 a matching workloadSelector DR (ISTIO_MUTUAL) is preferred over the catch-all DISABLE DR for the same host', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        namespace('frontend', { 'istio-injection': 'enabled' }),
        deployment('frontend', 'web'),
        destinationRule('frontend', 'reviews-all', 'reviews.shop.svc.cluster.local', disableTop),
        destinationRule('frontend', 'reviews-web', 'reviews.shop.svc.cluster.local', `  workloadSelector:\n    matchLabels:\n      app: web\n${istioMutualTop}`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B1 a short host in a client-namespace DR resolves in the DR\'s namespace, not the service\'s', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        namespace('frontend', { 'istio-injection': 'enabled' }),
        deployment('frontend', 'web'),
        destinationRule('frontend', 'reviews', 'reviews', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§G step 2 (rules.md "destination") a Service selects workloads of its own namespace only', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        deployment('shop', 'web'),
        service('shop', 'reviews'),
        namespace('other', { 'istio-injection': 'enabled' }),
        peerAuthentication('other', 'default', 'STRICT'),
        deployment('other', 'reviews'),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A1 §A2 with rootNamespace: istio-config, a selector-less PA in istio-system is only namespace-level for istio-system', () => {
      const text = docs(
        meshConfigMap('rootNamespace: istio-config'),
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('istio-system', 'default', 'STRICT'),
        deployment('shop', 'web'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A11 §G step 3 the target port excluded from inbound capture (excludeInboundPorts) behaves as no sidecar: plaintext accepted', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'web'),
        deployment('shop', 'reviews', { annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '8080' } }),
        service('shop', 'reviews'),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§C7 §G step 3 includeInboundPorts not covering the target port leaves it uncaptured: plaintext accepted', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'default', 'STRICT'),
        deployment('shop', 'web'),
        deployment('shop', 'reviews', { annotations: { 'traffic.sidecar.istio.io/includeInboundPorts': '9090' } }),
        service('shop', 'reviews'),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§A3 of two namespace-level policies the oldest (PERMISSIVE) wins: the newer STRICT is ignored', () => {
      const text = docs(
        namespace('shop', { 'istio-injection': 'enabled' }),
        peerAuthentication('shop', 'z-permissive', 'PERMISSIVE', { created: '2024-01-01T00:00:00Z' }),
        peerAuthentication('shop', 'a-strict', 'STRICT', { created: '2025-01-01T00:00:00Z' }),
        deployment('shop', 'web'),
        deployment('shop', 'reviews'),
        service('shop', 'reviews'),
        destinationRule('shop', 'reviews', 'reviews', disableTop),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });
  });
});
