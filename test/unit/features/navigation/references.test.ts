import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { editorSnapshot, offsetOf } from '../../../support/editor';
import { docs, type Files } from '../../../support/workspace';
import { deployment, destinationRule, peerAuthentication, service } from '../../../support/fixtures';
import { referencesAt } from '../../../../server/src/features/navigation/references';
import { ap, describeLocations, meshConfig, serviceAccount } from './helpers';

const apps = docs(
  deployment('shop', 'reviews', { labels: { app: 'reviews', version: 'v1' }, serviceAccount: 'reviews' }),
  deployment('shop', 'ratings', { labels: { app: 'ratings' } }),
  service('shop', 'reviews'),
  service('shop', 'ratings'),
  serviceAccount('shop', 'reviews'),
);

const policies = docs(
  peerAuthentication('istio-system', 'mesh-default', 'STRICT'),
  peerAuthentication('shop', 'shop-default', 'PERMISSIVE', { created: '2024-01-01T00:00:00Z' }),
  peerAuthentication('shop', 'shop-newer', 'DISABLE', { created: '2025-01-01T00:00:00Z' }),
  peerAuthentication('shop', 'reviews-v1-pa', undefined, { selector: { app: 'reviews', version: 'v1' }, portLevel: { '8080': 'STRICT' } }),
  peerAuthentication('istio-system', 'root-selector-pa', 'DISABLE', { selector: { app: 'reviews' } }),
  ap('istio-system', 'root-ap', '  selector:\n    matchLabels:\n      app: reviews\n  rules: [{}]\n'),
  ap('shop', 'shop-all-ap', '  action: DENY\n  rules: [{to: [{operation: {paths: [/admin]}}]}]\n'),
  ap('shop', 'ratings-ap', '  selector:\n    matchLabels:\n      app: ratings\n'),
  ap('shop', 'gw-ap', '  targetRef: {kind: Gateway, group: gateway.networking.k8s.io, name: gw}\n'),
  ap('pay', 'pay-ap', '  rules: [{}]\n'),
  destinationRule('shop', 'reviews-dr', 'reviews', ''),
  destinationRule('pay', 'wild-dr', '"*.shop.svc.cluster.local"', ''),
  destinationRule('shop', 'ratings-dr', 'ratings', ''),
  destinationRule('pay', 'pay-reviews-dr', 'reviews', ''),
);

const files: Files = { 'apps.yaml': apps, 'policies.yaml': policies };

/** `path text` of each reference (the range's text is the target's metadata.name or element). */
function references(f: Files, file: string, needle: string, n = 0, delta = 0, includeDeclaration = false): string[] {
  const snapshot = editorSnapshot(f);
  return describeLocations(snapshot, f, referencesAt(snapshot, file, offsetOf(f[file], needle, n, delta), includeDeclaration)).map((s) => s.replace(/:\d+ /, ' '));
}

const GOVERNING_REVIEWS = [
  // §A5 chain: mesh, namespace (the oldest, §A3), workload.
  'policies.yaml mesh-default',
  'policies.yaml shop-default',
  'policies.yaml reviews-v1-pa',
  // §D2: the root policy with a matching selector, the selector-less policy of the namespace.
  'policies.yaml root-ap',
  'policies.yaml shop-all-ap',
  // §B1/§B2: rules whose host covers reviews.shop.svc.cluster.local.
  'policies.yaml reviews-dr',
  'policies.yaml wild-dr',
  // The Service selecting it.
  'apps.yaml reviews',
];

