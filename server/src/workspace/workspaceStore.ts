import type { CertificateFile } from '../model/kinds/certificateFile';
import type { WorkspaceSnapshot } from './analyzeWorkspace';
import { fileKindOf, type WorkspaceFileKind } from './fileKinds';
import { HELM_CHART_FILE, HELM_TEMPLATES_FOLDER, HELM_TEMPLATE_SKIP_REASON, helmChartOfTemplate } from './helmTemplates';
import type { ParsedFile } from './parsedFile';
import { parseYamlFile } from './parseYamlFile';
import { skippedParsedFile, textOnlyParsedFile } from './textFileLines';
import { isClusterLayerPath } from './clusterLayer';

interface Entry {
  readonly text: string;
  readonly kind: WorkspaceFileKind;
  /** Parsed lazily, once per text. */
  parsed?: ParsedFile;
}

export interface StoreSnapshot {
  readonly workspace: WorkspaceSnapshot;
  /** Every file a finding may point at, by path. */
  readonly files: ReadonlyMap<string, ParsedFile>;
  readonly texts: ReadonlyMap<string, string>;
}

export interface StoreOptions {
  /** Files larger than this are skipped (not parsed), with a note. */
  readonly maxFileBytes: number;
  /** Whether a path is analysed at all (include / exclude globs). */
  readonly accepts: (path: string) => boolean;
}

/**
 * The files of a workspace as the editor sees them: disk contents, overridden by open documents.
 * A file is parsed again only when its text changes (`parseCount` counts parses, for tests).
 */
export class WorkspaceStore {
  private readonly disk = new Map<string, Entry>();
  private readonly open = new Map<string, Entry>();
  /** Objects imported from a cluster: a read-only layer under the workspace files. */
  private layer = new Map<string, Entry>();
  /** Paths whose text (as the analysis sees it) changed since the last `takeDirty`. */
  private dirty = new Set<string>();
  parseCount = 0;

  /** Returns whether what the analysis sees changed. */
  setDisk(path: string, text: string, kind: WorkspaceFileKind | undefined = fileKindOf(path)): boolean {
    if (!kind) return false;
    const old = this.disk.get(path);
    if (old?.text === text) return false;
    this.disk.set(path, { text, kind });
    if (this.open.has(path)) return false;
    this.markDirty(path);
    return true;
  }

  deleteDisk(path: string): boolean {
    const changed = this.disk.delete(path) && !this.open.has(path);
    if (changed) this.markDirty(path);
    return changed;
  }

  setOpen(path: string, text: string, kind: WorkspaceFileKind | undefined = fileKindOf(path)): boolean {
    if (!kind) return false;
    const current = this.entry(path);
    if (current?.text === text && this.open.has(path)) return false;
    // Reuse the disk parse when the editor opens a file unchanged.
    const disk = this.disk.get(path);
    this.open.set(path, disk?.text === text ? disk : { text, kind });
    if (current?.text === text) return false;
    this.markDirty(path);
    return true;
  }

  closeOpen(path: string): boolean {
    const was = this.open.get(path);
    if (!was) return false;
    this.open.delete(path);
    if (this.disk.get(path)?.text === was.text) return false;
    this.markDirty(path);
    return true;
  }

  /** Replaces the cluster layer (paths under `cluster://`); returns whether it changed. */
  setClusterLayer(files: ReadonlyMap<string, string>): boolean {
    const next = new Map<string, Entry>();
    let changed = files.size !== this.layer.size;
    for (const [path, text] of files) {
      const old = this.layer.get(path);
      if (old?.text === text) next.set(path, old);
      else {
        next.set(path, { text, kind: 'yaml' });
        this.dirty.add(path);
        changed = true;
      }
    }
    for (const path of this.layer.keys()) if (!next.has(path)) this.dirty.add(path);
    this.layer = next;
    return changed;
  }

  private markDirty(path: string): void {
    this.dirty.add(path);
    // A chart appearing or going turns the files of its templates/ folder into templates, or back.
    if (path === HELM_CHART_FILE || path.endsWith(`/${HELM_CHART_FILE}`)) {
      const folder = path.slice(0, path.length - HELM_CHART_FILE.length);
      for (const p of this.paths()) if (p.startsWith(`${folder}${HELM_TEMPLATES_FOLDER}/`)) this.dirty.add(p);
    }
  }

