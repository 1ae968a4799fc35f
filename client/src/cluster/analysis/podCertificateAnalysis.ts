import type { Certificate } from '../../../../server/src/certificates/x509Reading';
import type { DumpReading, DumpSecret } from '../envoy/configDumpSecrets';
import { bundleFindings, readBundleCertificates, reportOf, type BundleReport, type CertificateReport } from './certificateBundle';
import { checkChain } from './chainCheck';
import type { LiveFinding } from './liveFinding';
import { compareWithNamespaceRoot } from './rootBundleComparison';
import { expectedSpiffeId } from './spiffeIdentity';
import { validityFindings } from './validityFindings';

/** The SDS secret names of §E5. */
export const WORKLOAD_SECRET = 'default';
export const ROOT_SECRET = 'ROOTCA';

export interface PodIdentity {
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccount: string;
}

/** The mesh's trust domain and its aliases (§F4, ConfigMap `istio`). */
export interface MeshTrust {
  readonly trustDomain: string;
  readonly trustDomainAliases: readonly string[];
}

/** The namespace's `istio-ca-root-cert` ConfigMap (§E4), read once per namespace. */
export interface NamespaceRoot {
  /** "ConfigMap shop/istio-ca-root-cert". */
  readonly source: string;
  readonly pem?: string;
  /** Why it could not be read ("not found", "forbidden: …"). */
  readonly error?: string;
}

export interface PodAnalysisInput {
  readonly pod: PodIdentity;
  readonly dump: DumpReading;
  readonly namespaceRoot?: NamespaceRoot;
  readonly mesh: MeshTrust;
  readonly now: Date;
  readonly caWarningDays: number;
}

export interface PodCertificateReport {
  /** Findings about the pod as a whole (missing or warming secrets, root mismatches). */
  readonly podFindings: readonly LiveFinding[];
  readonly workloadChain?: BundleReport;
  readonly rootBundle?: BundleReport;
  readonly namespaceRoot?: BundleReport;
  readonly otherSecrets: readonly BundleReport[];
  /** The ROOTCA certificates, for comparisons across pods. */
  readonly roots: readonly Certificate[];
}

function pick(secrets: readonly DumpSecret[], name: string): { active?: DumpSecret; warming?: DumpSecret } {
  const active = secrets.find((s) => s.name === name && s.status === 'ACTIVE');
  const warming = secrets.find((s) => s.name === name && s.status === 'WARMING');
  return { ...(active ? { active } : {}), ...(warming ? { warming } : {}) };
}

function identityFindings(leaf: CertificateReport['facts'], input: PodAnalysisInput): LiveFinding[] {
  const { pod, mesh } = input;
  const expected = expectedSpiffeId(mesh.trustDomain, pod.namespace, pod.serviceAccount);
  const id = leaf.spiffeId;
  if (!id) {
    return [{
      severity: 'error',
      code: 'no-spiffe-id',
      short: 'no SPIFFE ID',
      message: `The workload certificate carries no spiffe:// URI SAN (expected ${expected}). Istio peers cannot authenticate it, and AuthorizationPolicy principals never match it.`,
    }];
  }
  const out: LiveFinding[] = [];
  if (id.namespace !== pod.namespace || id.serviceAccount !== pod.serviceAccount) {
    out.push({
      severity: 'error',
      code: 'identity-mismatch',
      short: `SPIFFE ID is not ns/${pod.namespace}/sa/${pod.serviceAccount}`,
      message: `The workload certificate says ${id.uri}, but the pod runs in namespace ${pod.namespace} as service account ${pod.serviceAccount} (expected ${expected}). AuthorizationPolicies written for this pod's identity do not match its traffic.`,
    });
  }
  const accepted = [mesh.trustDomain, ...mesh.trustDomainAliases];
  if (!accepted.includes(id.trustDomain)) {
    out.push({
      severity: 'error',
      code: 'foreign-trust-domain',
      short: `trust domain ${id.trustDomain} is not the mesh's`,
      message: `The workload certificate is in trust domain ${id.trustDomain}, outside the mesh trust domain ${mesh.trustDomain}${mesh.trustDomainAliases.length ? ` and its aliases (${mesh.trustDomainAliases.join(', ')})` : ' (no trustDomainAliases)'}. Peers reject or mis-authorize it; the CA signs with another trust domain than the mesh config says.`,
    });
  }
  return out;
}

function missing(code: 'workload-cert-missing' | 'workload-cert-warming' | 'root-bundle-missing', secret: string, warming: boolean): LiveFinding {
  const what = secret === WORKLOAD_SECRET ? 'workload certificate' : 'root bundle';
  const effect = secret === WORKLOAD_SECRET
    ? 'the sidecar has no certificate to present, so inbound mTLS and outbound ISTIO_MUTUAL connections fail'
    : 'the sidecar cannot verify peers, so mTLS connections fail';
  return warming
    ? { severity: 'error', code, short: `${secret} only warming`, message: `The ${what} (SDS secret ${secret}) is only warming: Envoy asked for it but has not received it, and ${effect}. Check the istio-proxy logs and whether istiod is reachable.` }
    : { severity: 'error', code, short: `no ${secret} secret`, message: `The ${what} (SDS secret ${secret}) is missing from the sidecar's config dump: ${effect}.` };
}

