// A ClusterAccess without any network: REST answers from a function, config dumps from another.
// For tree-model tests that need control over timing (cancellation) or call counts (refresh).
import type { ClusterAccess, ClusterReader, EnvoyDumpResult, KubeContextInfo, PodRef } from '../../../client/src/cluster/read/clusterReader';
import { abortReason } from '../../../client/src/cluster/read/abortSignals';
import type { KubeRead } from '../../../client/src/cluster/read/kubeRead';
import { ClusterTreeModel } from '../../../client/src/cluster/tree/clusterTreeModel';
import type { ClusterNode } from '../../../client/src/cluster/tree/clusterNode';
import { DEFAULT_CLUSTER_SETTINGS, type ClusterViewSettings } from '../../../client/src/cluster/settings/clusterViewSettings';
import { answerGet } from '../standin/restRoutes';
import { configDumpJson } from '../standin/envoyAdminStandIn';
import type { StandInCluster } from '../standin/standinCluster';
import { NOW } from './meshPki';
import { httpStatusError, statusMessage } from '../../../client/src/cluster/read/kubeError';

export interface FakeAccess extends ClusterAccess {
  readonly readers: string[];
  readonly gets: string[];
  readonly dumps: string[];
}

/** Serves a stand-in cluster's data in memory; `dump` may delay or fail per pod. */
export function fakeAccess(cluster: StandInCluster, options: { contexts?: KubeContextInfo[]; dump?: (pod: PodRef, signal: AbortSignal) => Promise<EnvoyDumpResult> | undefined; defaultNamespace?: string } = {}): FakeAccess {
  const readers: string[] = [];
  const gets: string[] = [];
  const dumps: string[] = [];
  const contexts = options.contexts ?? [{ name: 'fake', cluster: 'fake', server: 'https://fake.invalid', current: true }];
  return {
    readers, gets, dumps,
    contexts: () => Promise.resolve({ contexts, files: ['/fake/kubeconfig'], problems: [] }),
    reader: (context) => {
      readers.push(context);
      const reader: ClusterReader = {
        context,
        server: 'https://fake.invalid',
        ...(options.defaultNamespace ? { defaultNamespace: options.defaultNamespace } : {}),
        get: (read: KubeRead, signal: AbortSignal) => {
          gets.push(read.path);
          if (signal.aborted) return Promise.reject(abortReason(signal));
          const url = new URL(read.path, 'https://fake.invalid');
          const a = answerGet(cluster, url.pathname, url.searchParams);
          if (a.status !== 200) return Promise.reject(httpStatusError(a.status, read, statusMessage(JSON.stringify(a.body))));
          return Promise.resolve(JSON.parse(JSON.stringify(a.body)) as unknown);
        },
        envoyConfigDump: (pod: PodRef, signal: AbortSignal) => {
          dumps.push(`${pod.namespace}/${pod.name}`);
          const custom = options.dump?.(pod, signal);
          if (custom) return custom;
          const p = cluster.pods.find((x) => x.namespace === pod.namespace && x.name === pod.name);
          if (p?.envoy?.kind !== 'dump') return Promise.reject(new Error('no dump'));
          return Promise.resolve({ body: configDumpJson(p.envoy.secrets), via: 'port-forward', notes: [] });
        },
      };
      return Promise.resolve(reader);
    },
  };
}

export function fakeModel(access: ClusterAccess, settings: Partial<ClusterViewSettings> = {}): { model: ClusterTreeModel; changes: Array<ClusterNode | undefined>; loading: boolean[] } {
  const changes: Array<ClusterNode | undefined> = [];
  const loading: boolean[] = [];
  const s = { ...DEFAULT_CLUSTER_SETTINGS, ...settings };
  const model = new ClusterTreeModel(access, () => s, () => NOW, {
    changed: (n) => changes.push(n),
    track: (_title, work) => work(() => undefined),
    loadingChanged: (l) => loading.push(l),
  });
  return { model, changes, loading };
}

/** Children of the node with this label, reached by expanding along a label path. */
export async function childrenAt(model: ClusterTreeModel, ...path: string[]): Promise<readonly ClusterNode[]> {
  let nodes = await model.children();
  for (const label of path) {
    const node = nodes.find((n) => n.view().label === label);
    if (!node) throw new Error(`no node "${label}" among ${nodes.map((n) => n.view().label).join(', ')}`);
    nodes = await model.children(node);
  }
  return nodes;
}

export async function nodeAt(model: ClusterTreeModel, ...path: string[]): Promise<ClusterNode> {
  const parent = await childrenAt(model, ...path.slice(0, -1));
  const node = parent.find((n) => n.view().label === path[path.length - 1]);
  if (!node) throw new Error(`no node "${path[path.length - 1]}"`);
  return node;
}
