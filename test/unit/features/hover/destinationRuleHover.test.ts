import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { hoverText, lineOf, link, rowsWith } from './hoverText';

const tls = (mode: string) => `  trafficPolicy:\n    tls:\n      mode: ${mode}\n`;
const created = (doc: string, at: string) => doc.replace('metadata:\n', `metadata:\n  creationTimestamp: "${at}"\n`);

const servers = docs(
  namespace('shop', { 'istio-injection': 'enabled' }),
  namespace('web', { 'istio-injection': 'enabled' }),
  namespace('legacy', { 'istio-injection': 'enabled' }),
  deployment('web', 'client'),
  deployment('legacy', 'old', { labels: { app: 'old' } }),
  deployment('shop', 'reviews', { ports: [{ name: 'http', containerPort: 9080 }] }),
  service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }]),
  peerAuthentication('shop', 'default', 'STRICT'),
);
const rules = docs(
  created(destinationRule('shop', 'reviews', 'reviews', tls('ISTIO_MUTUAL')), '2020-01-01T00:00:00Z'),
  created(destinationRule('shop', 'reviews-newer', 'reviews', tls('DISABLE')), '2024-01-01T00:00:00Z'),
  destinationRule('legacy', 'catch-all', '"*.local"', tls('DISABLE')),
  destinationRule('web', 'private', 'reviews.shop.svc.cluster.local', `  exportTo: ["legacy"]\n${tls('SIMPLE')}`),
  destinationRule('shop', 'nothing', 'nothing', tls('DISABLE')),
);
const files = { 'servers.yaml': servers, 'rules.yaml': rules };

const drLink = (ns: string, name: string) => link(`${ns}/${name}`, 'rules.yaml', lineOf(rules, `name: ${name}\n`));
const serviceLink = link('Service shop/reviews', 'servers.yaml', lineOf(servers, 'kind: Service\n') + 2);
const strictShop = `**STRICT** on 9080 (namespace ${link('shop/default', 'servers.yaml', lineOf(servers, 'mode: STRICT'))})`;

