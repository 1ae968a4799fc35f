import * as vscode from 'vscode';
import { State, type LanguageClient, type RequestType } from 'vscode-languageclient/node';
import { ModelChangedNotification, type ModelChangedParams } from '../../protocol/src/modelChanged';
import { createLanguageClient, type ProgressValue } from './languageClient';
import { CrashPolicy } from './crashPolicy';

export type ServerState = 'starting' | 'running' | 'stopped';

/**
 * Owns the language client and everything registered for the extension's lifetime
 * (rust-analyzer's `Ctx`). Views and commands get it, never a global.
 */
export class MeshDoctorContext implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Istio mTLS Doctor', { log: true });
  private clientValue: LanguageClient | undefined;
  private readonly crashes = new CrashPolicy();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly modelChanged = new vscode.EventEmitter<ModelChangedParams>();
  private readonly progress = new vscode.EventEmitter<ProgressValue>();
  private readonly state = new vscode.EventEmitter<ServerState>();
  /** The server published a new analysis: views re-request their data. */
  readonly onModelChanged = this.modelChanged.event;
  readonly onProgress = this.progress.event;
  readonly onServerState = this.state.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.disposables.push(this.output, this.modelChanged, this.progress, this.state);
  }

  get client(): LanguageClient | undefined {
    return this.clientValue;
  }

  get running(): boolean {
    return this.clientValue?.state === State.Running;
  }

  /** Registers something to dispose with the extension. */
  push(...d: vscode.Disposable[]): void {
    this.disposables.push(...d);
  }

  async start(): Promise<void> {
    if (!this.clientValue) {
      const client = createLanguageClient(this.extension, {
        output: this.output,
        crashes: this.crashes,
        onProgress: (v) => this.progress.fire(v),
        onStoppedForGood: () => this.state.fire('stopped'),
      });
      this.disposables.push(
        client.onDidChangeState((e) => this.state.fire(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped')),
        client.onNotification(ModelChangedNotification.type, (p) => this.modelChanged.fire(p)),
      );
      this.clientValue = client;
    }
    this.state.fire('starting');
    await this.clientValue.start();
  }

  /** "Restart server": the user asked, so the crash history starts over. */
  async restart(): Promise<void> {
    this.crashes.reset();
    if (!this.clientValue) return this.start();
    this.output.appendLine('[client] restarting the server');
    this.state.fire('starting');
    await this.clientValue.restart();
  }

  /** Sends a custom request once the server runs; undefined when it does not. */
  async request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R | undefined> {
    const client = this.clientValue;
    if (!client || client.state !== State.Running) return undefined;
    // `params as never`: RequestParam<P> of a generic P does not resolve; the request type checks the call sites.
    return client.sendRequest(type, params as never);
  }

  async dispose(): Promise<void> {
    const client = this.clientValue;
    this.clientValue = undefined;
    try {
      if (client) await client.dispose(2000);
    } finally {
      for (const d of this.disposables.splice(0).reverse()) d.dispose();
    }
  }
}