describe('references: from a workload to what governs it', () => {
  test('§A5 §D2 §B1 from the workload name: PeerAuthentications, AuthorizationPolicies, DestinationRules, Services', () => {
    assert.deepEqual(references(files, 'apps.yaml', 'name: reviews', 0, 7), GOVERNING_REVIEWS);
  });

  test('§A1 from a pod template label: the same references', () => {
    assert.deepEqual(references(files, 'apps.yaml', '        version: "v1"', 0, 12), GOVERNING_REVIEWS);
  });

  test('§A3 a newer namespace-level policy is overridden; §A2 a root policy with a selector is ignored: neither listed', () => {
    const refs = references(files, 'apps.yaml', 'name: reviews', 0, 7);
    assert.ok(!refs.includes('policies.yaml shop-newer'));
    assert.ok(!refs.includes('policies.yaml root-selector-pa'));
  });

  test('§D2 policies of other namespaces, other selectors or with targetRef do not apply', () => {
    const refs = references(files, 'apps.yaml', 'name: reviews', 0, 7);
    for (const name of ['ratings-ap', 'gw-ap', 'pay-ap']) assert.ok(!refs.includes(`policies.yaml ${name}`), name);
  });

  test('§B1 a short host in another namespace resolves there: pay/reviews does not cover shop/reviews', () => {
    assert.ok(!references(files, 'apps.yaml', 'name: reviews', 0, 7).includes('policies.yaml pay-reviews-dr'));
  });

  test('§A4 the workload-level policy is listed only for the workloads it selects', () => {
    assert.deepEqual(references(files, 'apps.yaml', 'name: ratings', 0, 7), [
      'policies.yaml mesh-default',
      'policies.yaml shop-default',
      'policies.yaml shop-all-ap',
      'policies.yaml ratings-ap',
      'policies.yaml wild-dr',
      'policies.yaml ratings-dr',
      'apps.yaml ratings',
    ]);
  });

  test('§A5 a workload with no policy at all has no PeerAuthentication reference', () => {
    const f = { 'apps.yaml': deployment('lonely', 'solo') };
    assert.deepEqual(references(f, 'apps.yaml', 'name: solo', 0, 7), []);
  });

  test('includeDeclaration adds the workload name first', () => {
    assert.deepEqual(references(files, 'apps.yaml', 'name: ratings', 0, 7, true).slice(0, 2), ['apps.yaml ratings', 'policies.yaml mesh-default']);
  });

  test('§B1 a ServiceEntry selecting a workload entry, and the rules covering its host', () => {
    const f = {
      'we.yaml': `apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata:
  name: vm-1
  namespace: shop
spec:
  address: 10.0.0.1
  labels:
    app: legacy
`,
      'se.yaml': `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: legacy
  namespace: shop
spec:
  hosts: [legacy.internal]
  location: MESH_INTERNAL
  ports: [{number: 80, name: http}]
  workloadSelector:
    labels:
      app: legacy
`,
      'dr.yaml': destinationRule('shop', 'legacy-dr', 'legacy.internal', ''),
    };
    assert.deepEqual(references(f, 'we.yaml', 'app: legacy', 0, 6), ['dr.yaml legacy-dr', 'se.yaml legacy']);
  });

  test('nothing here: containers of a workload, a policy, an unknown file', () => {
    assert.deepEqual(references(files, 'apps.yaml', 'image:'), []);
    assert.deepEqual(references(files, 'policies.yaml', 'mode: STRICT'), []);
    const snapshot = editorSnapshot(files);
    assert.deepEqual(referencesAt(snapshot, 'nope.yaml', 0), []);
  });
});

describe('references: from a Service and from a ServiceAccount', () => {
  test('§B1 §B2 from a Service name: the DestinationRules covering its host and the routes to it', () => {
    const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews-route
  namespace: pay
spec:
  hosts: [reviews.shop.svc.cluster.local]
  http:
  - route:
    - destination:
        host: reviews.shop.svc.cluster.local
    - destination:
        host: reviews
`;
    const f = { ...files, 'vs.yaml': vs };
    // The short `reviews` in pay resolves to pay (§B1): not a route to shop/reviews.
    assert.deepEqual(references(f, 'apps.yaml', 'name: reviews', 2, 7), ['policies.yaml reviews-dr', 'policies.yaml wild-dr', 'vs.yaml reviews.shop.svc.cluster.local']);
  });

  test('§D5 §D6 from a ServiceAccount name: the workloads running as it and the policy values naming it', () => {
    const policy = ap('shop', 'allow', `  rules:
  - from:
    - source:
        principals: [cluster.local/ns/shop/sa/reviews, cluster.local/ns/shop/sa/ratings]
    - source:
        serviceAccounts: [reviews]
  - when:
    - key: source.principal
      notValues: [example.org/ns/shop/sa/reviews]
`);
    const f = { ...files, 'ap.yaml': policy, 'mesh.yaml': meshConfig('trustDomain: example.org') };
    assert.deepEqual(references(f, 'apps.yaml', 'name: reviews', 3, 7), [
      'apps.yaml reviews',
      'ap.yaml cluster.local/ns/shop/sa/reviews',
      'ap.yaml reviews',
      'ap.yaml example.org/ns/shop/sa/reviews',
    ]);
  });
});
