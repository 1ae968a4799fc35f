import type { ClusterNode, NodeStatus } from './clusterNode';

const MARKER: Record<NodeStatus, string> = { error: '✗', warning: '⚠', ok: '✓' };

export interface RenderOptions {
  /** Whether to expand (and so read) a node; default: every node. */
  readonly expand?: (node: ClusterNode) => boolean;
  readonly maxDepth?: number;
}

/** The tree as indented text (tests, and the issue's closing note). Expanding reads the cluster. */
export async function renderTree(source: { children(node?: ClusterNode): Promise<readonly ClusterNode[]> }, options: RenderOptions = {}): Promise<string> {
  const lines: string[] = [];
  const walk = async (nodes: readonly ClusterNode[], depth: number) => {
    for (const node of nodes) {
      const open = node.view().collapsible !== 'none' && (options.expand?.(node) ?? true) && depth + 1 < (options.maxDepth ?? 20);
      // Read the children first: a node's summary is complete once they are loaded (as the view shows it after its refresh).
      const children = open ? await source.children(node) : [];
      const v = node.view();
      const marker = v.status ? MARKER[v.status] : '•';
      lines.push(`${'  '.repeat(depth)}${marker} ${v.label}${v.description ? `  — ${v.description}` : ''}`);
      if (open) await walk(children, depth + 1);
    }
  };
  await walk(await source.children(undefined), 0);
  return lines.join('\n');
}

/** Every node of the tree (expanding everything), for assertions. */
export async function allNodes(source: { children(node?: ClusterNode): Promise<readonly ClusterNode[]> }): Promise<ClusterNode[]> {
  const out: ClusterNode[] = [];
  const walk = async (nodes: readonly ClusterNode[]) => {
    for (const node of nodes) {
      out.push(node);
      if (node.view().collapsible !== 'none') await walk(await source.children(node));
    }
  };
  await walk(await source.children(undefined));
  return out;
}
