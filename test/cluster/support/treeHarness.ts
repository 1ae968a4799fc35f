// The cluster tree over the real kube access (client-node, port-forward, exec) against the stand-in.
import { tmpdir } from 'node:os';
import { KubeClusterAccess } from '../../../client/src/cluster/kube/kubeClusterAccess';
import type { ClusterNode } from '../../../client/src/cluster/tree/clusterNode';
import { ClusterTreeModel } from '../../../client/src/cluster/tree/clusterTreeModel';
import { DEFAULT_CLUSTER_SETTINGS, type ClusterViewSettings } from '../../../client/src/cluster/settings/clusterViewSettings';
import { startKubeApiStandIn, type KubeApiStandIn } from '../standin/kubeApiStandIn';
import { writeKubeconfig, type ExtraContext } from '../standin/kubeconfigFile';
import type { StandInCluster } from '../standin/standinCluster';
import { NOW } from './meshPki';

export interface TreeHarness {
  readonly api: KubeApiStandIn;
  readonly model: ClusterTreeModel;
  readonly kubeconfig: string;
  /** Nodes the model reported as changed (undefined: the whole tree). */
  readonly changes: Array<ClusterNode | undefined>;
  /** Progress titles and messages, in order. */
  readonly progress: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly settings?: Partial<ClusterViewSettings>;
  readonly namespace?: string;
  readonly extraContexts?: readonly ExtraContext[];
  readonly now?: Date;
}

export async function treeHarness(cluster: StandInCluster, options: HarnessOptions = {}): Promise<TreeHarness> {
  const api = await startKubeApiStandIn(cluster);
  const kubeconfig = writeKubeconfig(api, { ...(options.namespace ? { namespace: options.namespace } : {}), ...(options.extraContexts ? { extra: options.extraContexts } : {}) });
  const access = new KubeClusterAccess(() => ({ env: { KUBECONFIG: kubeconfig }, home: tmpdir() }));
  const changes: Array<ClusterNode | undefined> = [];
  const progress: string[] = [];
  const settings: ClusterViewSettings = { ...DEFAULT_CLUSTER_SETTINGS, ...options.settings };
  const model = new ClusterTreeModel(access, () => settings, () => options.now ?? NOW, {
    changed: (node) => changes.push(node),
    track: (title, work) => {
      progress.push(title);
      return work((message) => progress.push(`  ${message}`));
    },
  });
  return { api, model, kubeconfig, changes, progress, close: () => api.close() };
}

/** The first node (depth first, expanding as it goes) whose label matches. */
export async function findNode(model: ClusterTreeModel, label: string | RegExp, from?: ClusterNode): Promise<ClusterNode | undefined> {
  const match = (n: ClusterNode) => (typeof label === 'string' ? n.view().label === label : label.test(n.view().label));
  const walk = async (nodes: readonly ClusterNode[]): Promise<ClusterNode | undefined> => {
    for (const n of nodes) {
      if (match(n)) return n;
      if (n.view().collapsible !== 'none') {
        const found = await walk(await model.children(n));
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(from ? await model.children(from) : await model.children());
}
