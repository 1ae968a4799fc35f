import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCertificateSource } from '../../../server/src/model/kinds/certificateSources';
import { configMapYaml, resourcesOf, secretYaml, testPki } from '../../support/pki';

const only = (text: string) => {
  const rs = resourcesOf([{ path: 'a.yaml', text }]);
  assert.equal(rs.length, 1);
  return readCertificateSource(rs[0]);
};

test('§E3 cacerts: data is base64-decoded, stringData is plain and wins for the same key; empty values are absent', () => {
  const pki = testPki();
  const yaml = secretYaml('cacerts', 'istio-system', {
    data: { 'ca-cert.pem': 'stale', 'root-cert.pem': pki.root.pem, 'cert-chain.pem': '' },
    stringData: { 'ca-cert.pem': pki.intermediate.pem, 'ca-key.pem': '' },
  });
  const s = only(yaml);
  assert.ok(s);
  assert.equal(s.kind, 'istio-cacerts');
  assert.deepEqual(s.values.map((v) => [v.key, v.role, v.path]), [
    ['ca-cert.pem', 'signing-certificate', ['stringData', 'ca-cert.pem']],
    ['root-cert.pem', 'root', ['data', 'root-cert.pem']],
  ]);
  assert.equal(s.values[0].bytes?.toString(), pki.intermediate.pem);
  assert.equal(s.values[1].bytes?.toString(), pki.root.pem);
});

test('§E3 a Secret data value that is not base64 (or not a string) is a problem, not an exception', () => {
  const s = only('kind: Secret\nmetadata: {name: istio-ca-secret, namespace: istio-system}\ndata:\n  ca-cert.pem: "-----BEGIN CERTIFICATE-----"\n  root-cert.pem: {a: 1}\n  tls.crt: null\n');
  assert.ok(s);
  assert.equal(s.kind, 'istio-ca-secret');
  assert.deepEqual(s.values.map((v) => [v.key, v.problem !== undefined, v.bytes === undefined]), [
    ['ca-cert.pem', true, true],
    ['root-cert.pem', true, true],
  ]);
});

test('§E4 §E8 ConfigMap data is plain text, binaryData is base64; linkerd issuer uses crt.pem / key.pem or tls.*', () => {
  const pki = testPki();
  const cm = only(configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': pki.root.pem }));
  assert.equal(cm?.kind, 'istio-root-configmap');
  assert.equal(cm?.values[0].bytes?.toString(), pki.root.pem);
  const bin = only(`kind: ConfigMap\nmetadata: {name: linkerd-identity-trust-roots, namespace: linkerd}\nbinaryData:\n  ca-bundle.crt: ${pki.root.der.toString('base64')}\n`);
  assert.deepEqual(bin?.values[0].path, ['binaryData', 'ca-bundle.crt']);
  assert.deepEqual(bin?.values[0].bytes, pki.root.der);
  const issuer = only(secretYaml('linkerd-identity-issuer', 'linkerd', { data: { 'tls.crt': pki.intermediate.pem, 'tls.key': 'k', 'ca.crt': pki.root.pem } }));
  assert.deepEqual(issuer?.values.map((v) => [v.key, v.role]), [['tls.crt', 'signing-certificate'], ['tls.key', 'signing-key'], ['ca.crt', 'root']]);
});

test('§E3 other objects are not certificate sources (other names, other kinds, other API groups)', () => {
  assert.equal(only(secretYaml('my-tls', 'shop', { data: { 'tls.crt': 'x' } })), undefined);
  assert.equal(only(configMapYaml('cacerts', 'istio-system', { 'root-cert.pem': 'x' })), undefined);
  assert.equal(only('apiVersion: example.com/v1\nkind: Secret\nmetadata: {name: cacerts}\n'), undefined);
});

test('§E3 a value holding {{ is marked templated', () => {
  const s = only('kind: Secret\nmetadata: {name: cacerts, namespace: istio-system}\nstringData:\n  ca-cert.pem: "{{ .Values.caCert }}"\n');
  assert.equal(s?.values[0].templated, true);
});
