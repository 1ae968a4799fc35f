import * as vscode from 'vscode';

export const CLEAR_LIVE_POLICIES_COMMAND = 'istioMtlsDoctor.cluster.clearLivePolicies';

/** The status bar note naming the context whose live objects are layered under the workspace. */
export class ClusterLayerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('istioMtlsDoctor.clusterLayer', vscode.StatusBarAlignment.Left, 9);

  constructor() {
    this.item.name = 'Istio mTLS Doctor: live cluster layer';
    this.item.command = CLEAR_LIVE_POLICIES_COMMAND;
  }

  show(context: string, objects: number, at: Date): void {
    this.item.text = `$(cloud) ${context}`;
    this.item.tooltip = new vscode.MarkdownString(`**Live objects layered:** ${objects} objects from context \`${context}\`, read at ${at.toLocaleTimeString()}.\n\nThe diagnostics answer "what happens if I apply these files to this cluster"; workspace files win over cluster objects with the same kind, namespace and name.\n\nClick to remove the layer.`);
    this.item.show();
    void vscode.commands.executeCommand('setContext', 'istioMtlsDoctor.cluster.layered', true);
  }

  clear(): void {
    this.item.hide();
    void vscode.commands.executeCommand('setContext', 'istioMtlsDoctor.cluster.layered', false);
  }

  dispose(): void {
    this.item.dispose();
  }
}
