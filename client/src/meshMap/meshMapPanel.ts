import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { MeshMapRequest, type MeshMap } from '../../../protocol/src/meshMap';
import type { MeshDoctorContext } from '../context';
import { revealLocation } from '../locations';
import { cellIndex, meshMapBody, meshMapDocument } from './meshMapHtml';

type Message = { type: 'open'; r: number; c: number; link?: number } | { type: 'openColumn'; c: number };

/** The mesh map webview: one panel, refreshed whenever the server publishes a new analysis. */
export class MeshMapPanel implements vscode.Disposable {
  static readonly viewType = 'istioMtlsDoctor.meshMap';
  private static current: MeshMapPanel | undefined;
  private map: MeshMap | undefined;
  private analysis = 0;
  private wasVisible = true;
  private readonly disposables: vscode.Disposable[] = [];

  static show(ctx: MeshDoctorContext): MeshMapPanel {
    if (MeshMapPanel.current) {
      MeshMapPanel.current.panel.reveal(undefined, false);
      void MeshMapPanel.current.refresh();
      return MeshMapPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(MeshMapPanel.viewType, 'Mesh Map', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [],
    });
    panel.iconPath = vscode.Uri.joinPath(ctx.extension.extensionUri, 'images', 'mesh-map.svg');
    MeshMapPanel.current = new MeshMapPanel(ctx, panel);
    return MeshMapPanel.current;
  }

  private constructor(
    private readonly ctx: MeshDoctorContext,
    private readonly panel: vscode.WebviewPanel,
  ) {
    this.render(true);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: Message) => void this.onMessage(m)),
      // A hidden webview is discarded (retainContextWhenHidden: false): draw it anew when it is shown.
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible && !this.wasVisible) this.render(true);
        this.wasVisible = e.webviewPanel.visible;
      }),
      ctx.onModelChanged((p) => {
        this.analysis = p.analysis;
        void this.refresh();
      }),
    );
    void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      const map = await this.ctx.request(MeshMapRequest.type, {});
      if (!map) return;
      this.map = map;
      this.render(false);
    } catch (e) {
      this.ctx.output.appendLine(`[client] mesh map request failed: ${(e as Error).message}`);
    }
  }

  private render(whole: boolean): void {
    if (!this.panel.visible && !whole) return;
    if (whole) {
      const nonce = randomBytes(16).toString('base64');
      this.panel.webview.html = meshMapDocument(this.map, { nonce, cspSource: this.panel.webview.cspSource, analysis: this.analysis });
    } else if (this.map) {
      void this.panel.webview.postMessage({ type: 'update', html: meshMapBody(this.map), analysis: this.analysis });
    }
  }

  private async onMessage(m: Message): Promise<void> {
    const map = this.map;
    if (!map) return;
    if (m.type === 'openColumn') {
      const loc = map.columns[m.c]?.location;
      if (loc) await revealLocation(loc);
      return;
    }
    const cell = cellIndex(map).grid[m.r]?.[m.c];
    if (!cell) return;
    const targets = [cell.location, ...cell.related].filter((l) => l !== undefined);
    const loc = targets[m.link ?? 0];
    if (loc) await revealLocation(loc);
  }

  dispose(): void {
    if (MeshMapPanel.current === this) MeshMapPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
