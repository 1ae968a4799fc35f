import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, LanguageClient, RevealOutputChannelOn, TransportKind,
  type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type LanguageClientOptions, type ServerOptions,
  type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport,
} from 'vscode-languageclient/node';
import { CrashPolicy } from './crashPolicy';

export type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

export const SETTINGS_SECTION = 'istioMtlsDoctor';
export const DIAGNOSTIC_SOURCE = 'istio-mtls-doctor';
/** What the client watches and forwards as `workspace/didChangeWatchedFiles`. */
export const WATCHED_FILES = '**/*.{yaml,yml,pem,crt}';

export interface ClientHooks {
  readonly output: vscode.LogOutputChannel;
  readonly crashes: CrashPolicy;
  /** Indexing progress of the server (`window/workDoneProgress`), for the status bar. */
  readonly onProgress: (value: ProgressValue) => void;
  readonly onStoppedForGood: () => void;
}

/** Restarts a crashed server; tells the user once (CrashPolicy). */
function errorHandler(hooks: ClientHooks): ErrorHandler {
  return {
    error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue, handled: true }),
    closed: (): CloseHandlerResult => {
      const d = hooks.crashes.crashed();
      hooks.output.appendLine(`[client] the server process ended unexpectedly: ${d.action === 'restart' ? 'restarting it' : 'not restarting it again'}`);
      if (d.message) {
        const show = d.action === 'stop' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
        void show(d.message, 'Show Output').then((pick) => pick && hooks.output.show(true));
      }
      if (d.action === 'stop') hooks.onStoppedForGood();
      return { action: d.action === 'restart' ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
    },
  };
}

/** The language client: the bundled server over IPC, for `file` and `untitled` YAML documents. */
export function createLanguageClient(extension: vscode.ExtensionContext, hooks: ClientHooks): LanguageClient {
  const module = extension.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher(WATCHED_FILES) },
    initializationOptions: { settings: vscode.workspace.getConfiguration(SETTINGS_SECTION) },
    outputChannel: hooks.output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: errorHandler(hooks),
    middleware: {
      handleWorkDoneProgress: (token, params, next) => {
        hooks.onProgress(params);
        next(token, params);
      },
    },
  };
  return new LanguageClient('istioMtlsDoctor', 'Istio mTLS Doctor', serverOptions, clientOptions);
}
