// The stand-in API server's own TLS: a test CA and a server certificate for 127.0.0.1 (IP SAN),
// valid around the real clock (Node checks TLS certificates against the real time).
import { generateKeyPairSync } from 'node:crypto';
import { md, pki } from 'node-forge';

export interface StandInTls {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

function rsaKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export function standInTls(): StandInTls {
  const now = Date.now();
  const caKeys = rsaKeyPair();
  const caKey = pki.privateKeyFromPem(caKeys.privatePem);
  const ca = pki.createCertificate();
  ca.publicKey = pki.publicKeyFromPem(caKeys.publicPem);
  ca.serialNumber = '01';
  ca.validity.notBefore = new Date(now - 3_600_000);
  ca.validity.notAfter = new Date(now + 86_400_000);
  const caName = [{ name: 'commonName', value: 'stand-in kube CA' }];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }]);
  ca.sign(caKey, md.sha256.create());

  const serverKeys = rsaKeyPair();
  const cert = pki.createCertificate();
  cert.publicKey = pki.publicKeyFromPem(serverKeys.publicPem);
  cert.serialNumber = '02';
  cert.validity.notBefore = new Date(now - 3_600_000);
  cert.validity.notAfter = new Date(now + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: 'kube-apiserver' }]);
  cert.setIssuer(caName);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
  ]);
  cert.sign(caKey, md.sha256.create());
  return { caPem: pki.certificateToPem(ca), certPem: pki.certificateToPem(cert), keyPem: serverKeys.privatePem };
}
