import { describeCertificate } from '../../../../server/src/certificates/certificateLabel';
import type { Certificate } from '../../../../server/src/certificates/x509Reading';
import type { LiveFinding } from './liveFinding';

const key = (roots: readonly Certificate[]) => [...new Set(roots.map((r) => r.fingerprint256))].sort().join(',');
const names = (roots: readonly Certificate[]) => roots.map(describeCertificate).join(', ') || '(nothing)';

/** The pod's ROOTCA against the roots istiod writes into the namespace (§E4: ConfigMap istio-ca-root-cert). */
export function compareWithNamespaceRoot(rootCa: readonly Certificate[], namespaceRoots: readonly Certificate[], namespaceSource: string): LiveFinding | undefined {
  if (rootCa.length === 0 || namespaceRoots.length === 0 || key(rootCa) === key(namespaceRoots)) return undefined;
  const shared = rootCa.some((r) => namespaceRoots.some((n) => n.fingerprint256 === r.fingerprint256));
  if (shared) {
    return {
      severity: 'warning',
      code: 'root-differs-from-namespace',
      short: `ROOTCA differs from ${namespaceSource}`,
      message: `ROOTCA (${names(rootCa)}) and ${namespaceSource} (${names(namespaceRoots)}) share a root but are not the same set: a root rotation is under way. Restart the pod once the new root is everywhere.`,
    };
  }
  return {
    severity: 'error',
    code: 'root-differs-from-namespace',
    short: `ROOTCA differs from ${namespaceSource}`,
    message: `ROOTCA (${names(rootCa)}) shares no certificate with ${namespaceSource} (${names(namespaceRoots)}): this sidecar trusts another root than the one istiod distributes now, so it rejects peers with certificates from the current CA (and they reject it). Restart the pod after fixing the CA (cacerts) so that it loads the current root.`,
  };
}

export interface PodRoots {
  readonly pod: string;
  readonly roots: readonly Certificate[];
}

/**
 * ROOTCA across pods: the largest group of pods that trust the same set is the reference (a tie
 * goes to the group equal to `preferred`, e.g. the namespace's istio-ca-root-cert, then to the
 * first group); every other pod gets a finding naming pods of the reference group.
 */
export function crossPodRootFindings(pods: readonly PodRoots[], preferred: readonly Certificate[] = []): Map<string, LiveFinding> {
  const groups = new Map<string, PodRoots[]>();
  for (const p of pods) {
    if (p.roots.length === 0) continue;
    const k = key(p.roots);
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  const out = new Map<string, LiveFinding>();
  if (groups.size < 2) return out;
  const preferredKey = key(preferred);
  let reference: [string, PodRoots[]] | undefined;
  for (const entry of groups) {
    if (!reference || entry[1].length > reference[1].length || (entry[1].length === reference[1].length && entry[0] === preferredKey && reference[0] !== preferredKey)) {
      reference = entry;
    }
  }
  if (!reference) return out;
  const [refKey, refPods] = reference;
  const shown = refPods.slice(0, 3).map((p) => p.pod).join(', ') + (refPods.length > 3 ? ', …' : '');
  const count = `${refPods.length} other pod${refPods.length === 1 ? '' : 's'}`;
  for (const [k, members] of groups) {
    if (k === refKey) continue;
    for (const p of members) {
      out.set(p.pod, {
        severity: 'error',
        code: 'root-differs-from-pods',
        short: `ROOTCA differs from ${count}`,
        message: `ROOTCA (${names(p.roots)}) differs from the ROOTCA of ${count} (${shown}: ${names(refPods[0].roots)}): these sidecars do not trust the same root, so mTLS between them fails. The root rotation has not reached every pod; restart the pods that still hold the old root.`,
      });
    }
  }
  return out;
}