describe('DestinationRule hover', () => {
  test('§B1 §B3 host resolution, the Service ports it resolves to, and the client namespaces it is in force for', () => {
    const md = hoverText(files, 'mode: ISTIO_MUTUAL');
    const [header, resolves, inForce, shadowed] = md.split('\n\n');
    assert.equal(header, '**DestinationRule `shop/reviews`** · host `reviews` → `reviews.shop.svc.cluster.local` (§B1)');
    assert.equal(resolves, `Resolves to ${serviceLink} port 80.`);
    // `shop` is the service namespace and its own client namespace: step 1 finds the rule first (§B3).
    assert.equal(inForce, '**In force** for: `web` and other namespaces (from the service namespace, §B3 step 2); `shop` (from the client namespace, §B3 step 1).');
    assert.equal(shadowed, `**Shadowed** for \`legacy\` by ${drLink('legacy', 'catch-all')} (host \`*.local\`), from the client namespace, §B3 step 1.`);
    assert.deepEqual(rowsWith(md, 'reviews:80'), [`| reviews:80 (http) | \`web\`, \`shop\` and other namespaces | ISTIO_MUTUAL (top level) | ${strictShop} | mTLS |`]);
  });

  test('§B3 (a) §C2 a wildcard rule in the client namespace beats the exact host: in force for legacy, and plaintext to STRICT fails', () => {
    const md = hoverText(files, 'name: catch-all');
    assert.match(md, /\*\*In force\*\* for: `legacy` \(from the client namespace, §B3 step 1\)\./);
    assert.deepEqual(rowsWith(md, 'reviews:80'), [
      `| reviews:80 (http) | \`legacy\` | DISABLE (top level) | ${strictShop} | **fails** (§C2): sends plaintext (tls.mode DISABLE); the STRICT sidecar has no plaintext filter chain: the connection is reset |`,
    ]);
  });

  test('§B5 a newer rule for the same host in the same namespace is merged and its trafficPolicy dropped', () => {
    const md = hoverText(files, 'name: reviews-newer');
    assert.match(md, /\*\*Not in force\*\* for any client\./);
    for (const who of ['`web` and other namespaces', '`shop`']) {
      assert.ok(md.includes(`**Merged, trafficPolicy dropped** (§B5) for ${who}: the older ${drLink('shop', 'reviews')} (host \`reviews.shop.svc.cluster.local\`) supplies the whole trafficPolicy.`), md);
    }
    assert.deepEqual(rowsWith(md, 'reviews:80').map((r) => r.split(' | ')[2]), [`ISTIO_MUTUAL (top level) from ${drLink('shop', 'reviews')}`]);
  });

  test('§B3 (b) exportTo naming another namespace keeps the rule from its own namespace; §B3 other namespaces are never consulted', () => {
    const md = hoverText(files, 'name: private');
    assert.match(md, /· exportTo `legacy`/);
    assert.match(md, /Not used by `web`: exportTo keeps the rule from them \(§B3\)\./);
    assert.match(md, /Not used by `legacy`, `shop` and other namespaces: the lookup reads only the client's namespace, the service's and the root namespace, and the rule lives in none of them \(§B3\)\./);
    assert.doesNotMatch(md, /\*\*Outcome\*\*/);
  });

  test('§B1 a host that matches no Service or ServiceEntry has no effect', () => {
    const md = hoverText(files, 'name: nothing');
    assert.equal(md.split('\n\n')[1], '⚠️ `nothing.shop.svc.cluster.local` matches no Service or ServiceEntry of the workspace: the rule has no effect (§B1).');
  });

  test('§B6 §B8 a port-level `tls: {}` replaces the top level on its port and means DISABLE; hovering a block says where it is in force', () => {
    const yaml = docs(
      servers,
      destinationRule('shop', 'ports', 'reviews', `${tls('ISTIO_MUTUAL')}    portLevelSettings:\n    - port: {number: 80}\n      tls: {}\n`),
    );
    const onPort = hoverText(yaml, 'tls: {}');
    assert.match(onPort, /This `tls` block is in force for reviews:80 \(http\) from `legacy`, `web`, `shop` and other namespaces\./);
    assert.match(rowsWith(onPort, 'reviews:80')[0], /\| DISABLE \(no mode, §B8\) \(port 80 entry\) \| .* \| \*\*fails\*\* \(§C2\): sends plaintext \(a tls block without mode means DISABLE \(§B8\)\);/);
    assert.match(hoverText(yaml, 'mode: ISTIO_MUTUAL'), /This `tls` block is in force for no client \(another level, rule or subset takes precedence, §B6\/§B7\)\./);
  });

  test('§B4 a workloadSelector rule is in force only for the proxies it selects; the others of its namespace get no rule', () => {
    const yaml = docs(
      servers,
      deployment('legacy', 'other', { labels: { app: 'other' } }),
      destinationRule('shop', 'reviews', 'reviews', tls('ISTIO_MUTUAL')),
      destinationRule('legacy', 'sel', 'reviews.shop.svc.cluster.local', `  workloadSelector:\n    matchLabels:\n      app: old\n${tls('ISTIO_MUTUAL')}`),
    );
    const sel = hoverText(yaml, 'name: sel');
    assert.match(sel, /workloadSelector `app=old`: only matching proxies of `legacy` \(§B4\)/);
    assert.match(sel, /\*\*In force\*\* for: `legacy` \(old\) \(from the client namespace, §B3 step 1\)\./);
    assert.match(sel, /Not used by `legacy` \(other\): their labels do not match the workloadSelector \(§B4\)\./);
    assert.match(sel, /Not used by `web`, `shop` and other namespaces: a workloadSelector rule applies only to proxies of its own namespace \(§B4\)\./);
    const exact = hoverText(yaml, 'name: reviews\n  namespace: shop\nspec:\n  host');
    assert.match(exact, /\*\*Shadowed\*\* for `legacy` \(old\) by \[legacy\/sel\]/);
    assert.match(exact, /\*\*Shadowed\*\* for `legacy` \(other\): their namespace has workloadSelector rules for this host that do not select them, which ends the lookup with no DestinationRule \(§B3 step 1, §B4\)\./);
  });

  test('§B3 a namespace with no injected client still gets a row: what a sidecar there would meet', () => {
    const yaml = docs(servers, destinationRule('batch', 'to-reviews', 'reviews.shop.svc.cluster.local', tls('DISABLE')));
    const md = hoverText(yaml, 'name: to-reviews');
    assert.match(md, /\*\*In force\*\* for: `batch` \(no injected client\) \(from the client namespace, §B3 step 1\)\./);
    assert.match(rowsWith(md, 'reviews:80')[0], /^\| reviews:80 \(http\) \| `batch` \(no injected client\) \| DISABLE \(top level\) \| .* \| \*\*fails\*\* \(§C2\)/);
  });

  test('§B7 §C5 a routed subset gets its own row; an unrouted one does not', () => {
    const yaml = docs(
      servers,
      peerAuthentication('shop', 'off', 'DISABLE', { selector: { app: 'reviews' } }),
      destinationRule('shop', 'reviews', 'reviews', '  subsets:\n  - name: v1\n    labels: {version: v1}\n  - name: v2\n    labels: {version: v2}\n    trafficPolicy:\n      tls:\n        mode: ISTIO_MUTUAL\n'),
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r, namespace: shop}\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v2}\n',
    );
    const rows = rowsWith(hoverText(yaml, 'name: v2'), 'reviews:80');
    assert.equal(rows.length, 2);
    assert.match(rows[0], /\| reviews:80 \(http\) \| .* \| auto mTLS \(no tls\) \| \*\*DISABLE\*\* on 9080 .* \| plaintext \(auto mTLS sends plaintext to an endpoint whose workload- or port-level mode is DISABLE \(§B11\)\) \|$/);
    assert.match(rows[1], /\| reviews:80 \(http\) subset v2 \| .* \| ISTIO_MUTUAL \(subset v2\) \| .* \| \*\*fails\*\* \(§C5\): sends mTLS .*the DISABLE sidecar reads the ClientHello as plaintext: 503 UF,URX \|$/);
  });

  test('§B9 §C4 ISTIO_MUTUAL to a MESH_EXTERNAL ServiceEntry fails: no sidecar there', () => {
    const yaml = docs(
      namespace('web', { 'istio-injection': 'enabled' }),
      deployment('web', 'client'),
      'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext, namespace: web}\nspec:\n  hosts: [api.example.com]\n  location: MESH_EXTERNAL\n  ports: [{number: 443, name: tls, protocol: TLS}]\n  resolution: DNS\n',
      destinationRule('web', 'ext', 'api.example.com', tls('ISTIO_MUTUAL')),
    );
    const md = hoverText(yaml, 'mode: ISTIO_MUTUAL');
    assert.match(md, /Resolves to \[ServiceEntry web\/ext \(api\.example\.com\)\]\([^)]+\) port 443\./);
    assert.match(rowsWith(md, 'api.example.com:443')[0], /\| MESH_EXTERNAL: no sidecar \| \*\*fails\*\* \(§C4\): sends mTLS/);
  });
});
