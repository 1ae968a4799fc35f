import { X509Certificate } from 'node:crypto';
import { derObjectLength, readTbsFields, type RawExtension } from './derFields';

/** A certificate that both node:crypto (OpenSSL) and the DER reader accept. */
export interface Certificate {
  readonly der: Buffer;
  readonly x509: X509Certificate;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Issuer / subject Name DER (binary strings): chaining compares them byte for byte, as Go does. */
  readonly issuerDer: string;
  readonly subjectDer: string;
  readonly extensions: readonly RawExtension[];
  /** Upper-case hex SHA-256 of the DER, colon separated (X509Certificate.fingerprint256). */
  readonly fingerprint256: string;
}

/**
 * Reads one DER certificate. Undefined when the bytes are not exactly one certificate
 * (truncated, trailing bytes, or not a certificate at all). Never throws.
 */
export function readCertificateDer(der: Buffer): Certificate | undefined {
  if (der.length < 16 || der[0] !== 0x30 || derObjectLength(der) !== der.length) return undefined;
  let x509: X509Certificate;
  let fingerprint256: string;
  try {
    x509 = new X509Certificate(der);
    fingerprint256 = x509.fingerprint256;
  } catch {
    return undefined;
  }
  const fields = readTbsFields(der);
  if (!fields) return undefined;
  return {
    der,
    x509,
    notBefore: fields.notBefore,
    notAfter: fields.notAfter,
    issuerDer: fields.issuerDer,
    subjectDer: fields.subjectDer,
    extensions: fields.extensions,
    fingerprint256,
  };
}

/** Same certificate: identical DER. */
export function sameCertificate(a: Certificate, b: Certificate): boolean {
  return a.der.equals(b.der);
}
