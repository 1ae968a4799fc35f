import type { Certificate } from '../../../../server/src/certificates/x509Reading';
import { ownValue } from '../../../../server/src/model/read';
import { readBundleCertificates, reportOf, type BundleReport, type CertificateReport } from './certificateBundle';
import { checkChain } from './chainCheck';
import { validityFindings } from './validityFindings';

/** The certificate values of a CA Secret, by key (key fields are never among them). */
export type CertificateValues = Readonly<Record<string, string>>;

export interface CaSecretInput {
  /** "Secret istio-system/cacerts". */
  readonly source: string;
  readonly values: CertificateValues;
  readonly now: Date;
  readonly caWarningDays: number;
}

/** Signing certificate, chain and roots of the layouts of §E3 (cacerts, kubernetes.io/tls style, istio-ca-secret) and §E8. */
const SIGNING_KEYS = ['ca-cert.pem', 'tls.crt', 'crt.pem'];
const CHAIN_KEYS = ['cert-chain.pem'];
const ROOT_KEYS = ['root-cert.pem', 'ca.crt', 'ca-bundle.crt'];
const TITLES: Record<string, string> = {
  'ca-cert.pem': 'signing CA certificate',
  'tls.crt': 'signing CA certificate',
  'crt.pem': 'issuer certificate',
  'cert-chain.pem': 'chain up to the root',
  'root-cert.pem': 'root certificate',
  'ca.crt': 'root certificate',
  'ca-bundle.crt': 'trust anchors',
};

/**
 * Judges the certificates of a CA Secret: every certificate against the CA expiry window, and
 * the signing certificate against the roots of the same Secret (or `externalRoots`).
 */
export function analyseCaSecret(input: CaSecretInput, externalRoots?: { readonly name: string; readonly certificates: readonly Certificate[] }): BundleReport[] {
  const policy = { kind: 'ca', warningDays: input.caWarningDays } as const;
  const read = new Map(Object.entries(input.values).map(([k, v]) => [k, readBundleCertificates(v)]));
  const rootKey = ROOT_KEYS.find((k) => read.has(k));
  const roots = externalRoots?.certificates ?? (rootKey ? read.get(rootKey)?.certificates ?? [] : []);
  const rootsName = externalRoots?.name ?? (rootKey ?? 'root-cert.pem');
  const chain = CHAIN_KEYS.flatMap((k) => read.get(k)?.certificates ?? []);
  const signingKey = SIGNING_KEYS.find((k) => read.has(k));

  const ordered = [...read.keys()].sort((a, b) => order(a) - order(b));
  return ordered.map((key) => {
    const r = read.get(key) ?? { certificates: [], findings: [] };
    const certificates: CertificateReport[] = r.certificates.map((c, i) => {
      const self = c.issuerDer === c.subjectDer;
      const findings = validityFindings(c, input.now, policy, `${ownValue(TITLES, key) ?? 'certificate'} (${key})`);
      if (key === signingKey && i === 0) {
        if (self && !externalRoots && (roots.length === 0 || roots.some((x) => x.fingerprint256 === c.fingerprint256))) {
          return reportOf(c, 'root', findings, 'self-signed: the CA signs workload certificates with its own root');
        }
        const check = checkChain(c, [...chain, ...r.certificates.slice(1)], roots, rootsName, `${ownValue(TITLES, key) ?? 'certificate'} (${key})`);
        return reportOf(c, self ? 'root' : 'intermediate', check.finding ? [...findings, check.finding] : findings, check.text);
      }
      return reportOf(c, self ? 'root' : 'intermediate', findings);
    });
    return { key, title: ownValue(TITLES, key) ?? 'certificate', source: `${input.source} key ${key}`, certificates, findings: r.findings };
  });
}

function order(key: string): number {
  if (SIGNING_KEYS.includes(key)) return 0;
  if (CHAIN_KEYS.includes(key)) return 1;
  if (ROOT_KEYS.includes(key)) return 2;
  return 3;
}
