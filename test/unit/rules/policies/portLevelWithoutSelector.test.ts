import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication } from '../../../support/fixtures';
import { lineOf, one, rawPeerAuthentication, resourceOf } from './policyTestKit';

const RULE = 'port-level-without-selector';

describe('port-level-without-selector', () => {
  test('§A6 portLevelMtls on a namespace-level policy: error on the portLevelMtls key', () => {
    const text = docs(
      namespace('orders', { 'istio-injection': 'enabled' }),
      deployment('orders', 'orders', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 8081 }] }),
      peerAuthentication('orders', 'default', 'STRICT', { portLevel: { '8081': 'PERMISSIVE' } }),
    );
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'error');
    assert.equal(resourceOf(d), 'PeerAuthentication/orders/default');
    assert.equal(d.range.start.line, lineOf(text, '  portLevelMtls:'));
  });

  test('§A6 portLevelMtls on the mesh-level policy (root namespace, no selector)', () => {
    const text = peerAuthentication('istio-system', 'default', 'STRICT', { portLevel: { '15021': 'DISABLE' } });
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'PeerAuthentication/istio-system/default');
    assert.equal(d.range.start.line, lineOf(text, 'portLevelMtls:'));
  });

  test('§A2 §A6 `selector: {}` is no selector: portLevelMtls still has nothing to attach to', () => {
    const text = rawPeerAuthentication('orders', 'default', '  selector: {}\n  mtls:\n    mode: STRICT\n  portLevelMtls:\n    "8081":\n      mode: DISABLE\n');
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'PeerAuthentication/orders/default');
    assert.equal(d.range.start.line, lineOf(text, 'portLevelMtls:'));
  });

  test('rules.md "age order": a losing namespace-level policy is still judged on its own text', () => {
    const text = docs(
      peerAuthentication('orders', 'default', 'STRICT'),
      peerAuthentication('orders', 'zz-newer', 'STRICT', { portLevel: { '8081': 'PERMISSIVE' } }),
    );
    assert.deepEqual(keys(analyze(text), RULE), [`${RULE} PeerAuthentication/orders/zz-newer`]);
  });

  test('§A6 a workload-level policy (non-empty selector) may carry portLevelMtls', () => {
    const text = docs(
      namespace('orders', { 'istio-injection': 'enabled' }),
      deployment('orders', 'orders', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 8081 }] }),
      peerAuthentication('orders', 'orders-admin', 'STRICT', { selector: { app: 'orders' }, portLevel: { '8081': 'PERMISSIVE' } }),
    );
    assert.deepEqual(keys(analyze(text), RULE), []);
  });

  test('§A6 a selector-less policy without portLevelMtls is fine', () => {
    assert.deepEqual(keys(analyze(peerAuthentication('orders', 'default', 'STRICT')), RULE), []);
  });
});
