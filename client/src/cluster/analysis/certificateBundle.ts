import { readCertificateBytes } from '../../../../server/src/certificates/certificateValue';
import type { Certificate } from '../../../../server/src/certificates/x509Reading';
import { certificateFacts, type CertificateFacts } from './certificateFacts';
import type { LiveFinding } from './liveFinding';
import type { SecretStatus } from '../envoy/configDumpSecrets';

/** What a certificate is for, which decides how its expiry is judged. */
export type CertificateRole = 'workload' | 'intermediate' | 'root' | 'leaf';

/** One certificate of a bundle with what was found about it. */
export interface CertificateReport {
  readonly certificate: Certificate;
  readonly facts: CertificateFacts;
  readonly role: CertificateRole;
  readonly findings: readonly LiveFinding[];
  /** The chain verification result in words, for workload and issuer certificates. */
  readonly chain?: string;
}

/** A set of certificates read from one place: an SDS secret, a ConfigMap key, a Secret key. */
export interface BundleReport {
  /** `default`, `ROOTCA`, `istio-ca-root-cert`, `ca-cert.pem`, … */
  readonly key: string;
  /** What the bundle is, in a few words ("workload certificate chain"). */
  readonly title: string;
  /** Where it was read ("SDS secret default of pod shop/cart-1"). */
  readonly source: string;
  readonly status?: SecretStatus;
  readonly certificates: readonly CertificateReport[];
  /** Findings about the bundle as a whole (unreadable blocks). */
  readonly findings: readonly LiveFinding[];
}

/** The certificates of a PEM value, without judging them yet. Non-certificate blocks (keys) are skipped unread. */
export function readBundleCertificates(pem: string | undefined): { certificates: Certificate[]; findings: LiveFinding[] } {
  if (!pem) return { certificates: [], findings: [] };
  const reading = readCertificateBytes(Buffer.from(pem, 'utf8'));
  return {
    certificates: reading.certificates.map((c) => c.certificate),
    findings: reading.problems.map((p) => ({
      severity: 'error',
      code: 'unreadable-certificate',
      short: 'unreadable certificate',
      message: `A certificate could not be read: ${p.message}.`,
    })),
  };
}

export function reportOf(certificate: Certificate, role: CertificateRole, findings: readonly LiveFinding[], chain?: string): CertificateReport {
  return { certificate, facts: certificateFacts(certificate), role, findings, ...(chain ? { chain } : {}) };
}

/** Every finding of a bundle: its own and its certificates'. */
export function bundleFindings(b: BundleReport): LiveFinding[] {
  return [...b.findings, ...b.certificates.flatMap((c) => c.findings)];
}
