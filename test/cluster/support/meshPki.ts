// Mesh PKI for the cluster tests, on top of test/support/pki.ts: Istio workload certificates for
// pods (critical URI SAN, empty subject, §E1) issued by an intermediate under a root, an old root
// for rotation failures, and a self-signed root. Relative to NOW (2026-11-22).
import { daysFrom, intermediateCa, newKeyPair, NOW, privateKeyPem, rootCa, workloadCert, type Issued, type KeyAlgorithm } from '../../support/pki';

export { NOW, daysFrom };

export interface MeshPki {
  readonly root: Issued;
  readonly intermediate: Issued;
  /** Another root: what a pod still trusts after a failed root rotation. */
  readonly oldRoot: Issued;
  readonly oldIntermediate: Issued;
  /** The CA private key PEM (for the cacerts Secret only: it must never surface anywhere). */
  readonly caKeyPem: string;
}

const cached = new Map<number, MeshPki>();

/** The mesh PKI around `base` (NOW for the tests; the real clock for a stand-in seen in an editor). */
export function meshPki(base: Date = NOW): MeshPki {
  const hit = cached.get(base.getTime());
  if (hit) return hit;
  const root = rootCa(newKeyPair('rsa'), 'Acme Mesh Root CA', { notBefore: daysFrom(base, -365), notAfter: daysFrom(base, 3650) });
  const intermediateKey = newKeyPair('ec');
  const intermediate = intermediateCa(intermediateKey, 'Acme Mesh Intermediate CA', root, { notBefore: daysFrom(base, -30), notAfter: daysFrom(base, 365) });
  const oldRoot = rootCa(newKeyPair('ec'), 'Old Cluster Root CA', { notBefore: daysFrom(base, -800), notAfter: daysFrom(base, 2000) });
  const oldIntermediate = intermediateCa(newKeyPair('ec'), 'Old Cluster Intermediate CA', oldRoot, { notBefore: daysFrom(base, -30), notAfter: daysFrom(base, 365) });
  const pki = { root, intermediate, oldRoot, oldIntermediate, caKeyPem: privateKeyPem(intermediateKey, 'pkcs8') };
  cached.set(base.getTime(), pki);
  return pki;
}

export interface WorkloadOptions {
  readonly trustDomain?: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly issuer?: Issued;
  readonly algorithm?: KeyAlgorithm;
  /** Hours relative to NOW; Istio's defaults: issued a few minutes ago, 24 h lifetime (§E2). */
  readonly notBeforeHours?: number;
  readonly notAfterHours?: number;
  readonly base?: Date;
}

/** An Istio workload certificate for a pod's namespace and service account. */
export function istioWorkload(o: WorkloadOptions): Issued {
  const base = o.base ?? NOW;
  const pki = meshPki(base);
  const h = (n: number) => daysFrom(base, n / 24);
  return workloadCert(newKeyPair(o.algorithm ?? 'ec'), o.issuer ?? pki.intermediate, {
    notBefore: h(o.notBeforeHours ?? -1),
    notAfter: h(o.notAfterHours ?? 23),
    uriSans: [`spiffe://${o.trustDomain ?? 'cluster.local'}/ns/${o.namespace}/sa/${o.serviceAccount}`],
  });
}

/** The `default` SDS chain: workload certificate + its intermediate (as istiod sends it). */
export function chainPem(workload: Issued, ...chain: Issued[]): string {
  return [workload, ...chain].map((c) => c.pem).join('');
}
