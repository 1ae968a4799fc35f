import { fileURLToPath, pathToFileURL } from 'node:url';
import * as nodePath from 'node:path';

export interface WorkspaceFolderRef {
  readonly uri: string;
  readonly name: string;
}

/**
 * Document URIs <-> the '/'-separated workspace paths the engine works with (folder structure
 * matters to variants and kustomize). A single folder: paths relative to it; several: prefixed
 * with the folder name. Files outside every folder keep their absolute path; untitled documents
 * keep their URI.
 */
export class PathMapper {
  private readonly roots: Array<{ fsPath: string; prefix: string }>;

  constructor(folders: readonly WorkspaceFolderRef[]) {
    this.roots = folders
      .filter((f) => f.uri.startsWith('file:'))
      .map((f) => ({ fsPath: fileURLToPath(f.uri), prefix: folders.length > 1 ? `${f.name}/` : '' }));
  }

  get folderPaths(): string[] {
    return this.roots.map((r) => r.fsPath);
  }

  /** The workspace path of a file system path. */
  pathOfFile(fsPath: string): string {
    for (const r of this.roots) {
      const rel = nodePath.relative(r.fsPath, fsPath);
      if (rel && !rel.startsWith('..') && !nodePath.isAbsolute(rel)) return r.prefix + rel.split(nodePath.sep).join('/');
    }
    return fsPath.split(nodePath.sep).join('/');
  }

  pathOf(uri: string): string {
    if (!uri.startsWith('file:')) return uri;
    try {
      return this.pathOfFile(fileURLToPath(uri));
    } catch {
      return uri;
    }
  }

  /** The file system path of a workspace path (undefined for untitled documents). */
  fileOf(path: string): string | undefined {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) return undefined;
    if (nodePath.isAbsolute(path)) return path;
    const root = this.roots.find((r) => r.prefix && path.startsWith(r.prefix)) ?? this.roots.find((r) => !r.prefix) ?? this.roots[0];
    if (!root) return undefined;
    return nodePath.join(root.fsPath, path.slice(root.prefix.length));
  }

  uriOf(path: string): string {
    const file = this.fileOf(path);
    return file ? pathToFileURL(file).href : path;
  }
}
