import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docs } from '../../../support/workspace';
import { deployment, destinationRule, namespace, peerAuthentication, service } from '../../../support/fixtures';
import { codeActions } from '../../../../server/src/features/codeActions/codeActions';
import { actionsFor, applied, assertAllCrlf, assertFixes, crlf, lineSpan, quickFixes } from './support';

/** `shop` injected, STRICT (or `mode`), client `web`, server `reviews`, and the DestinationRule under test. */
const mesh = (drBody: string, mode = 'STRICT') =>
  docs(
    namespace('shop', { 'istio-injection': 'enabled' }),
    peerAuthentication('shop', 'default', mode),
    deployment('shop', 'web'),
    deployment('shop', 'reviews'),
    service('shop', 'reviews'),
    destinationRule('shop', 'reviews', 'reviews', drBody),
  );

const SET = 'Set tls mode to ISTIO_MUTUAL';
const REMOVE = 'Remove the tls block';

describe('plaintext-to-strict quick fixes (§B8 §C2)', () => {
  test('§C2 block style: replaces only the mode value; comments between keys, blank lines and the trailing comment survive', () => {
    const body = `  trafficPolicy:
    # keep: load balancing first
    loadBalancer:
      simple: ROUND_ROBIN

    tls:
      # plaintext for now
      mode: DISABLE   # TODO
      sni: reviews.shop
`;
    const text = mesh(body);
    const r = actionsFor(text, 'plaintext-to-strict');
    const [set, remove] = quickFixes(r);
    assert.equal(set.title, SET);
    assert.equal(set.isPreferred, true);
    assert.deepEqual(set.diagnostics, [r.diagnostic]);
    assert.ok(remove.title.startsWith(REMOVE));
    assert.equal(remove.isPreferred, undefined);
    const after = assertFixes(text, set, 'plaintext-to-strict', lineSpan(text, 'mode: DISABLE'));
    assert.equal(after, text.replace('mode: DISABLE   # TODO', 'mode: ISTIO_MUTUAL   # TODO'));
  });

  test('§C2 keeps the quote style of the mode value', () => {
    const text = mesh('  trafficPolicy:\n    tls:\n      mode: "DISABLE"\n');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'plaintext-to-strict'))[0], 'plaintext-to-strict', lineSpan(text, 'mode: "DISABLE"'));
    assert.equal(after, text.replace('mode: "DISABLE"', 'mode: "ISTIO_MUTUAL"'));
    const single = mesh("  trafficPolicy:\n    tls:\n      mode: 'DISABLE'\n");
    assert.equal(applied(single, quickFixes(actionsFor(single, 'plaintext-to-strict'))[0]), single.replace("'DISABLE'", "'ISTIO_MUTUAL'"));
  });

  test('§B8 flow map `tls: {mode: DISABLE}` is rewritten in place', () => {
    const text = mesh('  trafficPolicy:\n    tls: {mode: DISABLE}  # flow\n');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'plaintext-to-strict'))[0], 'plaintext-to-strict', lineSpan(text, 'tls: {'));
    assert.equal(after, text.replace('tls: {mode: DISABLE}  # flow', 'tls: {mode: ISTIO_MUTUAL}  # flow'));
  });

  test('§B8 `tls: {}` means DISABLE: the fix writes the mode into the braces, and one action serves both diagnostics', () => {
    const text = mesh('  trafficPolicy:\n    tls: {}\n');
    const r = actionsFor(text, 'plaintext-to-strict');
    const empty = actionsFor(text, 'empty-tls-means-disable').diagnostic;
    const both = r.actions.filter((a) => a.title === SET);
    assert.equal(both.length, 1);
    const after = assertFixes(text, both[0], 'plaintext-to-strict', lineSpan(text, 'tls: {}'));
    assert.equal(after, text.replace('tls: {}', 'tls: {mode: ISTIO_MUTUAL}'));
    // Asked with both diagnostics (they share the tls key), the identical fix is offered once for both.
    const merged = codeActions(r.snapshot, 'test.yaml', r.finding.range, [r.diagnostic, empty]).filter((a) => a.title === SET);
    assert.equal(merged.length, 1);
    assert.equal(merged[0].diagnostics?.length, 2);
    assert.deepEqual(applied(text, merged[0]), after);
  });

  test('§B8 a JSON-style flow map keeps its quotes for the new key', () => {
    const text = mesh('  trafficPolicy:\n    tls: {"sni": "reviews.shop"}\n');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'plaintext-to-strict'))[0], 'plaintext-to-strict', lineSpan(text, 'tls: {'));
    assert.equal(after, text.replace('{"sni": "reviews.shop"}', '{"mode": "ISTIO_MUTUAL", "sni": "reviews.shop"}'));
  });

  test('§B8 a block without mode gets a `mode:` line with the block\'s indentation, before its first key', () => {
    const text = mesh('  trafficPolicy:\n    tls:\n        # four-space step here\n        sni: reviews.shop\n');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'plaintext-to-strict'))[0], 'plaintext-to-strict', lineSpan(text, 'sni: reviews.shop'));
    assert.equal(after, text.replace('        sni: reviews.shop', '        mode: ISTIO_MUTUAL\n        sni: reviews.shop'));
  });

  test('§B6 a port-level block (in a sequence item) is fixed where it is', () => {
    const body = `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 80
      tls:
        mode: DISABLE
`;
    const text = mesh(body);
    const after = assertFixes(text, quickFixes(actionsFor(text, 'plaintext-to-strict'))[0], 'plaintext-to-strict', lineSpan(text, 'mode: DISABLE'));
    assert.equal(after, text.replace('mode: DISABLE', 'mode: ISTIO_MUTUAL'));
  });

  test('§B10 alternative: removing the tls block keeps the sibling keys and the comments around it', () => {
    const body = `  trafficPolicy:
    tls:
      mode: DISABLE # legacy
    # balancing stays
    loadBalancer:
      simple: LEAST_REQUEST
`;
    const text = mesh(body);
    const remove = quickFixes(actionsFor(text, 'plaintext-to-strict'))[1];
    const after = assertFixes(text, remove, 'plaintext-to-strict', lineSpan(text, '    tls:', 'mode: DISABLE'));
    assert.equal(after, text.replace('    tls:\n      mode: DISABLE # legacy\n', ''));
  });

  test('§B10 removing the only key of trafficPolicy removes trafficPolicy too (no `trafficPolicy:` null left behind)', () => {
    const text = mesh('  trafficPolicy:\n    tls:\n      mode: DISABLE\n');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'plaintext-to-strict'))[1], 'plaintext-to-strict', lineSpan(text, 'trafficPolicy:', 'mode: DISABLE'));
    assert.equal(after, text.replace('  trafficPolicy:\n    tls:\n      mode: DISABLE\n', ''));
  });

  test('§B6 removing a `- tls:` that opens a sequence item moves the next key up to the dash', () => {
    const body = `  trafficPolicy:
    portLevelSettings:
    - tls:
        mode: DISABLE
      port:
        number: 80
`;
    const text = mesh(body);
    const after = assertFixes(text, quickFixes(actionsFor(text, 'plaintext-to-strict'))[1], 'plaintext-to-strict', lineSpan(text, '- tls:', 'port:'));
    assert.equal(after, text.replace('- tls:\n        mode: DISABLE\n      port:', '- port:'));
  });

  test('§C2 CRLF file: every edited and untouched line keeps CRLF', () => {
    const text = crlf(mesh('  trafficPolicy:\n    tls:\n      sni: reviews.shop\n'));
    const [set, remove] = quickFixes(actionsFor(text, 'plaintext-to-strict'));
    const after = assertFixes(text, set, 'plaintext-to-strict', lineSpan(text, 'sni: reviews.shop'));
    assertAllCrlf(after);
    assert.equal(after, text.replace('      sni: reviews.shop\r\n', '      mode: ISTIO_MUTUAL\r\n      sni: reviews.shop\r\n'));
    const removed = assertFixes(text, remove, 'plaintext-to-strict', lineSpan(text, 'trafficPolicy:', 'sni: reviews.shop'));
    assertAllCrlf(removed);
  });
});

