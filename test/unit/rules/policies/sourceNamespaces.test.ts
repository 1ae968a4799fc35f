import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, docs, keys } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication } from '../../../support/fixtures';
import { authorizationPolicy, lineOf, one, only, resourceOf } from './policyTestKit';

const UNKNOWN_NS = 'unknown-namespace-reference';
const MIXED = 'service-accounts-mixed';

/** shop (STRICT, so §D4 rules stay quiet), plus Namespace objects sandbox and marketing. */
const world = docs(
  namespace('shop', { 'istio-injection': 'enabled' }),
  peerAuthentication('shop', 'default', 'STRICT'),
  deployment('shop', 'storefront'),
  namespace('sandbox'),
  namespace('marketing'),
);

function policy(source: string, action = 'ALLOW', withWorld = true): string {
  const p = authorizationPolicy('shop', 'storefront-from', `  action: ${action}\n  rules:\n  - from:\n${source.replace(/^\n/, '')}`);
  return withWorld ? docs(world, p) : p;
}

describe('unknown-namespace-reference', () => {
  test('§D3 a namespaces entry naming no namespace of the workspace: warning on the value', () => {
    const text = policy('    - source:\n        namespaces:\n        - shop\n        - sandbx\n');
    const d = one(analyze(text), UNKNOWN_NS);
    assert.equal(d.severity, 'warning');
    assert.equal(resourceOf(d), 'AuthorizationPolicy/shop/storefront-from');
    assert.equal(d.range.start.line, lineOf(text, '- sandbx'));
  });

  test('§D3 notNamespaces entries are checked too', () => {
    const text = policy('    - source:\n        notNamespaces: ["ghost"]\n', 'DENY');
    const d = one(analyze(text), UNKNOWN_NS);
    assert.equal(d.range.start.line, lineOf(text, 'notNamespaces: ["ghost"]'));
  });

  test('§D9 a prefix* or *suffix pattern that matches no namespace fires; one that matches does not', () => {
    const text = policy('    - source:\n        namespaces:\n        - "market*"\n        - "*box"\n        - "team-*"\n        - "*-prod"\n        - "*"\n');
    const f = only(analyze(text), UNKNOWN_NS);
    assert.deepEqual(f.map((x) => x.range.start.line).sort((a, b) => a - b), [lineOf(text, '- "team-*"'), lineOf(text, '- "*-prod"')]);
  });

  test('rules.md unknown-namespace-reference: existing namespaces are silent', () => {
    assert.deepEqual(keys(analyze(policy('    - source:\n        namespaces: ["shop", "sandbox", "marketing"]\n')), UNKNOWN_NS), []);
  });

  test('rules.md unknown-namespace-reference: a workspace without Namespace objects is silent', () => {
    const text = docs(deployment('shop', 'storefront'), policy('    - source:\n        namespaces: ["ghost", "team-*"]\n', 'ALLOW', false));
    assert.deepEqual(keys(analyze(text), UNKNOWN_NS), []);
  });
});

describe('service-accounts-mixed', () => {
  test('§D3 serviceAccounts with principals in one source: error on the serviceAccounts key', () => {
    const text = policy('    - source:\n        serviceAccounts: ["storefront"]\n        principals: ["cluster.local/ns/shop/sa/storefront"]\n');
    const d = one(analyze(text), MIXED);
    assert.equal(d.severity, 'error');
    assert.equal(resourceOf(d), 'AuthorizationPolicy/shop/storefront-from');
    assert.equal(d.range.start.line, lineOf(text, 'serviceAccounts:'));
  });

  test('§D3 serviceAccounts with namespaces in one source', () => {
    const text = policy('    - source:\n        namespaces: ["shop"]\n        serviceAccounts: ["storefront"]\n');
    const d = one(analyze(text), MIXED);
    assert.equal(d.range.start.line, lineOf(text, 'serviceAccounts:'));
  });

  test('§D3 serviceAccounts alone, or in a separate source from namespaces/principals, is valid', () => {
    const alone = policy('    - source:\n        serviceAccounts: ["storefront"]\n');
    const separate = policy('    - source:\n        serviceAccounts: ["storefront"]\n    - source:\n        namespaces: ["shop"]\n        principals: ["cluster.local/ns/shop/sa/storefront"]\n');
    assert.deepEqual(keys(analyze(alone), MIXED), []);
    assert.deepEqual(keys(analyze(separate), MIXED), []);
  });
});
