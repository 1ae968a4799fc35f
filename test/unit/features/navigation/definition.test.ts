import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { editorSnapshot, offsetOf } from '../../../support/editor';
import { docs, type Files } from '../../../support/workspace';
import { deployment, destinationRule, peerAuthentication, service } from '../../../support/fixtures';
import { definitionAt } from '../../../../server/src/features/navigation/definition';
import { ap, describeLocations, lineOf, meshConfig, serviceAccount } from './helpers';

const apps = docs(
  deployment('shop', 'reviews', { labels: { app: 'reviews', version: 'v1' }, serviceAccount: 'reviews' }),
  deployment('shop', 'reviews-v2', { labels: { app: 'reviews', version: 'v2' }, serviceAccount: 'reviews' }),
  deployment('shop', 'ratings', { labels: { app: 'ratings' } }),
  service('shop', 'reviews'),
  service('shop', 'ratings'),
  serviceAccount('shop', 'reviews'),
  deployment('pay', 'web', { labels: { app: 'web' }, serviceAccount: 'web-sa' }),
  service('pay', 'web'),
);

const at = (needle: string, shown: string, n = 0) => `apps.yaml:${lineOf(apps, needle, n)} ${shown}`;
const SVC_REVIEWS = at('kind: Service\nmetadata:\n  name: reviews', 'reviews');
const SVC_RATINGS = at('kind: Service\nmetadata:\n  name: ratings', 'ratings');
const SVC_WEB = at('kind: Service\nmetadata:\n  name: web', 'web');
const SA_REVIEWS = at('kind: ServiceAccount\nmetadata:\n  name: reviews', 'reviews');
const DEP_REVIEWS = at('kind: Deployment\nmetadata:\n  name: reviews', 'reviews');
const DEP_REVIEWS_V2 = at('kind: Deployment\nmetadata:\n  name: reviews-v2', 'reviews-v2');
const APP_REVIEWS = at('        app: "reviews"', '"reviews"', 0);
const APP_REVIEWS_V2 = at('        app: "reviews"', '"reviews"', 1);
const VERSION_V2 = at('        version: "v2"', '"v2"');
const APP_RATINGS = at('        app: "ratings"', '"ratings"');
const APP_WEB = at('        app: "web"', '"web"');
const RUNS_AS_RATINGS = at('serviceAccountName: ratings', 'ratings');
const RUNS_AS_WEB_SA = at('serviceAccountName: web-sa', 'web-sa');

const serviceEntry = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ext-api
  namespace: shop
spec:
  hosts:
  - api.example.com
  - other.example.com
  location: MESH_EXTERNAL
  ports:
  - number: 443
    name: https
    protocol: TLS
