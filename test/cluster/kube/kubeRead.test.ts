import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpStatusError, statusMessage } from '../../../client/src/cluster/read/kubeError';
import { getNamespaced, listAll, listIn, listNamespaced } from '../../../client/src/cluster/read/kubeRead';

test('the REST paths of the view', () => {
  assert.equal(listNamespaced('pods', 'shop', { limit: 50, continue: 'eyJ2' }).path, '/api/v1/namespaces/shop/pods?limit=50&continue=eyJ2');
  assert.equal(getNamespaced('configmaps', 'shop', 'istio-ca-root-cert').path, '/api/v1/namespaces/shop/configmaps/istio-ca-root-cert');
  assert.equal(listAll('security.istio.io', 'v1', 'peerauthentications', { limit: 500 }).path, '/apis/security.istio.io/v1/peerauthentications?limit=500');
  assert.equal(listIn('', 'v1', 'services', 'shop').path, '/api/v1/namespaces/shop/services');
});

test('refusals in the user\'s terms; the API server\'s own words go to the detail', () => {
  const e = httpStatusError(403, { verb: 'create', resource: 'pods/portforward', namespace: 'shop', name: 'cart-1' }, 'pods "cart-1" is forbidden: …');
  assert.equal(e.message, 'forbidden: cannot create pods/portforward in namespace shop');
  assert.equal(e.detail, 'pods "cart-1" is forbidden: …');
  assert.equal(httpStatusError(403, listAll('', 'v1', 'namespaces')).message, 'forbidden: cannot list namespaces at cluster scope');
  assert.equal(httpStatusError(401, listAll('', 'v1', 'namespaces')).kind, 'unauthorized');
  assert.equal(statusMessage('{"kind":"Status","message":"m"}'), 'm');
  assert.equal(statusMessage('{"kind":"Secret","data":{"k":"v"}}'), undefined);
});
