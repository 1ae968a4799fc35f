import type { ClusterReader } from '../read/clusterReader';
import { allNamespaces } from '../read/clusterQueries';
import type { ClusterNode, TreeEnv } from './clusterNode';
import { errorNode } from './lazyNode';
import type { MeshFlavor } from './meshFlavor';
import { MessageNode } from './messageNode';
import { NamespaceNode } from './namespaceNode';

/**
 * The namespace nodes under a mesh. Where namespaces cannot be listed (a common RBAC setup),
 * the error is shown and the context's own namespace is offered instead.
 */
export async function namespaceNodes(env: TreeEnv, parent: ClusterNode, reader: ClusterReader, mesh: MeshFlavor, signal: AbortSignal): Promise<ClusterNode[]> {
  try {
    const namespaces = await allNamespaces(reader, signal);
    return namespaces.map((ns) => new NamespaceNode(env, parent, reader, ns, mesh));
  } catch (e) {
    const out: ClusterNode[] = [errorNode(parent, e, 'namespaces')];
    if (reader.defaultNamespace) {
      out.push(new MessageNode(parent, 'fallback', 'info', `showing the context's namespace ${reader.defaultNamespace}`));
      out.push(new NamespaceNode(env, parent, reader, { name: reader.defaultNamespace, labels: {}, annotations: {} }, mesh));
    }
    return out;
  }
}
