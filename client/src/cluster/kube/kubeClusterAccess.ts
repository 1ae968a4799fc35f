import { homedir } from 'node:os';
import { withTimeout } from '../read/abortSignals';
import type { ClusterAccess, ClusterReader, EnvoyDumpResult, KubeContextList, PodRef } from '../read/clusterReader';
import { KubeError } from '../read/kubeError';
import type { KubeRead } from '../read/kubeRead';
import { clientNode, type ClientNode, type KubeConfig } from './clientNode';
import { envoyAdminDump } from './envoyAdminDump';
import { kubeconfigPaths, mergeKubeconfigs, type MergedKubeconfig } from './kubeconfigFiles';
import { kubeHttpGet } from './kubeHttpGet';

/** One REST read may take this long before it is reported as timed out. */
const REST_TIMEOUT_MS = 30_000;

export interface KubeconfigLocation {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
}

class KubeClusterReader implements ClusterReader {
  readonly server: string;
  readonly defaultNamespace?: string;

  constructor(
    private readonly k8s: ClientNode,
    private readonly kc: KubeConfig,
    readonly context: string,
  ) {
    this.server = kc.getCurrentCluster()?.server ?? '(no cluster)';
    const ns = kc.getContextObject(context)?.namespace;
    if (ns) this.defaultNamespace = ns;
  }

  async get(read: KubeRead, signal: AbortSignal): Promise<unknown> {
    const timed = withTimeout(signal, REST_TIMEOUT_MS, `on ${read.verb} ${read.resource}`);
    try {
      return await kubeHttpGet(this.kc, read, timed.signal);
    } finally {
      timed.dispose();
    }
  }

  envoyConfigDump(pod: PodRef, signal: AbortSignal, timeoutMs: number): Promise<EnvoyDumpResult> {
    return envoyAdminDump(this.k8s, this.kc, pod, signal, timeoutMs);
  }
}

/** The user's kubeconfig (KUBECONFIG, else ~/.kube/config): contexts and read-only readers. */
export class KubeClusterAccess implements ClusterAccess {
  private merged: MergedKubeconfig | undefined;

  constructor(private readonly location: () => KubeconfigLocation = () => ({ env: process.env, home: homedir() })) {}

  private async load(): Promise<{ k8s: ClientNode; merged: MergedKubeconfig }> {
    const k8s = await clientNode();
    const { env, home } = this.location();
    this.merged = mergeKubeconfigs(k8s, kubeconfigPaths(env, home));
    return { k8s, merged: this.merged };
  }

  async contexts(): Promise<KubeContextList> {
    const { merged } = await this.load();
    return { contexts: merged.contexts, files: merged.files, problems: merged.problems };
  }

  async reader(context: string): Promise<ClusterReader> {
    const k8s = await clientNode();
    const merged = this.merged ?? (await this.load()).merged;
    const kc = merged.forContext(context);
    if (!kc) throw new KubeError('not-found', `context ${context} is no longer in the kubeconfig`);
    return new KubeClusterReader(k8s, kc, context);
  }
}