describe('user-tls-to-mesh quick fixes (§C6)', () => {
  test('§C6 MUTUAL with files: ISTIO_MUTUAL, the SIMPLE/MUTUAL-only fields go, sni and comments stay', () => {
    const body = `  trafficPolicy:
    tls:
      mode: MUTUAL
      # the mounted certificates
      clientCertificate: /etc/certs/cert-chain.pem
      privateKey: /etc/certs/key.pem
      caCertificates: /etc/certs/root-cert.pem

      sni: reviews.shop # keep
`;
    const text = mesh(body);
    const [set] = quickFixes(actionsFor(text, 'user-tls-to-mesh'));
    assert.equal(set.title, `${SET}, remove clientCertificate, privateKey, caCertificates`);
    const after = assertFixes(text, set, 'user-tls-to-mesh', lineSpan(text, 'mode: MUTUAL', 'root-cert.pem'));
    assert.equal(
      after,
      text.replace('mode: MUTUAL\n      # the mounted certificates\n      clientCertificate: /etc/certs/cert-chain.pem\n      privateKey: /etc/certs/key.pem\n      caCertificates: /etc/certs/root-cert.pem\n', 'mode: ISTIO_MUTUAL\n      # the mounted certificates\n'),
    );
  });

  test('§C6 flow style SIMPLE with credentialName and insecureSkipVerify', () => {
    const text = mesh('  trafficPolicy:\n    tls: {mode: SIMPLE, credentialName: reviews-ca, insecureSkipVerify: true, sni: reviews.shop}\n');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'user-tls-to-mesh'))[0], 'user-tls-to-mesh', lineSpan(text, 'tls: {'));
    assert.equal(after, text.replace('{mode: SIMPLE, credentialName: reviews-ca, insecureSkipVerify: true, sni: reviews.shop}', '{mode: ISTIO_MUTUAL, sni: reviews.shop}'));
  });

  test('§C6 flow style where the dropped fields come last', () => {
    const text = mesh('  trafficPolicy:\n    tls: { mode: SIMPLE, caCertificates: /ca.pem, caCrl: /crl.pem }\n');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'user-tls-to-mesh'))[0], 'user-tls-to-mesh', lineSpan(text, 'tls: {'));
    assert.equal(after, text.replace('{ mode: SIMPLE, caCertificates: /ca.pem, caCrl: /crl.pem }', '{ mode: ISTIO_MUTUAL }'));
  });

  test('§B10 alternative: remove the block, auto mTLS sends Istio mTLS to the STRICT server', () => {
    const text = mesh('  trafficPolicy:\n    connectionPool:\n      tcp:\n        maxConnections: 10\n    tls:\n      mode: SIMPLE\n');
    const remove = quickFixes(actionsFor(text, 'user-tls-to-mesh'))[1];
    const after = assertFixes(text, remove, 'user-tls-to-mesh', lineSpan(text, '    tls:', 'mode: SIMPLE'));
    assert.equal(after, text.replace('    tls:\n      mode: SIMPLE\n', ''));
  });
});

