import { certificateName, issuerName } from '../../../../server/src/certificates/certificateLabel';
import { certificatePublicKey, describeKeyType } from '../../../../server/src/certificates/keyMatch';
import { readCaConstraints } from '../../../../server/src/certificates/keyUsage';
import type { Certificate } from '../../../../server/src/certificates/x509Reading';
import { parseSpiffeId, type SpiffeId } from './spiffeIdentity';
import { dnsSans, parseSubjectAltNames, uriSans } from './subjectAltNames';

/** What a certificate node shows: public fields only (a certificate holds no private key). */
export interface CertificateFacts {
  /** The SPIFFE ID, else another URI SAN, else a DNS SAN (Linkerd), else the subject name. */
  readonly identity: string;
  readonly spiffeId?: SpiffeId;
  readonly uriSans: readonly string[];
  readonly dnsSans: readonly string[];
  /** "O=Acme, CN=Root" or "(empty)". */
  readonly subject: string;
  readonly issuer: string;
  /** Display names (`"Acme Root CA"`) used in sentences. */
  readonly subjectName: string;
  readonly issuerName: string;
  /** Upper-case hex, as `istioctl proxy-config secret` prints it. */
  readonly serial: string;
  /** "RSA-2048", "EC P-256". */
  readonly keyType: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly fingerprint256: string;
  /** basicConstraints CA:TRUE. */
  readonly isCa: boolean;
  readonly selfSigned: boolean;
}

const dn = (text: string | undefined) => (text && text.trim() ? text.split('\n').join(', ') : '(empty)');

export function certificateFacts(c: Certificate): CertificateFacts {
  const names = parseSubjectAltNames(c.x509.subjectAltName);
  const uris = uriSans(names);
  const dns = dnsSans(names);
  const spiffeId = uris.map(parseSpiffeId).find((s) => s !== undefined);
  const key = certificatePublicKey(c.x509);
  const subjectName = certificateName(c);
  const identity = spiffeId?.uri ?? uris[0] ?? dns[0] ?? subjectName.replace(/^"(.*)"$/, '$1');
  return {
    identity,
    ...(spiffeId ? { spiffeId } : {}),
    uriSans: uris,
    dnsSans: dns,
    subject: dn(c.x509.subject),
    issuer: dn(c.x509.issuer),
    subjectName,
    issuerName: issuerName(c),
    serial: c.x509.serialNumber.toUpperCase(),
    keyType: key ? describeKeyType(key) : 'unknown key type',
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    fingerprint256: c.fingerprint256,
    isCa: readCaConstraints(c.extensions)?.basicConstraints?.ca === true,
    selfSigned: c.issuerDer === c.subjectDer,
  };
}
