import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readConfigDumpSecrets } from '../../../client/src/cluster/envoy/configDumpSecrets';
import { newKeyPair, privateKeyPem } from '../../support/pki';
import { configDumpJson } from '../standin/envoyAdminStandIn';
import { meshPki } from '../support/meshPki';

test('§E6 the secrets of a config dump: name, ACTIVE/WARMING, Cert Chain/CA, the certificate PEM', () => {
  const pki = meshPki();
  const reading = readConfigDumpSecrets(configDumpJson([
    { name: 'default', status: 'ACTIVE', chainPem: pki.intermediate.pem },
    { name: 'ROOTCA', status: 'ACTIVE', trustedCaPem: pki.root.pem },
    { name: 'kubernetes://gw-cred', status: 'WARMING' },
  ]));
  assert.deepEqual(reading.problems, []);
  assert.deepEqual(reading.secrets.map((s) => [s.name, s.status, s.type, s.pem === undefined ? 'no pem' : 'pem']), [
    ['default', 'ACTIVE', 'Cert Chain', 'pem'],
    ['ROOTCA', 'ACTIVE', 'CA', 'pem'],
    ['kubernetes://gw-cred', 'WARMING', 'unknown', 'no pem'],
  ]);
  assert.equal(reading.secrets[1].pem, pki.root.pem);
});

test('§E6 a private key in a dump (a proxy that does not redact) is never decoded nor kept', () => {
  const pki = meshPki();
  const keyPem = privateKeyPem(newKeyPair('ec'));
  const dump = JSON.parse(configDumpJson([{ name: 'default', status: 'ACTIVE', chainPem: pki.intermediate.pem }])) as { configs: Array<{ dynamic_active_secrets: Array<{ secret: { tls_certificate: { private_key: { inline_bytes: string } } } }> }> };
  dump.configs[0].dynamic_active_secrets[0].secret.tls_certificate.private_key.inline_bytes = Buffer.from(keyPem).toString('base64');
  const reading = readConfigDumpSecrets(JSON.stringify(dump));
  const kept = JSON.stringify(reading);
  assert.ok(!kept.includes('PRIVATE KEY'));
  assert.ok(!kept.includes(Buffer.from(keyPem).toString('base64').slice(0, 40)));
  assert.ok(!kept.includes(keyPem.split('\n')[1]));
});

test('a body that is not a config dump is a problem, never quoted', () => {
  assert.match(readConfigDumpSecrets('<html>nope</html>').problems[0], /not JSON/);
  assert.match(readConfigDumpSecrets('{"foo":1}').problems[0], /no "configs" list/);
});
