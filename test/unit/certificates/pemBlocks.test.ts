import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pemBlockDer, pemBlockKind, splitPemBlocks } from '../../../server/src/certificates/pemBlocks';
import { decodeBase64Strict } from '../../../server/src/certificates/strictBase64';
import { newKeyPair, privateKeyPem, testPki } from '../../support/pki';

test('§E3 splitPemBlocks finds a bundle of certificates and a private key with their offsets', () => {
  const pki = testPki();
  const key = privateKeyPem(newKeyPair('ec'));
  const text = `# comment\n${pki.intermediate.pem}${pki.root.pem}\n${key}`;
  const blocks = splitPemBlocks(text);
  assert.deepEqual(blocks.map((b) => [b.label, b.kind, b.complete]), [
    ['CERTIFICATE', 'certificate', true],
    ['CERTIFICATE', 'certificate', true],
    ['EC PRIVATE KEY', 'private-key', true],
  ]);
  assert.equal(text.slice(blocks[0].start, blocks[0].end), pki.intermediate.pem.trimEnd());
  assert.deepEqual(pemBlockDer(blocks[1]), pki.root.der);
});

test('§E4 splitPemBlocks marks a block without END line as incomplete, ending at the next BEGIN', () => {
  const pki = testPki();
  const cut = pki.root.pem.split('\n').slice(0, 5).join('\n') + '\n';
  const text = cut + pki.intermediate.pem;
  const blocks = splitPemBlocks(text);
  assert.equal(blocks.length, 2);
  assert.equal(blocks[0].complete, false);
  assert.equal(blocks[0].end, cut.trimEnd().length);
  assert.equal(blocks[1].complete, true);
});

test('§E3 private key labels are recognised (PKCS#8, PKCS#1, SEC1, encrypted)', () => {
  for (const label of ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']) assert.equal(pemBlockKind(label), 'private-key');
  assert.equal(pemBlockKind('CERTIFICATE'), 'certificate');
  assert.equal(pemBlockKind('PUBLIC KEY'), 'other');
  assert.equal(pemBlockKind('TRUSTED CERTIFICATE'), 'other');
});

test('§E3 strict base64: padding required, whitespace ignored, garbage refused', () => {
  assert.deepEqual(decodeBase64Strict('aGVs\nbG8='), Buffer.from('hello'));
  assert.equal(decodeBase64Strict('aGVsbG8'), undefined);
  assert.equal(decodeBase64Strict('aGVs*G8='), undefined);
  assert.equal(decodeBase64Strict('-----BEGIN CERTIFICATE-----'), undefined);
  assert.deepEqual(decodeBase64Strict(''), Buffer.alloc(0));
});
