import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  coversAllServiceHosts,
  hostCovers,
  isWildcardHost,
  mostSpecificHost,
  namespaceOfServiceHost,
  resolveShortHost,
  serviceHost,
} from '../../../server/src/semantics/hosts';

describe('§B1 host normalisation', () => {
  test("§B1 a short host resolves in the DR's namespace; a dotted host is literal", () => {
    assert.equal(resolveShortHost('reviews', 'bookinfo'), 'reviews.bookinfo.svc.cluster.local');
    assert.equal(resolveShortHost('reviews.bar', 'bookinfo'), 'reviews.bar');
    assert.equal(resolveShortHost('reviews.bar.svc.cluster.local', 'bookinfo'), 'reviews.bar.svc.cluster.local');
  });
  test('§B1 `reviews.bar` does not match `reviews.bar.svc.cluster.local`', () => {
    assert.equal(hostCovers(resolveShortHost('reviews.bar', 'x'), 'reviews.bar.svc.cluster.local'), false);
  });
  test('§B1 `*` and IP literals are kept as they are', () => {
    assert.equal(resolveShortHost('*', 'ns'), '*');
    assert.equal(resolveShortHost('10.1.2.3', 'ns'), '10.1.2.3');
    assert.equal(resolveShortHost('::1', 'ns'), '::1');
    assert.equal(resolveShortHost('fd00::1', 'ns'), 'fd00::1');
    assert.equal(resolveShortHost('*.local', 'ns'), '*.local');
  });
  test('§B1 serviceHost builds the FQDN of a Service', () => {
    assert.equal(serviceHost('reviews', 'shop'), 'reviews.shop.svc.cluster.local');
  });
});

describe('§B2 most specific host match', () => {
  const svc = 'reviews.shop.svc.cluster.local';
  test('§B2 exact beats wildcard, longer wildcard beats shorter', () => {
    assert.equal(mostSpecificHost(svc, ['*', '*.local', svc, '*.shop.svc.cluster.local']), svc);
    assert.equal(mostSpecificHost(svc, ['*', '*.local', '*.shop.svc.cluster.local']), '*.shop.svc.cluster.local');
    assert.equal(mostSpecificHost(svc, ['*', '*.local']), '*.local');
    assert.equal(mostSpecificHost(svc, ['*']), '*');
  });
  test('§B2 order of candidates does not matter', () => {
    assert.equal(mostSpecificHost(svc, ['*.shop.svc.cluster.local', '*.local', '*']), '*.shop.svc.cluster.local');
    assert.equal(mostSpecificHost(svc, ['*.cluster.local', '*.svc.cluster.local', '*.local']), '*.svc.cluster.local');
  });
  test('§B2 no covering host: undefined', () => {
    assert.equal(mostSpecificHost(svc, ['ratings.shop.svc.cluster.local', '*.other.svc.cluster.local', '*.com']), undefined);
    assert.equal(mostSpecificHost(svc, []), undefined);
  });
  test('§B2 a wildcard matches a suffix on a label boundary only', () => {
    assert.equal(hostCovers('*.example.com', 'api.example.com'), true);
    assert.equal(hostCovers('*.example.com', 'example.com'), false);
    assert.equal(hostCovers('*.example.com', 'apiexample.com'), false);
  });
  test('§B2 a wildcard service host (ServiceEntry) is covered only by an equal or wider wildcard', () => {
    assert.equal(hostCovers('*.example.com', '*.example.com'), true);
    assert.equal(hostCovers('*.com', '*.example.com'), true);
    assert.equal(hostCovers('*.api.example.com', '*.example.com'), false);
    assert.equal(hostCovers('api.example.com', '*.example.com'), false);
    assert.equal(hostCovers('*', '*.example.com'), true);
  });
  test('§B2 isWildcardHost', () => {
    assert.equal(isWildcardHost('*.local'), true);
    assert.equal(isWildcardHost('*'), true);
    assert.equal(isWildcardHost('a.local'), false);
  });
});

describe('host helpers', () => {
  test('namespaceOfServiceHost reads `<name>.<ns>.svc.<domain>` and `*.<ns>.svc.<domain>`', () => {
    assert.equal(namespaceOfServiceHost('reviews.shop.svc.cluster.local'), 'shop');
    assert.equal(namespaceOfServiceHost('*.shop.svc.cluster.local'), 'shop');
    assert.equal(namespaceOfServiceHost('reviews.shop'), undefined);
    assert.equal(namespaceOfServiceHost('*.svc.cluster.local'), undefined);
    assert.equal(namespaceOfServiceHost('a.b.shop.svc.cluster.local'), undefined);
  });
  test('rules.md `*`, `*.local`, `*.cluster.local` and `*.svc.cluster.local` cover every namespace', () => {
    for (const h of ['*', '*.local', '*.cluster.local', '*.svc.cluster.local']) assert.equal(coversAllServiceHosts(h), true, h);
    for (const h of ['*.shop.svc.cluster.local', '*.com', 'reviews']) assert.equal(coversAllServiceHosts(h), false, h);
  });
});
