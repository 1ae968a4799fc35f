import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRuleSets } from '../../../server/src/rules/runRules';
import { certificateRules } from '../../../server/src/rules/certificateRules';
import { NOW, configMapYaml, contextOf, daysFrom, newKeyPair, privateKeyPem, rootCa, secretYaml, testPki } from '../../support/pki';

/** Every 16-character window of `message` that also occurs in one of the secrets. */
function leaks(message: string, secrets: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 16 <= message.length; i++) {
    const window = message.slice(i, i + 16);
    if (secrets.some((s) => s.includes(window))) out.push(window);
  }
  return out;
}

test('§E3 §E8 no finding or related message contains any 16-character substring of a planted private key', () => {
  const pki = testPki();
  const rsa = newKeyPair('rsa');
  const ec = newKeyPair('ec');
  const keyPems = [
    privateKeyPem(pki.otherIntermediateKey), privateKeyPem(pki.otherIntermediateKey, 'pkcs8'),
    privateKeyPem(rsa), privateKeyPem(rsa, 'pkcs8'), privateKeyPem(ec), privateKeyPem(ec, 'pkcs8'),
  ];
  const [ecTrad, ecPkcs8, rsaTrad, rsaPkcs8, ec2Trad, ec2Pkcs8] = keyPems;
  const body = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('\n');
  const truncatedKey = ec2Trad.split('\n').slice(0, 3).join('\n') + '\n';
  const keyAsCertificate = `-----BEGIN CERTIFICATE-----\n${body(rsaPkcs8)}\n-----END CERTIFICATE-----\n`;
  const expired = rootCa(newKeyPair('ec'), 'Expired', { notAfter: daysFrom(NOW, -1) });

  const yamlFiles = [
    // ca-key-mismatch: the planted key is the wrong one.
    { path: 'a.yaml', text: secretYaml('cacerts', 'istio-system', {
      data: { 'ca-cert.pem': pki.intermediate.pem, 'ca-key.pem': ecTrad, 'root-cert.pem': pki.root.pem, 'tls.crt': rsaTrad, 'ca.crt': keyAsCertificate },
      stringData: { 'cert-chain.pem': truncatedKey },
    }) },
    // keys in certificate fields (unreadable-certificate) and in key fields.
    { path: 'b.yaml', text: secretYaml('istio-ca-secret', 'istio-system', { stringData: { 'ca-cert.pem': ecPkcs8, 'ca-key.pem': rsaPkcs8, 'root-cert.pem': expired.pem + ec2Pkcs8 } }) },
    { path: 'c.yaml', text: secretYaml('linkerd-identity-issuer', 'linkerd', { data: { 'crt.pem': pki.intermediate.pem, 'key.pem': rsaPkcs8, 'tls.crt': ec2Pkcs8, 'tls.key': ecTrad } }) },
    { path: 'd.yaml', text: configMapYaml('istio-ca-root-cert', 'shop', { 'root-cert.pem': ec2Trad }) },
    { path: 'e.yaml', text: configMapYaml('linkerd-identity-trust-roots', 'linkerd', { 'ca-bundle.crt': expired.pem + rsaTrad }) },
    { path: 'f.yaml', text: `kind: Secret\nmetadata: {name: cacerts, namespace: other}\ndata:\n  ca-cert.pem: "${Buffer.from(Buffer.from(ecTrad).toString('base64')).toString('base64')}"\n` },
  ];
  const certificateFiles = [
    { path: 'ca-key.pem', text: rsaTrad },
    { path: 'bundle.pem', text: expired.pem + ecTrad },
    { path: 'broken.crt', text: keyAsCertificate },
    { path: 'cut.pem', text: truncatedKey + expired.pem },
  ];
  const findings = runRuleSets(contextOf(yamlFiles, { certificateFiles }), [certificateRules]);

  const rules = new Set(findings.map((f) => f.rule));
  for (const r of ['ca-key-mismatch', 'unreadable-certificate', 'certificate-expired']) assert.ok(rules.has(r), `expected ${r} to fire`);

  const secrets = keyPems.flatMap((pem) => [body(pem), body(pem).replace(/\n/g, ''), Buffer.from(pem).toString('base64')]);
  const messages = findings.flatMap((f) => [f.message, ...f.related.map((r) => r.message)]);
  assert.ok(messages.length >= 10);
  for (const m of messages) assert.deepEqual(leaks(m, secrets), [], m);
});
