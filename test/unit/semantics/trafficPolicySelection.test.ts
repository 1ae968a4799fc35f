import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf } from '../../support/workspace';
import { destinationRule } from '../../support/fixtures';
import { tlsInForce, type TlsInForce } from '../../../server/src/semantics/trafficPolicySelection';

function rule(body: string) {
  const { sem } = semanticsOf(destinationRule('shop', 'reviews', 'reviews', body));
  const r = sem.destinationRules.get('shop')?.merged[0];
  assert.ok(r);
  return r;
}

/** `level mode edsMode` for compact assertions; `auto` when no tls block is in force. */
function show(t: TlsInForce): string {
  return `${t.level} ${t.tls ? t.tls.mode : 'auto'} ${t.edsMode ?? '-'}`;
}

describe('§B6 default cluster: port-level entry vs top level', () => {
  test('§B6 the top-level tls applies to every port without a port-level entry', () => {
    const r = rule('  trafficPolicy:\n    tls: {mode: ISTIO_MUTUAL}\n');
    assert.equal(show(tlsInForce(r, 80)), 'top ISTIO_MUTUAL ISTIO_MUTUAL');
    assert.equal(tlsInForce(r, 80).tls?.path.join('.'), 'spec.trafficPolicy.tls');
  });
  test('§B6 a port-level entry replaces the top level', () => {
    const r = rule('  trafficPolicy:\n    tls: {mode: ISTIO_MUTUAL}\n    portLevelSettings:\n    - port: {number: 80}\n      tls: {mode: DISABLE}\n');
    assert.equal(show(tlsInForce(r, 80)), 'port DISABLE DISABLE');
    assert.equal(show(tlsInForce(r, 81)), 'top ISTIO_MUTUAL ISTIO_MUTUAL');
  });
  test('§B6 a port-level entry without tls means auto mTLS, not the top-level tls; §B11 edsMode falls back to top-level tls', () => {
    const r = rule('  trafficPolicy:\n    tls: {mode: DISABLE}\n    portLevelSettings:\n    - port: {number: 80}\n      loadBalancer: {simple: ROUND_ROBIN}\n');
    const t = tlsInForce(r, 80);
    assert.equal(t.tls, undefined);
    assert.equal(t.level, 'port');
    assert.equal(t.edsMode, 'DISABLE');
  });
  test('§B6 port-level keys are Service ports (number), an entry for another port is not used', () => {
    const r = rule('  trafficPolicy:\n    portLevelSettings:\n    - port: {number: 8080}\n      tls: {mode: DISABLE}\n');
    assert.equal(show(tlsInForce(r, 80)), 'none auto -');
    assert.equal(show(tlsInForce(r, 8080)), 'port DISABLE DISABLE');
  });
  test('§B6 no trafficPolicy, or one without tls: auto mTLS', () => {
    assert.equal(show(tlsInForce(rule('  subsets: [{name: v1, labels: {v: "1"}}]\n'), 80)), 'none auto -');
    assert.equal(show(tlsInForce(rule('  trafficPolicy:\n    loadBalancer: {simple: ROUND_ROBIN}\n'), 80)), 'none auto -');
  });
  test('§B8 a tls block without mode is in force as DISABLE', () => {
    const r = rule('  trafficPolicy:\n    tls: {sni: reviews.example.com}\n');
    const t = tlsInForce(r, 80);
    assert.equal(t.tls?.mode, 'DISABLE');
    assert.equal(t.tls?.modeGiven, false);
    assert.equal(t.edsMode, 'DISABLE');
  });
});

