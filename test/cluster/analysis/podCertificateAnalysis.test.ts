import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allPodFindings, analysePodCertificates } from '../../../client/src/cluster/analysis/podCertificateAnalysis';
import { newKeyPair, rootCa, intermediateCa } from '../../support/pki';
import { sdsSecrets } from '../support/demoMesh';
import { chainPem, daysFrom, istioWorkload, meshPki, NOW } from '../support/meshPki';
import { podInput } from '../support/podInput';

const codes = (input: Parameters<typeof analysePodCertificates>[0]) => allPodFindings(analysePodCertificates(input)).map((f) => f.code).sort();

function healthy(algorithm: 'ec' | 'rsa' = 'ec') {
  const pki = meshPki();
  return sdsSecrets(chainPem(istioWorkload({ namespace: 'shop', serviceAccount: 'cart', algorithm }), pki.intermediate), pki.root.pem);
}

test('§E1 §E5 a healthy ECDSA workload chain under an RSA root: no findings, the chain verifies to ROOTCA through the intermediate', () => {
  const report = analysePodCertificates(podInput(healthy('ec')));
  assert.deepEqual(allPodFindings(report), []);
  const leaf = report.workloadChain?.certificates[0];
  assert.equal(leaf?.facts.identity, 'spiffe://cluster.local/ns/shop/sa/cart');
  assert.equal(leaf?.facts.keyType, 'EC P-256');
  assert.equal(leaf?.facts.subject, '(empty)');
  assert.match(leaf?.chain ?? '', /^verifies to ROOTCA "Acme Mesh Root CA" .* through "Acme Mesh Intermediate CA"/);
  assert.equal(report.workloadChain?.certificates[1].role, 'intermediate');
  assert.equal(report.rootBundle?.certificates[0].facts.keyType, 'RSA-2048');
});

test('§E1 an RSA workload certificate is read like an ECDSA one', () => {
  const report = analysePodCertificates(podInput(healthy('rsa')));
  assert.deepEqual(allPodFindings(report), []);
  assert.equal(report.workloadChain?.certificates[0].facts.keyType, 'RSA-2048');
});

test('§E2 an expired workload certificate is an error naming how long ago', () => {
  const pki = meshPki();
  const cert = istioWorkload({ namespace: 'shop', serviceAccount: 'cart', notBeforeHours: -50, notAfterHours: -26 });
  const report = analysePodCertificates(podInput(sdsSecrets(chainPem(cert, pki.intermediate), pki.root.pem)));
  const [f] = allPodFindings(report);
  assert.equal(f.code, 'expired');
  assert.equal(f.severity, 'error');
  assert.equal(f.short, 'expired 1 day ago');
});

test('§E2 a workload certificate with less than 25% of its lifetime left means rotation stalled; 29% left is fine', () => {
  const pki = meshPki();
  const at = (left: number) => sdsSecrets(chainPem(istioWorkload({ namespace: 'shop', serviceAccount: 'cart', notBeforeHours: left - 24, notAfterHours: left }), pki.intermediate), pki.root.pem);
  const low = allPodFindings(analysePodCertificates(podInput(at(5))));
  assert.deepEqual(low.map((f) => [f.code, f.severity]), [['expiring', 'warning']]);
  assert.match(low[0].message, /21% of its 1 day lifetime left.*rotation has stalled/);
  assert.deepEqual(codes(podInput(at(7))), []);
});

test('§E1 a certificate that is not valid yet (clock skew) is an error', () => {
  const pki = meshPki();
  const cert = istioWorkload({ namespace: 'shop', serviceAccount: 'cart', notBeforeHours: 3, notAfterHours: 27 });
  assert.deepEqual(codes(podInput(sdsSecrets(chainPem(cert, pki.intermediate), pki.root.pem))), ['not-yet-valid']);
});

test('§E1 a SPIFFE ID of another namespace or service account than the pod runs as', () => {
  const pki = meshPki();
  const cert = istioWorkload({ namespace: 'shop', serviceAccount: 'default' });
  const report = analysePodCertificates(podInput(sdsSecrets(chainPem(cert, pki.intermediate), pki.root.pem)));
  const [f] = allPodFindings(report);
  assert.equal(f.code, 'identity-mismatch');
  assert.match(f.message, /says spiffe:\/\/cluster\.local\/ns\/shop\/sa\/default, but the pod runs in namespace shop as service account cart \(expected spiffe:\/\/cluster\.local\/ns\/shop\/sa\/cart\)/);
});

test('§F4 a trust domain outside the mesh trust domain is an error; one of its trustDomainAliases is accepted', () => {
  const pki = meshPki();
  const cert = istioWorkload({ namespace: 'shop', serviceAccount: 'cart', trustDomain: 'old.example.com' });
  const secrets = sdsSecrets(chainPem(cert, pki.intermediate), pki.root.pem);
  assert.deepEqual(codes(podInput(secrets)), ['foreign-trust-domain']);
  assert.deepEqual(codes(podInput(secrets, { mesh: { trustDomain: 'cluster.local', trustDomainAliases: ['old.example.com'] } })), []);
});

