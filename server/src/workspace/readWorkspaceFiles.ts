import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { CertificateFile } from '../model/kinds/certificateFile';
import type { WorkspaceSnapshot } from './analyzeWorkspace';
import { fileKindOf, SKIPPED_FOLDER_NAMES, type WorkspaceFileKind } from './fileKinds';
import { HELM_CHART_FILE, HELM_TEMPLATE_SKIP_REASON, helmChartOfTemplate } from './helmTemplates';
import type { ParsedFile } from './parsedFile';
import { parseYamlFile } from './parseYamlFile';
import { skippedParsedFile, textOnlyParsedFile } from './textFileLines';
import { decodeText } from './textDecoding';

/**
 * The I/O edge of the CLI: turns the PATHs of `check` into a WorkspaceSnapshot.
 * Everything after this point is pure.
 */

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A file or folder left out, and why (shown to the user as a warning). */
export interface SkipNote {
  readonly path: string;
  readonly reason: string;
}

export interface ReadWorkspaceOptions {
  /** Paths are resolved against, and shown relative to, this folder (default: process.cwd()). */
  readonly cwd?: string;
  /** Files larger than this are skipped with a note (default 5 MB). */
  readonly maxFileBytes?: number;
  /** Called for each note as it happens (the notes are also returned). */
  readonly onSkip?: (note: SkipNote) => void;
}

export interface WorkspaceFiles {
  readonly snapshot: WorkspaceSnapshot;
  /** Every YAML and certificate file by its shown path: what the presenter's FileLookup needs. */
  readonly files: ReadonlyMap<string, ParsedFile>;
  /** Files and folders left out with a reason, sorted by path. Helm templates are skipped quietly. */
  readonly skipped: readonly SkipNote[];
}

/** A PATH given by the user that does not exist or cannot be read: a usage / I/O error (exit 2). */
export class WorkspacePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspacePathError';
  }
}

interface Candidate {
  /** '/'-separated, relative to cwd. */
  readonly shown: string;
  readonly absolute: string;
  readonly real: string;
  readonly kind: WorkspaceFileKind;
  /** Named by the user (read errors are fatal) rather than found by walking. */
  readonly explicit: boolean;
  /** Reached through a symbolic link (a file reached both ways is shown by its own path). */
  readonly viaLink: boolean;
}

function errorCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}

