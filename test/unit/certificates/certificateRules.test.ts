import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRuleSets } from '../../../server/src/rules/runRules';
import { certificateRules } from '../../../server/src/rules/certificateRules';
import type { Finding } from '../../../server/src/rules/finding';
import { identityOfAnchor } from '../../../server/src/rules/finding';
import {
  NOW, configMapYaml, contextOf, daysFrom, intermediateCa, newKeyPair, privateKeyPem, rootCa, secretYaml, testPki,
  type ContextOptions, type TestFile,
} from '../../support/pki';

const run = (files: readonly TestFile[], options: ContextOptions = {}): Finding[] => runRuleSets(contextOf(files, options), [certificateRules]);
const yamlFile = (text: string, path = 'manifests.yaml'): TestFile => ({ path, text });

/** "rule kind namespace/name path" for each finding. */
function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => {
    const id = identityOfAnchor(f.anchor);
    const where = 'path' in f.anchor ? f.anchor.path.join('.') : `${f.anchor.file}@${f.anchor.offsets.join('-')}`;
    return `${f.rule} ${id.kind} ${id.namespace}/${id.name} ${where}`;
  }).sort();
}

function healthyCacerts(namespace = 'istio-system') {
  const pki = testPki();
  return secretYaml('cacerts', namespace, {
    data: {
      'ca-cert.pem': pki.intermediate.pem,
      'ca-key.pem': privateKeyPem(pki.intermediateKey),
      'cert-chain.pem': pki.intermediate.pem + pki.root.pem,
      'root-cert.pem': pki.root.pem,
    },
  });
}

