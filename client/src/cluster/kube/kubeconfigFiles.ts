import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { KubeContextInfo } from '../read/clusterReader';
import type { ClientNode, KubeConfig } from './clientNode';

/** Where kubeconfig files are looked for: `KUBECONFIG` (a path list), else `~/.kube/config` (as kubectl does). */
export function kubeconfigPaths(env: Readonly<Record<string, string | undefined>>, home: string): string[] {
  const list = env.KUBECONFIG?.split(delimiter).map((p) => p.trim()).filter(Boolean) ?? [];
  if (list.length) return [...new Set(list)];
  return [join(home, '.kube', 'config')];
}

export interface MergedKubeconfig {
  readonly files: readonly string[];
  readonly problems: readonly string[];
  readonly contexts: readonly KubeContextInfo[];
  /** A KubeConfig whose current context is `context` (never written back to any file). */
  forContext(context: string): KubeConfig | undefined;
}

/**
 * Reads and merges kubeconfig files with kubectl's rules: the first file that sets
 * current-context wins, and the first definition of a name wins. Nothing here touches the network.
 */
export function mergeKubeconfigs(k8s: ClientNode, paths: readonly string[]): MergedKubeconfig {
  const files: string[] = [];
  const problems: string[] = [];
  const merged = new k8s.KubeConfig();
  const clusters: KubeConfig['clusters'] = [];
  const users: KubeConfig['users'] = [];
  const contexts: KubeConfig['contexts'] = [];
  let current = '';
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const kc = new k8s.KubeConfig();
    try {
      kc.loadFromFile(path, { onInvalidEntry: 'filter' });
    } catch (e) {
      problems.push(`${path}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      continue;
    }
    files.push(path);
    if (!current && kc.currentContext) current = kc.currentContext;
    for (const c of kc.clusters) if (!clusters.some((x) => x.name === c.name)) clusters.push(c);
    for (const u of kc.users) if (!users.some((x) => x.name === u.name)) users.push(u);
    for (const c of kc.contexts) if (!contexts.some((x) => x.name === c.name)) contexts.push(c);
  }
  merged.loadFromOptions({ clusters, users, contexts, currentContext: current });
  const infos: KubeContextInfo[] = contexts.map((c) => ({
    name: c.name,
    cluster: c.cluster,
    server: clusters.find((x) => x.name === c.cluster)?.server ?? '(no cluster)',
    ...(c.namespace ? { namespace: c.namespace } : {}),
    current: c.name === current,
  }));
  infos.sort((a, b) => Number(b.current) - Number(a.current) || a.name.localeCompare(b.name));
  return {
    files,
    problems,
    contexts: infos,
    forContext(context) {
      if (!contexts.some((c) => c.name === context)) return undefined;
      const kc = new k8s.KubeConfig();
      kc.loadFromOptions({ clusters, users, contexts, currentContext: context });
      return kc;
    },
  };
}