  /** The paths changed since the previous call. */
  takeDirty(): string[] {
    const out = [...this.dirty];
    this.dirty.clear();
    return out;
  }

  /** Every path the store holds, workspace files and the cluster layer. */
  allPaths(): string[] {
    return [...this.paths(), ...[...this.layer.keys()].sort()];
  }

  /**
   * What the analysis reads of one path now: a parsed YAML file (a Helm template is skipped),
   * a certificate file, or nothing (deleted, excluded, too large).
   */
  inputOf(path: string, options: StoreOptions): { yaml: ParsedFile } | { certificate: CertificateFile; lines: ParsedFile } | { skipped: string } | undefined {
    const e = this.entry(path);
    if (!e || (!options.accepts(path) && !isClusterLayerPath(path))) return undefined;
    const hasChart = (folder: string) => this.has(folder === '.' ? HELM_CHART_FILE : `${folder}/${HELM_CHART_FILE}`);
    if (e.kind === 'yaml' && helmChartOfTemplate(path, hasChart) !== undefined) return { yaml: skippedParsedFile(path, HELM_TEMPLATE_SKIP_REASON) };
    if (Buffer.byteLength(e.text) > options.maxFileBytes) return { skipped: `larger than ${Math.round(options.maxFileBytes / 1024 / 1024)} MB` };
    const parsed = this.parsedOf(path, e);
    return e.kind === 'yaml' ? { yaml: parsed } : { certificate: { path, text: e.text }, lines: parsed };
  }

  /** The parsed file the analysis saw (for locating findings and editor requests). */
  parsed(path: string): ParsedFile | undefined {
    const e = this.entry(path);
    return e?.parsed;
  }

  has(path: string): boolean {
    return this.open.has(path) || this.disk.has(path);
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  text(path: string): string | undefined {
    return this.entry(path)?.text;
  }

  paths(): string[] {
    return [...new Set([...this.disk.keys(), ...this.open.keys()])].sort();
  }

  private entry(path: string): Entry | undefined {
    return this.open.get(path) ?? this.disk.get(path) ?? this.layer.get(path);
  }

  private parsedOf(path: string, e: Entry): ParsedFile {
    if (!e.parsed) {
      this.parseCount++;
      e.parsed = e.kind === 'yaml' ? parseYamlFile(path, e.text) : textOnlyParsedFile(path, e.text);
    }
    return e.parsed;
  }

  /** What the analysis reads now: Helm templates, oversized and excluded files are left out. */
  snapshot(options: StoreOptions): StoreSnapshot & { readonly skipped: ReadonlyArray<{ path: string; reason: string }> } {
    const yamlFiles: ParsedFile[] = [];
    const certificateFiles: CertificateFile[] = [];
    const files = new Map<string, ParsedFile>();
    const texts = new Map<string, string>();
    const skipped: Array<{ path: string; reason: string }> = [];
    const hasChart = (folder: string) => this.has(folder === '.' ? HELM_CHART_FILE : `${folder}/${HELM_CHART_FILE}`);
    for (const path of [...this.paths(), ...[...this.layer.keys()].sort()]) {
      const e = this.entry(path);
      if (!e || (!options.accepts(path) && !isClusterLayerPath(path))) continue;
      if (e.kind === 'yaml' && helmChartOfTemplate(path, hasChart) !== undefined) {
        yamlFiles.push(skippedParsedFile(path, HELM_TEMPLATE_SKIP_REASON));
        continue;
      }
      if (Buffer.byteLength(e.text) > options.maxFileBytes) {
        skipped.push({ path, reason: `larger than ${Math.round(options.maxFileBytes / 1024 / 1024)} MB` });
        continue;
      }
      texts.set(path, e.text);
      const parsed = this.parsedOf(path, e);
      files.set(path, parsed);
      if (e.kind === 'yaml') yamlFiles.push(parsed);
      else certificateFiles.push({ path, text: e.text });
    }
    return { workspace: { yamlFiles, certificateFiles }, files, texts, skipped };
  }
}
