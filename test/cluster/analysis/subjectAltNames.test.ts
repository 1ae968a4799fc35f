import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSubjectAltNames } from '../../../client/src/cluster/analysis/subjectAltNames';
import { parseSpiffeId } from '../../../client/src/cluster/analysis/spiffeIdentity';

test('node:crypto subjectAltName strings, plain and JSON-quoted', () => {
  assert.deepEqual(parseSubjectAltNames('URI:spiffe://cluster.local/ns/a/sa/b, DNS:x.svc'), [{ type: 'URI', value: 'spiffe://cluster.local/ns/a/sa/b' }, { type: 'DNS', value: 'x.svc' }]);
  assert.deepEqual(parseSubjectAltNames('URI:"spiffe://td/ns/a, b/sa/c", IP Address:10.0.0.1'), [{ type: 'URI', value: 'spiffe://td/ns/a, b/sa/c' }, { type: 'IP Address', value: '10.0.0.1' }]);
  assert.deepEqual(parseSubjectAltNames(undefined), []);
});

test('§E1 SPIFFE IDs: Istio shape, other paths, not SPIFFE', () => {
  assert.deepEqual(parseSpiffeId('spiffe://cluster.local/ns/shop/sa/cart'), { uri: 'spiffe://cluster.local/ns/shop/sa/cart', trustDomain: 'cluster.local', namespace: 'shop', serviceAccount: 'cart' });
  assert.deepEqual(parseSpiffeId('spiffe://td/workload/x'), { uri: 'spiffe://td/workload/x', trustDomain: 'td' });
  assert.equal(parseSpiffeId('https://x'), undefined);
});
