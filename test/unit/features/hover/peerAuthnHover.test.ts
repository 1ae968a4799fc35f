import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication } from '../../../support/fixtures';
import { hoverOf, hoverText, lineOf, link, rowsWith } from './hoverText';

const mesh = docs(
  peerAuthentication('istio-system', 'default', 'STRICT'),
  peerAuthentication('istio-system', 'by-selector', 'DISABLE', { selector: { app: 'x' } }),
);
const shop = docs(
  namespace('shop', { 'istio-injection': 'enabled' }),
  namespace('web', { 'istio-injection': 'enabled' }),
  deployment('web', 'client'),
  deployment('shop', 'reviews', { labels: { app: 'reviews', tier: 'backend' }, ports: [{ name: 'http', containerPort: 9080 }] }),
  deployment('shop', 'ratings', { labels: { app: 'ratings', tier: 'backend' }, ports: [{ name: 'http', containerPort: 9080 }, { containerPort: 15000 }] }),
  deployment('shop', 'legacy-app', { annotations: { 'sidecar.istio.io/inject': 'false' } }),
  peerAuthentication('shop', 'default', 'PERMISSIVE', { created: '2024-01-01T00:00:00Z' }),
  peerAuthentication('shop', 'newer', 'DISABLE', { created: '2024-02-01T00:00:00Z' }),
  peerAuthentication('shop', 'ratings', 'STRICT', { selector: { app: 'ratings' }, portLevel: { '15000': 'DISABLE' }, created: '2024-01-01T00:00:00Z' }),
  peerAuthentication('shop', 'ratings-dup', 'DISABLE', { selector: { app: 'ratings' }, created: '2024-05-01T00:00:00Z' }),
  peerAuthentication('shop', 'wide', 'STRICT', { selector: { tier: 'backend' }, created: '2024-06-01T00:00:00Z' }),
);
const files = { 'mesh.yaml': mesh, 'shop.yaml': shop };

/** Links the hovers use: workloads at `metadata.name`, policies at the `mode` they set. */
const wl = (ns: string, name: string) => link(`${ns}/${name}`, 'shop.yaml', lineOf(shop, `name: ${name}\n  namespace: ${ns}`));
const meshDefault = link('istio-system/default', 'mesh.yaml', lineOf(mesh, 'mode: STRICT'));
/** A PeerAuthentication of shop.yaml: its `metadata.name` line and the line of its first `mode`. */
const paStart = (name: string) => shop.indexOf(`kind: PeerAuthentication\nmetadata:\n  name: ${name}\n`);
const policyName = (name: string) => link(`shop/${name}`, 'shop.yaml', shop.slice(0, paStart(name)).split('\n').length + 2);
const policyMode = (name: string) => link(`shop/${name}`, 'shop.yaml', shop.slice(0, shop.indexOf('mode:', paStart(name))).split('\n').length);

