// Activation: wiring only. The context owns the client and the disposables; each feature registers itself.
import { window, type ExtensionContext } from 'vscode';
import { MeshDoctorContext } from './context';
import { registerCommands } from './commands';
import { registerStatusBar } from './statusBar';
import { registerWorkspaceMeshTree } from './workspaceMesh/workspaceMeshTree';
import { isTrusted, requireTrust } from './trust';
import { registerClusterView } from './cluster/vscode/registerClusterView';

let ctx: MeshDoctorContext | undefined;

/** What other parts of the extension (the cluster view) and tests reach through `exports`. */
export interface ExtensionApi {
  readonly ctx: MeshDoctorContext;
  readonly isTrusted: typeof isTrusted;
  readonly requireTrust: typeof requireTrust;
}

export async function activate(extension: ExtensionContext): Promise<ExtensionApi> {
  ctx = new MeshDoctorContext(extension);
  extension.subscriptions.push({ dispose: () => void ctx?.dispose() });
  registerStatusBar(ctx);
  const workspaceMesh = registerWorkspaceMeshTree(ctx);
  registerCommands(ctx, { workspaceMesh });
  ctx.push(registerClusterView(extension, { languageClient: () => ctx?.client }));
  try {
    await ctx.start();
  } catch (e) {
    // Activation still succeeds, so that "Restart Server" and the output channel stay usable.
    ctx.output.error(`the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    void window.showErrorMessage('Istio mTLS Doctor: the language server did not start. See the "Istio mTLS Doctor" output.');
  }
  return { ctx, isTrusted, requireTrust };
}

export async function deactivate(): Promise<void> {
  const c = ctx;
  ctx = undefined;
  await c?.dispose();
}
