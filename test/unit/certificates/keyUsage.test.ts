import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCertificateDer } from '../../../server/src/certificates/x509Reading';
import { notACaReason, readCaConstraints } from '../../../server/src/certificates/keyUsage';
import { intermediateCa, newKeyPair, testPki, workloadCert } from '../../support/pki';
import type { Issued } from '../../support/pki';

const constraintsOf = (c: Issued) => {
  const cert = readCertificateDer(c.der);
  assert.ok(cert);
  const out = readCaConstraints(cert.extensions);
  assert.ok(out);
  return out;
};

test('§E3 a root and an intermediate are CAs with keyCertSign', () => {
  const pki = testPki();
  const root = constraintsOf(pki.root);
  assert.deepEqual(root.basicConstraints, { ca: true });
  assert.deepEqual(root.keyUsage, ['keyCertSign', 'cRLSign']);
  assert.equal(notACaReason(root), undefined);
  const inter = constraintsOf(pki.intermediate);
  assert.deepEqual(inter.basicConstraints, { ca: true, pathLen: 0 });
  assert.equal(notACaReason(inter), undefined);
});

test('§E1 a workload certificate is CA:FALSE with digitalSignature (the keyUsage extension, not the EKU)', () => {
  const pki = testPki();
  const w = constraintsOf(pki.workload);
  assert.deepEqual(w.basicConstraints, { ca: false });
  assert.deepEqual(w.keyUsage, ['digitalSignature', 'keyEncipherment']);
  assert.match(notACaReason(w) ?? '', /CA:FALSE.*lacks keyCertSign/);
});

test('§E3 absent basicConstraints is not a CA; absent keyUsage is fine; decipherOnly (bit 8) decodes', () => {
  const pki = testPki();
  const noBc = constraintsOf(intermediateCa(newKeyPair('ec'), 'No BC', pki.root, { ca: 'absent' }));
  assert.equal(noBc.basicConstraints, undefined);
  assert.match(notACaReason(noBc) ?? '', /no basicConstraints/);
  const noKu = constraintsOf(intermediateCa(newKeyPair('ec'), 'No KU', pki.root, { keyUsage: 'absent' }));
  assert.equal(noKu.keyUsage, undefined);
  assert.equal(notACaReason(noKu), undefined);
  const bit8 = constraintsOf(workloadCert(newKeyPair('ec'), pki.intermediate, { keyUsage: ['keyAgreement', 'decipherOnly'] }));
  assert.deepEqual(bit8.keyUsage, ['keyAgreement', 'decipherOnly']);
});