describe('PeerAuthentication hover', () => {
  test('§A5 mesh-level: the effective mode per workload with its chain, and the workloads a more specific policy takes', () => {
    const md = hoverText(files, 'name: default', 0, 'mesh.yaml');
    assert.ok(md.startsWith('**PeerAuthentication `istio-system/default`** · mesh-level (selector-less, in the root namespace `istio-system`) · mode STRICT'), md);
    assert.match(md, /\*\*Effective mode\*\* \(§A5, §A7\) on 1 workload it governs:/);
    assert.deepEqual(rowsWith(md, 'web/client'), [`| ${wl('web', 'client')} | all ports | **STRICT** | mesh ${meshDefault} **STRICT** |`]);
    assert.match(md, /\*\*Overridden\*\* on 2 workloads it would govern:/);
    assert.deepEqual(rowsWith(md, wl('shop', 'reviews')), [`| ${wl('shop', 'reviews')} | all ports | **STRICT** | workload-level ${policyName('wide')} (more specific, §A5) |`]);
    assert.deepEqual(rowsWith(md, wl('shop', 'ratings')), [
      `| ${wl('shop', 'ratings')} | 9080 and other ports | **STRICT** | workload-level ${policyName('ratings')} (more specific, §A5) |`,
      `| ${wl('shop', 'ratings')} | 15000 | **DISABLE** | port-level entry of ${policyName('ratings')} (more specific, §A5) |`,
    ]);
    assert.ok(md.endsWith(`Not enforced on 1 workload without a sidecar (§A11): ${wl('shop', 'legacy-app')}.`), md);
  });

  test('§A2 a selector in the root namespace: the hover says "ignored" first and lists nothing', () => {
    const md = hoverText(files, 'name: by-selector', 0, 'mesh.yaml');
    const [header, second, ...rest] = md.split('\n\n');
    assert.equal(header, '**PeerAuthentication `istio-system/by-selector`** · selector `app=x` in the root namespace `istio-system` · mode DISABLE');
    assert.equal(second, '⚠️ **Ignored** (§A2): a PeerAuthentication with a selector in the root namespace `istio-system` is ignored entirely, for every workload (only AuthorizationPolicy honours root selectors).');
    assert.deepEqual(rest, []);
  });

  test('§A3 a newer namespace-level policy: ignored first, naming the older one, and every workload it would govern is taken by it', () => {
    const md = hoverText(files, 'name: newer');
    assert.equal(md.split('\n\n')[1], `⚠️ **Ignored** (§A3): the namespace-level policy ${policyName('default')} is older, and Istio keeps only the oldest namespace-level policy.`);
    assert.doesNotMatch(md, /Effective mode/);
    assert.deepEqual(rowsWith(md, wl('shop', 'reviews')), [`| ${wl('shop', 'reviews')} | all ports | **STRICT** | namespace-level ${policyName('default')} (older, §A3/§A4) |`]);
    assert.equal(rowsWith(md, wl('shop', 'ratings')).length, 2);
  });

  test('§A3 same creationTimestamp (or none): the name decides, and the hover says so', () => {
    const yaml = docs(namespace('a', { 'istio-injection': 'enabled' }), deployment('a', 'app'), peerAuthentication('a', 'beta', 'DISABLE'), peerAuthentication('a', 'alpha', 'STRICT'));
    const md = hoverText(yaml, 'name: beta');
    assert.match(md, /the namespace-level policy \[a\/alpha\]\(file:\/\/\/workspace\/test\.yaml#L\d+\) is older \(same age: the name decides\)/);
    assert.deepEqual(rowsWith(hoverText(yaml, 'name: alpha'), '[a/app]').map((r) => r.split(' | ')[2]), ['**STRICT**']);
  });

  test('§A5 §A7 workload-level with portLevelMtls: one row per port group, the port step deciding its port', () => {
    const md = hoverText(files, 'name: ratings\n  namespace: shop\n  creation', 0, 'shop.yaml');
    assert.ok(md.startsWith('**PeerAuthentication `shop/ratings`** · workload-level, selector `app=ratings` · mode STRICT · port 15000 DISABLE'), md);
    const portLine = link('shop/ratings', 'shop.yaml', lineOf(shop, 'mode: DISABLE', 1));
    const chain = `mesh ${meshDefault} STRICT → namespace ${policyMode('default')} PERMISSIVE → workload ${policyMode('ratings')}`;
    assert.deepEqual(rowsWith(md, wl('shop', 'ratings')), [
      `| ${wl('shop', 'ratings')} | 9080 and other ports | **STRICT** | ${chain} **STRICT** |`,
      `| ${wl('shop', 'ratings')} | 15000 | **DISABLE** | ${chain} STRICT → port 15000 ${portLine} **DISABLE** |`,
    ]);
  });

  test('§A4 a newer workload-level policy loses on every workload it selects: ignored, with the older winner', () => {
    const md = hoverText(files, 'name: ratings-dup');
    assert.equal(md.split('\n\n')[1], `⚠️ **Ignored** (§A4): every workload it selects is governed by an older workload-level policy (${policyName('ratings')}); no merging, so its portLevelMtls is ignored too.`);
    assert.deepEqual(rowsWith(md, 'older').length, 2);
  });

  test('§A4 a workload-level policy that loses on one workload still governs another', () => {
    const md = hoverText(files, 'name: wide');
    assert.doesNotMatch(md, /Ignored/);
    assert.deepEqual(rowsWith(md, wl('shop', 'reviews')), [
      `| ${wl('shop', 'reviews')} | all ports | **STRICT** | mesh ${meshDefault} STRICT → namespace ${policyMode('default')} PERMISSIVE → workload ${policyMode('wide')} **STRICT** |`,
    ]);
    assert.deepEqual(rowsWith(md, wl('shop', 'ratings')).map((r) => r.split(' | ').slice(1).join(' | ')), [
      `9080 and other ports | **STRICT** | workload-level ${policyName('ratings')} (older, §A3/§A4) |`,
      `15000 | **DISABLE** | workload-level ${policyName('ratings')} (older, §A3/§A4) |`,
    ]);
  });

  test('§A5 an UNSET namespace policy passes the parent mode on; with no mode anywhere the built-in PERMISSIVE decides', () => {
    const inherits = docs(namespace('a', { 'istio-injection': 'enabled' }), deployment('a', 'app'), peerAuthentication('istio-system', 'mesh', 'STRICT'), peerAuthentication('a', 'ns', undefined));
    const md = hoverText(inherits, 'name: ns');
    assert.ok(md.startsWith('**PeerAuthentication `a/ns`** · namespace-level for `a` · mode UNSET (inherits)'), md);
    assert.match(rowsWith(md, '[a/app]')[0], /\| \*\*STRICT\*\* \| mesh \[istio-system\/mesh\]\([^)]+\) \*\*STRICT\*\* → namespace \[a\/ns\]\([^)]+\) UNSET \(inherits\) \|$/);
    const nothing = docs(namespace('a', { 'istio-injection': 'enabled' }), deployment('a', 'app'), peerAuthentication('a', 'ns', undefined));
    assert.match(rowsWith(hoverText(nothing, 'name: ns'), '[a/app]')[0], /\| \*\*PERMISSIVE\*\* \| namespace \[a\/ns\]\([^)]+\) UNSET \(inherits\) → built-in \*\*PERMISSIVE\*\* \|$/);
  });

  test('§A1 a namespace-level policy with no workload in its namespace says so', () => {
    assert.match(hoverText(peerAuthentication('empty', 'default', 'STRICT'), 'mode: STRICT'), /It governs no workload of the workspace in `empty`\.$/);
  });

  test('§A5 tables stay short: at most 8 rows, then "and N more"', () => {
    const many = docs(...Array.from({ length: 11 }, (_, i) => deployment('web', `app-${i}`, { labels: { 'sidecar.istio.io/inject': 'true' } })), peerAuthentication('istio-system', 'default', 'STRICT'));
    const md = hoverText(many, 'name: default');
    assert.match(md, /on 11 workloads it governs:/);
    assert.equal(rowsWith(md, '[web/app-').length, 8);
    assert.match(md, /\n\n_and 3 more_$/);
  });

  test('the hover range is the hovered key or value, anywhere in the resource', () => {
    const h = hoverOf(files, 'mesh.yaml', 'STRICT');
    const line = lineOf(mesh, 'mode: STRICT') - 1;
    assert.deepEqual(h?.range, { start: { line, character: 10 }, end: { line, character: 16 } });
    assert.match((hoverOf(files, 'mesh.yaml', 'apiVersion')?.contents as { value: string }).value, /^\*\*PeerAuthentication `istio-system\/default`\*\*/);
  });
});
