import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../support/fixtures';

const mesh = (drBody: string, mode = 'STRICT') =>
  docs(
    namespace('shop', { 'istio-injection': 'enabled' }),
    peerAuthentication('shop', 'default', mode),
    deployment('shop', 'web'),
    deployment('shop', 'reviews'),
    service('shop', 'reviews'),
    destinationRule('shop', 'reviews', 'reviews', drBody),
  );

describe('plaintext-to-strict', () => {
  test('§B8 §C2 fires on tls.mode DISABLE towards a STRICT namespace', () => {
    const f = analyze(mesh('  trafficPolicy:\n    tls:\n      mode: DISABLE\n'));
    assert.deepEqual(keys(f, 'plaintext-to-strict'), ['plaintext-to-strict DestinationRule/shop/reviews']);
    assert.equal(f.find((x) => x.rule === 'plaintext-to-strict')?.related[0]?.resource.name, 'default');
  });
  test('§B10 does not fire when the DestinationRule has no tls (auto mTLS)', () => {
    assert.deepEqual(keys(analyze(mesh('  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n')), 'plaintext-to-strict'), []);
  });
  test('§C matrix: plaintext to PERMISSIVE is accepted', () => {
    assert.deepEqual(keys(analyze(mesh('  trafficPolicy:\n    tls:\n      mode: DISABLE\n', 'PERMISSIVE')), 'plaintext-to-strict'), []);
  });
});
