import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticsOf } from '../../support/workspace';
import { destinationRule } from '../../support/fixtures';
import {
  autoMtlsWire,
  credentialNameDropped,
  hasMutualCredentials,
  wireForTlsBlock,
  type AutoEndpoint,
  type AutoMtlsInputs,
} from '../../../server/src/semantics/clientTls';
import type { TlsInForce } from '../../../server/src/semantics/trafficPolicySelection';

/** The top-level tls block of a DestinationRule and the rule itself. */
function tlsOf(tlsYaml: string, extra = '') {
  const { model } = semanticsOf(destinationRule('shop', 'dr', 'reviews', `${extra}  trafficPolicy:\n    tls:\n${tlsYaml}`));
  const dr = model.destinationRules[0];
  const tls = dr.trafficPolicy?.tls;
  assert.ok(tls);
  return { dr, tls };
}

const wire = (tlsYaml: string, extra = '') => {
  const { dr, tls } = tlsOf(tlsYaml, extra);
  return wireForTlsBlock(tls, dr).wire;
};

describe('§B8 §B9 explicit DestinationRule TLS', () => {
  test('§B8 tls without mode is DISABLE', () => {
    assert.equal(wire('      sni: reviews.example.com\n'), 'PLAINTEXT');
    assert.equal(wire('      subjectAltNames: [spiffe://x]\n'), 'PLAINTEXT');
    const { dr, tls } = tlsOf('      sni: x\n');
    assert.match(wireForTlsBlock(tls, dr).reason, /without mode/);
  });
  test('§B8 `tls: {}` is DISABLE', () => {
    const { model } = semanticsOf(destinationRule('shop', 'dr', 'reviews', '  trafficPolicy:\n    tls: {}\n'));
    const dr = model.destinationRules[0];
    assert.equal(dr.trafficPolicy?.tls?.mode, 'DISABLE');
    assert.equal(wireForTlsBlock(dr.trafficPolicy!.tls!, dr).wire, 'PLAINTEXT');
  });
  test('§B9 DISABLE is plaintext, ISTIO_MUTUAL is Istio mTLS, SIMPLE is user TLS', () => {
    assert.equal(wire('      mode: DISABLE\n'), 'PLAINTEXT');
    assert.equal(wire('      mode: ISTIO_MUTUAL\n'), 'MTLS');
    assert.equal(wire('      mode: SIMPLE\n'), 'USER_TLS');
  });
  test('§B9 MUTUAL with client certificate and key is user TLS', () => {
    assert.equal(wire('      mode: MUTUAL\n      clientCertificate: /etc/c.pem\n      privateKey: /etc/k.pem\n'), 'USER_TLS');
  });
  test('§B9 MUTUAL without credentials is plaintext', () => {
    assert.equal(wire('      mode: MUTUAL\n'), 'PLAINTEXT');
    assert.equal(wire('      mode: MUTUAL\n      clientCertificate: /etc/c.pem\n'), 'PLAINTEXT');
    assert.equal(wire('      mode: MUTUAL\n      privateKey: /etc/k.pem\n'), 'PLAINTEXT');
  });
  test('§B9 credentialName without workloadSelector drops TLS; MUTUAL without credentials is plaintext', () => {
    assert.equal(wire('      mode: SIMPLE\n      credentialName: my-secret\n'), 'PLAINTEXT');
    assert.equal(wire('      mode: MUTUAL\n      credentialName: my-secret\n'), 'PLAINTEXT');
    const { dr, tls } = tlsOf('      mode: SIMPLE\n      credentialName: my-secret\n');
    assert.equal(credentialNameDropped(tls, dr), true);
    assert.match(wireForTlsBlock(tls, dr).reason, /credentialName/);
  });
  test('§B9 credentialName on a DestinationRule with workloadSelector is kept', () => {
    const sel = '  workloadSelector:\n    matchLabels: {app: egress}\n';
    assert.equal(wire('      mode: SIMPLE\n      credentialName: my-secret\n', sel), 'USER_TLS');
    assert.equal(wire('      mode: MUTUAL\n      credentialName: my-secret\n', sel), 'USER_TLS');
  });
  test('§B9 a configmap:// credentialName is not dropped', () => {
    const { dr, tls } = tlsOf('      mode: SIMPLE\n      credentialName: configmap://ca-bundle\n');
    assert.equal(credentialNameDropped(tls, dr), false);
    assert.equal(wireForTlsBlock(tls, dr).wire, 'USER_TLS');
  });
  test('§B9 credentialName is only relevant to SIMPLE and MUTUAL', () => {
    const { dr, tls } = tlsOf('      mode: ISTIO_MUTUAL\n      credentialName: x\n');
    assert.equal(credentialNameDropped(tls, dr), false);
    assert.equal(wireForTlsBlock(tls, dr).wire, 'MTLS');
  });
  test('§B9 hasMutualCredentials: certificate and key, or credentialName', () => {
    assert.equal(hasMutualCredentials(tlsOf('      mode: MUTUAL\n      clientCertificate: a\n      privateKey: b\n').tls), true);
    assert.equal(hasMutualCredentials(tlsOf('      mode: MUTUAL\n      credentialName: s\n').tls), true);
    assert.equal(hasMutualCredentials(tlsOf('      mode: MUTUAL\n      clientCertificate: a\n').tls), false);
    assert.equal(hasMutualCredentials(tlsOf('      mode: MUTUAL\n      clientCertificate: ""\n      privateKey: ""\n').tls), false);
  });
  test('rules.md an invalid mode (wrong case) decides nothing: UNKNOWN', () => {
    assert.equal(wire('      mode: istio_mutual\n'), 'UNKNOWN');
    assert.equal(wire('      mode: 3\n'), 'UNKNOWN');
  });
});

