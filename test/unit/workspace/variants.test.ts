import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, type Files } from '../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../support/fixtures';
import { parseYamlFile } from '../../../server/src/workspace/parseYamlFile';
import { collectResources } from '../../../server/src/workspace/analyzeWorkspace';
import { analysisContexts } from '../../../server/src/workspace/variants';
import type { PresentedFinding } from '../../../server/src/features/presentedFinding';

const tls = (mode: string) => `  trafficPolicy:\n    tls:\n      mode: ${mode}\n`;
const app = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'reviews'), service('shop', 'reviews'));

/** `rule file` for every finding of the given rules. */
function where(findings: PresentedFinding[], ...rules: string[]): string[] {
  return findings.filter((f) => rules.includes(f.rule)).map((f) => `${f.rule} ${f.file}`).sort();
}

function contextsOf(files: Files) {
  const { resources, foundUnder } = collectResources({ yamlFiles: Object.entries(files).map(([p, t]) => parseYamlFile(p, t)), certificateFiles: [] });
  return { resources, contexts: analysisContexts(resources, foundUnder) };
}

describe('rules.md "variants": alternative environments', () => {
  const twoEnvs: Files = {
    'base/app.yaml': app,
    'envs/dev/dr.yaml': destinationRule('shop', 'reviews', 'reviews', tls('DISABLE')),
    'envs/dev/pa.yaml': peerAuthentication('shop', 'default', 'STRICT'),
    'envs/prod/dr.yaml': destinationRule('shop', 'reviews', 'reviews', tls('ISTIO_MUTUAL')),
    'envs/prod/pa.yaml': peerAuthentication('shop', 'default', 'DISABLE'),
  };
  test("rules.md each variant is analysed with its own environment's policies", () => {
    const f = analyze(twoEnvs);
    assert.deepEqual(where(f, 'plaintext-to-strict', 'mtls-to-disable'), ['mtls-to-disable envs/prod/dr.yaml', 'plaintext-to-strict envs/dev/dr.yaml']);
  });
  test('rules.md the findings swap when the environments swap their policies', () => {
    const f = analyze({ ...twoEnvs, 'envs/dev/pa.yaml': peerAuthentication('shop', 'default', 'DISABLE'), 'envs/prod/pa.yaml': peerAuthentication('shop', 'default', 'STRICT') });
    assert.deepEqual(where(f, 'plaintext-to-strict', 'mtls-to-disable'), []);
  });
  test('rules.md no duplicate or conflict rule fires between variants of one object', () => {
    const f = analyze({
      ...twoEnvs,
      'envs/prod/dr.yaml': destinationRule('shop', 'reviews', 'reviews', tls('DISABLE')),
      'envs/prod/pa.yaml': peerAuthentication('shop', 'default', 'STRICT'),
    });
    assert.deepEqual(where(f, 'duplicate-resource', 'duplicate-destination-rule-host', 'duplicate-scope-policy'), []);
    assert.deepEqual(where(f, 'plaintext-to-strict'), ['plaintext-to-strict envs/dev/dr.yaml', 'plaintext-to-strict envs/prod/dr.yaml']);
  });
  test('rules.md base/ documents meet both environments', () => {
    // Without base/app.yaml no workload exists: neither environment has anything to report.
    const noBase = { ...twoEnvs };
    delete noBase['base/app.yaml'];
    assert.deepEqual(where(analyze(noBase), 'plaintext-to-strict', 'mtls-to-disable'), []);
    assert.equal(where(analyze(twoEnvs), 'plaintext-to-strict', 'mtls-to-disable').length, 2);
  });
  test('rules.md documents only under one environment never meet documents only under the other', () => {
    const f = analyze({
      'base/app.yaml': app,
      'envs/dev/dr.yaml': destinationRule('shop', 'reviews', 'reviews', tls('DISABLE')),
      'envs/prod/dr.yaml': destinationRule('shop', 'reviews', 'reviews', tls('DISABLE')),
      // Not variants: one file each, different names.
      'envs/dev/strict.yaml': peerAuthentication('shop', 'dev-strict', 'STRICT'),
      'envs/prod/only-prod-dr.yaml': destinationRule('shop', 'prod-only', 'reviews.shop.svc.cluster.local', tls('DISABLE')),
    });
    assert.deepEqual(where(f, 'plaintext-to-strict'), ['plaintext-to-strict envs/dev/dr.yaml']);
  });
  test('rules.md a document outside every environment takes the variant sharing the longest folder prefix', () => {
    const f = analyze({
      'base/app.yaml': app,
      'envs/dev/pa.yaml': peerAuthentication('shop', 'default', 'STRICT'),
      'envs/prod/pa.yaml': peerAuthentication('shop', 'default', 'PERMISSIVE'),
      'envs/prod/extra/dr.yaml': destinationRule('shop', 'reviews', 'reviews', tls('DISABLE')),
    });
    // envs/prod/extra shares envs/prod with the PERMISSIVE variant: no finding.
    assert.deepEqual(where(f, 'plaintext-to-strict'), []);
    const g = analyze({
      'base/app.yaml': app,
      'envs/dev/pa.yaml': peerAuthentication('shop', 'default', 'PERMISSIVE'),
      'envs/prod/pa.yaml': peerAuthentication('shop', 'default', 'STRICT'),
      'envs/prod/extra/dr.yaml': destinationRule('shop', 'reviews', 'reviews', tls('DISABLE')),
    });
    assert.deepEqual(where(g, 'plaintext-to-strict'), ['plaintext-to-strict envs/prod/extra/dr.yaml']);
  });
  test('rules.md ties on folder prefix go to the variant whose path sorts first', () => {
    const files = (devMode: string, prodMode: string): Files => ({
      'base/app.yaml': app,
      'base/dr.yaml': destinationRule('shop', 'reviews', 'reviews', tls('DISABLE')),
      'envs/dev/pa.yaml': peerAuthentication('shop', 'default', devMode),
      'envs/prod/pa.yaml': peerAuthentication('shop', 'default', prodMode),
    });
    assert.deepEqual(where(analyze(files('STRICT', 'PERMISSIVE')), 'plaintext-to-strict'), ['plaintext-to-strict base/dr.yaml']);
    assert.deepEqual(where(analyze(files('PERMISSIVE', 'STRICT')), 'plaintext-to-strict'), []);
  });
  test('rules.md a variant in the same file wins over any other', () => {
    const f = analyze({
      'base/app.yaml': app,
      'a/pa.yaml': peerAuthentication('shop', 'default', 'PERMISSIVE'),
      'z/all.yaml': docs(peerAuthentication('shop', 'default', 'STRICT'), destinationRule('shop', 'reviews', 'reviews', tls('DISABLE'))),
      'z/deeper/pa.yaml': peerAuthentication('shop', 'default', 'PERMISSIVE'),
    });
    assert.deepEqual(where(f, 'plaintext-to-strict'), ['plaintext-to-strict z/all.yaml']);
  });
  test('rules.md alternative samples side by side (no base): each sample analysed alone', () => {
    const sample = (mode: string) => docs(app, peerAuthentication('shop', 'default', 'STRICT'), destinationRule('shop', 'reviews', 'reviews', tls(mode)));
    const f = analyze({ 'samples/good.yaml': sample('ISTIO_MUTUAL'), 'samples/bad.yaml': sample('DISABLE') });
    assert.deepEqual(where(f, 'plaintext-to-strict'), ['plaintext-to-strict samples/bad.yaml']);
    assert.deepEqual(where(f, 'duplicate-resource', 'duplicate-scope-policy', 'duplicate-destination-rule-host'), []);
  });
});

