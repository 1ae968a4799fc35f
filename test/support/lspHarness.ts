// A language server in-process over two streams, and a client for LSP-level tests: diagnostics,
// progress, every window/logMessage and window/showMessage from the first byte (indexing logs
// included), every notification by method, and typed requests for every feature.
import { PassThrough } from 'node:stream';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection } from 'vscode-languageserver/node';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  PublishDiagnosticsNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  ConfigurationRequest, WorkDoneProgressCreateRequest, ProgressType, RegistrationRequest, ShutdownRequest, LogMessageNotification, ShowMessageNotification,
  HoverRequest, DefinitionRequest, ReferencesRequest, CompletionRequest, DocumentSymbolRequest, CodeLensRequest, CodeActionRequest,
  type Diagnostic, type ProtocolConnection, type Position, type Range, type WorkDoneProgressBegin, type WorkDoneProgressReport, type WorkDoneProgressEnd,
} from 'vscode-languageserver-protocol/node';
import { startLanguageServer, type LanguageServerSession, type ServerOptions } from '../../server/src/lsp/languageServer';

export interface LogLine {
  /** 1 error, 2 warning, 3 info, 4 log. */
  readonly type: number;
  readonly message: string;
  /** `log` (window/logMessage) or `show` (window/showMessage). */
  readonly channel: 'log' | 'show';
}

