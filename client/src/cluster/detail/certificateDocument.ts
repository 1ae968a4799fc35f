import type { RegisteredCertificate } from '../tree/certificateRegistry';
import { certificateFieldLines } from '../tree/certificateNode';
import { findingLines } from '../tree/findingSummary';

const ROLE: Record<string, string> = {
  workload: 'workload certificate',
  intermediate: 'intermediate CA certificate',
  root: 'root certificate',
  leaf: 'certificate',
};

/** PEM text of a DER certificate (64-character lines). */
export function pemOf(der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/**
 * The read-only document of a certificate node, in the `pem` language: decoded fields first
 * (text outside PEM blocks is ignored by OpenSSL and Go, so the document stays valid PEM), then
 * the certificate block. It is built from the certificate only: no key is ever in it.
 */
export function certificateDocument(entry: RegisteredCertificate, now: Date): string {
  const r = entry.report;
  const n = entry.bundle.certificates.length;
  const lines = [
    `${ROLE[r.role] ?? 'certificate'}${n > 1 ? ` ${entry.index + 1} of ${n}` : ''}: ${entry.where}`,
    `Source:       ${entry.bundle.source}${entry.bundle.status ? ` (${entry.bundle.status})` : ''}, context ${entry.context}`,
    ...certificateFieldLines(r, now),
    '',
    ...(r.findings.length ? ['Findings:', ...findingLines(r.findings).map((l) => `  ${l}`)] : ['Findings:     none']),
    '',
    pemOf(r.certificate.der),
  ];
  return lines.join('\n');
}

/** What differs between two certificates, in a few lines (shown with the diff of their documents). */
export function compareCertificates(a: RegisteredCertificate, b: RegisteredCertificate): string[] {
  const x = a.report;
  const y = b.report;
  if (x.certificate.der.equals(y.certificate.der)) return ['The two certificates are identical (same DER, same SHA-256 fingerprint).'];
  const out: string[] = [];
  const sameKey = x.certificate.x509.publicKey.equals(y.certificate.x509.publicKey);
  if (x.facts.identity !== y.facts.identity) out.push(`Identity: ${x.facts.identity} ≠ ${y.facts.identity}`);
  if (x.facts.subject !== y.facts.subject) out.push(`Subject: ${x.facts.subject} ≠ ${y.facts.subject}`);
  if (x.facts.issuer !== y.facts.issuer) out.push(`Issuer: ${x.facts.issuer} ≠ ${y.facts.issuer}`);
  out.push(sameKey ? 'Same public key (a re-issued certificate).' : 'Different public keys.');
  if (x.facts.serial !== y.facts.serial) out.push(`Serial: ${x.facts.serial} ≠ ${y.facts.serial}`);
  if (x.facts.notAfter.getTime() !== y.facts.notAfter.getTime()) out.push(`Not after: ${x.facts.notAfter.toISOString()} ≠ ${y.facts.notAfter.toISOString()}`);
  if (x.facts.subject === y.facts.subject && !sameKey) out.push('Same name, different key: a replaced CA, or two CAs that must not be mixed.');
  return out;
}