describe('empty-tls-means-disable quick fixes (§B8)', () => {
  const permissive = (tls: string) => mesh(`  trafficPolicy:\n${tls}`, 'PERMISSIVE');

  test('§B8 offers ISTIO_MUTUAL (preferred) and an explicit DISABLE; both clear the finding', () => {
    const text = permissive('    tls:\n      sni: reviews.shop\n');
    const [mutual, disable] = quickFixes(actionsFor(text, 'empty-tls-means-disable'));
    assert.equal(mutual.title, SET);
    assert.equal(mutual.isPreferred, true);
    assert.equal(disable.title, 'Set tls mode to DISABLE (plaintext, as now)');
    const span = lineSpan(text, 'sni: reviews.shop');
    assert.equal(assertFixes(text, mutual, 'empty-tls-means-disable', span), text.replace('      sni:', '      mode: ISTIO_MUTUAL\n      sni:'));
    assert.equal(assertFixes(text, disable, 'empty-tls-means-disable', span), text.replace('      sni:', '      mode: DISABLE\n      sni:'));
  });

  test('§B8 `mode:` written without a value gets one after the colon', () => {
    const text = permissive('    tls:\n      mode:   # fill in\n');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'empty-tls-means-disable'))[1], 'empty-tls-means-disable', lineSpan(text, 'mode:   #'));
    assert.equal(after, text.replace('mode:   # fill in', 'mode: DISABLE   # fill in'));
  });

  test('§B8 `tls: { }` in flow style', () => {
    const text = permissive('    tls: { }\n');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'empty-tls-means-disable'))[1], 'empty-tls-means-disable', lineSpan(text, 'tls: { }'));
    assert.equal(after, text.replace('tls: { }', 'tls: {mode: DISABLE}'));
  });

  test('§B8 a tls block whose only keys are user-TLS fields: ISTIO_MUTUAL replaces them', () => {
    const text = permissive('    tls:\n      caCertificates: /ca.pem # old\n      credentialName: reviews-ca\n');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'empty-tls-means-disable'))[0], 'empty-tls-means-disable', lineSpan(text, 'caCertificates', 'credentialName'));
    assert.equal(after, text.replace('      caCertificates: /ca.pem # old\n      credentialName: reviews-ca\n', '      mode: ISTIO_MUTUAL\n'));
  });
});

