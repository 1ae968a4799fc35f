import { KubeError } from '../read/kubeError';
import type { PodRef } from '../read/clusterReader';
import { abortReason } from '../read/abortSignals';
import type { ClientNode, KubeConfig } from './clientNode';
import { ChannelSocketConnector } from './channelSocketConnector';
import { textSink } from './portForwardHttpGet';

/**
 * The fallback where port-forward is forbidden: `pilot-agent request GET <path>` in the sidecar
 * container (§E6: what istioctl ≤1.6 ran), which asks Envoy's admin port on localhost. This one
 * read-only command is the only thing ever executed.
 */
export function pilotAgentCommand(path: string): string[] {
  return ['pilot-agent', 'request', 'GET', path.replace(/^\//, '')];
}

export async function execPilotAgentGet(k8s: ClientNode, kc: KubeConfig, pod: PodRef, path: string, signal: AbortSignal): Promise<string> {
  const connector = new ChannelSocketConnector(kc, { verb: 'create', resource: 'pods/exec', namespace: pod.namespace, name: pod.name }, signal);
  const stdout = textSink(64 * 1024 * 1024);
  const stderr = textSink();
  const exec = new k8s.Exec(kc, connector);
  try {
    return await new Promise<string>((resolve, reject) => {
      exec.exec(pod.namespace, pod.name, pod.container, pilotAgentCommand(path), stdout.stream, stderr.stream, null, false, (status) => {
        if (status.status === 'Success') resolve(stdout.text());
        else reject(new KubeError('failed', `pilot-agent request failed in ${pod.container}: ${(stderr.text() || status.message || status.reason || 'no message').split('\n')[0]}`));
      }).then((ws) => {
        ws.on('close', () => reject(signal.aborted ? abortReason(signal) : new KubeError('failed', 'the exec session closed without an exit status')));
      }, reject);
    });
  } finally {
    connector.closeAll();
  }
}