test('§E3 §E4 a healthy plug-in CA (RSA root, ECDSA intermediate) and equal root copies give no finding', () => {
  const pki = testPki();
  const findings = run([
    yamlFile(healthyCacerts()),
    yamlFile(configMapYaml('istio-ca-root-cert', 'istio-system', { 'root-cert.pem': pki.root.pem }), 'root-is.yaml'),
    yamlFile(configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': pki.root.pem }), 'root-shop.yaml'),
  ]);
  assert.deepEqual(summary(findings), []);
});

test('rule set metadata lists the eight certificate rules', () => {
  assert.equal(certificateRules.name, 'certificates');
  assert.deepEqual([...certificateRules.ids].sort(), [
    'ca-chain-broken', 'ca-key-mismatch', 'ca-not-ca', 'certificate-expired', 'certificate-expiring',
    'certificate-not-yet-valid', 'root-mismatch', 'unreadable-certificate',
  ]);
});

// ---------------------------------------------------------------------------------------------
// expiry

test('§E2 §E3 certificate-expired fires on istio-ca-secret ca-cert.pem and on every istio-ca-root-cert copy of an expired self-signed root', () => {
  const key = newKeyPair('rsa');
  const root = rootCa(key, 'cluster.local', { notBefore: daysFrom(NOW, -1830), notAfter: new Date('2026-11-20T09:30:00Z') });
  const findings = run([
    yamlFile(secretYaml('istio-ca-secret', 'istio-system', {
      data: { 'ca-cert.pem': root.pem, 'ca-key.pem': privateKeyPem(key), 'cert-chain.pem': '', 'root-cert.pem': '' },
    })),
    yamlFile(configMapYaml('istio-ca-root-cert', 'istio-system', { 'root-cert.pem': root.pem }), 'a.yaml'),
    yamlFile(configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': root.pem }), 'b.yaml'),
  ]);
  assert.deepEqual(summary(findings), [
    'certificate-expired ConfigMap istio-system/istio-ca-root-cert data.root-cert.pem',
    'certificate-expired ConfigMap shop/istio-ca-root-cert data.root-cert.pem',
    'certificate-expired Secret istio-system/istio-ca-secret data.ca-cert.pem',
  ]);
  const msg = findings.find((f) => f.rule === 'certificate-expired' && identityOfAnchor(f.anchor).kind === 'ConfigMap')?.message ?? '';
  assert.match(msg, /root-cert\.pem "cluster\.local" \(SHA-256 [0-9A-F:]+…\) expired on 2026-11-20 09:30 UTC \(notAfter/);
  assert.match(msg, /workloads can no longer chain to a valid root, so mTLS handshakes fail/);
});

test('§E2 §E8 certificate-expiring fires inside the warning window and not outside it; the threshold is a setting', () => {
  const anchor = rootCa(newKeyPair('ec'), 'root.linkerd.cluster.local', { notAfter: daysFrom(NOW, 18.5) });
  const files = [yamlFile(configMapYaml('linkerd-identity-trust-roots', 'linkerd', { 'ca-bundle.crt': anchor.pem }))];
  const fired = run(files);
  assert.deepEqual(summary(fired), ['certificate-expiring ConfigMap linkerd/linkerd-identity-trust-roots data.ca-bundle.crt']);
  assert.match(fired[0].message, /in 18 days, inside the 30-day warning window/);
  assert.deepEqual(summary(run(files, { certificateExpiryWarningDays: 10 })), []);
  const later = rootCa(newKeyPair('ec'), 'root', { notAfter: daysFrom(NOW, 31) });
  assert.deepEqual(summary(run([yamlFile(configMapYaml('linkerd-identity-trust-roots', 'linkerd', { 'ca-bundle.crt': later.pem }))])), []);
});

test('§E2 §E8 certificate-not-yet-valid fires on a linkerd issuer crt.pem issued with a skewed clock', () => {
  const pki = testPki();
  const issuerKey = newKeyPair('ec');
  const issuer = intermediateCa(issuerKey, 'identity.linkerd.cluster.local', pki.root, { notBefore: daysFrom(NOW, 1.25) });
  const findings = run([yamlFile(secretYaml('linkerd-identity-issuer', 'linkerd', {
    data: { 'crt.pem': issuer.pem, 'key.pem': privateKeyPem(issuerKey) },
  }))]);
  assert.deepEqual(summary(findings), ['certificate-not-yet-valid Secret linkerd/linkerd-identity-issuer data.crt.pem']);
  assert.match(findings[0].message, /is not valid before \d{4}-\d\d-\d\d 06:00 UTC \(notBefore, 1 day from now\)/);
});

test('§E2 one finding per key and rule, naming every affected certificate of a bundle', () => {
  const pki = testPki();
  const old1 = rootCa(newKeyPair('ec'), 'Old One', { notAfter: daysFrom(NOW, -2) });
  const old2 = rootCa(newKeyPair('ec'), 'Old Two', { notAfter: daysFrom(NOW, -3) });
  const findings = run([yamlFile(configMapYaml('linkerd-identity-trust-roots', 'linkerd', { 'ca-bundle.crt': old1.pem + pki.root.pem + old2.pem }))]);
  assert.deepEqual(summary(findings), ['certificate-expired ConfigMap linkerd/linkerd-identity-trust-roots data.ca-bundle.crt']);
  assert.match(findings[0].message, /2 of 3 certificates.*certificate 1 "Old One".*certificate 3 "Old Two"/);
});

test('§E2 a certificate found in several places gets a finding at each place (cert-chain.pem and root-cert.pem)', () => {
  const pki = testPki();
  const rootKey = newKeyPair('ec');
  const root = rootCa(rootKey, 'Expired Root', { notAfter: daysFrom(NOW, -1) });
  const interKey = newKeyPair('ec');
  const inter = intermediateCa(interKey, 'Inter', root);
  const findings = run([yamlFile(secretYaml('cacerts', 'istio-system', {
    stringData: { 'ca-cert.pem': inter.pem, 'ca-key.pem': privateKeyPem(interKey), 'cert-chain.pem': inter.pem + root.pem, 'root-cert.pem': root.pem },
  }))]);
  assert.deepEqual(summary(findings), [
    'certificate-expired Secret istio-system/cacerts stringData.cert-chain.pem',
    'certificate-expired Secret istio-system/cacerts stringData.root-cert.pem',
  ]);
  assert.ok(pki);
});

// ---------------------------------------------------------------------------------------------
// ca-chain-broken

test('§E3 ca-chain-broken fires on ca-cert.pem when the intermediate was issued by a root that is not root-cert.pem', () => {
  const pki = testPki();
  const newRootKey = newKeyPair('ec');
  const newRoot = rootCa(newRootKey, 'Acme Mesh Root CA G2');
  const g2Key = newKeyPair('ec');
  const g2 = intermediateCa(g2Key, 'Intermediate CA G2', newRoot);
  const findings = run([yamlFile(secretYaml('cacerts', 'istio-system', {
    data: { 'ca-cert.pem': g2.pem, 'ca-key.pem': privateKeyPem(g2Key), 'cert-chain.pem': g2.pem + pki.root.pem, 'root-cert.pem': pki.root.pem },
  }))]);
  assert.deepEqual(summary(findings), ['ca-chain-broken Secret istio-system/cacerts data.ca-cert.pem']);
  assert.match(findings[0].message, /issued by "Acme Mesh Root CA G2"/);
  assert.equal(findings[0].related.length, 1);
  assert.deepEqual('path' in findings[0].related[0].anchor ? findings[0].related[0].anchor.path : [], ['data', 'root-cert.pem']);
});

test('§E3 ca-chain-broken fires when root-cert.pem has the issuer name but another key (signature fails)', () => {
  const pki = testPki();
  const findings = run([yamlFile(secretYaml('cacerts', 'istio-system', {
    data: { 'ca-cert.pem': pki.intermediate.pem, 'root-cert.pem': pki.impostorRoot.pem },
  }))]);
  assert.deepEqual(summary(findings), ['ca-chain-broken Secret istio-system/cacerts data.ca-cert.pem']);
  assert.match(findings[0].message, /signature does not verify/);
});

test('§E3 ca-chain-broken uses cert-chain.pem intermediates as the path and does not fire when they complete it', () => {
  const pki = testPki();
  const subKey = newKeyPair('rsa');
  const sub = intermediateCa(subKey, 'Cluster Sub CA', pki.intermediate);
  const ok = run([yamlFile(secretYaml('cacerts', 'istio-system', {
    data: { 'ca-cert.pem': sub.pem, 'ca-key.pem': privateKeyPem(subKey), 'cert-chain.pem': sub.pem + pki.intermediate.pem + pki.root.pem, 'root-cert.pem': pki.root.pem },
  }))]);
  assert.deepEqual(summary(ok), []);
  const broken = run([yamlFile(secretYaml('cacerts', 'istio-system', {
    data: { 'ca-cert.pem': sub.pem, 'ca-key.pem': privateKeyPem(subKey), 'root-cert.pem': pki.root.pem },
  }))]);
  assert.deepEqual(summary(broken), ['ca-chain-broken Secret istio-system/cacerts data.ca-cert.pem']);
});

test('§E3 ca-chain-broken is attached to cert-chain.pem when ca-cert.pem is absent', () => {
  const pki = testPki();
  const findings = run([yamlFile(secretYaml('cacerts', 'istio-system', {
    data: { 'cert-chain.pem': pki.intermediate.pem, 'root-cert.pem': pki.wrongRoot.pem },
  }))]);
  assert.deepEqual(summary(findings), ['ca-chain-broken Secret istio-system/cacerts data.cert-chain.pem']);
});

test('§E3 ca-chain-broken checks the kubernetes.io/tls scheme (tls.crt up to ca.crt)', () => {
  const pki = testPki();
  const findings = run([yamlFile(secretYaml('cacerts', 'istio-system', {
    data: { 'tls.crt': pki.intermediate.pem, 'tls.key': privateKeyPem(pki.intermediateKey), 'ca.crt': pki.wrongRoot.pem },
  }))]);
  assert.deepEqual(summary(findings), ['ca-chain-broken Secret istio-system/cacerts data.tls.crt']);
});

test('§E3 ca-chain-broken needs both values present and readable', () => {
  const pki = testPki();
  assert.deepEqual(summary(run([yamlFile(secretYaml('cacerts', 'istio-system', { data: { 'ca-cert.pem': pki.intermediate.pem } }))])), []);
  const garbageRoot = run([yamlFile(secretYaml('cacerts', 'istio-system', { data: { 'ca-cert.pem': pki.intermediate.pem, 'root-cert.pem': 'garbage' } }))]);
  assert.deepEqual(summary(garbageRoot), ['unreadable-certificate Secret istio-system/cacerts data.root-cert.pem']);
});

// ---------------------------------------------------------------------------------------------
// ca-key-mismatch

test('§E3 ca-key-mismatch fires when ca-key.pem belongs to another intermediate', () => {
  const pki = testPki();
  const findings = run([yamlFile(secretYaml('cacerts', 'istio-system', {
    data: { 'ca-cert.pem': pki.intermediate.pem, 'ca-key.pem': privateKeyPem(pki.otherIntermediateKey), 'root-cert.pem': pki.root.pem },
  }))]);
  assert.deepEqual(summary(findings), ['ca-key-mismatch Secret istio-system/cacerts data.ca-key.pem']);
  assert.match(findings[0].message, /a different EC P-256 key/);
  assert.deepEqual('path' in findings[0].related[0].anchor ? findings[0].related[0].anchor.path : [], ['data', 'ca-cert.pem']);
});

test('§E3 ca-key-mismatch names the key types when an RSA key sits next to an ECDSA certificate', () => {
  const pki = testPki();
  const findings = run([yamlFile(secretYaml('istio-ca-secret', 'istio-system', {
    stringData: { 'ca-cert.pem': pki.root.pem, 'ca-key.pem': privateKeyPem(pki.otherRootKey, 'pkcs8') },
  }))]);
  assert.deepEqual(summary(findings), ['ca-key-mismatch Secret istio-system/istio-ca-secret stringData.ca-key.pem']);
  assert.match(findings[0].message, /an EC P-256 key, while the certificate holds an RSA-2048 key/);
});

test('§E8 ca-key-mismatch fires on the linkerd issuer key.pem and tls.key', () => {
  const pki = testPki();
  const a = run([yamlFile(secretYaml('linkerd-identity-issuer', 'linkerd', { data: { 'crt.pem': pki.intermediate.pem, 'key.pem': privateKeyPem(pki.otherIntermediateKey) } }))]);
  assert.deepEqual(summary(a), ['ca-key-mismatch Secret linkerd/linkerd-identity-issuer data.key.pem']);
  const b = run([yamlFile(secretYaml('linkerd-identity-issuer', 'linkerd', {
    data: { 'tls.crt': pki.intermediate.pem, 'tls.key': privateKeyPem(pki.otherIntermediateKey), 'ca.crt': pki.root.pem },
  }))]);
  assert.deepEqual(summary(b), ['ca-key-mismatch Secret linkerd/linkerd-identity-issuer data.tls.key']);
});

test('§E3 ca-key-mismatch does not fire for the matching key (any encoding), nor for an unreadable key, and key fields never get unreadable-certificate', () => {
  const pki = testPki();
  for (const key of [privateKeyPem(pki.intermediateKey), privateKeyPem(pki.intermediateKey, 'pkcs8'), 'not a key at all']) {
    const findings = run([yamlFile(secretYaml('cacerts', 'istio-system', { data: { 'ca-cert.pem': pki.intermediate.pem, 'ca-key.pem': key, 'root-cert.pem': pki.root.pem } }))]);
    assert.deepEqual(summary(findings), []);
  }
  const invalidBase64 = run([yamlFile('kind: Secret\nmetadata: {name: cacerts, namespace: istio-system}\ndata:\n  ca-key.pem: "%%%"\n')]);
  assert.deepEqual(summary(invalidBase64), []);
});

// ---------------------------------------------------------------------------------------------
// ca-not-ca

test('§E3 ca-not-ca fires when ca-cert.pem is a leaf (CA:FALSE, no keyCertSign) even though it chains and its key matches', () => {
  const pki = testPki();
  const leafKey = newKeyPair('rsa');
  const leaf = intermediateCa(leafKey, 'istiod.istio-system.svc', pki.root, {
    ca: false, keyUsage: ['digitalSignature', 'keyEncipherment'], extKeyUsage: ['serverAuth', 'clientAuth'],
  });
  const findings = run([yamlFile(secretYaml('cacerts', 'istio-system', {
    stringData: { 'ca-cert.pem': leaf.pem, 'ca-key.pem': privateKeyPem(leafKey), 'cert-chain.pem': leaf.pem + pki.root.pem, 'root-cert.pem': pki.root.pem },
  }))]);
  assert.deepEqual(summary(findings), ['ca-not-ca Secret istio-system/cacerts stringData.ca-cert.pem']);
  assert.match(findings[0].message, /CA:FALSE and its keyUsage \(digitalSignature, keyEncipherment\) lacks keyCertSign/);
});

test('§E3 ca-not-ca fires when basicConstraints is absent, or CA:TRUE with a keyUsage lacking keyCertSign', () => {
  const pki = testPki();
  const noBc = intermediateCa(newKeyPair('ec'), 'No BC', pki.root, { ca: 'absent' });
  const noSign = intermediateCa(newKeyPair('ec'), 'No Sign', pki.root, { keyUsage: ['digitalSignature', 'cRLSign'] });
  for (const [cert, why] of [[noBc, /no basicConstraints/], [noSign, /lacks keyCertSign/]] as const) {
    const findings = run([yamlFile(secretYaml('cacerts', 'istio-system', { data: { 'ca-cert.pem': cert.pem, 'root-cert.pem': pki.root.pem } }))]);
    assert.deepEqual(summary(findings), ['ca-not-ca Secret istio-system/cacerts data.ca-cert.pem']);
    assert.match(findings[0].message, why);
  }
});

test('§E8 ca-not-ca fires on the linkerd issuer crt.pem; a CA without a keyUsage extension is fine', () => {
  const pki = testPki();
  const leaf = intermediateCa(newKeyPair('ec'), 'identity', pki.root, { ca: false });
  assert.deepEqual(summary(run([yamlFile(secretYaml('linkerd-identity-issuer', 'linkerd', { data: { 'crt.pem': leaf.pem } }))])),
    ['ca-not-ca Secret linkerd/linkerd-identity-issuer data.crt.pem']);
  const noKu = intermediateCa(newKeyPair('ec'), 'identity', pki.root, { keyUsage: 'absent' });
  assert.deepEqual(summary(run([yamlFile(secretYaml('linkerd-identity-issuer', 'linkerd', { data: { 'crt.pem': noKu.pem } }))])), []);
});

test('§E4 ca-not-ca is not reported for root ConfigMaps (only signing certificates)', () => {
  const pki = testPki();
  const leafAsRoot = intermediateCa(newKeyPair('ec'), 'Leaf', pki.root, { ca: false });
  assert.deepEqual(summary(run([yamlFile(configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': leafAsRoot.pem }))])), []);
});

// ---------------------------------------------------------------------------------------------
// root-mismatch

test('§E4 root-mismatch fires on the istio-ca-root-cert copy that differs from cacerts root-cert.pem, pointing at it', () => {
  const pki = testPki();
  const findings = run([
    yamlFile(healthyCacerts(), '01.yaml'),
    yamlFile(configMapYaml('istio-ca-root-cert', 'istio-system', { 'root-cert.pem': pki.root.pem }), '02.yaml'),
    yamlFile(configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': pki.root.pem }), '03.yaml'),
    yamlFile(configMapYaml('istio-ca-root-cert', 'legacy', { 'root-cert.pem': pki.wrongRoot.pem }), '04.yaml'),
  ]);
  assert.deepEqual(summary(findings), ['root-mismatch ConfigMap legacy/istio-ca-root-cert data.root-cert.pem']);
  assert.match(findings[0].message, /"Old Cluster Root CA".*lacks the mesh root "Acme Mesh Root CA"/);
  const rel = findings[0].related[0].anchor;
  assert.ok('resource' in rel);
  assert.equal(rel.resource.kind, 'Secret');
  assert.deepEqual(rel.path, ['data', 'root-cert.pem']);
});

test('§E4 root-mismatch compares sets of certificates: order does not matter, an extra root does', () => {
  const pki = testPki();
  const base = secretYaml('cacerts', 'istio-system', { data: { 'root-cert.pem': pki.root.pem + pki.wrongRoot.pem } });
  const reordered = run([yamlFile(base), yamlFile(configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': pki.wrongRoot.pem + pki.root.pem }), 'b.yaml')]);
  assert.deepEqual(summary(reordered), []);
  const subset = run([yamlFile(base), yamlFile(configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': pki.root.pem }), 'b.yaml')]);
  assert.deepEqual(summary(subset), ['root-mismatch ConfigMap shop/istio-ca-root-cert data.root-cert.pem']);
});

test('§E4 root-mismatch prefers the cacerts of istio-system over cacerts elsewhere', () => {
  const pki = testPki();
  const findings = run([
    yamlFile(secretYaml('cacerts', 'other-mesh', { data: { 'root-cert.pem': pki.wrongRoot.pem } }), 'a.yaml'),
    yamlFile(secretYaml('cacerts', 'istio-system', { data: { 'root-cert.pem': pki.root.pem } }), 'b.yaml'),
    yamlFile(configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': pki.root.pem }), 'c.yaml'),
  ]);
  assert.deepEqual(summary(findings), []);
});

test('§E4 without cacerts, root-mismatch compares with the istio-system ConfigMap, which never mismatches itself', () => {
  const pki = testPki();
  const findings = run([
    yamlFile(configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': pki.wrongRoot.pem }), 'a.yaml'),
    yamlFile(configMapYaml('istio-ca-root-cert', 'istio-system', { 'root-cert.pem': pki.root.pem }), 'b.yaml'),
  ]);
  assert.deepEqual(summary(findings), ['root-mismatch ConfigMap shop/istio-ca-root-cert data.root-cert.pem']);
  const related = findings[0].related[0].anchor;
  assert.ok('resource' in related && related.resource.kind === 'ConfigMap' && related.resource.namespace === 'istio-system');
});

test('§E4 root-mismatch needs a reference and skips unreadable values', () => {
  const pki = testPki();
  assert.deepEqual(summary(run([
    yamlFile(configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': pki.wrongRoot.pem }), 'a.yaml'),
    yamlFile(configMapYaml('istio-ca-root-cert', 'web', { 'root-cert.pem': pki.root.pem }), 'b.yaml'),
  ])), []);
  assert.deepEqual(summary(run([
    yamlFile(configMapYaml('istio-ca-root-cert', 'istio-system', { 'root-cert.pem': pki.root.pem }), 'a.yaml'),
    yamlFile(configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': 'garbage' }), 'b.yaml'),
  ])), ['unreadable-certificate ConfigMap shop/istio-ca-root-cert data.root-cert.pem']);
});

// ---------------------------------------------------------------------------------------------
// unreadable-certificate

test('§E4 unreadable-certificate fires on a root-cert.pem truncated without its END line', () => {
  const pki = testPki();
  const cut = pki.root.pem.split('\n').slice(0, 14).join('\n') + '\n';
  const findings = run([yamlFile(configMapYaml('istio-ca-root-cert', 'payments', { 'root-cert.pem': cut }))]);
  assert.deepEqual(summary(findings), ['unreadable-certificate ConfigMap payments/istio-ca-root-cert data.root-cert.pem']);
  assert.match(findings[0].message, /no "-----END CERTIFICATE-----" line/);
});

test('§E3 unreadable-certificate fires on invalid base64, double base64, garbage, a private key in a certificate field, and wrong types', () => {
  const pki = testPki();
  const doubled = Buffer.from(pki.intermediate.pem).toString('base64');
  const yaml = [
    'kind: Secret',
    'metadata: {name: cacerts, namespace: istio-system}',
    'data:',
    '  ca-cert.pem: "not*base64"',
    `  cert-chain.pem: "${Buffer.from(doubled).toString('base64')}"`,
    `  root-cert.pem: "${Buffer.from('just some text').toString('base64')}"`,
    `  tls.crt: "${Buffer.from(privateKeyPem(pki.intermediateKey)).toString('base64')}"`,
    '  ca.crt: [1, 2]',
  ].join('\n');
  const findings = run([yamlFile(yaml)]);
  assert.deepEqual(summary(findings), [
    'unreadable-certificate Secret istio-system/cacerts data.ca-cert.pem',
    'unreadable-certificate Secret istio-system/cacerts data.ca.crt',
    'unreadable-certificate Secret istio-system/cacerts data.cert-chain.pem',
    'unreadable-certificate Secret istio-system/cacerts data.root-cert.pem',
    'unreadable-certificate Secret istio-system/cacerts data.tls.crt',
  ]);
  const by = (key: string) => findings.find((f) => 'path' in f.anchor && f.anchor.path[1] === key)?.message ?? '';
  assert.match(by('ca-cert.pem'), /not valid base64/);
  assert.match(by('cert-chain.pem'), /base64-encoded once more than this field expects/);
  assert.match(by('root-cert.pem'), /neither PEM nor a DER certificate/);
  assert.match(by('tls.crt'), /private key block, not a certificate/);
  assert.match(by('ca.crt'), /not a string/);
});

test('§E3 a raw DER certificate in a Secret is readable; empty values and {{ template values are skipped quietly', () => {
  const pki = testPki();
  const der = `kind: Secret\nmetadata: {name: cacerts, namespace: istio-system}\ndata:\n  root-cert.pem: ${pki.root.der.toString('base64')}\n  ca-cert.pem: ""\n`;
  assert.deepEqual(summary(run([yamlFile(der)])), []);
  const templated = 'kind: Secret\nmetadata: {name: cacerts, namespace: istio-system}\nstringData:\n  ca-cert.pem: "{{ .Values.caCert }}"\n  root-cert.pem: "   "\n';
  assert.deepEqual(summary(run([yamlFile(templated)])), []);
});

test('§E3 a bundle with one good and one broken block reports the broken one and still checks the good one', () => {
  const pki = testPki();
  const expired = rootCa(newKeyPair('ec'), 'Expired', { notAfter: daysFrom(NOW, -1) });
  const broken = '-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n';
  const findings = run([yamlFile(configMapYaml('linkerd-identity-trust-roots', 'linkerd', { 'ca-bundle.crt': expired.pem + broken }))]);
  assert.deepEqual(summary(findings), [
    'certificate-expired ConfigMap linkerd/linkerd-identity-trust-roots data.ca-bundle.crt',
    'unreadable-certificate ConfigMap linkerd/linkerd-identity-trust-roots data.ca-bundle.crt',
  ]);
  assert.match(findings.find((f) => f.rule === 'unreadable-certificate')?.message ?? '', /certificate block 2 of 2/);
  assert.ok(pki);
});

// ---------------------------------------------------------------------------------------------
// .pem / .crt files

test('§E2 file findings anchor at the offending PEM block with an empty identity', () => {
  const pki = testPki();
  const expired = rootCa(newKeyPair('ec'), 'Expired File Root', { notAfter: daysFrom(NOW, -10) });
  const text = pki.root.pem + expired.pem;
  const findings = run([], { certificateFiles: [{ path: 'certs/root-cert.pem', text }] });
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.rule, 'certificate-expired');
  assert.ok('file' in f.anchor);
  assert.equal(f.anchor.file, 'certs/root-cert.pem');
  assert.deepEqual(f.anchor.identity, { kind: '', namespace: '', name: '' });
  assert.equal(text.slice(f.anchor.offsets[0], f.anchor.offsets[1]), expired.pem.trimEnd());
  assert.match(f.message, /certificate 2 of 2, "Expired File Root"/);
});

test('§E4 unreadable-certificate fires on a truncated .crt file, anchored at the broken block', () => {
  const pki = testPki();
  const cut = pki.root.pem.split('\n').slice(0, 6).join('\n') + '\n';
  const text = pki.intermediate.pem + cut;
  const findings = run([], { certificateFiles: [{ path: 'ca.crt', text }] });
  assert.deepEqual(summary(findings), [`unreadable-certificate  / ca.crt@${pki.intermediate.pem.length}-${text.trimEnd().length}`]);
});

test('§E3 files with only private keys, only other blocks, or {{ templates are skipped quietly', () => {
  const pki = testPki();
  const files = [
    { path: 'ca-key.pem', text: privateKeyPem(pki.intermediateKey) },
    { path: 'pub.pem', text: pki.intermediateKey.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    { path: 'tmpl.pem', text: '{{ .Values.rootCert }}\n' },
    { path: 'tmpl2.crt', text: '-----BEGIN CERTIFICATE-----\n{{ .Values.body }}\n-----END CERTIFICATE-----\n' },
    { path: 'empty.crt', text: '' },
  ];
  assert.deepEqual(summary(run([], { certificateFiles: files })), []);
  assert.deepEqual(summary(run([], { certificateFiles: [{ path: 'junk.pem', text: 'hello' }] })), ['unreadable-certificate  / junk.pem@0-5']);
});

test('§E2 a healthy certificate file and a DER file read as latin1 give no finding', () => {
  const pki = testPki();
  const files = [
    { path: 'cert-chain.pem', text: pki.intermediate.pem + pki.root.pem + privateKeyPem(pki.intermediateKey) },
    { path: 'root.crt', text: pki.root.der.toString('latin1') },
  ];
  assert.deepEqual(summary(run([], { certificateFiles: files })), []);
});

test('§E3 bad input never throws: odd shapes of Secrets and ConfigMaps', () => {
  const docs = [
    'kind: Secret\nmetadata: {name: cacerts}\ndata: 42\n',
    'kind: Secret\nmetadata: {name: cacerts}\ndata: [1, 2]\nstringData: "x"\n',
    'kind: ConfigMap\nmetadata: {name: istio-ca-root-cert}\ndata:\n  root-cert.pem: 12345\n',
    'kind: Secret\nmetadata: {name: linkerd-identity-issuer}\ndata:\n  crt.pem: ""\n  key.pem: "====" \n',
  ];
  const findings = run(docs.map((d, i) => yamlFile(d, `${i}.yaml`)));
  assert.deepEqual(summary(findings), ['unreadable-certificate ConfigMap default/istio-ca-root-cert data.root-cert.pem']);
});

test('§E4 a base64-encoded root in ConfigMap data (plain text) is unreadable and says it is encoded once too often', () => {
  const pki = testPki();
  const findings = run([yamlFile(configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': Buffer.from(pki.root.pem).toString('base64') }))]);
  assert.deepEqual(summary(findings), ['unreadable-certificate ConfigMap shop/istio-ca-root-cert data.root-cert.pem']);
  assert.match(findings[0].message, /base64-encoded once more than this field expects/);
});