function describeError(e: unknown): string {
  const code = errorCode(e);
  switch (code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'EISDIR': return 'is a folder';
    default: return code;
  }
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MB` : n % 1024 === 0 ? `${n / 1024} KB` : `${n} bytes`;
}

class WorkspaceReader {
  private readonly cwd: string;
  private readonly maxBytes: number;
  private readonly notes: SkipNote[] = [];
  private readonly candidates: Candidate[] = [];
  private readonly walkedFolders = new Set<string>();
  private readonly chartFileCache = new Map<string, boolean>();

  constructor(private readonly options: ReadWorkspaceOptions) {
    this.cwd = nodePath.resolve(options.cwd ?? process.cwd());
    this.maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  private shown(absolute: string): string {
    return nodePath.relative(this.cwd, absolute).split(nodePath.sep).join('/') || '.';
  }

  private note(path: string, reason: string): void {
    const n = { path, reason };
    this.notes.push(n);
    this.options.onSkip?.(n);
  }

  addPath(given: string): void {
    const absolute = nodePath.resolve(this.cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (e) {
      throw new WorkspacePathError(`${given}: ${describeError(e)}`);
    }
    if (stat.isDirectory()) this.walk(absolute, false);
    else if (stat.isFile()) this.addFile(absolute, fileKindOf(absolute) ?? 'yaml', true, fs.lstatSync(absolute).isSymbolicLink());
    else throw new WorkspacePathError(`${given}: not a file or folder`);
  }

  private addFile(absolute: string, kind: WorkspaceFileKind, explicit: boolean, viaLink: boolean): void {
    let real: string;
    try {
      real = fs.realpathSync(absolute);
    } catch (e) {
      if (explicit) throw new WorkspacePathError(`${this.shown(absolute)}: ${describeError(e)}`);
      this.note(this.shown(absolute), describeError(e));
      return;
    }
    this.candidates.push({ shown: this.shown(absolute), absolute, real, kind, explicit, viaLink });
  }

  /** Walks a folder; `viaLink` when it was reached through a symbolic link (itself or a folder above). */
  private walk(folder: string, viaLink: boolean): void {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(folder);
      if (this.walkedFolders.has(real)) {
        if (viaLink) this.note(this.shown(folder), 'symbolic link to a folder already walked');
        return;
      }
      this.walkedFolders.add(real);
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      this.note(this.shown(folder), `cannot read folder: ${describeError(e)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = nodePath.join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        let target: fs.Stats;
        try {
          target = fs.statSync(full);
        } catch (e) {
          const kind = fileKindOf(entry.name);
          if (kind) this.note(this.shown(full), `broken symbolic link: ${describeError(e)}`);
          continue;
        }
        if (target.isDirectory()) {
          if (!SKIPPED_FOLDER_NAMES.has(entry.name)) this.walk(full, true);
        } else if (target.isFile()) {
          const kind = fileKindOf(entry.name);
          if (kind) this.addFile(full, kind, false, true);
        }
      } else if (entry.isDirectory()) {
        if (!SKIPPED_FOLDER_NAMES.has(entry.name)) this.walk(full, viaLink);
      } else if (entry.isFile()) {
        const kind = fileKindOf(entry.name);
        if (kind) this.addFile(full, kind, false, viaLink);
      }
    }
  }

  private hasChartFile(folder: string): boolean {
    let known = this.chartFileCache.get(folder);
    if (known === undefined) {
      try {
        known = fs.statSync(nodePath.join(folder, HELM_CHART_FILE)).isFile();
      } catch {
        known = false;
      }
      this.chartFileCache.set(folder, known);
    }
    return known;
  }

  private isHelmTemplate(absolute: string): boolean {
    const slashed = absolute.split(nodePath.sep).join('/');
    return helmChartOfTemplate(slashed, (folder) => this.hasChartFile(folder.split('/').join(nodePath.sep) || nodePath.sep)) !== undefined;
  }

  /** The text of a file, or undefined (with a note) when it is skipped. */
  private readBytes(c: Candidate): Buffer | undefined {
    try {
      const size = fs.statSync(c.absolute).size;
      if (size > this.maxBytes) {
        this.note(c.shown, `larger than ${formatBytes(this.maxBytes)} (${size} bytes)`);
        return undefined;
      }
      return fs.readFileSync(c.absolute);
    } catch (e) {
      if (c.explicit) throw new WorkspacePathError(`${c.shown}: ${describeError(e)}`);
      this.note(c.shown, `cannot read: ${describeError(e)}`);
      return undefined;
    }
  }

  finish(): WorkspaceFiles {
    // One entry per real file (a file reached twice, by overlapping PATHs or links, counts once),
    // shown by a path that is not a link when there is one.
    const byShown = (a: Candidate, b: Candidate) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0);
    const chosen = new Map<string, Candidate>();
    for (const c of [...this.candidates].sort((a, b) => Number(a.viaLink) - Number(b.viaLink) || byShown(a, b))) {
      if (!chosen.has(c.real)) chosen.set(c.real, c);
    }
    const yamlFiles: ParsedFile[] = [];
    const certificateFiles: CertificateFile[] = [];
    const files = new Map<string, ParsedFile>();
    for (const c of [...chosen.values()].sort(byShown)) {
      if (this.isHelmTemplate(c.absolute)) {
        // Skipped quietly (rules.md "files analysed"); a certificate file there is left out.
        if (c.kind === 'yaml') {
          const f = skippedParsedFile(c.shown, HELM_TEMPLATE_SKIP_REASON);
          yamlFiles.push(f);
          files.set(c.shown, f);
        }
        continue;
      }
      const bytes = this.readBytes(c);
      if (!bytes) continue;
      if (c.kind === 'certificate') {
        const decoded = decodeText(bytes);
        // DER certificates are binary: kept as a binary string (one char per byte), as node-forge reads DER.
        const text = 'text' in decoded ? decoded.text : bytes.toString('latin1');
        certificateFiles.push({ path: c.shown, text });
        files.set(c.shown, textOnlyParsedFile(c.shown, text));
        continue;
      }
      const decoded = decodeText(bytes);
      if ('reason' in decoded) {
        this.note(c.shown, decoded.reason);
        continue;
      }
      let parsed: ParsedFile;
      try {
        parsed = parseYamlFile(c.shown, decoded.text);
      } catch (e) {
        this.note(c.shown, `cannot parse: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      yamlFiles.push(parsed);
      files.set(c.shown, parsed);
    }
    const skipped = [...this.notes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { snapshot: { yamlFiles, certificateFiles }, files, skipped };
  }
}

/**
 * Reads the files and folders of `paths`: folders are walked for `*.yaml` / `*.yml` and
 * `*.pem` / `*.crt` (not into `node_modules` or `.git`; each real folder once, so symbolic
 * link loops end); a file named explicitly is read whatever its extension (as YAML unless it
 * is a certificate file). Unreadable, oversized, binary and non-UTF-8 files are skipped with a
 * note; Helm templates are kept as skipped ParsedFiles. Paths are shown relative to `cwd`,
 * '/'-separated, and sorted.
 * Throws WorkspacePathError when a given path does not exist or a named file cannot be read.
 */
export function readWorkspaceFiles(paths: readonly string[], options: ReadWorkspaceOptions = {}): WorkspaceFiles {
  const reader = new WorkspaceReader(options);
  for (const p of paths) reader.addPath(p);
  return reader.finish();
}
