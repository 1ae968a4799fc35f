import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCertificateDer, type Certificate } from '../../../server/src/certificates/x509Reading';
import { verifyUpToRoots } from '../../../server/src/certificates/chainVerification';
import { intermediateCa, newKeyPair, testPki, type Issued } from '../../support/pki';

const read = (c: Issued): Certificate => {
  const r = readCertificateDer(c.der);
  assert.ok(r);
  return r;
};

test('§E3 an ECDSA intermediate verifies up to its RSA root', () => {
  const pki = testPki();
  const v = verifyUpToRoots(read(pki.intermediate), [], [read(pki.root)]);
  assert.equal(v.ok, true);
});

test('§E3 a workload certificate verifies through cert-chain.pem intermediates', () => {
  const pki = testPki();
  const v = verifyUpToRoots(read(pki.workload), [read(pki.intermediate)], [read(pki.wrongRoot), read(pki.root)]);
  assert.ok(v.ok);
  assert.equal(v.path.length, 3);
});

test('§E3 a two-level chain verifies when both intermediates are given', () => {
  const pki = testPki();
  const sub = intermediateCa(newKeyPair('ec'), 'Sub CA', pki.intermediate);
  assert.equal(verifyUpToRoots(read(sub), [read(pki.intermediate)], [read(pki.root)]).ok, true);
  assert.equal(verifyUpToRoots(read(sub), [], [read(pki.root)]).ok, false);
});

test('§E3 a root that is itself in the root set verifies', () => {
  const pki = testPki();
  assert.equal(verifyUpToRoots(read(pki.root), [], [read(pki.root)]).ok, true);
});

test('§E3 an intermediate fails against another root, and against a root with its issuer name but another key', () => {
  const pki = testPki();
  const other = verifyUpToRoots(read(pki.intermediate), [], [read(pki.wrongRoot)]);
  assert.ok(!other.ok);
  assert.equal(other.wrongKey.length, 0);
  const impostor = verifyUpToRoots(read(pki.intermediate), [], [read(pki.impostorRoot)]);
  assert.ok(!impostor.ok);
  assert.equal(impostor.wrongKey.length, 1);
});
