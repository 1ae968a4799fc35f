import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { minimatch } from 'minimatch';
import {
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, TextDocuments, TextDocumentSyncKind,
  type ClientCapabilities, type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileKindOf } from '../workspace/fileKinds';
import { WorkspaceStore } from '../workspace/workspaceStore';
import { EngineSnapshot } from '../features/engineSnapshot';
import { AnalysisEngine } from '../workspace/analysisEngine';
import type { ParsedFile } from '../workspace/parsedFile';
import type { CertificateFile } from '../model/kinds/certificateFile';
import type { EditorSnapshot } from '../features/editorSnapshot';
import type { PresentedFinding } from '../features/presentedFinding';
import { toDiagnostic } from '../features/diagnostics';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_SECTION, type ServerSettings } from './settings';
import { PathMapper, type WorkspaceFolderRef } from './pathMapper';
import { nodeFileSystem, type FileSystemAccess } from './fileScan';
import { registerFeatures } from './featureHandlers';
import { SetClusterLayerNotification } from './clusterLayerNotification';
import { CLUSTER_LAYER_PREFIX, isClusterLayerPath } from '../workspace/clusterLayer';
import { describeError, describeErrorWithStack } from '../describeError';

export interface ServerOptions {
  readonly fs?: FileSystemAccess;
  /** Delay between a change and the analysis it triggers (ms). */
  readonly debounceMs?: number;
  /** The clock of the certificate rules (tests). */
  readonly now?: () => Date;
}

/** The engine is rebuilt now and then, so that certificate expiry follows the clock. */
const ENGINE_LIFETIME_MS = 60 * 60 * 1000;
/** The digest of an empty diagnostics list: what a file without findings was last sent. */
const NOTHING_SENT = createHash('sha1').update('[]').digest('base64');

const DOCS_BASE = pathToFileURL(nodePath.join(__dirname, '..', '..', 'README.md')).href;

/** Everything the server holds between requests. */
export class LanguageServerSession {
  readonly store = new WorkspaceStore();
  readonly documents = new TextDocuments(TextDocument);
  private settings: ServerSettings = DEFAULT_SETTINGS;
  private mapper = new PathMapper([]);
  private capabilities: ClientCapabilities = {};
  /** File -> digest of the diagnostics last published for it (files without any are left out). */
  private published = new Map<string, string>();
  private snapshotValue: EditorSnapshot | undefined;
  /** The last analysis that completed, served when a later one fails. */
  private lastSnapshot: EditorSnapshot | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  /** After `shutdown`: nothing is analysed or published any more. */
  private stopped = false;
  private readonly loggedRuleErrors = new Set<string>();
  private readonly loggedSkips = new Set<string>();
  private readonly loggedAnalysisErrors = new Set<string>();
  private engine: AnalysisEngine | undefined;
  private engineCreated = 0;
  /** Analyse from scratch next time (settings changed). */
  private resync = true;
  private readonly fs: FileSystemAccess;
  private readonly debounceMs: number;
  private readonly now: () => Date;
  /** Resolves after each analysis has been published (tests). */
  analysisCount = 0;

  constructor(readonly connection: Connection, options: ServerOptions = {}) {
    this.fs = options.fs ?? nodeFileSystem;
    this.debounceMs = options.debounceMs ?? 10;
    this.now = options.now ?? (() => new Date());
  }

