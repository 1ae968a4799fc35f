// A language server in-process over two streams, and a minimal client for LSP-level tests.
import { PassThrough } from 'node:stream';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection } from 'vscode-languageserver/node';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  PublishDiagnosticsNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  ConfigurationRequest, WorkDoneProgressCreateRequest, ProgressType, RegistrationRequest, ShutdownRequest,
  type Diagnostic, type ProtocolConnection, type WorkDoneProgressBegin, type WorkDoneProgressReport, type WorkDoneProgressEnd,
} from 'vscode-languageserver-protocol/node';
import { startLanguageServer, type LanguageServerSession } from '../../server/src/lsp/languageServer';

export interface Harness {
  readonly client: ProtocolConnection;
  readonly session: LanguageServerSession;
  readonly root: string;
  readonly diagnostics: Map<string, Diagnostic[]>;
  readonly progress: Array<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd>;
  /** Settings the client answers `workspace/configuration` with. */
  settings: Record<string, unknown>;
  uri(path: string): string;
  write(path: string, text: string): void;
  open(path: string, text: string, version?: number): Promise<void>;
  change(path: string, text: string, version: number): Promise<void>;
  close(path: string): Promise<void>;
  /** Waits until the predicate holds after some publishDiagnostics (or times out). */
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Waits until an analysis newer than the current one has been published. */
  nextAnalysis(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startHarness(files: Record<string, string>, options: { settings?: Record<string, unknown>; now?: Date } = {}): Promise<Harness> {
  const root = mkdtempSync(join(tmpdir(), 'mtls-lsp-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const [p, t] of Object.entries(files)) write(p, t);
  const up = new PassThrough();
  const down = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  const session = startLanguageServer(serverConnection, { debounceMs: 5, ...(options.now ? { now: () => options.now as Date } : {}) });
  const client = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const diagnostics = new Map<string, Diagnostic[]>();
  const progress: Harness['progress'] = [];
  const listeners = new Set<() => void>();
  const harness: Harness = {
    client, session, root, diagnostics, progress,
    settings: options.settings ?? {},
    uri: (p) => pathToFileURL(join(root, p)).href,
    write,
    open: async (p, text, version = 1) => client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: harness.uri(p), languageId: 'yaml', version, text } }),
    change: async (p, text, version) => client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: harness.uri(p), version }, contentChanges: [{ text }] }),
    close: async (p) => client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: harness.uri(p) } }),
    waitFor: (predicate, what, timeoutMs = 10000) =>
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
    dispose: async () => {
      await client.sendRequest(ShutdownRequest.type);
      // No `exit` notification: the server would end this (shared) test process.
      client.dispose();
      session.connection.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
  const poll = setInterval(() => listeners.forEach((l) => l()), 5);
  poll.unref();
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p.diagnostics);
    listeners.forEach((l) => l());
  });
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
