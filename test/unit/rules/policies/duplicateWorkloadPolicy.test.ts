import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication } from '../../../support/fixtures';
import { assertLineWithin, documentLines, one, resourceOf } from './policyTestKit';

const RULE = 'duplicate-workload-policy';
const injected = namespace('payments', { 'istio-injection': 'enabled' });

describe('duplicate-workload-policy', () => {
  test('§A4 two workload-level policies select the same pods: the newer one loses (warning, related: winner and workload)', () => {
    const text = docs(
      injected,
      deployment('payments', 'payments-v1', { labels: { app: 'payments', version: 'v1' } }),
      deployment('payments', 'payments-v2', { labels: { app: 'payments', version: 'v2' } }),
      peerAuthentication('payments', 'payments-strict', 'STRICT', { selector: { app: 'payments' }, created: '2025-02-01T00:00:00Z' }),
      peerAuthentication('payments', 'payments-v2-metrics', undefined, { selector: { app: 'payments', version: 'v2' }, portLevel: { '9090': 'PERMISSIVE' }, created: '2025-08-15T00:00:00Z' }),
    );
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'PeerAuthentication/payments/payments-v2-metrics');
    assertLineWithin(d, documentLines(text, 4));
    const related = d.related.map(resourceOf);
    assert.ok(related.includes('PeerAuthentication/payments/payments-strict'), `related: ${related.join(', ')}`);
    assert.ok(related.includes('Deployment/payments/payments-v2'), `related: ${related.join(', ')}`);
    assert.ok(!related.includes('Deployment/payments/payments-v1'), 'payments-v1 is selected only by the winner');
  });

  test('§A4 without timestamps the smaller name is the older: `a-...` wins over `b-...`', () => {
    const text = docs(
      injected,
      deployment('payments', 'api'),
      peerAuthentication('payments', 'b-api-permissive', 'PERMISSIVE', { selector: { app: 'api' } }),
      peerAuthentication('payments', 'a-api-strict', 'STRICT', { selector: { app: 'api' } }),
    );
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'PeerAuthentication/payments/b-api-permissive');
    assert.equal(d.related.map(resourceOf)[0], 'PeerAuthentication/payments/a-api-strict');
  });

  test('rules.md "age order": a policy that loses for one workload and wins for another still gets the finding; related points at the winner for the lost workload', () => {
    const text = docs(
      injected,
      // api matches both policies; api-canary matches only `newer-api`.
      deployment('payments', 'api', { labels: { app: 'api', tier: 'backend' } }),
      deployment('payments', 'api-canary', { labels: { app: 'api' } }),
      peerAuthentication('payments', 'older-backend', 'STRICT', { selector: { tier: 'backend' }, created: '2025-01-01T00:00:00Z' }),
      peerAuthentication('payments', 'newer-api', 'PERMISSIVE', { selector: { app: 'api' }, created: '2025-06-01T00:00:00Z' }),
    );
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'PeerAuthentication/payments/newer-api');
    const related = d.related.map(resourceOf);
    assert.ok(related.includes('PeerAuthentication/payments/older-backend'), `related: ${related.join(', ')}`);
    assert.ok(related.includes('Deployment/payments/api'), `related: ${related.join(', ')}`);
    assert.ok(!related.includes('Deployment/payments/api-canary'), 'newer-api wins for api-canary');
  });

  test('§A4 workload-level policies selecting disjoint workloads do not conflict', () => {
    const text = docs(
      injected,
      deployment('payments', 'api'),
      deployment('payments', 'worker'),
      peerAuthentication('payments', 'api-strict', 'STRICT', { selector: { app: 'api' } }),
      peerAuthentication('payments', 'worker-permissive', 'PERMISSIVE', { selector: { app: 'worker' } }),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§A1 the same selector in two namespaces: each policy only sees its own namespace', () => {
    const text = docs(
      injected,
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('payments', 'api'),
      deployment('shop', 'api'),
      peerAuthentication('payments', 'api-strict', 'STRICT', { selector: { app: 'api' } }),
      peerAuthentication('shop', 'api-strict-2', 'STRICT', { selector: { app: 'api' } }),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§A5 a namespace-level and a workload-level policy on one workload are different scopes, not duplicates', () => {
    const text = docs(
      injected,
      deployment('payments', 'api'),
      peerAuthentication('payments', 'default', 'STRICT'),
      peerAuthentication('payments', 'api-permissive', 'PERMISSIVE', { selector: { app: 'api' } }),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§A4 two overlapping selectors that match no workload together do not conflict', () => {
    const text = docs(
      injected,
      deployment('payments', 'api', { labels: { app: 'api' } }),
      deployment('payments', 'worker', { labels: { version: 'v2' } }),
      peerAuthentication('payments', 'by-app', 'STRICT', { selector: { app: 'api', version: 'v2' } }),
      peerAuthentication('payments', 'by-version', 'STRICT', { selector: { version: 'v2' } }),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });
});