  /** The current analysis; a pending change is analysed (and published) first. */
  get snapshot(): EditorSnapshot {
    if (!this.snapshotValue) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
      this.runAnalysis();
    }
    return (this.snapshotValue ?? this.lastSnapshot) as EditorSnapshot;
  }

  start(): void {
    const c = this.connection;
    c.onInitialize((params): InitializeResult => {
      this.capabilities = params.capabilities;
      const folders: WorkspaceFolderRef[] = params.workspaceFolders?.map((f) => ({ uri: f.uri, name: f.name }))
        ?? (params.rootUri ? [{ uri: params.rootUri, name: nodePath.basename(params.rootUri) }] : []);
      this.mapper = new PathMapper(folders);
      this.settings = readSettings(params.initializationOptions?.settings ?? params.initializationOptions);
      return {
        capabilities: {
          textDocumentSync: TextDocumentSyncKind.Incremental,
          hoverProvider: true,
          codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.istio-mtls-doctor'] },
          codeLensProvider: { resolveProvider: false },
          definitionProvider: true,
          referencesProvider: true,
          completionProvider: { triggerCharacters: [':', ' ', '/', '.'] },
          documentSymbolProvider: true,
          workspace: { workspaceFolders: { supported: true } },
        },
        serverInfo: { name: 'istio-mtls-doctor' },
      };
    });
    c.onInitialized(() => void this.initialized());
    c.onShutdown(() => this.stop());
    c.onDidChangeConfiguration(() => void this.reloadSettings());
    c.onDidChangeWatchedFiles((p) => void this.watchedFiles(p.changes));
    c.onNotification(SetClusterLayerNotification.type, (p) => {
      const files = new Map<string, string>();
      if (p.context !== null) for (const d of p.documents) files.set(`${CLUSTER_LAYER_PREFIX}${p.context}/${d.name}`, d.text);
      if (this.store.setClusterLayer(files)) this.schedule();
      this.connection.console.info(p.context === null ? 'cluster layer cleared' : `cluster layer: ${files.size} objects from context ${p.context}`);
    });
    this.documents.onDidOpen((e) => this.openChanged(e.document));
    this.documents.onDidChangeContent((e) => this.openChanged(e.document));
    this.documents.onDidClose((e) => {
      if (this.store.closeOpen(this.mapper.pathOf(e.document.uri))) this.schedule();
      // A document outside the workspace has nothing on disk to fall back to.
      if (!this.mapper.fileOf(this.mapper.pathOf(e.document.uri))) this.schedule();
    });
    registerFeatures(c, this.documents, () => this.snapshot, (uri) => this.mapper.pathOf(uri));
    this.documents.listen(c);
  }

  private openChanged(doc: TextDocument): void {
    const path = this.mapper.pathOf(doc.uri);
    const kind = fileKindOf(path) ?? (doc.languageId === 'yaml' ? 'yaml' : undefined);
    if (this.store.setOpen(path, doc.getText(), kind)) this.schedule();
  }

  private async initialized(): Promise<void> {
    if (this.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void this.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    if (this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml,pem,crt}' }, { globPattern: '**/Kustomization' }] });
    }
    await this.reloadSettings(false);
    await this.indexWorkspace();
    if (this.stopped) return;
    this.ready = true;
    this.runAnalysis();
  }

  /** `shutdown`: the pending (debounced) analysis is cancelled and none follows. */
  stop(): void {
    this.stopped = true;
    this.ready = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async reloadSettings(reanalyze = true): Promise<void> {
    if (this.capabilities.workspace?.configuration) {
      try {
        const raw: unknown = await this.connection.workspace.getConfiguration(SETTINGS_SECTION);
        this.settings = readSettings(raw);
        this.resync = true;
      } catch (e) {
        this.connection.console.warn(`could not read settings: ${describeError(e)}`);
      }
    }
    if (reanalyze) this.schedule();
  }

  /** Reads every YAML and certificate file of the workspace folders, reporting progress. */
  private async indexWorkspace(): Promise<void> {
    const log = (line: string) => this.connection.console.log(line);
    const folders = this.mapper.folderPaths;
    const files = (await Promise.all(folders.map((f) => this.fs.listFiles(f, log, folders)))).flat();
    const progress = this.capabilities.window?.workDoneProgress ? await this.connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Istio mTLS Doctor: indexing', 0, `0 of ${files.length} files`, false);
    const maxBytes = this.settings.maxFileSizeMB * 1024 * 1024;
    let done = 0;
    // Reads run a few at a time: the disk, not the event loop, is the limit.
    const queue = [...files];
    const worker = async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        const path = this.mapper.pathOfFile(file);
        const kind = fileKindOf(path);
        if (kind) {
          const r = await this.fs.readText(file, kind, maxBytes);
          if ('text' in r) this.store.setDisk(path, r.text, kind);
          else log(`skipped ${path}: ${r.reason}`);
        }
        done++;
        if (progress && (done % 200 === 0 || done === files.length)) progress.report(Math.round((100 * done) / Math.max(files.length, 1)), `${done} of ${files.length} files`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, files.length) }, worker));
    progress?.done();
    log(`indexed ${files.length} files`);
  }

  private async watchedFiles(changes: ReadonlyArray<{ uri: string; type: FileChangeType }>): Promise<void> {
    let changed = false;
    const maxBytes = this.settings.maxFileSizeMB * 1024 * 1024;
    for (const ch of changes) {
      const path = this.mapper.pathOf(ch.uri);
      if (ch.type === FileChangeType.Deleted) {
        // A deleted folder arrives as one event: drop everything below it.
        for (const p of this.store.paths()) if (p === path || p.startsWith(`${path}/`)) changed = this.store.deleteDisk(p) || changed;
        continue;
      }
      const kind = fileKindOf(path);
      const file = this.mapper.fileOf(path);
      if (!kind || !file) continue;
      // Whatever the event says, nothing outside the workspace folders is read (a symbolic link out of it).
      const r = await this.fs.readText(file, kind, maxBytes, this.mapper.folderPaths);
      if ('text' in r) changed = this.store.setDisk(path, r.text, kind) || changed;
      else changed = this.store.deleteDisk(path) || changed;
    }
    if (changed) this.schedule();
  }

  schedule(): void {
    this.snapshotValue = undefined;
    if (!this.ready || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runAnalysis();
    }, this.debounceMs);
  }

  private accepts = (path: string): boolean => {
    const opts = { dot: true, matchBase: false };
    return this.settings.include.some((g) => minimatch(path, g, opts)) && !this.settings.exclude.some((g) => minimatch(path, g, opts));
  };

  private storeOptions() {
    return { maxFileBytes: this.settings.maxFileSizeMB * 1024 * 1024, accepts: this.accepts };
  }

  /** A new engine: on the first analysis, after a settings change, and hourly (the certificate clock). */
  private newEngine(): AnalysisEngine {
    const s = this.settings;
    this.engineCreated = Date.now();
    return new AnalysisEngine({
      settings: { now: this.now(), certificateExpiryWarningDays: s.certificateExpiryWarningDays },
      defaultRootNamespace: s.rootNamespace,
      defaultTrustDomain: s.trustDomain,
      defaultTrustDomainAliases: s.trustDomainAliases,
      onRuleError: (set, e) => {
        if (this.loggedRuleErrors.has(set.name)) return;
        this.loggedRuleErrors.add(set.name);
        this.connection.console.error(`rule set ${set.name} failed (its findings are left out): ${describeErrorWithStack(e)}`);
      },
    });
  }

  /** Feeds the engine what changed since the last analysis (everything, for a new engine). */
  private analyze(): { snapshot: EditorSnapshot; changedFiles: Set<string>; fresh: boolean } {
    const fresh = !this.engine || this.resync || Date.now() - this.engineCreated > ENGINE_LIFETIME_MS;
    const paths = fresh ? this.store.allPaths() : this.store.takeDirty();
    if (fresh) {
      this.store.takeDirty();
      this.engine = this.newEngine();
      this.resync = false;
    }
    const engine = this.engine as AnalysisEngine;
    const options = this.storeOptions();
    const yaml: Array<readonly [string, ParsedFile | undefined]> = [];
    const certificates: Array<readonly [string, CertificateFile | undefined]> = [];
    for (const path of paths) {
      const input = this.store.inputOf(path, options);
      if (input && 'yaml' in input) yaml.push([path, input.yaml]);
      else if (input && 'certificate' in input) certificates.push([path, input.certificate]);
      else {
        if (input && 'skipped' in input && !this.loggedSkips.has(path)) {
          this.loggedSkips.add(path);
          this.connection.console.info(`skipped ${path}: ${input.skipped}`);
        }
        if (fileKindOf(path) === 'certificate') certificates.push([path, undefined]);
        else yaml.push([path, undefined]);
      }
    }
    const changedFiles = engine.update({ yaml, certificates });
    const s = this.settings;
    const snapshot = new EngineSnapshot({
      engine,
      file: (p) => this.store.parsed(p),
      text: (p) => this.store.text(p),
      uriOf: (p) => this.mapper.uriOf(p),
      pathOf: (u) => this.mapper.pathOf(u),
      docsBase: DOCS_BASE,
      adjust: (f) => applySeverityOverrides(f, s.rules),
    });
    if (fresh) for (const f of this.published.keys()) changedFiles.add(f);
    return { snapshot, changedFiles, fresh };
  }

  /**
   * Analyses what changed and publishes the diagnostics of every file whose diagnostics changed. An
   * analysis that throws is logged (once per message) and keeps the previous results; the next one
   * starts from a new engine.
   */
  runAnalysis(): void {
    if (this.stopped) return;
    try {
      this.analyzeAndPublish();
    } catch (e) {
      this.resync = true;
      this.snapshotValue ??= this.lastSnapshot;
      const description = describeErrorWithStack(e);
      if (this.loggedAnalysisErrors.has(description)) return;
      this.loggedAnalysisErrors.add(description);
      this.connection.console.error(`the analysis failed (the previous results stay): ${description}`);
    }
  }

  private analyzeAndPublish(): void {
    const started = performance.now();
    const { snapshot, changedFiles, fresh } = this.analyze();
    this.lastSnapshot = snapshot;
    this.snapshotValue = snapshot;
    for (const file of changedFiles) {
      // Objects imported from a cluster are not files the user can open or fix.
      if (isClusterLayerPath(file)) continue;
      const diagnostics = snapshot.findingsIn(file).map((f) => toDiagnostic(f, snapshot.uriOf, snapshot.docsBase));
      // A digest of what was sent, not the text: a large workspace has thousands of files with findings.
      const sent = createHash('sha1').update(JSON.stringify(diagnostics)).digest('base64');
      if ((this.published.get(file) ?? NOTHING_SENT) === sent) continue;
      if (diagnostics.length) this.published.set(file, sent);
      else this.published.delete(file);
      void this.connection.sendDiagnostics({ uri: snapshot.uriOf(file), diagnostics });
    }
    this.analysisCount++;
    if (fresh) {
      const mb = (n: number) => Math.round(n / 2 ** 20);
      const { heapUsed, heapTotal, external, rss } = process.memoryUsage();
      this.connection.console.log(`analysed the workspace in ${Math.round(performance.now() - started)} ms, ${changedFiles.size} files to publish (heap ${mb(heapUsed)} of ${mb(heapTotal)} MB, external ${mb(external)} MB, resident ${mb(rss)} MB)`);
    }
    void this.connection.sendNotification('istioMtlsDoctor/modelChanged', { analysis: this.analysisCount }); // Issue 4: the extension's views refresh (ModelChangedNotification, protocol/src/modelChanged.ts).
  }
}

/** `istioMtlsDoctor.rules`: a severity per rule id, or off. */
export function applySeverityOverrides(findings: PresentedFinding[], rules: ServerSettings['rules']): PresentedFinding[] {
  const out: PresentedFinding[] = [];
  for (const f of findings) {
    const o = rules[f.rule];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}

export function startLanguageServer(connection: Connection, options: ServerOptions = {}): LanguageServerSession {
  const session = new LanguageServerSession(connection, options);
  session.start();
  connection.listen();
  return session;
}
