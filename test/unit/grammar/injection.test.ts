import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dump, scopesOf, tokenize, type Token } from './tokenizer';

const last = (scopes: readonly string[] | undefined) => scopes?.[scopes.length - 1];
const has = (scopes: readonly string[] | undefined, scope: string) => !!scopes?.some((s) => s === scope);

/** Each character's scopes, and whether this grammar marked it. */
function perChar(lines: Token[][]): Array<{ scopes: string; ours: boolean }> {
  return lines.flatMap((l) => l.flatMap((t) => [...t.text].map(() => ({ scopes: t.scopes.filter((s) => !s.endsWith('.istio')).join(' '), ours: t.scopes.some((s) => s.endsWith('.istio')) }))));
}

const peerAuthn = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
spec:
  mtls:
    mode: STRICT
  portLevelMtls:
    8080:
      mode: "PERMISSIVE"
    9090: {mode: DISABLE}
    9091:
      mode: 'UNSET'
`;

describe('YAML injection grammar: Istio mTLS modes', () => {
  test('the values of mode keys get a scope per security level, plain, quoted and in flow maps', async () => {
    const lines = await tokenize('source.yaml', peerAuthn);
    assert.equal(last(scopesOf(lines, 'STRICT')), 'constant.language.mtls-mode.secure.istio', dump(lines));
    assert.equal(last(scopesOf(lines, 'PERMISSIVE')), 'constant.language.mtls-mode.permissive.istio', dump(lines));
    assert.equal(last(scopesOf(lines, 'DISABLE')), 'constant.language.mtls-mode.plaintext.istio', dump(lines));
    assert.equal(last(scopesOf(lines, 'UNSET')), 'constant.language.mtls-mode.unset.istio', dump(lines));
    // Still inside YAML, and the quoted one still inside its string.
    assert.ok(has(scopesOf(lines, 'PERMISSIVE'), 'source.yaml'));
    assert.ok(scopesOf(lines, 'PERMISSIVE')?.some((s) => s.startsWith('string.quoted.double')), dump(lines));
  });

  test('DestinationRule client modes: ISTIO_MUTUAL, MUTUAL, SIMPLE', async () => {
    const text = 'spec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n    portLevelSettings:\n    - port: {number: 80}\n      tls: {mode: SIMPLE}\n    - tls:\n        mode: MUTUAL # with certificates\n';
    const lines = await tokenize('source.yaml', text);
    assert.equal(last(scopesOf(lines, 'ISTIO_MUTUAL')), 'constant.language.mtls-mode.secure.istio', dump(lines));
    assert.equal(last(scopesOf(lines, 'MUTUAL')), 'constant.language.mtls-mode.secure.istio', dump(lines));
    assert.equal(last(scopesOf(lines, 'SIMPLE')), 'constant.language.mtls-mode.permissive.istio', dump(lines));
    assert.ok(lines[9].some((t) => t.scopes.some((s) => s.startsWith('comment'))), 'the comment after the mode stays a comment');
  });

  test('the same words elsewhere are left alone: other keys, comments, longer values, prose', async () => {
    const text = '# mode: STRICT in a comment\nstrategy: STRICT\nmode: STRICTLY\ndescription: set mode: DISABLE later\nlabels:\n  tier: PERMISSIVE\nmodes: [STRICT]\n';
    const lines = await tokenize('source.yaml', text);
    for (const l of lines) for (const t of l) assert.ok(!t.scopes.some((s) => s.includes('.istio')), `${JSON.stringify(t.text)} got ${t.scopes.join(' ')}`);
  });

  test('keys keep their YAML scopes next to a highlighted mode', async () => {
    const lines = await tokenize('source.yaml', peerAuthn);
    const key = lines[7].find((t) => t.text === 'mode');
    assert.ok(key && key.scopes.some((s) => s.startsWith('entity.name.tag')), dump([lines[7]]));
  });
});

describe('YAML injection grammar: SPIFFE principals', () => {
  const policy = `kind: AuthorizationPolicy
spec:
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/shop/sa/web", "spiffe://example.org/ns/payments/sa/*"]
        notPrincipals:
        - cluster.local/ns/legacy/sa/default
`;

  test('trust domain, namespace and service account get their own scopes, in quotes and plain', async () => {
    const lines = await tokenize('source.yaml', policy);
    assert.equal(last(scopesOf(lines, 'cluster.local')), 'entity.name.namespace.trust-domain.istio', dump(lines));
    assert.equal(last(scopesOf(lines, 'shop')), 'entity.name.namespace.kubernetes.istio', dump(lines));
    assert.equal(last(scopesOf(lines, 'web')), 'entity.name.type.service-account.istio', dump(lines));
    assert.equal(last(scopesOf(lines, 'spiffe://')), 'keyword.other.spiffe-scheme.istio', dump(lines));
    assert.equal(last(scopesOf(lines, 'example.org')), 'entity.name.namespace.trust-domain.istio', dump(lines));
    assert.equal(last(scopesOf(lines, '*')), 'entity.name.type.service-account.istio', dump(lines));
    assert.equal(last(scopesOf(lines, 'legacy')), 'entity.name.namespace.kubernetes.istio', dump(lines));
    assert.ok(has(scopesOf(lines, 'web'), 'string.other.spiffe-id.istio'));
  });

  test('paths and URLs that are not principals are left alone', async () => {
    const text = 'url: http://cart.shop/ns/x/sa\npath: /ns/shop/sa/web\nimage: registry.example.com/ns/app:1\n';
    const lines = await tokenize('source.yaml', text);
    for (const l of lines) for (const t of l) assert.ok(!t.scopes.some((s) => s.endsWith('.istio')), `${JSON.stringify(t.text)} got ${t.scopes.join(' ')}`);
  });
});

describe('YAML injection grammar does not disturb YAML', () => {
  test('a document tokenizes into the same token boundaries outside the highlighted values', async () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: cart\n  labels: {app: cart}\nspec:\n  ports:\n  - port: 8080\n    name: http\n---\nkind: Namespace\n';
    const lines = await tokenize('source.yaml', text);
    assert.deepEqual(lines, await tokenize('source.yaml', text, { injections: false }));
  });

  test('around the highlighted values every character keeps the scopes the YAML grammar alone gives it', async () => {
    const text = `${peerAuthn}---\nkind: AuthorizationPolicy\nspec:\n  rules:\n  - from:\n    - source: {principals: ["cluster.local/ns/shop/sa/web"]}\n    to:\n    - operation: {ports: ["8080"]}\n`;
    const ours = perChar(await tokenize('source.yaml', text));
    const plain = perChar(await tokenize('source.yaml', text, { injections: false }));
    assert.equal(ours.length, plain.length);
    assert.ok(ours.filter((c) => c.ours).length > 20, 'the values were marked');
    for (let i = 0; i < ours.length; i++) {
      if (!ours[i].ours) assert.equal(ours[i].scopes, plain[i].scopes, `character ${i}`);
      // A marked plain scalar trades its string scope for ours; the YAML structure around it stays.
      else assert.equal(ours[i].scopes, plain[i].scopes.replace(/ string\.unquoted\.plain\.(?:in|out)\.yaml$/, ''), `character ${i}`);
    }
  });
});