`;

/** Go to definition at the n-th occurrence of `needle` in `file` (plus delta). */
function definition(files: Files, file: string, needle: string, n = 0, delta = 0): string[] {
  const snapshot = editorSnapshot(files);
  return describeLocations(snapshot, files, definitionAt(snapshot, file, offsetOf(files[file], needle, n, delta)));
}

describe('definition: from a host to the Services and ServiceEntries it names', () => {
  test('§B1 a short DestinationRule host resolves in the rule namespace to the Service, in another file', () => {
    const files = { 'apps.yaml': apps, 'dr.yaml': destinationRule('shop', 'reviews', 'reviews', '') };
    assert.deepEqual(definition(files, 'dr.yaml', 'host: reviews', 0, 8), [SVC_REVIEWS]);
    // The key `host` leads to the same place.
    assert.deepEqual(definition(files, 'dr.yaml', 'host: reviews', 0, 1), [SVC_REVIEWS]);
  });

  test('§B1 the Location uri is the snapshot uri of the target file', () => {
    const files = { 'apps.yaml': apps, 'dr.yaml': destinationRule('shop', 'reviews', 'reviews', '') };
    const snapshot = editorSnapshot(files);
    const [loc] = definitionAt(snapshot, 'dr.yaml', offsetOf(files['dr.yaml'], 'host: reviews', 0, 8));
    assert.equal(loc.uri, snapshot.uriOf('apps.yaml'));
  });

  test('§B1 a short host resolves in the rule namespace, not the Service namespace: nothing in pay', () => {
    const files = { 'apps.yaml': apps, 'dr.yaml': destinationRule('pay', 'reviews', 'reviews', '') };
    assert.deepEqual(definition(files, 'dr.yaml', 'host: reviews', 0, 8), []);
  });

  test('§B1 a dotted host is taken literally: reviews.shop names nothing, the FQDN names the Service', () => {
    const short = { 'apps.yaml': apps, 'dr.yaml': destinationRule('pay', 'r', 'reviews.shop', '') };
    assert.deepEqual(definition(short, 'dr.yaml', 'reviews.shop'), []);
    const fqdn = { 'apps.yaml': apps, 'dr.yaml': destinationRule('pay', 'r', 'reviews.shop.svc.cluster.local', '') };
    assert.deepEqual(definition(fqdn, 'dr.yaml', 'reviews.shop.svc'), [SVC_REVIEWS]);
  });

  test('§B2 a wildcard host leads to every Service it covers', () => {
    const files = { 'apps.yaml': apps, 'dr.yaml': destinationRule('pay', 'all-shop', '"*.shop.svc.cluster.local"', '') };
    assert.deepEqual(definition(files, 'dr.yaml', '*.shop'), [SVC_REVIEWS, SVC_RATINGS]);
    const everything = { 'apps.yaml': apps, 'dr.yaml': destinationRule('pay', 'all', '"*.local"', '') };
    assert.deepEqual(definition(everything, 'dr.yaml', '*.local'), [SVC_REVIEWS, SVC_RATINGS, SVC_WEB]);
  });

  test('§B1 a DestinationRule host names a ServiceEntry host: the matching element of spec.hosts', () => {
    const files = { 'apps.yaml': apps, 'se.yaml': serviceEntry, 'dr.yaml': destinationRule('shop', 'ext', 'other.example.com', '') };
    assert.deepEqual(definition(files, 'dr.yaml', 'other.example'), ['se.yaml:9 other.example.com']);
  });

  test('§B1 a VirtualService destination host resolves in the VirtualService namespace', () => {
    const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: ratings
        subset: v1
`;
    const files = { 'apps.yaml': apps, 'vs.yaml': vs };
    assert.deepEqual(definition(files, 'vs.yaml', 'host: ratings', 0, 7), [SVC_RATINGS]);
    assert.deepEqual(definition(files, 'vs.yaml', '- reviews', 0, 3), [SVC_REVIEWS]);
    assert.deepEqual(definition(files, 'vs.yaml', 'subset: v1', 0, 9), []);
  });

  test('rules.md variants: a host leads to the Service variant analysed with the rule (same folder)', () => {
    const files = {
      'envs/prod/svc.yaml': service('shop', 'reviews'),
      'envs/dev/svc.yaml': service('shop', 'reviews'),
      'envs/prod/dr.yaml': destinationRule('shop', 'reviews', 'reviews', ''),
    };
    assert.deepEqual(definition(files, 'envs/prod/dr.yaml', 'host: reviews', 0, 8), ['envs/prod/svc.yaml:4 reviews']);
  });

  test('§B1 nothing here: the rule name, apiVersion, trafficPolicy', () => {
    const files = { 'apps.yaml': apps, 'dr.yaml': destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n') };
    assert.deepEqual(definition(files, 'dr.yaml', 'name: reviews', 0, 7), []);
    assert.deepEqual(definition(files, 'dr.yaml', 'apiVersion'), []);
    assert.deepEqual(definition(files, 'dr.yaml', 'ISTIO_MUTUAL'), []);
  });

  test('nothing here: an unknown path, an offset past the end, a document that is not a resource', () => {
    const files = { 'apps.yaml': apps, 'notes.yaml': 'just: data\nhost: reviews\n' };
    const snapshot = editorSnapshot(files);
    assert.deepEqual(definitionAt(snapshot, 'missing.yaml', 0), []);
    assert.deepEqual(definitionAt(snapshot, 'apps.yaml', apps.length + 50), []);
    assert.deepEqual(definitionAt(snapshot, 'notes.yaml', offsetOf(files['notes.yaml'], 'reviews')), []);
  });
});

