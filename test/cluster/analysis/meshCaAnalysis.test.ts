import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseCaSecret } from '../../../client/src/cluster/analysis/meshCaAnalysis';
import { readLiveMeshSettings } from '../../../client/src/cluster/analysis/meshSettings';
import { certificateValuesOfSecretData } from '../../../client/src/cluster/read/secretCertificateKeys';
import { newKeyPair, rootCa } from '../../support/pki';
import { meshPki, NOW } from '../support/meshPki';

const b64 = (s: string) => Buffer.from(s).toString('base64');

test('§E3 cacerts: only certificate keys are decoded; ca-key.pem is listed by name, never decoded', () => {
  const pki = meshPki();
  const reading = certificateValuesOfSecretData({
    'ca-cert.pem': b64(pki.intermediate.pem), 'ca-key.pem': b64(pki.caKeyPem), 'cert-chain.pem': b64(pki.intermediate.pem + pki.root.pem),
    'root-cert.pem': b64(pki.root.pem), 'tls.key': b64('x'), 'key.pem': b64('y'),
  });
  assert.deepEqual(Object.keys(reading.values).sort(), ['ca-cert.pem', 'cert-chain.pem', 'root-cert.pem']);
  assert.deepEqual(reading.skippedKeys, ['ca-key.pem', 'key.pem', 'tls.key']);
  assert.ok(!JSON.stringify(reading).includes('PRIVATE KEY'));
});

test('§E3 a plug-in CA: the signing certificate verifies to root-cert.pem through cert-chain.pem; each certificate is judged against the CA window', () => {
  const pki = meshPki();
  const bundles = analyseCaSecret({ source: 'Secret istio-system/cacerts', values: { 'root-cert.pem': pki.root.pem, 'ca-cert.pem': pki.intermediate.pem, 'cert-chain.pem': pki.intermediate.pem + pki.root.pem }, now: NOW, caWarningDays: 30 });
  assert.deepEqual(bundles.map((b) => b.key), ['ca-cert.pem', 'cert-chain.pem', 'root-cert.pem']);
  assert.match(bundles[0].certificates[0].chain ?? '', /^verifies to root-cert\.pem "Acme Mesh Root CA"/);
  assert.deepEqual(bundles.flatMap((b) => b.certificates.flatMap((c) => c.findings)), []);
  const expiring = analyseCaSecret({ source: 's', values: { 'ca-cert.pem': pki.intermediate.pem, 'root-cert.pem': pki.root.pem }, now: NOW, caWarningDays: 400 });
  assert.equal(expiring[0].certificates[0].findings[0].code, 'expiring');
});

test('§E3 a plug-in CA whose signing certificate is not under its root-cert.pem; a self-signed istio-ca-secret', () => {
  const pki = meshPki();
  const wrong = analyseCaSecret({ source: 's', values: { 'ca-cert.pem': pki.intermediate.pem, 'root-cert.pem': pki.oldRoot.pem }, now: NOW, caWarningDays: 30 });
  assert.equal(wrong[0].certificates[0].findings[0].code, 'chain-unverified');
  const selfSigned = analyseCaSecret({ source: 'Secret istio-system/istio-ca-secret', values: { 'ca-cert.pem': rootCa(newKeyPair('ec'), 'cluster.local').pem }, now: NOW, caWarningDays: 30 });
  assert.match(selfSigned[0].certificates[0].chain ?? '', /self-signed/);
  assert.deepEqual(selfSigned[0].certificates[0].findings, []);
});

test('§F4 mesh settings: trust domain (@ → .), aliases, root namespace; defaults otherwise', () => {
  const s = readLiveMeshSettings('trustDomain: acme@corp\ntrustDomainAliases: [old.acme, " "]\nrootNamespace: mesh-root\n', 'ConfigMap istio-system/istio', 'istio-system');
  assert.deepEqual([s.trustDomain, s.trustDomainAliases, s.rootNamespace], ['acme.corp', ['old.acme'], 'mesh-root']);
  const d = readLiveMeshSettings('{not yaml', 'x', 'istio-system');
  assert.deepEqual([d.trustDomain, d.trustDomainAliases, d.rootNamespace], ['cluster.local', [], 'istio-system']);
});