export interface Harness {
  readonly client: ProtocolConnection;
  readonly session: LanguageServerSession;
  readonly root: string;
  readonly diagnostics: Map<string, Diagnostic[]>;
  readonly progress: Array<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd>;
  readonly logs: LogLine[];
  /** Every notification the server sent, by method (for scanning output channels). */
  readonly notifications: Array<{ method: string; params: unknown }>;
  /** Settings the client answers `workspace/configuration` with. */
  settings: Record<string, unknown>;
  uri(path: string): string;
  write(path: string, text: string | Buffer): void;
  open(path: string, text: string, version?: number): Promise<void>;
  change(path: string, text: string, version: number): Promise<void>;
  close(path: string): Promise<void>;
  /** Waits until the predicate holds after some publishDiagnostics (or times out). */
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Waits until an analysis newer than the current one has been published. */
  nextAnalysis(): Promise<void>;
  /** Waits until every change sent so far is analysed and no analysis follows for 40 ms. */
  settle(): Promise<void>;
  /** The rule ids of a file's diagnostics, sorted. */
  rules(path: string): string[];
  hover(path: string, position: Position): Promise<unknown>;
  definition(path: string, position: Position): Promise<unknown>;
  references(path: string, position: Position): Promise<unknown>;
  completion(path: string, position: Position): Promise<unknown>;
  symbols(path: string): Promise<unknown>;
  codeLenses(path: string): Promise<unknown>;
  codeActions(path: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<unknown>;
  dispose(): Promise<void>;
}

export interface HarnessOptions {
  readonly settings?: Record<string, unknown>;
  /** The server's clock. */
  readonly now?: Date;
  readonly server?: ServerOptions;
  /** Files written as bytes (binary, non-UTF-8). */
  readonly binaryFiles?: Record<string, Buffer>;
  /** Called with the root before the server starts (symbolic links, permissions). */
  readonly prepare?: (root: string) => void;
}

export async function startHarness(files: Record<string, string>, options: HarnessOptions = {}): Promise<Harness> {
  const root = mkdtempSync(join(tmpdir(), 'mtls-lsp-'));
  const write = (path: string, text: string | Buffer) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const [p, t] of Object.entries(files)) write(p, t);
  for (const [p, b] of Object.entries(options.binaryFiles ?? {})) write(p, b);
  options.prepare?.(root);
  const up = new PassThrough();
  const down = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  const now = options.now;
  const session = startLanguageServer(serverConnection, { debounceMs: 5, ...(now ? { now: () => now } : {}), ...options.server });
  const client = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const diagnostics = new Map<string, Diagnostic[]>();
  const progress: Harness['progress'] = [];
  const logs: LogLine[] = [];
  const notifications: Harness['notifications'] = [];
  const listeners = new Set<() => void>();
  const poke = () => listeners.forEach((l) => l());
  const at = (path: string) => ({ uri: harness.uri(path) });
  const harness: Harness = {
    client, session, root, diagnostics, progress, logs, notifications,
    settings: options.settings ?? {},
    uri: (p) => pathToFileURL(join(root, p)).href,
    write,
    open: async (p, text, version = 1) => client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: harness.uri(p), languageId: 'yaml', version, text } }),
    change: async (p, text, version) => client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: harness.uri(p), version }, contentChanges: [{ text }] }),
    close: async (p) => client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: harness.uri(p) } }),
    waitFor: (predicate, what, timeoutMs = 15000) =>
      new Promise<void>((resolve, reject) => {
        if (predicate()) return resolve();
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${what}`));
        }, timeoutMs);
        const check = () => {
          if (!predicate()) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
      }),
    nextAnalysis: () => {
      const n = session.analysisCount;
      return harness.waitFor(() => session.analysisCount > n, 'the next analysis');
    },
    settle: async () => {
      // A request is answered after the notifications sent before it: every change is in the store.
      await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: harness.uri('__settle__.yaml') } });
      // Then the debounced analysis: wait until no new one comes for a while.
      for (;;) {
        const n = session.analysisCount;
        await new Promise((r) => setTimeout(r, 40));
        if (session.analysisCount === n) return;
      }
    },
    rules: (p) => (diagnostics.get(harness.uri(p)) ?? []).map((d) => String(d.code)).sort(),
    hover: (p, position) => client.sendRequest(HoverRequest.type, { textDocument: at(p), position }),
    definition: (p, position) => client.sendRequest(DefinitionRequest.type, { textDocument: at(p), position }),
    references: (p, position) => client.sendRequest(ReferencesRequest.type, { textDocument: at(p), position, context: { includeDeclaration: true } }),
    completion: (p, position) => client.sendRequest(CompletionRequest.type, { textDocument: at(p), position }),
    symbols: (p) => client.sendRequest(DocumentSymbolRequest.type, { textDocument: at(p) }),
    codeLenses: (p) => client.sendRequest(CodeLensRequest.type, { textDocument: at(p) }),
    codeActions: (p, range, diags, only) => client.sendRequest(CodeActionRequest.type, { textDocument: at(p), range, context: { diagnostics: diags, ...(only ? { only } : {}) } }),
    dispose: async () => {
      try {
        // Let a pending (debounced) analysis publish before the connection goes away.
        await harness.settle();
        await client.sendRequest(ShutdownRequest.type);
      } catch {
        // already gone
      }
      // No `exit` notification: the server would end this (shared) test process.
      client.dispose();
      session.connection.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
  const poll = setInterval(poke, 5);
  poll.unref();
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p.diagnostics);
    notifications.push({ method: PublishDiagnosticsNotification.method, params: p });
    poke();
  });
  client.onNotification(LogMessageNotification.type, (p) => {
    logs.push({ type: p.type, message: p.message, channel: 'log' });
    notifications.push({ method: LogMessageNotification.method, params: p });
  });
  client.onNotification(ShowMessageNotification.type, (p) => {
    logs.push({ type: p.type, message: p.message, channel: 'show' });
    notifications.push({ method: ShowMessageNotification.method, params: p });
  });
  client.onUnhandledNotification((n) => notifications.push({ method: n.method, params: n.params }));
  client.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => harness.settings));
  client.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
    client.onProgress(new ProgressType<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd>(), p.token, (v) => {
      progress.push(v);
    });
  });
  client.onRequest(RegistrationRequest.type, () => undefined);
  client.listen();
  await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
    },
  });
  client.sendNotification(InitializedNotification.type, {});
  await harness.waitFor(() => session.analysisCount > 0, 'the first analysis');
  return harness;
}
