import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver';
import { editorSnapshot } from '../../../support/editor';
import { docs, type Files } from '../../../support/workspace';
import { deployment, service } from '../../../support/fixtures';
import { completionsAt } from '../../../../server/src/features/navigation/completion';
import { meshConfig, serviceAccount, textAt } from './helpers';

const apps = docs(
  deployment('shop', 'reviews', { labels: { app: 'reviews', version: 'v1' }, serviceAccount: 'reviews' }),
  deployment('shop', 'ratings', { labels: { app: 'ratings', tier: '1' } }),
  service('shop', 'reviews'),
  service('shop', 'ratings'),
  serviceAccount('shop', 'reviews'),
  serviceAccount('shop', 'auditor'),
  deployment('pay', 'web', { labels: { app: 'web' }, serviceAccount: 'web-sa' }),
  service('pay', 'web'),
  `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ext-api
  namespace: shop
spec:
  hosts: [api.example.com]
  location: MESH_EXTERNAL
  ports: [{number: 443, name: https, protocol: TLS}]
`,
);

const CURSOR = '|';

/** Completions at the `|` of `doc` (the cursor marker is removed), the document being edit.yaml. */
function complete(doc: string, extra: Files = {}, snapshotText?: string): { items: CompletionItem[]; text: string } {
  const offset = doc.indexOf(CURSOR);
  const text = doc.slice(0, offset) + doc.slice(offset + 1);
  const files = { 'apps.yaml': apps, ...extra, 'edit.yaml': snapshotText ?? text };
  const snapshot = editorSnapshot(files);
  return { items: completionsAt(snapshot, 'edit.yaml', offset, text), text };
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

/** What applying an item's text edit gives. */
function applied(text: string, it: CompletionItem): string {
  const edit = it.textEdit;
  assert.ok(edit && 'range' in edit, 'a plain TextEdit');
  const lines = text.split('\n');
  const startLine = lines[edit.range.start.line];
  assert.equal(edit.range.start.line, edit.range.end.line);
  lines[edit.range.start.line] = startLine.slice(0, edit.range.start.character) + edit.newText + startLine.slice(edit.range.end.character);
  return lines.join('\n');
}

const pa = (body: string) => `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\n  namespace: shop\nspec:\n${body}`;
const dr = (body: string, ns = 'shop') => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: d\n  namespace: ${ns}\nspec:\n${body}`;
const authz = (body: string, ns = 'shop') => `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: a\n  namespace: ${ns}\nspec:\n${body}`;

describe('completion of mode enums', () => {
  test('§A5 PeerAuthentication mtls.mode on an incomplete line: UNSET, DISABLE, PERMISSIVE, STRICT', () => {
    const { items, text } = complete(pa('  mtls:\n    mode: |'));
    assert.deepEqual(labels(items), ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']);
    assert.ok(applied(text, items[3]).endsWith('    mode: STRICT'));
  });

  test('§A6 PeerAuthentication portLevelMtls mode: the partial value is replaced', () => {
    const { items, text } = complete(pa('  selector:\n    matchLabels:\n      app: reviews\n  portLevelMtls:\n    "8080":\n      mode: ST|RI\n'));
    const strict = items.find((i) => i.label === 'STRICT')!;
    assert.equal(textAt(text, (strict.textEdit as { range: Parameters<typeof textAt>[1] }).range), 'STRI');
    assert.ok(applied(text, strict).includes('      mode: STRICT\n'));
  });

  test('§A5 right after `mode:` a space is inserted with the value', () => {
    const { items, text } = complete(pa('  mtls:\n    mode:|'));
    assert.ok(applied(text, items.find((i) => i.label === 'DISABLE')!).endsWith('    mode: DISABLE'));
  });

  test('§B9 DestinationRule tls.mode at any level: DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL', () => {
    const top = complete(dr('  host: reviews\n  trafficPolicy:\n    tls:\n      mode: |\n'));
    assert.deepEqual(labels(top.items), ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']);
    const port = complete(dr('  host: reviews\n  trafficPolicy:\n    portLevelSettings:\n    - port:\n        number: 80\n      tls:\n        mode: IS|\n'));
    assert.deepEqual(labels(port.items), ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']);
    const subset = complete(dr('  host: reviews\n  subsets:\n  - name: v1\n    trafficPolicy:\n      tls:\n        mode: |\n'));
    assert.deepEqual(labels(subset.items), ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']);
  });

  test('§A5 a flow-style value is completed from the YAML path', () => {
    const { items, text } = complete(pa('  mtls: {mode: ST|RICT}\n'));
    assert.deepEqual(labels(items), ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']);
    assert.ok(applied(text, items[1]).includes('mtls: {mode: DISABLE}'));
  });

  test('§A5 §B9 nothing here: a mode key of the wrong kind or place, kind, metadata, the separator', () => {
    assert.deepEqual(complete(dr('  host: reviews\n  mtls:\n    mode: |\n')).items, []);
    assert.deepEqual(complete(pa('  tls:\n    mode: |\n')).items, []);
    assert.deepEqual(complete('apiVersion: v1\nkind: |\n').items, []);
    assert.deepEqual(complete(pa('  mtls:\n    mode: STRICT\n').replace('name: p', 'name: |p')).items, []);
    assert.deepEqual(complete(`${pa('  mtls:\n    mode: STRICT\n')}--|-\n`).items, []);
  });
});

describe('completion of hosts', () => {
  test('§B1 DestinationRule host: same-namespace Services by short name, others by FQDN, ServiceEntry hosts', () => {
    const { items, text } = complete(dr('  host: rev|\n'));
    assert.deepEqual(labels(items).sort(), ['api.example.com', 'ratings', 'reviews', 'web.pay.svc.cluster.local']);
    const reviews = items.find((i) => i.label === 'reviews')!;
    assert.equal(reviews.detail, 'Service shop/reviews');
    assert.ok(applied(text, reviews).includes('  host: reviews\n'));
  });

  test('§B1 in another namespace the Services of shop are offered by FQDN', () => {
    const { items } = complete(dr('  host: |\n', 'pay'));
    assert.deepEqual(labels(items).sort(), ['api.example.com', 'ratings.shop.svc.cluster.local', 'reviews.shop.svc.cluster.local', 'web']);
  });

  test('§B1 a VirtualService destination host', () => {
    const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v, namespace: shop}\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination:\n        host: |\n';
    assert.ok(labels(complete(vs).items).includes('reviews'));
  });

  test('§B1 the document may not load yet, and may be ahead of the snapshot', () => {
    // `subsets:` below has no value and a broken line: the document does not load.
    const broken = dr('  host: |\n  subsets\n  - name: [\n');
    assert.ok(labels(complete(broken).items).includes('reviews'));
    // The snapshot still has the old text of edit.yaml (no host line).
    const ahead = complete(dr('  host: rat|\n'), {}, dr('  trafficPolicy: {}\n'));
    assert.ok(labels(ahead.items).includes('ratings'));
  });

  test('§B1 nothing here: a subset name, a host key of another kind', () => {
    assert.deepEqual(complete(dr('  host: reviews\n  subsets:\n  - name: |\n')).items, []);
    assert.deepEqual(complete(pa('  host: |\n')).items, []);
  });
});

describe('completion of principals and service accounts', () => {
  const principals = (ns = 'shop') => authz('  rules:\n  - from:\n    - source:\n        principals:\n        - |\n', ns);

  test('§D5 principals: <trustDomain>/ns/<ns>/sa/<sa> for declared ServiceAccounts and workload accounts', () => {
    const { items } = complete(principals());
    assert.deepEqual(labels(items).sort(), [
      'cluster.local/ns/pay/sa/web-sa',
      'cluster.local/ns/shop/sa/auditor',
      'cluster.local/ns/shop/sa/ratings',
      'cluster.local/ns/shop/sa/reviews',
    ]);
  });

  test('§D5 §F4 the mesh trust domain is used', () => {
    const { items } = complete(principals(), { 'mesh.yaml': meshConfig('trustDomain: example.org') });
    assert.ok(labels(items).includes('example.org/ns/shop/sa/reviews'));
    assert.ok(!labels(items).some((l) => l.startsWith('cluster.local/')));
  });

  test('§D5 a partial principal is replaced whole (slashes and dots included)', () => {
    const { items, text } = complete(authz('  rules:\n  - from:\n    - source:\n        notPrincipals:\n        - cluster.local/ns/sh|\n'));
    const it = items.find((i) => i.label === 'cluster.local/ns/shop/sa/auditor')!;
    assert.ok(applied(text, it).includes('        - cluster.local/ns/shop/sa/auditor\n'));
  });

  test('§D5 a flow-style principals list is completed from the YAML path', () => {
    const { items, text } = complete(authz('  rules:\n  - from:\n    - source:\n        principals: [cluster.local/ns/pay|]\n'));
    const it = items.find((i) => i.label === 'cluster.local/ns/pay/sa/web-sa')!;
    assert.ok(applied(text, it).includes('principals: [cluster.local/ns/pay/sa/web-sa]\n'));
  });

  test('§D3 serviceAccounts: <ns>/<sa>', () => {
    const { items } = complete(authz('  rules:\n  - from:\n    - source:\n        serviceAccounts:\n        - |\n'));
    assert.ok(labels(items).includes('shop/reviews'));
    assert.ok(labels(items).includes('pay/web-sa'));
  });

  test('§D5 nothing here: a namespaces list, a principals item of another kind', () => {
    assert.deepEqual(complete(authz('  rules:\n  - from:\n    - source:\n        namespaces:\n        - |\n')).items, []);
    assert.deepEqual(complete(pa('  rules:\n  - from:\n    - source:\n        principals:\n        - |\n')).items, []);
  });
});

describe('completion of selector labels', () => {
  test('§A1 a new matchLabels key: the label pairs of the namespace workloads', () => {
    const { items, text } = complete(pa('  selector:\n    matchLabels:\n      |\n'));
    assert.deepEqual(labels(items).sort(), ['app: ratings', 'app: reviews', 'tier: "1"', 'version: v1']);
    assert.ok(applied(text, items.find((i) => i.label === 'app: reviews')!).includes('      app: reviews\n'));
  });

  test('§A1 a partial key under matchLabels is completed', () => {
    const { items, text } = complete(pa('  selector:\n    matchLabels:\n      version: v1\n      ap|\n'));
    const it = items.find((i) => i.label === 'app: ratings')!;
    assert.ok(applied(text, it).endsWith('      version: v1\n      app: ratings\n'));
  });

  test('§A1 in the middle of an existing key, the whole pair is replaced', () => {
    const { items, text } = complete(pa('  selector:\n    matchLabels:\n      ap|p: reviews  # pick\n'));
    assert.ok(applied(text, items.find((i) => i.label === 'app: ratings')!).includes('      app: ratings  # pick\n'));
  });

  test('§A1 the value of a label key: the values workloads carry, quoted when YAML would not read a string', () => {
    const { items } = complete(pa('  selector:\n    matchLabels:\n      app: |\n'));
    assert.deepEqual(labels(items).sort(), ['ratings', 'reviews']);
    const tier = complete(pa('  selector:\n    matchLabels:\n      tier: |\n')).items;
    assert.deepEqual(tier.map((i) => (i.textEdit as { newText: string }).newText), ['"1"']);
    const quoted = complete(pa('  selector:\n    matchLabels:\n      tier: "|"\n')).items;
    assert.deepEqual(quoted.map((i) => (i.textEdit as { newText: string }).newText), ['1']);
  });

  test('§D2 a root AuthorizationPolicy selector offers labels of every namespace', () => {
    const { items } = complete(authz('  selector:\n    matchLabels:\n      app: |\n', 'istio-system'));
    assert.deepEqual(labels(items).sort(), ['ratings', 'reviews', 'web']);
  });

  test('§B4 §A1 DestinationRule workloadSelector, Service selector, ServiceEntry workloadSelector', () => {
    assert.ok(labels(complete(dr('  host: reviews\n  workloadSelector:\n    matchLabels:\n      app: |\n')).items).includes('reviews'));
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: pay\nspec:\n  selector:\n    |\n';
    assert.deepEqual(labels(complete(svc).items), ['app: web']);
    const se = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: s\n  namespace: shop\nspec:\n  workloadSelector:\n    labels:\n      app: |\n';
    assert.deepEqual(labels(complete(se).items).sort(), ['ratings', 'reviews']);
  });

  test('§A1 the namespace of a document in a multi-document file is its own', () => {
    const doc = docs(pa('  mtls: {mode: STRICT}\n'), pa('  selector:\n    matchLabels:\n      app: |\n').replace('namespace: shop', 'namespace: pay'));
    assert.deepEqual(labels(complete(doc).items), ['web']);
  });

  test('§A1 nothing here: a Deployment own selector, labels of metadata', () => {
    assert.deepEqual(complete(deployment('shop', 'x').replace('      app: "x"', '      app: |')).items, []);
    assert.deepEqual(complete(pa('  mtls: {mode: STRICT}\n').replace('  name: p\n', '  name: p\n  labels:\n    app: |\n')).items, []);
  });
});
