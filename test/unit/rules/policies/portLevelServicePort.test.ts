import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { lineOf, one, resourceOf } from './policyTestKit';

const RULE = 'port-level-service-port';

/** `orders`: container ports 8080 (http) and 8081 (admin); Service ports 80 -> 8080 and 9000 -> `adminTarget`. */
function orders(portLevel: Record<string, string>, adminTarget: number | string = 8081, serviceSelector: Record<string, string> = { app: 'orders' }): string {
  return docs(
    namespace('orders', { 'istio-injection': 'enabled' }),
    deployment('orders', 'orders', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 8081 }] }),
    service('orders', 'orders', [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'http-admin', port: 9000, targetPort: adminTarget }], serviceSelector),
    peerAuthentication('orders', 'orders-admin', 'STRICT', { selector: { app: 'orders' }, portLevel }),
  );
}

describe('port-level-service-port', () => {
  test('§A7 §H4 key 9000 is the Service port, not the container port: warning on the key, the fix names targetPort 8081', () => {
    const text = orders({ '9000': 'PERMISSIVE' });
    const d = one(analyze(text), RULE);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'PeerAuthentication/orders/orders-admin');
    assert.equal(d.range.start.line, lineOf(text, '"9000":'));
    assert.match(d.message, /8081/);
  });

  test('§A7 key equal to a container port (8081) is right: silent', () => {
    assert.deepEqual(keys(analyze(orders({ '8081': 'PERMISSIVE' })), RULE), []);
  });

  test('rules.md "destination": a named targetPort (`admin`) resolves through the container port names to 8081', () => {
    const text = orders({ '9000': 'PERMISSIVE' }, 'admin');
    const d = one(analyze(text), RULE);
    assert.equal(resourceOf(d), 'PeerAuthentication/orders/orders-admin');
    assert.match(d.message, /8081/);
  });

  test('§A8 a key that is neither a container port nor a Service port is honoured as a passthrough port: silent', () => {
    assert.deepEqual(keys(analyze(orders({ '7070': 'DISABLE' })), RULE), []);
  });

  test('§A7 a Service port of a Service that does not select the workload does not count', () => {
    assert.deepEqual(keys(analyze(orders({ '9000': 'PERMISSIVE' }, 8081, { app: 'someone-else' })), RULE), []);
  });

  test('§A7 the Service port 80 maps to 8080: key 80 fires and names 8080, key 8080 beside it is silent', () => {
    const text = orders({ '80': 'PERMISSIVE', '8080': 'STRICT' });
    const d = one(analyze(text), RULE);
    assert.equal(d.range.start.line, lineOf(text, '"80":'));
    assert.match(d.message, /8080/);
  });
});