describe('definition: from a selector to the workloads it matches', () => {
  test('§A1 a PeerAuthentication selector label leads to that label on every matched workload of its namespace', () => {
    const files = { 'apps.yaml': apps, 'pa.yaml': peerAuthentication('shop', 'reviews', 'STRICT', { selector: { app: 'reviews' } }) };
    assert.deepEqual(definition(files, 'pa.yaml', 'app: "reviews"', 0, 8), [APP_REVIEWS, APP_REVIEWS_V2]);
    assert.deepEqual(definition(files, 'pa.yaml', 'app: "reviews"'), [APP_REVIEWS, APP_REVIEWS_V2]);
  });

  test('§A1 the whole selector (its key or matchLabels) leads to each matched workload name', () => {
    const files = { 'apps.yaml': apps, 'pa.yaml': peerAuthentication('shop', 'reviews', 'STRICT', { selector: { app: 'reviews' } }) };
    assert.deepEqual(definition(files, 'pa.yaml', 'selector:'), [DEP_REVIEWS, DEP_REVIEWS_V2]);
    assert.deepEqual(definition(files, 'pa.yaml', 'matchLabels'), [DEP_REVIEWS, DEP_REVIEWS_V2]);
  });

  test('§A1 subset match: every selector label must be on the workload', () => {
    const files = { 'apps.yaml': apps, 'pa.yaml': peerAuthentication('shop', 'v2', 'STRICT', { selector: { app: 'reviews', version: 'v2' } }) };
    assert.deepEqual(definition(files, 'pa.yaml', 'version'), [VERSION_V2]);
  });

  test('§A1 a PeerAuthentication selects in its own namespace only; a selector matching nothing leads nowhere', () => {
    const files = { 'apps.yaml': apps, 'pa.yaml': peerAuthentication('shop', 'web', 'STRICT', { selector: { app: 'web' } }) };
    assert.deepEqual(definition(files, 'pa.yaml', 'app: "web"'), []);
  });

  test('§D2 a root-namespace AuthorizationPolicy selector leads to workloads of every namespace', () => {
    const files = { 'apps.yaml': apps, 'ap.yaml': ap('istio-system', 'web', '  selector:\n    matchLabels:\n      app: web\n  rules: [{}]\n') };
    assert.deepEqual(definition(files, 'ap.yaml', 'app: web'), [APP_WEB]);
    const local = { 'apps.yaml': apps, 'ap.yaml': ap('shop', 'web', '  selector:\n    matchLabels:\n      app: web\n  rules: [{}]\n') };
    assert.deepEqual(definition(local, 'ap.yaml', 'app: web'), []);
  });

  test('§B4 a DestinationRule workloadSelector leads to the client workloads of its namespace', () => {
    const files = { 'apps.yaml': apps, 'dr.yaml': destinationRule('shop', 'from-ratings', 'reviews', '  workloadSelector:\n    matchLabels:\n      app: ratings\n') };
    assert.deepEqual(definition(files, 'dr.yaml', 'app: ratings', 0, 6), [APP_RATINGS]);
  });

  test('§A1 a Service selector leads to its workloads; flow style works too', () => {
    const files = { 'apps.yaml': apps };
    assert.deepEqual(definition(files, 'apps.yaml', 'app: "reviews"', 4), [APP_REVIEWS, APP_REVIEWS_V2]);
    const flow = { 'apps.yaml': apps, 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: all-reviews, namespace: shop}\nspec:\n  selector: {version: v2}\n  ports: [{port: 80}]\n' };
    assert.deepEqual(definition(flow, 'svc.yaml', 'version'), [VERSION_V2]);
    assert.deepEqual(definition(flow, 'svc.yaml', 'selector'), [DEP_REVIEWS_V2]);
  });

  test('§A1 nothing here: a Deployment own selector and its containers are not navigation sources', () => {
    const files = { 'apps.yaml': apps };
    assert.deepEqual(definition(files, 'apps.yaml', 'app: "reviews"', 0), []);
    assert.deepEqual(definition(files, 'apps.yaml', 'image:'), []);
  });
});