describe('analysisContexts', () => {
  test('without variants there is one context owning every resource', () => {
    const { resources, contexts } = contextsOf({ 'a.yaml': app, 'b.yaml': peerAuthentication('shop', 'default', 'STRICT') });
    assert.equal(contexts.length, 1);
    assert.equal(contexts[0].owned.size, resources.length);
  });
  test('every resource is owned by exactly one context, and is among its resources', () => {
    const { resources, contexts } = contextsOf({
      'base/app.yaml': app,
      'envs/dev/pa.yaml': peerAuthentication('shop', 'default', 'STRICT'),
      'envs/prod/pa.yaml': peerAuthentication('shop', 'default', 'DISABLE'),
      'envs/dev/x.yaml': destinationRule('shop', 'x', 'reviews', tls('DISABLE')),
    });
    for (const r of resources) {
      const owners = contexts.filter((c) => c.owned.has(r.id));
      assert.equal(owners.length, 1, r.id);
      assert.ok(owners[0].resources.includes(r));
    }
  });
  test('a context never holds two variants of one object', () => {
    const { contexts } = contextsOf({
      'base/app.yaml': app,
      'envs/dev/pa.yaml': peerAuthentication('shop', 'default', 'STRICT'),
      'envs/prod/pa.yaml': peerAuthentication('shop', 'default', 'DISABLE'),
    });
    for (const c of contexts) assert.equal(c.resources.filter((r) => r.kind === 'PeerAuthentication').length, 1);
  });
});
