import * as vscode from 'vscode';
import { KubeClusterAccess } from '../kube/kubeClusterAccess';
import { CLUSTER_SETTINGS_SECTION, readClusterViewSettings, type ClusterViewSettings } from '../settings/clusterViewSettings';
import { ClusterTreeModel } from '../tree/clusterTreeModel';
import { CertificateDocuments, CERTIFICATE_SCHEME } from './certificateDocuments';
import { ClusterLayerStatus } from './clusterLayerStatus';
import { registerClusterCommands, type ClusterViewDeps } from './clusterCommands';
import { ClusterTreeProvider } from './clusterTreeProvider';
import { CLUSTER_VIEW_ID } from './treeItemOf';

export type { ClusterViewDeps } from './clusterCommands';

const SELECTED_CONTEXT_KEY = 'istioMtlsDoctor.cluster.selectedContext';

function currentSettings(): ClusterViewSettings {
  const cfg = vscode.workspace.getConfiguration(CLUSTER_SETTINGS_SECTION);
  const keys = ['caExpiryWarningDays', 'autoRefreshSeconds', 'podTimeoutSeconds', 'podsPageSize', 'istioNamespace', 'linkerdNamespace'];
  return readClusterViewSettings(Object.fromEntries(keys.map((k) => [k, cfg.get<unknown>(k)])));
}

/**
 * The cluster view: live sidecar certificates per kubeconfig context, and "Import live policies".
 * Nothing connects at activation: a cluster is read when the user expands or refreshes it.
 */
export function registerClusterView(extension: vscode.ExtensionContext, deps: ClusterViewDeps): vscode.Disposable {
  const provider = new ClusterTreeProvider();
  const access = new KubeClusterAccess();
  const view = vscode.window.createTreeView(CLUSTER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const model = new ClusterTreeModel(access, currentSettings, () => new Date(), {
    changed: (node) => provider.fire(node),
    track: (title, work) => new Promise((resolve, reject) => {
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Istio mTLS Doctor: ${title}` }, (progress) =>
        vscode.window.withProgress({ location: { viewId: CLUSTER_VIEW_ID } }, () => work((message) => progress.report({ message })))).then(resolve, reject);
    }),
    loadingChanged: (loading) => void vscode.commands.executeCommand('setContext', 'istioMtlsDoctor.cluster.loading', loading),
  });
  model.restoreSelection(extension.workspaceState.get<string>(SELECTED_CONTEXT_KEY));
  provider.model = model;
  const status = new ClusterLayerStatus();

  let timer: NodeJS.Timeout | undefined;
  const armAutoRefresh = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    const seconds = currentSettings().autoRefreshSeconds;
    if (seconds <= 0) return;
    timer = setInterval(() => {
      // Only what the user has opened is read again, only while they can see it.
      if (view.visible && vscode.workspace.isTrusted && model.connected && !model.loading) model.refresh();
    }, Math.max(seconds, 5) * 1000);
  };
  armAutoRefresh();

  const disposables: vscode.Disposable[] = [
    provider,
    view,
    status,
    vscode.workspace.registerTextDocumentContentProvider(CERTIFICATE_SCHEME, new CertificateDocuments(() => model.certificates, () => new Date())),
    ...registerClusterCommands({
      model, view, status, access, deps,
      settings: currentSettings,
      remember: (context) => void extension.workspaceState.update(SELECTED_CONTEXT_KEY, context),
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => model.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(CLUSTER_SETTINGS_SECTION)) return;
      armAutoRefresh();
      if (model.connected) model.refresh();
    }),
    { dispose: () => timer && clearInterval(timer) },
    { dispose: () => model.cancel() },
  ];
  return vscode.Disposable.from(...disposables);
}
