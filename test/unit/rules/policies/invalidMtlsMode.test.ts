import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { lineOf, one, only, rawPeerAuthentication, resourceOf } from './policyTestKit';

const RULE = 'invalid-mtls-mode';

/** shop: injected web and reviews, a Service reviews, namespace policy `nsMode`, and a DestinationRule for reviews. */
function shop(nsMode: string, drBody: string): string {
  return docs(
    namespace('shop', { 'istio-injection': 'enabled' }),
    rawPeerAuthentication('shop', 'default', `  mtls:\n    mode: ${nsMode}\n`),
    deployment('shop', 'web'),
    deployment('shop', 'reviews'),
    service('shop', 'reviews'),
    destinationRule('shop', 'reviews', 'reviews', drBody),
  );
}

describe('invalid-mtls-mode', () => {
  test('rules.md invalid-mtls-mode: values are case-sensitive, `strict` is invalid (error on the value)', () => {
    const text = rawPeerAuthentication('shop', 'default', '  mtls:\n    mode: strict\n');
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'error');
    assert.equal(resourceOf(d), 'PeerAuthentication/shop/default');
    assert.equal(d.range.start.line, lineOf(text, 'mode: strict'));
    assert.equal(d.range.start.character, '    mode: '.length);
  });

  test('rules.md invalid-mtls-mode: an unknown value (`STRICTT`) and a number are invalid', () => {
    const text = docs(
      rawPeerAuthentication('shop', 'typo', '  mtls:\n    mode: STRICTT\n'),
      rawPeerAuthentication('payments', 'number', '  mtls:\n    mode: 1\n'),
    );
    const f = only(analyze(text), RULE);
    assert.deepEqual(f.map((x) => [resourceOf(x), x.range.start.line]).sort(), [
      ['PeerAuthentication/payments/number', lineOf(text, 'mode: 1')],
      ['PeerAuthentication/shop/typo', lineOf(text, 'mode: STRICTT')],
    ]);
  });

  test('rules.md invalid-mtls-mode: a portLevelMtls mode is checked too', () => {
    const text = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'web'),
      rawPeerAuthentication('shop', 'web', '  selector:\n    matchLabels:\n      app: web\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8080:\n      mode: Permissive\n'),
    );
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'PeerAuthentication/shop/web');
    assert.equal(d.range.start.line, lineOf(text, 'mode: Permissive'));
  });

  test('§B8 rules.md invalid-mtls-mode: a DestinationRule tls.mode outside DISABLE/SIMPLE/MUTUAL/ISTIO_MUTUAL (top level, port level, subset)', () => {
    const text = destinationRule('shop', 'reviews', 'reviews', `  trafficPolicy:
    tls:
      mode: istio_mutual
    portLevelSettings:
    - port:
        number: 9080
      tls:
        mode: PERMISSIVE
  subsets:
  - name: v1
    labels:
      version: v1
    trafficPolicy:
      tls:
        mode: TLS
`);
    const f = only(analyze(text), RULE);
    assert.ok(f.every((x) => x.severity === 'error' && resourceOf(x) === 'DestinationRule/shop/reviews'));
    assert.deepEqual(f.map((x) => x.range.start.line).sort((a, b) => a - b), [lineOf(text, 'mode: istio_mutual'), lineOf(text, 'mode: PERMISSIVE'), lineOf(text, 'mode: TLS')]);
  });

  test('rules.md invalid-mtls-mode: UNSET is a PeerAuthentication value only; a DestinationRule tls.mode UNSET is invalid', () => {
    const text = destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: UNSET\n');
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'DestinationRule/shop/reviews');
    assert.equal(d.range.start.line, lineOf(text, 'mode: UNSET'));
  });

  test('rules.md "age order": a losing namespace-level policy still gets text rules such as invalid-mtls-mode', () => {
    const text = docs(
      rawPeerAuthentication('shop', 'default', '  mtls:\n    mode: STRICT\n'),
      rawPeerAuthentication('shop', 'zz-loser', '  mtls:\n    mode: Permissive\n'),
    );
    const f = analyze(text);
    assert.deepEqual(keys(f, RULE), [`${RULE} PeerAuthentication/shop/zz-loser`]);
    assert.deepEqual(keys(f, 'duplicate-scope-policy'), ['duplicate-scope-policy PeerAuthentication/shop/zz-loser']);
  });

  test('rules.md invalid-mtls-mode: an invalid port mode is not read as DISABLE by outcome rules (no mtls-to-disable)', () => {
    const text = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'web'),
      deployment('shop', 'reviews'),
      service('shop', 'reviews'),
      rawPeerAuthentication('shop', 'reviews', '  selector:\n    matchLabels:\n      app: reviews\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8080:\n      mode: disable\n'),
      destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'),
    );
    const f = analyze(text);
    assert.deepEqual(keys(f, RULE), [`${RULE} PeerAuthentication/shop/reviews`]);
    assert.deepEqual(keys(f, 'mtls-to-disable'), []);
  });

  test('§A5 §B8 every valid value is silent: UNSET/DISABLE/PERMISSIVE/STRICT and DISABLE/SIMPLE/MUTUAL/ISTIO_MUTUAL', () => {
    const text = docs(
      peerAuthentication('a', 'default', 'UNSET'),
      peerAuthentication('b', 'default', 'DISABLE'),
      peerAuthentication('c', 'default', 'PERMISSIVE'),
      peerAuthentication('d', 'default', 'STRICT'),
      destinationRule('a', 'x', 'x', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n'),
      destinationRule('b', 'x', 'x.example.com', '  trafficPolicy:\n    tls:\n      mode: SIMPLE\n'),
      destinationRule('c', 'x', 'x.example.com', '  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      credentialName: x\n'),
      destinationRule('d', 'x', 'x', '  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n'),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('rules.md invalid-mtls-mode: a DestinationRule block with an invalid mode gets this rule only (no plaintext-to-strict, no empty-tls-means-disable)', () => {
    const text = shop('STRICT', '  trafficPolicy:\n    tls:\n      mode: disable\n');
    const f = analyze(text);
    assert.deepEqual(keys(f, RULE), [`${RULE} DestinationRule/shop/reviews`]);
    assert.deepEqual(
      f.filter((x) => resourceOf(x) === 'DestinationRule/shop/reviews').map((x) => x.rule),
      [RULE],
    );
  });

  test('rules.md invalid-mtls-mode: an invalid ISTIO_MUTUAL spelling towards sidecar-less pods gets no mtls-to-no-sidecar', () => {
    const text = docs(
      namespace('legacy'),
      deployment('legacy', 'soap'),
      service('legacy', 'soap'),
      namespace('shop', { 'istio-injection': 'enabled' }),
      deployment('shop', 'web'),
      destinationRule('shop', 'soap', 'soap.legacy.svc.cluster.local', '  trafficPolicy:\n    tls:\n      mode: Istio_Mutual\n'),
    );
    const f = analyze(text);
    assert.deepEqual(f.filter((x) => resourceOf(x) === 'DestinationRule/shop/soap').map((x) => x.rule), [RULE]);
  });

  test('rules.md invalid-mtls-mode: a PeerAuthentication block with an invalid mode is not taken as STRICT by outcome rules', () => {
    const f = analyze(shop('strict', '  trafficPolicy:\n    tls:\n      mode: DISABLE\n'));
    assert.deepEqual(keys(f, RULE), [`${RULE} PeerAuthentication/shop/default`]);
    assert.deepEqual(keys(f, 'plaintext-to-strict'), []);
  });

  test('rules.md invalid-mtls-mode: an invalid namespace mode under a mesh STRICT gets no weakens-mesh-strict', () => {
    const text = docs(peerAuthentication('istio-system', 'default', 'STRICT'), rawPeerAuthentication('legacy', 'default', '  mtls:\n    mode: permissive\n'));
    const f = analyze(text);
    assert.deepEqual(f.filter((x) => resourceOf(x) === 'PeerAuthentication/legacy/default').map((x) => x.rule), [RULE]);
  });
});
