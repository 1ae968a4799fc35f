import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { actionsFor, applied, assertAllCrlf, assertFixes, assertParses, assertUnchangedOutside, crlf, findingsOf, lineSpan, quickFixes } from './support';

/** `orders`: container ports 8080 and 8081; Service ports 80 -> 8080 and 9000 -> `adminTarget`. */
function orders(pa: string, adminTarget: number | string = 8081): string {
  return docs(
    namespace('orders', { 'istio-injection': 'enabled' }),
    deployment('orders', 'orders', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 8081 }] }),
    service('orders', 'orders', [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'http-admin', port: 9000, targetPort: adminTarget }]),
    pa,
  );
}

const portPolicy = (keys: string) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: orders-admin
  namespace: orders
spec:
  selector:
    matchLabels:
      app: orders
  mtls:
    mode: STRICT
  portLevelMtls:
${keys}`;

describe('port-level-service-port quick fix (§A7)', () => {
  test('§A7 the quoted key 9000 becomes "8081" (the targetPort from the model), quotes kept', () => {
    const text = orders(portPolicy('    "9000":   # admin\n      mode: PERMISSIVE\n'));
    const [fix] = quickFixes(actionsFor(text, 'port-level-service-port'));
    assert.equal(fix.title, 'Use the target port 8081 as the portLevelMtls key (Service orders port 9000 reaches container port 8081)');
    assert.equal(fix.isPreferred, true);
    const after = assertFixes(text, fix, 'port-level-service-port', lineSpan(text, '"9000"'));
    assert.equal(after, text.replace('"9000":   # admin', '"8081":   # admin'));
  });

  test('§A7 rules.md "destination": a named targetPort resolves through container port names; plain key stays plain', () => {
    const text = orders(portPolicy('    9000:\n      mode: PERMISSIVE\n    8080:\n      mode: STRICT\n'), 'admin');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'port-level-service-port'))[0], 'port-level-service-port', lineSpan(text, '9000:'));
    assert.equal(after, text.replace('    9000:\n', '    8081:\n'));
  });

  test('§A7 a flow-style portLevelMtls in a CRLF file', () => {
    const text = crlf(orders(portPolicy('').replace('  portLevelMtls:\n', "  portLevelMtls: {'9000': {mode: DISABLE}}\n")));
    const after = assertFixes(text, quickFixes(actionsFor(text, 'port-level-service-port'))[0], 'port-level-service-port', lineSpan(text, "'9000'"));
    assertAllCrlf(after);
    assert.equal(after, text.replace("{'9000': {mode: DISABLE}}", "{'8081': {mode: DISABLE}}"));
  });

  test('§A7 no fix when the target port already has its own entry (renaming would duplicate the key)', () => {
    const text = orders(portPolicy('    "9000":\n      mode: PERMISSIVE\n    "8081":\n      mode: DISABLE\n'));
    assert.deepEqual(quickFixes(actionsFor(text, 'port-level-service-port')), []);
  });
});

const authz = (principals: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: reviews
  action: ALLOW
  rules:
  - from:
    - source:
${principals}`;

const shop = (...extra: string[]) => docs(namespace('shop', { 'istio-injection': 'enabled' }), peerAuthentication('shop', 'default', 'STRICT'), deployment('shop', 'web'), deployment('shop', 'reviews'), ...extra);

describe('principal-has-spiffe-prefix quick fix (§D5)', () => {
  test('§D5 deletes exactly the nine prefix characters, inside double quotes', () => {
    const text = shop(authz('        principals:\n        - "spiffe://cluster.local/ns/shop/sa/web" # the web front\n'));
    const [fix] = quickFixes(actionsFor(text, 'principal-has-spiffe-prefix'));
    assert.equal(fix.title, 'Remove the "spiffe://" prefix: cluster.local/ns/shop/sa/web');
    const after = assertFixes(text, fix, 'principal-has-spiffe-prefix', lineSpan(text, '"spiffe://'));
    assert.equal(after, text.replace('"spiffe://cluster.local', '"cluster.local'));
  });

  test('§D5 plain, single-quoted and flow-sequence values, each its own finding and fix', () => {
    const text = shop(authz("        principals: [spiffe://cluster.local/ns/shop/sa/web, 'spiffe://cluster.local/ns/shop/sa/reviews']\n"));
    const span = lineSpan(text, 'principals: [');
    const first = applied(text, quickFixes(actionsFor(text, 'principal-has-spiffe-prefix', 0))[0]);
    assertUnchangedOutside(text, first, span[0], span[1]);
    assertParses(first);
    assert.equal(first, text.replace('[spiffe://cluster.local/ns/shop/sa/web,', '[cluster.local/ns/shop/sa/web,'));
    assert.equal(findingsOf(first, 'principal-has-spiffe-prefix').length, 1, 'only the other value is left');
    const second = applied(text, quickFixes(actionsFor(text, 'principal-has-spiffe-prefix', 1))[0]);
    assert.equal(second, text.replace("'spiffe://cluster.local/ns/shop/sa/reviews'", "'cluster.local/ns/shop/sa/reviews'"));
  });

  test('§D5 a plain value that would start with `*` after stripping is quoted (a bare `*` would be an alias)', () => {
    const text = shop(authz('        principals:\n        - spiffe://*\n'));
    const after = assertFixes(text, quickFixes(actionsFor(text, 'principal-has-spiffe-prefix'))[0], 'principal-has-spiffe-prefix', lineSpan(text, 'spiffe://*'));
    assert.equal(after, text.replace('- spiffe://*', '- "*"'));
  });

  test('§D3 §D5 a `when` condition on source.principal', () => {
    const text = shop(authz('        namespaces: ["shop"]\n    when:\n    - key: source.principal\n      values: ["spiffe://cluster.local/ns/shop/sa/web"]\n'));
    const after = assertFixes(text, quickFixes(actionsFor(text, 'principal-has-spiffe-prefix'))[0], 'principal-has-spiffe-prefix', lineSpan(text, 'values: ['));
    assert.equal(after, text.replace('"spiffe://cluster.local', '"cluster.local'));
  });
});

