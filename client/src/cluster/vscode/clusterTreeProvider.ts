import * as vscode from 'vscode';
import type { ClusterNode, NodeView } from '../tree/clusterNode';
import type { ClusterTreeModel } from '../tree/clusterTreeModel';
import { treeItemOf } from './treeItemOf';

/** Shown instead of contexts in Restricted Mode: nothing is read, not even the kubeconfig. */
const UNTRUSTED: ClusterNode = {
  id: 'untrusted',
  parent: undefined,
  view: (): NodeView => ({
    label: 'Cluster access is off in Restricted Mode',
    description: 'trust this workspace to read your clusters',
    tooltip: 'The cluster view uses your kubeconfig credentials; it stays off until the workspace is trusted. The analysis of the workspace files works without it.',
    icon: 'untrusted',
    collapsible: 'none',
    contextValue: 'istioMtlsDoctor.cluster.untrusted',
  }),
  children: () => Promise.resolve([]),
  refresh: () => undefined,
};

/** VS Code's TreeDataProvider over the model: wiring only. */
export class ClusterTreeProvider implements vscode.TreeDataProvider<ClusterNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ClusterNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  model: ClusterTreeModel | undefined;

  fire(node?: ClusterNode): void {
    this.emitter.fire(node);
  }

  getTreeItem(node: ClusterNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  async getChildren(node?: ClusterNode): Promise<ClusterNode[]> {
    if (!node && !vscode.workspace.isTrusted) return [UNTRUSTED];
    if (!this.model) return [];
    return [...(await this.model.children(node))];
  }

  getParent(node: ClusterNode): ClusterNode | undefined {
    return node.parent;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