const inputs = (o: Partial<AutoMtlsInputs> = {}): AutoMtlsInputs => ({ enableAutoMtls: true, meshExternal: false, namespaceMode: 'PERMISSIVE', headless: false, ...o });
const ep = (tlsModeIstio: boolean, serverMode: AutoEndpoint['serverMode'] = 'STRICT'): AutoEndpoint => ({ tlsModeIstio, serverMode });
const none: TlsInForce = { level: 'none' };
const auto = (i: AutoMtlsInputs, e: AutoEndpoint, all: readonly AutoEndpoint[] = [e], f: TlsInForce = none) => autoMtlsWire(i, f, e, all).wire;

describe('§B10 §B11 auto mTLS', () => {
  test('§B10 a sidecar endpoint gets Istio mTLS', () => {
    assert.equal(auto(inputs(), ep(true, 'STRICT')), 'MTLS');
    assert.equal(auto(inputs(), ep(true, 'PERMISSIVE')), 'MTLS');
  });
  test('§B10 auto mTLS: enableAutoMtls false, MESH_EXTERNAL, nsMode DISABLE, headless all-or-nothing', () => {
    assert.equal(auto(inputs({ enableAutoMtls: false }), ep(true)), 'PLAINTEXT');
    assert.equal(auto(inputs({ meshExternal: true }), ep(true)), 'PLAINTEXT');
    assert.equal(auto(inputs({ namespaceMode: 'DISABLE' }), ep(true)), 'PLAINTEXT');
    const a = ep(true);
    const b = ep(false);
    assert.equal(auto(inputs({ headless: true }), a, [a, b]), 'PLAINTEXT', 'one endpoint without tlsMode: plaintext to all, even the labelled one');
    assert.equal(auto(inputs({ headless: true }), a, [a, ep(true)]), 'MTLS');
    assert.equal(auto(inputs({ headless: true }), a, []), 'PLAINTEXT', 'no instances: plaintext');
  });
  test('§B10 §C8 nsMode DISABLE gives plaintext even to a STRICT endpoint (workload-level STRICT is not read)', () => {
    const r = autoMtlsWire(inputs({ namespaceMode: 'DISABLE' }), none, ep(true, 'STRICT'), [ep(true, 'STRICT')]);
    assert.equal(r.wire, 'PLAINTEXT');
    assert.match(r.reason, /DISABLE/);
  });
  test('§B10 nsMode STRICT or PERMISSIVE keeps per-endpoint matching', () => {
    assert.equal(auto(inputs({ namespaceMode: 'STRICT' }), ep(true)), 'MTLS');
    assert.equal(auto(inputs({ namespaceMode: 'STRICT' }), ep(false)), 'PLAINTEXT');
  });
  test('§B10 §B12 an endpoint without tlsMode=istio gets plaintext', () => {
    assert.equal(auto(inputs(), ep(false, 'STRICT')), 'PLAINTEXT');
  });
  test('§B11 workload/port-level DISABLE gives plaintext per endpoint; edsMode falls back to top-level tls', () => {
    const disabled = ep(true, 'DISABLE');
    const strict = ep(true, 'STRICT');
    assert.equal(auto(inputs(), disabled, [disabled, strict]), 'PLAINTEXT');
    assert.equal(auto(inputs(), strict, [disabled, strict]), 'MTLS');
    // Top-level tls DISABLE + a port-level entry without tls: the cluster is auto, but drMode DISABLE clears tlsMode.
    const portAuto: TlsInForce = { level: 'port', edsMode: 'DISABLE' };
    assert.equal(auto(inputs(), strict, [strict], portAuto), 'PLAINTEXT');
  });
  test('§B11 drMode ISTIO_MUTUAL keeps tlsMode even towards a DISABLE endpoint', () => {
    const f: TlsInForce = { level: 'subset-port', edsMode: 'ISTIO_MUTUAL' };
    assert.equal(auto(inputs(), ep(true, 'DISABLE'), [ep(true, 'DISABLE')], f), 'MTLS');
  });
  test('§B11 drMode does not make an unlabelled endpoint mTLS-capable', () => {
    const f: TlsInForce = { level: 'port', edsMode: 'ISTIO_MUTUAL' };
    assert.equal(auto(inputs(), ep(false), [ep(false)], f), 'PLAINTEXT');
  });
  test('§B11 drMode SIMPLE (not ISTIO_MUTUAL) clears tlsMode: plaintext', () => {
    const f: TlsInForce = { level: 'port', edsMode: 'SIMPLE' };
    assert.equal(auto(inputs(), ep(true), [ep(true)], f), 'PLAINTEXT');
  });
  test('invalid inputs give UNKNOWN rather than a guess', () => {
    assert.equal(auto(inputs({ namespaceMode: 'UNKNOWN' }), ep(true)), 'UNKNOWN');
    assert.equal(auto(inputs(), ep(true, 'UNKNOWN')), 'UNKNOWN');
    assert.equal(auto(inputs(), ep(true), [ep(true)], { level: 'port', edsMode: 'INVALID' }), 'UNKNOWN');
  });
  test('§B10 the global switches win over everything else', () => {
    assert.equal(auto(inputs({ enableAutoMtls: false, namespaceMode: 'UNKNOWN' }), ep(true)), 'PLAINTEXT');
    assert.equal(auto(inputs({ meshExternal: true, headless: true }), ep(true)), 'PLAINTEXT');
  });
});
