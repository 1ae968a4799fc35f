import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver';
import { docs } from '../../../support/workspace';
import { editorSnapshot } from '../../../support/editor';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { codeActions, fixAllAction } from '../../../../server/src/features/codeActions/codeActions';
import { actionsFor, applied, assertParses, diagnosticOf, FILE, findingsOf } from './support';

const fixAllOf = (actions: CodeAction[]) => actions.filter((a) => a.title.startsWith('Fix all '));

const shopMesh = (...extra: string[]) =>
  docs(
    namespace('shop', { 'istio-injection': 'enabled' }),
    peerAuthentication('shop', 'default', 'STRICT'),
    deployment('shop', 'web'),
    deployment('shop', 'reviews'),
    service('shop', 'reviews'),
    deployment('shop', 'ratings'),
    service('shop', 'ratings'),
    ...extra,
  );

const disableTo = (host: string, style: 'block' | 'flow') =>
  destinationRule('shop', host, host, style === 'block' ? '  trafficPolicy:\n    tls:\n      mode: DISABLE # was plaintext\n' : '  trafficPolicy:\n    tls: {mode: DISABLE}\n');

describe('fix all in this file', () => {
  test('§C2 two plaintext-to-strict blocks (block and flow): one "Fix all" action fixes both', () => {
    const text = shopMesh(disableTo('reviews', 'block'), disableTo('ratings', 'flow'));
    const r = actionsFor(text, 'plaintext-to-strict');
    const [all] = fixAllOf(r.actions);
    assert.equal(all.title, 'Fix all plaintext-to-strict in this file (2)');
    assert.equal(all.kind, 'quickfix');
    assert.deepEqual(all.diagnostics, [r.diagnostic]);
    const after = applied(text, all);
    assertParses(after);
    assert.equal(after, text.replace('mode: DISABLE # was', 'mode: ISTIO_MUTUAL # was').replace('tls: {mode: DISABLE}', 'tls: {mode: ISTIO_MUTUAL}'));
    assert.deepEqual(findingsOf(after, 'plaintext-to-strict'), []);
  });

  test('no "Fix all" for a single finding of the rule', () => {
    const text = shopMesh(disableTo('reviews', 'block'));
    assert.deepEqual(fixAllOf(actionsFor(text, 'plaintext-to-strict').actions).filter((a) => a.kind === 'quickfix'), []);
  });

  test('§A3 two losers in adjacent documents: both removed, one `---` each, the winner and the rest intact', () => {
    const pa = (name: string) => peerAuthentication('shop', name, 'STRICT');
    const text = docs(pa('a-winner'), pa('b-loser'), pa('c-loser'), deployment('shop', 'web'));
    const [all] = fixAllOf(actionsFor(text, 'duplicate-scope-policy', 1).actions);
    assert.equal(all.title, 'Fix all duplicate-scope-policy in this file (2)');
    const after = applied(text, all);
    assert.equal(after, docs(pa('a-winner'), deployment('shop', 'web')));
    assert.deepEqual(findingsOf(after, 'duplicate-scope-policy'), []);
  });

  test('§A3 the first document loses too (no leading `---`): the next kept document loses its separator', () => {
    const pa = (name: string, created: string) => peerAuthentication('shop', name, 'STRICT', { created });
    const text = docs(pa('x-new', '2025-01-01T00:00:00Z'), pa('y-new', '2025-02-01T00:00:00Z'), pa('old', '2020-01-01T00:00:00Z'));
    const [all] = fixAllOf(actionsFor(text, 'duplicate-scope-policy').actions);
    const after = applied(text, all);
    assert.equal(after, pa('old', '2020-01-01T00:00:00Z'));
  });

  test('§D5 two prefixed principals on one line: both prefixes go', () => {
    const text = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow
  namespace: shop
spec:
  rules:
  - from:
    - source:
        principals: ["spiffe://cluster.local/ns/shop/sa/web", "spiffe://cluster.local/ns/shop/sa/cart"]
`;
    const [all] = fixAllOf(actionsFor(text, 'principal-has-spiffe-prefix').actions);
    const after = applied(text, all);
    assert.equal(after, text.split('spiffe://').join(''));
    assert.deepEqual(findingsOf(after, 'principal-has-spiffe-prefix'), []);
  });

  test('§B10 §C8 two STRICT workloads in a DISABLE namespace: one DestinationRule each, distinct names', () => {
    const text = docs(
      namespace('legacy', { 'istio-injection': 'enabled' }),
      peerAuthentication('legacy', 'default', 'DISABLE'),
      deployment('legacy', 'billing'),
      service('legacy', 'billing'),
      deployment('legacy', 'ledger'),
      service('legacy', 'ledger'),
      peerAuthentication('legacy', 'billing-strict', 'STRICT', { selector: { app: 'billing' } }),
      peerAuthentication('legacy', 'ledger-strict', 'STRICT', { selector: { app: 'ledger' } }),
    );
    const [all] = fixAllOf(actionsFor(text, 'namespace-disable-breaks-strict').actions);
    assert.equal(all.title, 'Fix all namespace-disable-breaks-strict in this file (2)');
    const after = applied(text, all);
    assert.match(after, /name: billing-istio-mutual\n/);
    assert.match(after, /name: ledger-istio-mutual\n/);
    assert.deepEqual(findingsOf(after, 'namespace-disable-breaks-strict'), []);
    assert.deepEqual(findingsOf(after, 'duplicate-destination-rule-host'), []);
  });
});

describe('source.fixAll.istio-mtls-doctor', () => {
  test('applies the value fixes of every rule at once, and never removes or adds resources unattended', () => {
    const pa = (name: string) => peerAuthentication('shop', name, 'STRICT');
    const authz = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow
  namespace: shop
spec:
  rules:
  - from:
    - source:
        principals: ['spiffe://cluster.local/ns/shop/sa/web']
`;
    const text = shopMesh(disableTo('reviews', 'flow'), authz, pa('zz-duplicate'));
    const snapshot = editorSnapshot(text);
    const action = fixAllAction(snapshot, FILE);
    assert.ok(action);
    assert.equal(action.kind, 'source.fixAll.istio-mtls-doctor');
    assert.equal(action.title, 'Fix all auto-fixable Istio mTLS problems in this file (2)');
    const after = applied(text, action);
    assert.equal(after, text.replace('tls: {mode: DISABLE}', 'tls: {mode: ISTIO_MUTUAL}').replace("'spiffe://cluster.local", "'cluster.local"));
    assert.deepEqual(findingsOf(after, 'duplicate-scope-policy').length, 1, 'the ignored policy is still there');
    // It comes with the quick fixes too, for clients that filter by kind.
    const d = diagnosticOf(findingsOf(text, 'duplicate-scope-policy')[0]);
    assert.ok(codeActions(snapshot, FILE, d.range, [d]).some((a) => a.kind === 'source.fixAll.istio-mtls-doctor'));
  });

  test('counts a fix two rules share (empty-tls-means-disable and plaintext-to-strict on one block) once', () => {
    const text = shopMesh(destinationRule('shop', 'reviews', 'reviews', '  trafficPolicy:\n    tls:\n      sni: reviews\n'));
    const action = fixAllAction(editorSnapshot(text), FILE);
    assert.ok(action);
    assert.equal(applied(text, action), text.replace('      sni: reviews\n', '      mode: ISTIO_MUTUAL\n      sni: reviews\n'));
  });
});

