import { identityOf, type Resource } from '../model/resource';

/**
 * Objects imported from a live cluster ("what happens if I apply this file to this cluster")
 * live under this path prefix. They form a read-only layer under the workspace files.
 */
export const CLUSTER_LAYER_PREFIX = 'cluster://';

export function isClusterLayerPath(path: string): boolean {
  return path.startsWith(CLUSTER_LAYER_PREFIX);
}

/** Workspace files win over cluster objects with the same identity (kind, namespace, name). */
export function withClusterLayerUnderWorkspace(resources: readonly Resource[]): Resource[] {
  const inWorkspace = new Set(resources.filter((r) => !isClusterLayerPath(r.source.file)).map(identityOf));
  return resources.filter((r) => !isClusterLayerPath(r.source.file) || !inWorkspace.has(identityOf(r)));
}
