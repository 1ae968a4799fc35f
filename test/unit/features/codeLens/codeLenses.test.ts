import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { editorSnapshot } from '../../../support/editor';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { codeLenses } from '../../../../server/src/features/codeLens/codeLenses';

const tls = (mode: string) => `  trafficPolicy:\n    tls:\n      mode: ${mode}\n`;
const created = (doc: string, at: string) => doc.replace('metadata:\n', `metadata:\n  creationTimestamp: "${at}"\n`);

/** `line: title` of every lens of a file. */
function lenses(files: Record<string, string>, path: string): string[] {
  return codeLenses(editorSnapshot(files), path).map((l) => `${l.range.start.line}: ${l.command?.title}`);
}

function titles(files: Record<string, string>, path: string): string[] {
  return lenses(files, path).map((l) => l.slice(l.indexOf(': ') + 2));
}

const workloads = docs(
  namespace('shop', { 'istio-injection': 'enabled' }),
  namespace('web', { 'istio-injection': 'enabled' }),
  namespace('legacy', { 'istio-injection': 'enabled' }),
  deployment('web', 'client'),
  deployment('legacy', 'old'),
  deployment('shop', 'reviews', { labels: { app: 'reviews', tier: 'backend' }, ports: [{ name: 'http', containerPort: 9080 }] }),
  deployment('shop', 'ratings', { labels: { app: 'ratings', tier: 'backend' }, ports: [{ name: 'http', containerPort: 9080 }, { containerPort: 15000 }] }),
  deployment('shop', 'details'),
  deployment('shop', 'batch', { annotations: { 'sidecar.istio.io/inject': 'false' } }),
  service('shop', 'reviews', [{ name: 'http', port: 80, targetPort: 9080 }]),
  service('shop', 'ratings', [{ name: 'http', port: 80, targetPort: 9080 }]),
);

describe('PeerAuthentication code lens', () => {
  const policies = docs(
    peerAuthentication('istio-system', 'mesh', 'STRICT'),
    peerAuthentication('istio-system', 'root-selector', 'DISABLE', { selector: { app: 'reviews' } }),
    peerAuthentication('shop', 'default', 'STRICT', { created: '2024-01-01T00:00:00Z' }),
    peerAuthentication('shop', 'newer', 'PERMISSIVE', { created: '2024-02-01T00:00:00Z' }),
    peerAuthentication('shop', 'ratings', 'DISABLE', { selector: { app: 'ratings' }, portLevel: { '15000': 'STRICT' }, created: '2024-01-01T00:00:00Z' }),
    peerAuthentication('shop', 'ratings-again', 'PERMISSIVE', { selector: { app: 'ratings' }, created: '2024-03-01T00:00:00Z' }),
    peerAuthentication('shop', 'inherit', undefined, { selector: { app: 'reviews' } }),
    peerAuthentication('empty', 'default', 'STRICT'),
  );
  const files = { 'w.yaml': workloads, 'p.yaml': policies };

  test('§A5 one verdict per policy, above its document: modes on governed workloads, overridden and sidecar-less counts', () => {
    const lines = policies.split('\n');
    const starts = lines.flatMap((l, i) => (l.startsWith('apiVersion:') ? [i] : []));
    assert.deepEqual(
      lenses(files, 'p.yaml').map((l) => Number(l.split(':')[0])),
      starts,
    );
    assert.deepEqual(titles(files, 'p.yaml'), [
      'STRICT on 2 workloads · 3 overridden · 1 without sidecar',
      'ignored: root-namespace selector',
      'STRICT on 2 workloads · 1 overridden · 1 without sidecar',
      'ignored: older namespace-level shop/default wins',
      'DISABLE on 1 workload · STRICT on 1',
      'ignored: older shop/ratings wins on every workload',
      'STRICT (inherited) on 1 workload',
      'STRICT · no workload in scope',
    ]);
  });

  test('lenses carry a title and a command that runs nothing; other kinds get none', () => {
    const all = codeLenses(editorSnapshot(files), 'p.yaml');
    assert.ok(all.every((l) => l.command?.command === '' && l.range.start.line === l.range.end.line));
    assert.deepEqual(codeLenses(editorSnapshot(files), 'w.yaml'), []);
    assert.deepEqual(codeLenses(editorSnapshot(files), 'missing.yaml'), []);
  });
});

describe('DestinationRule code lens', () => {
  test('§B3 §C mTLS to N services, failures by client namespace, and namespaces where another rule shadows it', () => {
    const rules = docs(
      destinationRule('shop', 'all-shop', '"*.shop.svc.cluster.local"', tls('ISTIO_MUTUAL')),
      destinationRule('legacy', 'legacy-plain', '"*.local"', tls('DISABLE')),
    );
    const files = { 'w.yaml': docs(workloads, peerAuthentication('shop', 'strict', 'STRICT', { selector: { app: 'reviews' } })), 'r.yaml': rules };
    assert.deepEqual(titles(files, 'r.yaml'), [
      'mTLS to 2 services · shadowed for namespace legacy',
      'plaintext to 1 service · fails from namespace legacy',
    ]);
  });

  test('§B5 §B3 §B1 a dropped trafficPolicy, a rule no client uses, and a host that matches nothing', () => {
    const rules = docs(
      created(destinationRule('shop', 'first', 'reviews', tls('ISTIO_MUTUAL')), '2020-01-01T00:00:00Z'),
      created(destinationRule('shop', 'second', 'reviews', tls('DISABLE')), '2024-01-01T00:00:00Z'),
      destinationRule('web', 'not-here', 'reviews.shop.svc.cluster.local', `  exportTo: ["legacy"]\n${tls('DISABLE')}`),
      destinationRule('shop', 'nothing', 'nothing', tls('DISABLE')),
    );
    assert.deepEqual(titles({ 'w.yaml': workloads, 'r.yaml': rules }, 'r.yaml'), [
      'mTLS to 1 service',
      'trafficPolicy dropped: older shop/first is merged first',
      'not in force for any client',
      'no effect: host matches no Service or ServiceEntry',
    ]);
  });

  test('§B3 (a) a rule shadowed everywhere names the rule that wins', () => {
    const rules = docs(destinationRule('legacy', 'wins', '"*.local"', tls('ISTIO_MUTUAL')), destinationRule('shop', 'loses', 'reviews', `  exportTo: ["legacy"]\n${tls('DISABLE')}`));
    const files = { 'w.yaml': workloads, 'r.yaml': rules };
    assert.equal(titles(files, 'r.yaml')[1], 'not in force for any client · shadowed by legacy/wins');
  });
});
