import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { assertOn, findingsOf, lineOf, only, relatedIds, single } from './helpers';

const RULE = 'duplicate-destination-rule-host';

const bookstore = () => [
  namespace('bookstore', { 'istio-injection': 'enabled' }),
  peerAuthentication('bookstore', 'default', 'STRICT'),
  deployment('bookstore', 'reviews'),
  service('bookstore', 'reviews'),
];

/** A DR with a creationTimestamp (omitted when `created` is empty). */
const dr = (name: string, host: string, created: string, body: string, ns = 'bookstore') => {
  const d = destinationRule(ns, name, host, body);
  return created ? d.replace(`  namespace: ${ns}\n`, `  namespace: ${ns}\n  creationTimestamp: "${created}"\n`) : d;
};

const mtls = '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n';
const outlier = '  trafficPolicy:\n    outlierDetection:\n      consecutive5xxErrors: 3\n';

describe('duplicate-destination-rule-host', () => {
  describe('fires', () => {
    test('§B1 §B5 `reviews` and its FQDN are one host: warning on the newer DR, related = the winner', () => {
      const text = docs(
        ...bookstore(),
        dr('reviews-debug', 'reviews.bookstore.svc.cluster.local', '2025-06-01T00:00:00Z', outlier),
        dr('reviews', 'reviews', '2025-04-01T00:00:00Z', mtls),
      );
      const f = single(findingsOf(text, RULE));
      assert.equal(f.severity, 'warning');
      assertOn(f, 'DestinationRule', 'bookstore', 'reviews-debug');
      assert.ok(relatedIds(f).includes('DestinationRule/bookstore/reviews'), JSON.stringify(relatedIds(f)));
      assert.ok(
        f.range.start.line >= lineOf(text, 'kind: DestinationRule', 0) - 1 && f.range.start.line < lineOf(text, 'kind: DestinationRule', 1) - 1,
        `range line ${f.range.start.line} lies inside the reviews-debug document`,
      );
    });

    test('§A3 §B5 creationTimestamp decides before the name: `a-new` (newer) loses to `z-old`', () => {
      const text = docs(...bookstore(), dr('a-new', 'reviews', '2025-01-01T00:00:00Z', outlier), dr('z-old', 'reviews', '2024-01-01T00:00:00Z', mtls));
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'DestinationRule', 'bookstore', 'a-new');
      assert.ok(relatedIds(f).includes('DestinationRule/bookstore/z-old'));
    });

    test('§A3 §B5 without timestamps the name decides: `beta` loses to `alpha`', () => {
      const text = docs(...bookstore(), dr('beta', 'reviews', '', mtls), dr('alpha', 'reviews', '', outlier));
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'DestinationRule', 'bookstore', 'beta');
      assert.ok(relatedIds(f).includes('DestinationRule/bookstore/alpha'));
    });

    test('§B5 three DRs with trafficPolicy: both newer ones are dropped, each gets a finding', () => {
      const text = docs(
        ...bookstore(),
        dr('r1', 'reviews', '2024-01-01T00:00:00Z', mtls),
        dr('r2', 'reviews', '2024-02-01T00:00:00Z', outlier),
        dr('r3', 'reviews.bookstore.svc.cluster.local', '2024-03-01T00:00:00Z', mtls),
      );
      assert.deepEqual(findingsOf(text, RULE).map((f) => f.resource.name).sort(), ['r2', 'r3']);
    });

    test('§B5 the winner is the oldest DR that has a trafficPolicy, not the oldest DR', () => {
      const text = docs(
        ...bookstore(),
        dr('subsets-only', 'reviews', '2023-01-01T00:00:00Z', '  subsets:\n  - name: v1\n    labels:\n      version: v1\n'),
        dr('policy-old', 'reviews', '2024-01-01T00:00:00Z', mtls),
        dr('policy-new', 'reviews', '2025-01-01T00:00:00Z', outlier),
      );
      const f = single(findingsOf(text, RULE));
      assertOn(f, 'DestinationRule', 'bookstore', 'policy-new');
      assert.ok(relatedIds(f).includes('DestinationRule/bookstore/policy-old'));
    });

    test('§B3(d) §B5 the same explicit exportTo on both DRs: they merge', () => {
      const exp = '  exportTo:\n  - "."\n';
      const text = docs(...bookstore(), dr('a', 'reviews', '2024-01-01T00:00:00Z', exp + mtls), dr('b', 'reviews', '2025-01-01T00:00:00Z', exp + outlier));
      assertOn(single(findingsOf(text, RULE)), 'DestinationRule', 'bookstore', 'b');
    });

    test('§B5 DRs in two files of one namespace are two objects and merge', () => {
      const f = only(
        analyze({
          'bookstore.yaml': docs(...bookstore()),
          'dr/a.yaml': dr('a', 'reviews', '2024-01-01T00:00:00Z', mtls),
          'dr/b.yaml': dr('b', 'reviews', '2025-01-01T00:00:00Z', outlier),
        }),
        RULE,
      );
      assert.equal(single(f).file, 'dr/b.yaml');
      assertOn(f[0], 'DestinationRule', 'bookstore', 'b');
    });
  });

  describe('does not fire', () => {
    test('§B5 a newer DR with only subsets has no trafficPolicy to lose', () => {
      const text = docs(
        ...bookstore(),
        dr('reviews', 'reviews', '2024-01-01T00:00:00Z', mtls),
        dr('reviews-canary', 'reviews', '2025-01-01T00:00:00Z', '  subsets:\n  - name: v2\n    labels:\n      version: v2\n'),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B5 (ENABLE_ENHANCED_DESTINATIONRULE_MERGE) DRs with different exportTo are not merged', () => {
      const text = docs(
        ...bookstore(),
        dr('reviews', 'reviews', '2024-01-01T00:00:00Z', mtls),
        dr('reviews-local', 'reviews', '2025-01-01T00:00:00Z', `  exportTo:\n  - "."\n${outlier}`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B4 §B5 a DR with a workloadSelector is excluded', () => {
      const text = docs(
        ...bookstore(),
        dr('reviews', 'reviews', '2024-01-01T00:00:00Z', mtls),
        dr('reviews-web', 'reviews', '2025-01-01T00:00:00Z', `  workloadSelector:\n    matchLabels:\n      app: web\n${outlier}`),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B3 DRs for the same FQDN in two namespaces are never merged across namespaces', () => {
      const text = docs(
        ...bookstore(),
        dr('reviews', 'reviews', '2024-01-01T00:00:00Z', mtls),
        dr('reviews', 'reviews.bookstore.svc.cluster.local', '2025-01-01T00:00:00Z', outlier, 'frontend'),
      );
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B1 a dotted host `reviews.bookstore` is literal and differs from `reviews`', () => {
      const text = docs(...bookstore(), dr('a', 'reviews', '2024-01-01T00:00:00Z', mtls), dr('b', 'reviews.bookstore', '2025-01-01T00:00:00Z', outlier));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('§B1 the same short host in two namespaces names two different FQDNs', () => {
      const text = docs(dr('reviews', 'reviews', '2024-01-01T00:00:00Z', mtls), dr('reviews', 'reviews', '2025-01-01T00:00:00Z', outlier, 'frontend'));
      assert.deepEqual(findingsOf(text, RULE), []);
    });

    test('(rules.md variants) one DR in two files (same identity) is one object with variants, not a duplicate', () => {
      const f = only(
        analyze({
          'envs/dev/reviews.yaml': dr('reviews', 'reviews', '', mtls),
          'envs/prod/reviews.yaml': dr('reviews', 'reviews', '', outlier),
        }),
        RULE,
      );
      assert.deepEqual(f, []);
    });
  });
});
