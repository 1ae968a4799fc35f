import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { editorSnapshot } from '../../../support/editor';
import { deployment, namespace, service } from '../../../support/fixtures';
import { actionsFor, applied, assertAllCrlf, assertFixes, crlf, quickFixes } from './support';

const RULE = 'removed-authentication-api';

const legacyPolicy = `apiVersion: authentication.istio.io/v1alpha1
kind: Policy
metadata:
  name: default
  namespace: shop
  labels:
    team: storefront
spec:
  peers:
  - mtls: {}
`;

/** The effective namespace-level mode after the rewrite, from the semantics (§A1–§A5). */
function namespaceMode(text: string, ns: string): string {
  return editorSnapshot(text).result.contexts[0].sem.namespaceMode(ns).mode;
}

describe('removed-authentication-api quick fix (§F3)', () => {
  test('§F3 `peers: [{mtls: {}}]` is STRICT: the Policy document becomes a PeerAuthentication, the others stay byte for byte', () => {
    const head = '# shop namespace\n' + namespace('shop', { 'istio-injection': 'enabled' });
    const tail = deployment('shop', 'web');
    const text = `${head}---\n# legacy policy, to migrate\n${legacyPolicy}# end of policy\n---\n${tail}`;
    const [fix] = quickFixes(actionsFor(text, RULE));
    assert.equal(fix.title, 'Rewrite as a security.istio.io/v1 PeerAuthentication (mode STRICT)');
    const start = text.indexOf('apiVersion: authentication');
    const after = assertFixes(text, fix, RULE, [start, start + legacyPolicy.length]);
    assert.equal(
      after,
      text.replace(
        legacyPolicy,
        `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
  labels:
    team: storefront
spec:
  mtls:
    mode: STRICT
`,
      ),
    );
    assert.equal(namespaceMode(after, 'shop'), 'STRICT');
  });

  test('§F3 §F4 a MeshPolicy (PERMISSIVE) becomes PeerAuthentication `default` in the root namespace of the mesh config', () => {
    const meshConfig = `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |-
    rootNamespace: istio-config
`;
    const meshPolicy = `apiVersion: "authentication.istio.io/v1alpha1"
kind: MeshPolicy
metadata:
  name: default
spec:
  peers:
  - mtls:
      mode: PERMISSIVE
`;
    const text = crlf(docs(meshConfig, meshPolicy));
    const [fix] = quickFixes(actionsFor(text, RULE));
    assert.equal(fix.title, 'Rewrite as a security.istio.io/v1 PeerAuthentication in the root namespace istio-config (mode PERMISSIVE)');
    const after = assertFixes(text, fix, RULE, [text.indexOf('apiVersion: "auth'), text.length]);
    assertAllCrlf(after);
    assert.ok(after.endsWith(crlf('kind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-config\nspec:\n  mtls:\n    mode: PERMISSIVE\n')));
    const sem = editorSnapshot(after).result.contexts[0].sem;
    assert.equal(sem.peerAuthn.meshLevel[0]?.mode.value, 'PERMISSIVE');
  });

  test('§F3 a Policy with a target: the selector comes from the Service, the Service port 80 becomes container port 8080', () => {
    const policy = `apiVersion: authentication.istio.io/v1alpha1
kind: Policy
metadata:
  name: reviews-mtls
  namespace: shop
spec:
  targets:
  - name: reviews
    ports:
    - number: 80
  peers:
  - mtls:
      mode: STRICT
`;
    const text = docs(namespace('shop', { 'istio-injection': 'enabled' }), deployment('shop', 'reviews'), service('shop', 'reviews'), policy);
    const after = assertFixes(text, quickFixes(actionsFor(text, RULE))[0], RULE, [text.indexOf(policy), text.length]);
    assert.ok(
      after.endsWith(`spec:
  # The v1alpha1 Policy targeted Service reviews: this selector is that Service's selector.
  selector:
    matchLabels:
      app: reviews
  portLevelMtls:
    8080:
      mode: STRICT
`),
      after,
    );
    const sem = editorSnapshot(after).result.contexts[0].sem;
    const reviews = sem.model.workloads.find((w) => w.name === 'reviews');
    assert.ok(reviews);
    assert.equal(sem.serverMode(reviews, 8080).mode, 'STRICT');
  });

  test('§F3 two targets without Services: two PeerAuthentications, each saying that the selector is not derivable from a name', () => {
    const policy = `apiVersion: authentication.istio.io/v1alpha1
kind: Policy
metadata:
  name: legacy
  namespace: shop
spec:
  targets:
  - name: cart
  - name: checkout
  peers:
  - mtls: {}
  origins:
  - jwt:
      issuer: https://issuer.example.com
`;
    const after = applied(policy, quickFixes(actionsFor(policy, RULE))[0]);
    assert.match(quickFixes(actionsFor(policy, RULE))[0].title, /2 security\.istio\.io\/v1 PeerAuthentications/);
    const docsAfter = after.split('---\n');
    assert.equal(docsAfter.length, 2);
    assert.match(docsAfter[0], /name: legacy-cart\n/);
    assert.match(docsAfter[0], /# The v1alpha1 Policy targeted Service cart by name: a selector is not derivable from a name\./);
    assert.match(docsAfter[0], /# origins \(end-user JWT\) are not converted/);
    assert.match(docsAfter[1], /name: legacy-checkout\n[\s\S]*app: checkout\n  mtls:\n    mode: STRICT\n$/);
  });

  test('§F3 a Policy without an mtls peer did not require mTLS: DISABLE, with a comment; 4-space indentation is followed', () => {
    const policy = 'apiVersion: authentication.istio.io/v1alpha1\nkind: Policy\nmetadata:\n    name: default\n    namespace: plain\nspec: {}\n';
    const after = assertFixes(policy, quickFixes(actionsFor(policy, RULE))[0], RULE, [0, policy.length]);
    assert.equal(after, 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n    name: default\n    namespace: plain\nspec:\n    # The v1alpha1 Policy had no mtls peer method: its workloads did not require mTLS.\n    mtls:\n        mode: DISABLE\n');
    assert.equal(namespaceMode(after, 'plain'), 'DISABLE');
  });
});
