import * as vscode from 'vscode';
import type { ClusterNode, NodeIcon, NodeStatus } from '../tree/clusterNode';

export const CLUSTER_VIEW_ID = 'istioMtlsDoctor.clusterView';
export const OPEN_CERTIFICATE_COMMAND = 'istioMtlsDoctor.cluster.openCertificate';
export const LOAD_MORE_COMMAND = 'istioMtlsDoctor.cluster.loadMore';

const ICONS: Record<NodeIcon, string> = {
  context: 'server-environment',
  mesh: 'type-hierarchy',
  ca: 'shield',
  namespace: 'symbol-namespace',
  pod: 'package',
  bundle: 'files',
  certificate: 'verified',
  error: 'error',
  warning: 'warning',
  info: 'info',
  more: 'ellipsis',
  untrusted: 'workspace-untrusted',
};

const STATUS_COLOR: Record<NodeStatus, string> = {
  error: 'problemsErrorIcon.foreground',
  warning: 'problemsWarningIcon.foreground',
  ok: 'testing.iconPassed',
};

/** The VS Code face of a model node. */
export function treeItemOf(node: ClusterNode): vscode.TreeItem {
  const v = node.view();
  const state = v.collapsible === 'none' ? vscode.TreeItemCollapsibleState.None
    : v.collapsible === 'expanded' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(v.label, state);
  item.id = node.id;
  if (v.description) item.description = v.description;
  if (v.tooltip) item.tooltip = v.tooltip;
  item.contextValue = v.contextValue;
  const glyph = v.status === 'error' ? 'error' : v.status === 'warning' ? 'warning' : ICONS[v.icon];
  item.iconPath = new vscode.ThemeIcon(glyph, v.status ? new vscode.ThemeColor(STATUS_COLOR[v.status]) : undefined);
  if (v.action === 'openCertificate') item.command = { command: OPEN_CERTIFICATE_COMMAND, title: 'Open Certificate', arguments: [node] };
  if (v.action === 'loadMore') item.command = { command: LOAD_MORE_COMMAND, title: 'Load More Pods', arguments: [node] };
  return item;
}