/** Analyses one pod's live certificates (§E1, §E2, §E4, §E5). Pure: `now` and all inputs are given. */
export function analysePodCertificates(input: PodAnalysisInput): PodCertificateReport {
  const { pod, dump, now, caWarningDays } = input;
  const ca = { kind: 'ca', warningDays: caWarningDays } as const;
  const podFindings: LiveFinding[] = [];
  const where = `pod ${pod.namespace}/${pod.name}`;

  const rootSecret = pick(dump.secrets, ROOT_SECRET);
  const rootRead = readBundleCertificates(rootSecret.active?.pem);
  const roots = rootRead.certificates;
  let rootBundle: BundleReport | undefined;
  if (rootSecret.active) {
    rootBundle = {
      key: ROOT_SECRET,
      title: 'trust bundle',
      source: `SDS secret ROOTCA of ${where}`,
      status: 'ACTIVE',
      certificates: roots.map((c) => reportOf(c, 'root', validityFindings(c, now, ca, 'ROOTCA root certificate'))),
      findings: rootRead.findings,
    };
  } else {
    podFindings.push(missing('root-bundle-missing', ROOT_SECRET, !!rootSecret.warming));
  }

  const chainSecret = pick(dump.secrets, WORKLOAD_SECRET);
  let workloadChain: BundleReport | undefined;
  if (chainSecret.active) {
    const read = readBundleCertificates(chainSecret.active.pem);
    const [leaf, ...rest] = read.certificates;
    const reports: CertificateReport[] = [];
    if (leaf) {
      const base = reportOf(leaf, 'workload', []);
      const chain = rootSecret.active ? checkChain(leaf, rest, roots, 'ROOTCA', 'workload certificate') : { text: 'not checked: the pod has no ROOTCA' };
      const findings = [
        ...validityFindings(leaf, now, { kind: 'workload' }, 'workload certificate'),
        ...identityFindings(base.facts, input),
        ...(chain.finding ? [chain.finding] : []),
      ];
      reports.push(reportOf(leaf, 'workload', findings, chain.text));
    }
    for (const c of rest) {
      const self = c.issuerDer === c.subjectDer;
      reports.push(reportOf(c, self ? 'root' : 'intermediate', validityFindings(c, now, ca, self ? 'root certificate of the chain' : 'intermediate CA certificate')));
    }
    const findings = [...read.findings];
    if (!leaf && read.findings.length === 0) findings.push(missing('workload-cert-missing', WORKLOAD_SECRET, false));
    workloadChain = { key: WORKLOAD_SECRET, title: 'workload certificate chain', source: `SDS secret default of ${where}`, status: 'ACTIVE', certificates: reports, findings };
  } else {
    podFindings.push(missing(chainSecret.warming ? 'workload-cert-warming' : 'workload-cert-missing', WORKLOAD_SECRET, !!chainSecret.warming));
  }

  let namespaceRoot: BundleReport | undefined;
  const ns = input.namespaceRoot;
  if (ns?.pem) {
    const read = readBundleCertificates(ns.pem);
    namespaceRoot = {
      key: 'istio-ca-root-cert',
      title: 'root distributed by istiod',
      source: ns.source,
      certificates: read.certificates.map((c) => reportOf(c, 'root', validityFindings(c, now, ca, `root certificate of ${ns.source}`))),
      findings: read.findings,
    };
    const mismatch = compareWithNamespaceRoot(roots, read.certificates, ns.source);
    if (mismatch) podFindings.push(mismatch);
  }

  const otherSecrets: BundleReport[] = dump.secrets
    .filter((s) => s.name !== WORKLOAD_SECRET && s.name !== ROOT_SECRET)
    .map((s) => {
      const read = readBundleCertificates(s.pem);
      return {
        key: s.name,
        title: s.type === 'CA' ? 'trusted CA' : s.type === 'Cert Chain' ? 'certificate chain' : 'secret',
        source: `SDS secret ${s.name} of ${where}`,
        status: s.status,
        certificates: read.certificates.map((c, i) => reportOf(c, i === 0 && s.type === 'Cert Chain' ? 'leaf' : 'root', validityFindings(c, now, ca, `certificate of SDS secret ${s.name}`))),
        findings: read.findings,
      };
    });

  return {
    podFindings,
    ...(workloadChain ? { workloadChain } : {}),
    ...(rootBundle ? { rootBundle } : {}),
    ...(namespaceRoot ? { namespaceRoot } : {}),
    otherSecrets,
    roots,
  };
}

/**
 * Every finding of a pod report: the pod's own and its bundles'. The namespace's
 * istio-ca-root-cert is left out: it belongs to the namespace, whose summary counts it once.
 */
export function allPodFindings(r: PodCertificateReport, extra: readonly LiveFinding[] = []): LiveFinding[] {
  const bundles = [r.workloadChain, r.rootBundle, ...r.otherSecrets].filter((b): b is BundleReport => !!b);
  return [...r.podFindings, ...extra, ...bundles.flatMap(bundleFindings)];
}
