import { withTimeout } from '../read/abortSignals';
import { CONFIG_DUMP_PATH, ENVOY_ADMIN_PORT, type EnvoyDumpResult, type PodRef } from '../read/clusterReader';
import { KubeError } from '../read/kubeError';
import type { ClientNode, KubeConfig } from './clientNode';
import { execPilotAgentGet } from './execPilotAgentGet';
import { portForwardHttpGet } from './portForwardHttpGet';

/**
 * The sidecar's SDS secrets (§E6): port-forward to Envoy's admin port, or, where port-forward is
 * forbidden, exec `pilot-agent request GET …`. Both within one per-pod timeout.
 */
export async function envoyAdminDump(k8s: ClientNode, kc: KubeConfig, pod: PodRef, parent: AbortSignal, timeoutMs: number): Promise<EnvoyDumpResult> {
  const timed = withTimeout(parent, timeoutMs, `reading the config dump of ${pod.namespace}/${pod.name}`);
  try {
    try {
      const body = await portForwardHttpGet(k8s, kc, pod, ENVOY_ADMIN_PORT, CONFIG_DUMP_PATH, timed.signal);
      return { body, via: 'port-forward', notes: [] };
    } catch (e) {
      if (!(e instanceof KubeError && e.kind === 'forbidden')) throw e;
      try {
        const body = await execPilotAgentGet(k8s, kc, pod, CONFIG_DUMP_PATH, timed.signal);
        return { body, via: 'exec', notes: [`${e.message}: read through exec (pilot-agent request) instead`] };
      } catch (e2) {
        if (e2 instanceof KubeError && e2.kind === 'forbidden') {
          throw new KubeError('forbidden', `${e.message}; ${e2.message.replace(/^forbidden: /, '')}`, [e.detail, e2.detail].filter(Boolean).join('\n'), 403);
        }
        throw e2;
      }
    }
  } finally {
    timed.dispose();
  }
}
