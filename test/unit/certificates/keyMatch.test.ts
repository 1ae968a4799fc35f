import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeKeyType, publicKeyOfPrivateKey, samePublicKey } from '../../../server/src/certificates/keyMatch';
import { readCertificateDer } from '../../../server/src/certificates/x509Reading';
import { privateKeyPem, testPki } from '../../support/pki';

test('§E3 a private key matches its certificate in PKCS#1, SEC1, PKCS#8 and DER forms', () => {
  const pki = testPki();
  const root = readCertificateDer(pki.root.der);
  const inter = readCertificateDer(pki.intermediate.der);
  assert.ok(root && inter);
  for (const form of ['traditional', 'pkcs8'] as const) {
    const rk = publicKeyOfPrivateKey(Buffer.from(privateKeyPem(pki.rootKey, form)));
    const ik = publicKeyOfPrivateKey(Buffer.from(privateKeyPem(pki.intermediateKey, form)));
    assert.ok(rk && ik);
    assert.equal(samePublicKey(rk, root.x509.publicKey), true);
    assert.equal(samePublicKey(ik, inter.x509.publicKey), true);
  }
  const der = pki.intermediateKey.privateKey.export({ type: 'sec1', format: 'der' });
  const fromDer = publicKeyOfPrivateKey(der);
  assert.ok(fromDer);
  assert.equal(samePublicKey(fromDer, inter.x509.publicKey), true);
  assert.equal(describeKeyType(root.x509.publicKey), 'RSA-2048');
  assert.equal(describeKeyType(inter.x509.publicKey), 'EC P-256');
});

test('§E3 another intermediate key does not match; garbage and encrypted keys read as unknown', () => {
  const pki = testPki();
  const inter = readCertificateDer(pki.intermediate.der);
  assert.ok(inter);
  const other = publicKeyOfPrivateKey(Buffer.from(privateKeyPem(pki.otherIntermediateKey)));
  assert.ok(other);
  assert.equal(samePublicKey(other, inter.x509.publicKey), false);
  assert.equal(publicKeyOfPrivateKey(Buffer.from('garbage')), undefined);
  assert.equal(publicKeyOfPrivateKey(Buffer.from('-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n')), undefined);
  const encrypted = pki.otherIntermediateKey.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' });
  assert.equal(publicKeyOfPrivateKey(Buffer.from(encrypted.toString())), undefined);
});
