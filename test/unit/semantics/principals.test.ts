import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf } from '../../support/workspace';
import { acceptedTrustDomains, parsePrincipal, rewrittenTrustDomains } from '../../../server/src/semantics/principals';
import { defaultMeshConfig, type MeshConfig } from '../../../server/src/model/kinds/meshConfig';

describe('§D5 principal parsing', () => {
  test('§D5/§D6 principal parsing and trust-domain rewriting: the exact form <td>/ns/<ns>/sa/<sa>', () => {
    assert.deepEqual(parsePrincipal('cluster.local/ns/shop/sa/web'), { kind: 'exact', trustDomain: 'cluster.local', namespace: 'shop', serviceAccount: 'web' });
    assert.deepEqual(parsePrincipal('example.org/ns/a-b/sa/c.d'), { kind: 'exact', trustDomain: 'example.org', namespace: 'a-b', serviceAccount: 'c.d' });
  });
  test('§D5 a spiffe:// prefix never matches', () => {
    assert.deepEqual(parsePrincipal('spiffe://cluster.local/ns/shop/sa/web'), { kind: 'spiffe-prefixed' });
  });
  test('§D3 `*` is any authenticated peer', () => {
    assert.deepEqual(parsePrincipal('*'), { kind: 'any' });
  });
  test('§D9 prefix and suffix wildcards; a prefix past the first / names its trust domain', () => {
    assert.deepEqual(parsePrincipal('cluster.local/ns/shop/*'), { kind: 'wildcard', trustDomain: 'cluster.local', namespace: 'shop' });
    assert.deepEqual(parsePrincipal('cluster.local/*'), { kind: 'wildcard', trustDomain: 'cluster.local' });
    assert.deepEqual(parsePrincipal('*/sa/web'), { kind: 'wildcard' });
    assert.deepEqual(parsePrincipal('cluster*'), { kind: 'wildcard' });
  });
  test('§D9 a wildcard in the middle, or two of them, is malformed', () => {
    assert.deepEqual(parsePrincipal('cluster.local/ns/*/sa/web'), { kind: 'malformed' });
    assert.deepEqual(parsePrincipal('*cluster.local/ns/shop/sa/*'), { kind: 'malformed' });
  });
  test('§D5 wrong shapes are malformed', () => {
    for (const v of ['web', 'cluster.local/ns/shop', 'cluster.local/ns/shop/sa/', 'cluster.local/namespace/shop/sa/web', 'cluster.local/ns/shop/sa/web/extra', '/ns/shop/sa/web', '']) {
      assert.deepEqual(parsePrincipal(v), { kind: 'malformed' }, v);
    }
  });
});

const mesh = (o: Partial<MeshConfig>): MeshConfig => ({ ...defaultMeshConfig(), ...o });

describe('§D6 trust-domain rewriting', () => {
  test('§D6 cluster.local is rewritten to the current trust domain and its aliases (and not kept)', () => {
    const m = mesh({ trustDomain: 'new.td', trustDomainAliases: ['old.td'] });
    assert.deepEqual(rewrittenTrustDomains('cluster.local', m), ['new.td', 'old.td']);
  });
  test('§D6 a bundle member expands to every member', () => {
    const m = mesh({ trustDomain: 'new.td', trustDomainAliases: ['old.td'] });
    assert.deepEqual(rewrittenTrustDomains('old.td', m), ['new.td', 'old.td']);
    assert.deepEqual(rewrittenTrustDomains('new.td', m), ['new.td', 'old.td']);
  });
  test('§D6 a foreign trust domain is kept verbatim', () => {
    assert.deepEqual(rewrittenTrustDomains('partner.io', mesh({ trustDomain: 'new.td' })), ['partner.io']);
  });
  test('§D6 with the defaults cluster.local stays cluster.local', () => {
    assert.deepEqual(rewrittenTrustDomains('cluster.local', defaultMeshConfig()), ['cluster.local']);
  });
  test('§D6 §D7 accepted trust domains: cluster.local, trustDomain, aliases, caCertificates trustDomains', () => {
    const m = mesh({ trustDomain: 'new.td', trustDomainAliases: ['old.td'], caCertificateTrustDomains: ['partner.io'] });
    assert.deepEqual([...acceptedTrustDomains(m)].sort(), ['cluster.local', 'new.td', 'old.td', 'partner.io']);
  });
  test('§E1 §D6 the mesh config trust domain is read with @ replaced by .', () => {
    const { model } = semanticsOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: |\n    trustDomain: corp@example\n    trustDomainAliases: [old.example]\n');
    assert.equal(model.mesh.trustDomain, 'corp.example');
    assert.deepEqual(rewrittenTrustDomains('cluster.local', model.mesh), ['corp.example', 'old.example']);
  });
});