describe('which diagnostics get actions', () => {
  const text = shopMesh(disableTo('reviews', 'block'));
  const snapshot = editorSnapshot(text);
  const d = diagnosticOf(findingsOf(text, 'plaintext-to-strict')[0]);
  const quick = (actions: CodeAction[]) => actions.filter((a) => a.kind === 'quickfix');

  test('issue 3: offered exactly where the diagnostic is', () => {
    assert.equal(quick(codeActions(snapshot, FILE, d.range, [d])).length, 2);
    const elsewhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    assert.deepEqual(quick(codeActions(snapshot, FILE, elsewhere, [d])), []);
  });

  test('diagnostics of other sources, unknown codes and stale ranges get nothing', () => {
    assert.deepEqual(quick(codeActions(snapshot, FILE, d.range, [{ ...d, source: 'yaml' }])), []);
    assert.deepEqual(quick(codeActions(snapshot, FILE, d.range, [{ ...d, code: 'no-such-rule' }])), []);
    const moved = { start: { ...d.range.start, line: d.range.start.line + 1 }, end: { ...d.range.end, line: d.range.end.line + 1 } };
    assert.deepEqual(quick(codeActions(snapshot, FILE, moved, [{ ...d, range: moved }])), []);
  });

  test('a rule turned off in the snapshot (not shown) gets no actions', () => {
    const shown = snapshot.findings.filter((f) => f.rule !== 'plaintext-to-strict');
    const hidden = { ...snapshot, findings: shown, findingsIn: (p: string) => shown.filter((f) => f.file === p) };
    assert.deepEqual(quick(codeActions(hidden, FILE, d.range, [d])), []);
  });
});
