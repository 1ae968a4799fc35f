import { analysePodCertificates, type MeshTrust, type NamespaceRoot, type PodCertificateReport } from '../analysis/podCertificateAnalysis';
import { readConfigDumpSecrets } from '../envoy/configDumpSecrets';
import { linkerdIdentity } from '../analysis/spiffeIdentity';
import type { ClusterReader } from '../read/clusterReader';
import { KubeError, errorText, type KubeErrorKind } from '../read/kubeError';
import type { LivePod } from '../read/liveObjects';

/** What reading one pod's sidecar gave: a report, or the error where it stopped. */
export interface PodResult {
  readonly report?: PodCertificateReport;
  readonly error?: { readonly kind: KubeErrorKind; readonly message: string; readonly detail?: string };
  readonly via?: 'port-forward' | 'exec';
  /** Notes for the pod ("not running", "read through exec instead"). */
  readonly notes: readonly string[];
}

export interface PodReadingInputs {
  readonly namespaceRoot?: NamespaceRoot;
  readonly mesh: MeshTrust;
  readonly now: Date;
  readonly caWarningDays: number;
  readonly timeoutMs: number;
  /** Set for Linkerd namespaces: the expected identity is shown instead of a dump. */
  readonly linkerd?: { readonly controlPlaneNamespace: string; readonly trustDomain: string };
}

/** Asks the pod's Envoy for its SDS secrets and analyses them. Never throws. */
export async function readPodCertificates(reader: ClusterReader, pod: LivePod, inputs: PodReadingInputs, signal: AbortSignal): Promise<PodResult> {
  if (pod.sidecar === 'linkerd') {
    const l = inputs.linkerd ?? { controlPlaneNamespace: 'linkerd', trustDomain: 'cluster.local' };
    return {
      notes: [
        `identity ${linkerdIdentity(pod.serviceAccount, pod.namespace, l.controlPlaneNamespace, l.trustDomain)}`,
        'linkerd-proxy has no Envoy config dump: its certificate comes from the issuer and trust anchors shown under Linkerd',
      ],
    };
  }
  if (pod.phase !== 'Running') return { notes: [`not running (phase ${pod.phase}): there is no sidecar to ask`] };
  try {
    const dump = await reader.envoyConfigDump({ namespace: pod.namespace, name: pod.name, container: pod.sidecarContainer ?? 'istio-proxy' }, signal, inputs.timeoutMs);
    const reading = readConfigDumpSecrets(dump.body);
    if (reading.problems.length) {
      return { error: { kind: 'failed', message: reading.problems[0] }, via: dump.via, notes: dump.notes };
    }
    const report = analysePodCertificates({
      pod: { namespace: pod.namespace, name: pod.name, serviceAccount: pod.serviceAccount },
      dump: reading,
      ...(inputs.namespaceRoot ? { namespaceRoot: inputs.namespaceRoot } : {}),
      mesh: inputs.mesh,
      now: inputs.now,
      caWarningDays: inputs.caWarningDays,
    });
    return { report, via: dump.via, notes: dump.notes };
  } catch (e) {
    const kind = e instanceof KubeError ? e.kind : 'failed';
    const detail = e instanceof KubeError ? e.detail : undefined;
    return { error: { kind, message: errorText(e), ...(detail ? { detail } : {}) }, notes: [] };
  }
}