describe('unusual files (issue 7)', () => {
  test('§C2 a file with a byte order mark: the edit lands on the mode value and the BOM stays', () => {
    const text = '\uFEFF' + mesh('  trafficPolicy:\n    tls:\n      mode: DISABLE\n');
    const after = assertFixes(text, quickFixes(actionsFor(text, 'plaintext-to-strict'))[0], 'plaintext-to-strict', lineSpan(text, 'mode: DISABLE'));
    assert.equal(after, text.replace('mode: DISABLE', 'mode: ISTIO_MUTUAL'));
  });

  test('§C2 a DestinationRule inside a v1 List: the path goes through `items`', () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata:
    name: reviews
    namespace: shop
  spec:
    host: reviews
    trafficPolicy:
      tls:
        mode: DISABLE
`;
    const text = docs(
      namespace('shop', { 'istio-injection': 'enabled' }),
      peerAuthentication('shop', 'default', 'STRICT'),
      deployment('shop', 'web'),
      deployment('shop', 'reviews'),
      service('shop', 'reviews'),
      list,
    );
    const [set, remove] = quickFixes(actionsFor(text, 'plaintext-to-strict'));
    assert.equal(assertFixes(text, set, 'plaintext-to-strict', lineSpan(text, 'mode: DISABLE')), text.replace('mode: DISABLE', 'mode: ISTIO_MUTUAL'));
    assert.equal(assertFixes(text, remove, 'plaintext-to-strict', lineSpan(text, '    trafficPolicy:', 'mode: DISABLE')), text.replace('    trafficPolicy:\n      tls:\n        mode: DISABLE\n', ''));
  });

  test('§C2 a tls block that is an alias: no fix (editing the anchor would change its other uses)', () => {
    const text = mesh('  trafficPolicy:\n    tls: *plain\n').replace('spec:\n  host: reviews', 'x-plain: &plain\n  mode: DISABLE\nspec:\n  host: reviews');
    assert.deepEqual(quickFixes(actionsFor(text, 'plaintext-to-strict')), []);
  });
});