describe('§B7 subset clusters', () => {
  const body = (subsetPolicy: string, top = '    tls: {mode: ISTIO_MUTUAL}\n') =>
    `  trafficPolicy:\n${top}  subsets:\n  - name: v1\n    labels: {version: v1}\n${subsetPolicy}`;
  test('§B7 subset tls merging: a subset tls replaces the base tls', () => {
    const r = rule(body('    trafficPolicy:\n      tls: {mode: DISABLE}\n'));
    assert.equal(show(tlsInForce(r, 80, 'v1')), 'subset DISABLE DISABLE');
    assert.equal(show(tlsInForce(r, 80)), 'top ISTIO_MUTUAL ISTIO_MUTUAL', 'the default cluster ignores the subset');
  });
  test('§B7 subset tls merging: a subset without trafficPolicy uses the base tls', () => {
    const r = rule(body(''));
    assert.equal(show(tlsInForce(r, 80, 'v1')), 'top ISTIO_MUTUAL ISTIO_MUTUAL');
  });
  test('§B7 subset tls merging: a subset trafficPolicy without tls keeps the base tls', () => {
    const r = rule(body('    trafficPolicy:\n      loadBalancer: {simple: ROUND_ROBIN}\n'));
    assert.equal(show(tlsInForce(r, 80, 'v1')), 'top ISTIO_MUTUAL ISTIO_MUTUAL');
  });
  test('§B7 subset tls merging: the base is the DR port-level entry when there is one (§B6)', () => {
    const top = '    tls: {mode: ISTIO_MUTUAL}\n    portLevelSettings:\n    - port: {number: 80}\n      tls: {mode: SIMPLE}\n';
    const r = rule(body('    trafficPolicy:\n      loadBalancer: {simple: ROUND_ROBIN}\n', top));
    assert.equal(show(tlsInForce(r, 80, 'v1')), 'port SIMPLE SIMPLE');
  });
  test('§B7 subset tls merging: a subset port-level entry wins, and without tls it means auto mTLS', () => {
    const sub = '    trafficPolicy:\n      tls: {mode: SIMPLE}\n      portLevelSettings:\n      - port: {number: 80}\n        loadBalancer: {simple: ROUND_ROBIN}\n      - port: {number: 81}\n        tls: {mode: DISABLE}\n';
    const r = rule(body(sub));
    const t80 = tlsInForce(r, 80, 'v1');
    assert.equal(t80.tls, undefined);
    assert.equal(t80.level, 'subset-port');
    assert.equal(t80.edsMode, 'SIMPLE', '§B11 drMode falls back to the subset tls');
    assert.equal(show(tlsInForce(r, 81, 'v1')), 'subset-port DISABLE DISABLE');
    assert.equal(show(tlsInForce(r, 82, 'v1')), 'subset SIMPLE SIMPLE');
  });
  test('§B11 subset port-level without tls and subset without tls: edsMode falls back to the DR level', () => {
    const sub = '    trafficPolicy:\n      portLevelSettings:\n      - port: {number: 80}\n        loadBalancer: {simple: ROUND_ROBIN}\n';
    const t = tlsInForce(rule(body(sub, '    tls: {mode: DISABLE}\n')), 80, 'v1');
    assert.equal(t.tls, undefined);
    assert.equal(t.edsMode, 'DISABLE');
  });
  test('§B7 an unknown subset name falls back to the default cluster settings', () => {
    const r = rule(body('    trafficPolicy:\n      tls: {mode: DISABLE}\n'));
    assert.equal(show(tlsInForce(r, 80, 'v9')), 'top ISTIO_MUTUAL ISTIO_MUTUAL');
  });
  test('§B5 §B7 a subset merged from a later DR brings its own trafficPolicy', () => {
    const { sem } = semanticsOf(
      destinationRule('shop', 'a', 'reviews', '  trafficPolicy:\n    tls: {mode: ISTIO_MUTUAL}\n') +
        '---\n' +
        destinationRule('shop', 'b', 'reviews', '  subsets:\n  - name: v2\n    labels: {version: v2}\n    trafficPolicy:\n      tls: {mode: DISABLE}\n'),
    );
    const r = sem.destinationRules.get('shop')!.merged[0];
    assert.equal(show(tlsInForce(r, 80, 'v2')), 'subset DISABLE DISABLE');
    assert.equal(r.subsets.get('v2')?.owner.name, 'b');
  });
});