test('§E1 a workload certificate without a spiffe:// URI SAN', () => {
  const pki = meshPki();
  const dnsOnly = intermediateCa(newKeyPair('ec'), 'not a workload', pki.intermediate, { ca: false, keyUsage: ['digitalSignature'], pathLen: undefined, dnsSans: ['cart.shop.svc'] });
  assert.deepEqual(codes(podInput(sdsSecrets(chainPem(dnsOnly, pki.intermediate), pki.root.pem))), ['no-spiffe-id']);
});

test('§E4 a chain from another CA does not verify to the pod\'s ROOTCA', () => {
  const pki = meshPki();
  const cert = istioWorkload({ namespace: 'shop', serviceAccount: 'cart', issuer: pki.oldIntermediate });
  const report = analysePodCertificates(podInput(sdsSecrets(chainPem(cert, pki.oldIntermediate), pki.root.pem)));
  const f = allPodFindings(report).find((x) => x.code === 'chain-unverified');
  assert.ok(f);
  assert.match(report.workloadChain?.certificates[0].chain ?? '', /does not verify to ROOTCA: no certificate of ROOTCA \(or of the chain\) issued "Old Cluster Intermediate CA"/);
});

test('§E3 a root with the same name but another key (a replaced CA) is named as such', () => {
  const pki = meshPki();
  const impostor = rootCa(newKeyPair('ec'), 'Acme Mesh Root CA', { notBefore: daysFrom(NOW, -10) });
  const report = analysePodCertificates(podInput(sdsSecrets(chainPem(istioWorkload({ namespace: 'shop', serviceAccount: 'cart' }), pki.intermediate), impostor.pem)));
  assert.match(report.workloadChain?.certificates[0].chain ?? '', /same name, different key/);
});

test('§E5 a missing or only warming workload certificate, and a missing ROOTCA', () => {
  const pki = meshPki();
  const cert = chainPem(istioWorkload({ namespace: 'shop', serviceAccount: 'cart' }), pki.intermediate);
  assert.deepEqual(codes(podInput([{ name: 'ROOTCA', status: 'ACTIVE', trustedCaPem: pki.root.pem }])), ['workload-cert-missing']);
  const warming = analysePodCertificates(podInput(sdsSecrets(cert, pki.root.pem, 'WARMING')));
  assert.deepEqual(warming.podFindings.map((f) => f.code), ['workload-cert-warming']);
  assert.match(warming.podFindings[0].message, /only warming/);
  assert.deepEqual(codes(podInput([{ name: 'default', status: 'ACTIVE', chainPem: cert }])), ['root-bundle-missing']);
});

test('§E4 ROOTCA against the namespace\'s istio-ca-root-cert: disjoint is an error, overlapping (mid rotation) a warning', () => {
  const pki = meshPki();
  const cert = chainPem(istioWorkload({ namespace: 'shop', serviceAccount: 'cart' }), pki.intermediate);
  const ns = (pem: string) => ({ namespaceRoot: { source: 'ConfigMap shop/istio-ca-root-cert', pem } });
  const disjoint = analysePodCertificates(podInput(sdsSecrets(cert, pki.root.pem), ns(pki.oldRoot.pem)));
  assert.deepEqual(disjoint.podFindings.map((f) => [f.code, f.severity]), [['root-differs-from-namespace', 'error']]);
  const both = analysePodCertificates(podInput(sdsSecrets(cert, pki.root.pem + pki.oldRoot.pem), ns(pki.root.pem)));
  assert.deepEqual(both.podFindings.map((f) => [f.code, f.severity]), [['root-differs-from-namespace', 'warning']]);
  const same = analysePodCertificates(podInput(sdsSecrets(cert, pki.root.pem), ns(pki.root.pem)));
  assert.deepEqual(same.podFindings, []);
  assert.equal(same.namespaceRoot?.certificates.length, 1);
});

test('CA and root certificates are judged against the warning window setting, not the 25% rule', () => {
  const shortRoot = rootCa(newKeyPair('ec'), 'Short Root', { notBefore: daysFrom(NOW, -3000), notAfter: daysFrom(NOW, 20) });
  const inter = intermediateCa(newKeyPair('ec'), 'Short Intermediate', shortRoot, { notAfter: daysFrom(NOW, 15) });
  const secrets = sdsSecrets(chainPem(istioWorkload({ namespace: 'shop', serviceAccount: 'cart', issuer: inter }), inter), shortRoot.pem);
  assert.deepEqual(codes(podInput(secrets, { caWarningDays: 30 })), ['expiring', 'expiring']);
  assert.deepEqual(codes(podInput(secrets, { caWarningDays: 10 })), []);
});