describe('definition: from a principal to the ServiceAccount', () => {
  const policy = ap(
    'shop',
    'allow',
    `  rules:
  - from:
    - source:
        principals:
        - cluster.local/ns/shop/sa/reviews
        - cluster.local/ns/pay/sa/web-sa
        - spiffe://cluster.local/ns/shop/sa/reviews
        - other.org/ns/shop/sa/reviews
        - cluster.local/ns/shop/*
    - source:
        serviceAccounts: [ratings, pay/web-sa]
  - when:
    - key: source.principal
      values: [cluster.local/ns/shop/sa/reviews]
`,
  );
  const files = { 'apps.yaml': apps, 'ap.yaml': policy };

  test('§D5 an exact principal leads to the ServiceAccount object', () => {
    assert.deepEqual(definition(files, 'ap.yaml', '- cluster.local/ns/shop', 0, 2), [SA_REVIEWS]);
  });

  test('§D5 a principal whose ServiceAccount is not declared leads to the workloads running as it', () => {
    assert.deepEqual(definition(files, 'ap.yaml', 'pay/sa/web-sa'), [RUNS_AS_WEB_SA]);
  });

  test('§D5 a spiffe:// principal never matches; §D6 a foreign trust domain is kept verbatim: nowhere', () => {
    assert.deepEqual(definition(files, 'ap.yaml', 'spiffe://'), []);
    assert.deepEqual(definition(files, 'ap.yaml', 'other.org'), []);
  });

  test('§D9 a prefix principal leads to every identity it covers', () => {
    assert.deepEqual(definition(files, 'ap.yaml', 'cluster.local/ns/shop/*'), [SA_REVIEWS, RUNS_AS_RATINGS]);
  });

  test('§D5 the principals key leads to every identity the list matches (the prefix one included)', () => {
    assert.deepEqual(definition(files, 'ap.yaml', 'principals:'), [SA_REVIEWS, RUNS_AS_RATINGS, RUNS_AS_WEB_SA]);
  });

  test('§D3 serviceAccounts: a bare name is in the policy namespace, ns/name elsewhere', () => {
    assert.deepEqual(definition(files, 'ap.yaml', '[ratings', 0, 1), [RUNS_AS_RATINGS]);
    assert.deepEqual(definition(files, 'ap.yaml', 'pay/web-sa]'), [RUNS_AS_WEB_SA]);
  });

  test('§D3 a when source.principal value leads to the ServiceAccount', () => {
    assert.deepEqual(definition(files, 'ap.yaml', 'values: [', 0, 9), [SA_REVIEWS]);
  });

  test('§D6 cluster.local in a principal is rewritten to the mesh trust domain', () => {
    const mesh = { ...files, 'mesh.yaml': meshConfig('trustDomain: example.org') };
    assert.deepEqual(definition(mesh, 'ap.yaml', '- cluster.local/ns/shop', 0, 2), [SA_REVIEWS]);
    // A prefix is not rewritten: cluster.local/ns/shop/* no longer matches example.org certificates.
    assert.deepEqual(definition(mesh, 'ap.yaml', 'cluster.local/ns/shop/*'), []);
  });

  test('§E1 a workload serviceAccountName leads to the ServiceAccount; an undeclared one leads nowhere', () => {
    assert.deepEqual(definition(files, 'apps.yaml', 'serviceAccountName: reviews', 0, 20), [SA_REVIEWS]);
    assert.deepEqual(definition(files, 'apps.yaml', 'serviceAccountName: web-sa', 0, 20), []);
  });
});
