import * as vscode from 'vscode';
import { WorkspaceMeshRequest, type InboundPort, type MeshNamespace, type MeshWorkload, type WorkspaceMesh } from '../../../protocol/src/workspaceMesh';
import type { MeshDoctorContext } from '../context';
import { namespaceView, portView, workloadView, type NodeView } from './nodePresentation';

type Node =
  | { kind: 'namespace'; ns: MeshNamespace }
  | { kind: 'workload'; w: MeshWorkload }
  | { kind: 'port'; p: InboundPort; w: MeshWorkload };

export const WORKSPACE_MESH_VIEW = 'istioMtlsDoctor.workspaceMesh';
export const REVEAL_COMMAND = 'istioMtlsDoctor.revealLocation';

function viewOf(n: Node): NodeView {
  return n.kind === 'namespace' ? namespaceView(n.ns) : n.kind === 'workload' ? workloadView(n.w) : portView(n.p, n.w);
}

/** "Workspace mesh": namespaces → workloads → ports with their effective inbound mode. */
export class WorkspaceMeshTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private mesh: WorkspaceMesh | undefined;
  private loading: Promise<WorkspaceMesh | undefined> | undefined;

  constructor(private readonly ctx: MeshDoctorContext) {}

  refresh(): void {
    this.mesh = undefined;
    this.loading = undefined;
    this.changed.fire(undefined);
  }

  private async load(): Promise<WorkspaceMesh | undefined> {
    if (this.mesh) return this.mesh;
    this.loading ??= this.ctx.request(WorkspaceMeshRequest.type, {}).catch((e: Error) => {
      this.ctx.output.appendLine(`[client] workspace mesh request failed: ${e.message}`);
      return undefined;
    });
    this.mesh = await this.loading;
    return this.mesh;
  }

  async getChildren(element?: Node): Promise<Node[]> {
    if (!element) return ((await this.load())?.namespaces ?? []).map((ns) => ({ kind: 'namespace' as const, ns }));
    if (element.kind === 'namespace') return element.ns.workloads.map((w) => ({ kind: 'workload' as const, w }));
    if (element.kind === 'workload') return element.w.ports.map((p) => ({ kind: 'port' as const, p, w: element.w }));
    return [];
  }

  getTreeItem(n: Node): vscode.TreeItem {
    const v = viewOf(n);
    const collapsible = n.kind === 'port' ? vscode.TreeItemCollapsibleState.None : n.kind === 'namespace' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(v.label, collapsible);
    item.description = v.description;
    item.tooltip = v.tooltip;
    item.iconPath = new vscode.ThemeIcon(v.icon.id, v.icon.color ? new vscode.ThemeColor(v.icon.color) : undefined);
    item.contextValue = v.contextValue;
    item.id = n.kind === 'namespace' ? `ns:${n.ns.name}` : n.kind === 'workload' ? `w:${n.w.location.uri}#${n.w.location.range.start.line}` : `p:${n.w.location.uri}#${n.w.location.range.start.line}:${n.p.port ?? '*'}`;
    if (v.target) item.command = { command: REVEAL_COMMAND, title: 'Reveal the governing policy', arguments: [v.target] };
    return item;
  }
}

export function registerWorkspaceMeshTree(ctx: MeshDoctorContext): WorkspaceMeshTree {
  const tree = new WorkspaceMeshTree(ctx);
  const view = vscode.window.createTreeView(WORKSPACE_MESH_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  ctx.push(view, ctx.onModelChanged(() => tree.refresh()), ctx.onServerState((s) => s === 'running' && tree.refresh()));
  return tree;
}