const pa = (ns: string, name: string, extra = '') => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
  namespace: ${ns}
${extra}spec:
  mtls:
    mode: STRICT
`;

describe('duplicate-scope-policy quick fix (§A3)', () => {
  test('§A3 removes the losing document of a multi-document file with exactly one `---`', () => {
    const a = pa('shop', 'aaa-first');
    const b = `# the newer one\n${pa('shop', 'zzz-second')}`;
    const c = '# trailing workload\n' + deployment('shop', 'web');
    const text = `${a}---\n${b}---\n${c}`;
    const [fix] = quickFixes(actionsFor(text, 'duplicate-scope-policy'));
    assert.equal(fix.title, 'Remove the ignored PeerAuthentication shop/zzz-second (an older policy of the same scope wins)');
    const after = assertFixes(text, fix, 'duplicate-scope-policy', [a.length, a.length + 4 + b.length]);
    assert.equal(after, `${a}---\n${c}`);
  });

  test('§A3 the loser is the first document (no leading `---`): it goes with the next separator', () => {
    const loser = `# comment that belongs to the loser\n${pa('shop', 'zzz-second')}`;
    const winner = pa('shop', 'aaa-first');
    const text = `${loser}---\n${winner}`;
    const after = assertFixes(text, quickFixes(actionsFor(text, 'duplicate-scope-policy'))[0], 'duplicate-scope-policy', [0, loser.length + 4]);
    assert.equal(after, winner);
  });

  test('§A3 the loser is the last document, CRLF, with a `...` end marker elsewhere', () => {
    const text = crlf(`${pa('shop', 'aaa-first')}...\n---\n${pa('shop', 'zzz-second')}`);
    const after = applied(text, quickFixes(actionsFor(text, 'duplicate-scope-policy'))[0]);
    assertParses(after);
    assertAllCrlf(after);
    assert.equal(after, crlf(`${pa('shop', 'aaa-first')}...\n`));
    assert.deepEqual(findingsOf(after, 'duplicate-scope-policy'), []);
  });

  test('§A3 a loser alone in its file leaves an empty file', () => {
    const files = { 'a.yaml': pa('shop', 'aaa-first'), 'test.yaml': pa('shop', 'zzz-second') };
    const after = applied(files['test.yaml'], quickFixes(actionsFor(files, 'duplicate-scope-policy'))[0]);
    assert.equal(after, '');
    assert.deepEqual(findingsOf({ ...files, 'test.yaml': after }, 'duplicate-scope-policy', 'test.yaml'), []);
    assert.deepEqual(findingsOf({ ...files, 'test.yaml': after }, 'duplicate-scope-policy', 'a.yaml'), []);
  });
});

describe('root-selector-ignored quick fix (§A2)', () => {
  test('§A2 removes the PeerAuthentication with a selector in the root namespace, from the middle of a file', () => {
    const before = pa('istio-system', 'default');
    const ignored = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ingress-strict
  namespace: istio-system
spec:
  selector:
    matchLabels:
      app: istio-ingressgateway
  mtls:
    mode: STRICT
`;
    const after = deployment('shop', 'web');
    const text = `${before}---\n${ignored}---\n${after}`;
    const [fix] = quickFixes(actionsFor(text, 'root-selector-ignored'));
    assert.equal(fix.title, 'Remove the ignored PeerAuthentication istio-system/ingress-strict (a selector in the root namespace is ignored)');
    const result = assertFixes(text, fix, 'root-selector-ignored', [before.length, before.length + 4 + ignored.length]);
    assert.equal(result, `${before}---\n${after}`);
  });
});
