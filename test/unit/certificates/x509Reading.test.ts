import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCertificateDer } from '../../../server/src/certificates/x509Reading';
import { readCertificateBytes, readCertificateText } from '../../../server/src/certificates/certificateValue';
import { describeCertificate, formatInstant } from '../../../server/src/certificates/certificateLabel';
import { NOW, daysFrom, newKeyPair, privateKeyPem, rootCa, testPki } from '../../support/pki';

test('§E3 reads an RSA root and an ECDSA P-256 intermediate with their validity', () => {
  const pki = testPki();
  const root = readCertificateDer(pki.root.der);
  const inter = readCertificateDer(pki.intermediate.der);
  assert.ok(root && inter);
  assert.equal(root.notAfter.getTime(), pki.root.spec.notAfter.getTime() - (pki.root.spec.notAfter.getTime() % 1000));
  assert.equal(inter.x509.publicKey.asymmetricKeyType, 'ec');
  assert.equal(root.x509.publicKey.asymmetricKeyType, 'rsa');
  assert.match(describeCertificate(inter), /^"Acme Intermediate CA" \(SHA-256 [0-9A-F]{2}(:[0-9A-F]{2}){3}…\)$/);
});

test('§E1 reads a workload certificate with an empty subject and a critical URI SAN', () => {
  const pki = testPki();
  const w = readCertificateDer(pki.workload.der);
  assert.ok(w);
  assert.equal(w.x509.subject ?? '', '');
  assert.match(w.x509.subjectAltName ?? '', /URI:spiffe:\/\/cluster\.local\/ns\/x\/sa\/y/);
  assert.equal(describeCertificate(w).startsWith('(empty subject, spiffe://cluster.local/ns/x/sa/y)'), true);
});

test('§E2 notAfter after 2049 (GeneralizedTime) is read', () => {
  const c = rootCa(newKeyPair('ec'), 'Long Root', { notAfter: new Date('2060-01-02T03:04:05Z') });
  const r = readCertificateDer(c.der);
  assert.equal(r?.notAfter.toISOString(), '2060-01-02T03:04:05.000Z');
  assert.equal(formatInstant(new Date('2026-11-20T09:30:00Z')), '2026-11-20 09:30 UTC');
  assert.equal(formatInstant(new Date('2026-11-20T00:00:00Z')), '2026-11-20');
  assert.ok(daysFrom(NOW, 1) > NOW);
});

test('§E4 truncated DER, trailing bytes and garbage are not certificates', () => {
  const pki = testPki();
  assert.equal(readCertificateDer(pki.root.der.subarray(0, pki.root.der.length - 10)), undefined);
  assert.equal(readCertificateDer(Buffer.concat([pki.root.der, Buffer.from([0, 0])])), undefined);
  assert.equal(readCertificateDer(Buffer.from('hello world, not a certificate')), undefined);
});

test('§E4 readCertificateBytes reads PEM bundles and raw DER, and explains the rest', () => {
  const pki = testPki();
  assert.equal(readCertificateBytes(Buffer.from(pki.intermediate.pem + pki.root.pem)).certificates.length, 2);
  const der = readCertificateBytes(pki.root.der);
  assert.equal(der.certificates.length, 1);
  assert.equal(der.pem, false);
  const twice = readCertificateBytes(Buffer.from(Buffer.from(pki.root.pem).toString('base64')));
  assert.match(twice.problems[0].message, /base64-encoded once more than this field expects/);
  const garbage = readCertificateBytes(Buffer.from('not a cert'));
  assert.match(garbage.problems[0].message, /neither PEM nor a DER certificate/);
  const badBody = readCertificateBytes(Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA*AAA\n-----END CERTIFICATE-----\n'));
  assert.match(badBody.problems[0].message, /not valid base64/);
  const notCert = readCertificateBytes(Buffer.from('-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n'));
  assert.match(notCert.problems[0].message, /complete DER X\.509 certificate/);
  const keyOnly = readCertificateBytes(Buffer.from(privateKeyPem(newKeyPair('ec'))));
  assert.equal(keyOnly.certificates.length, 0);
  assert.equal(keyOnly.problems.length, 0);
  assert.equal(keyOnly.privateKeyBlocks, 1);
});

test('§E4 readCertificateText reads DER files read as latin1, and skips lossy text', () => {
  const pki = testPki();
  assert.equal(readCertificateText(pki.root.der.toString('latin1')).certificates.length, 1);
  const lossy = readCertificateText(pki.root.der.toString('utf8'));
  assert.equal(lossy.certificates.length + lossy.problems.length, 0);
  assert.equal(readCertificateText('   \n').problems.length, 0);
});
