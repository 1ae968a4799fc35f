import { promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';
import { fileKindOf, SKIPPED_FOLDER_NAMES, type WorkspaceFileKind } from '../workspace/fileKinds';
import { decodeText } from '../workspace/textDecoding';

/** The file system as the language server needs it; tests may substitute it. */
export interface FileSystemAccess {
  /** Every YAML and certificate file below a folder (absolute paths), skipping node_modules, .git and link loops. */
  listFiles(root: string, log: (line: string) => void): Promise<string[]>;
  /** The text of a file, or why it was skipped. */
  readText(file: string, kind: WorkspaceFileKind, maxBytes: number): Promise<{ text: string } | { reason: string }>;
}

export const nodeFileSystem: FileSystemAccess = {
  async listFiles(root, log) {
    const out: string[] = [];
    const seen = new Set<string>();
    const walk = async (folder: string): Promise<void> => {
      let real: string;
      let entries: import('node:fs').Dirent[];
      try {
        real = await fsp.realpath(folder);
        if (seen.has(real)) return;
        seen.add(real);
        entries = await fsp.readdir(folder, { withFileTypes: true });
      } catch (e) {
        log(`skipped ${folder}: ${(e as Error).message}`);
        return;
      }
      for (const entry of entries) {
        if (SKIPPED_FOLDER_NAMES.has(entry.name)) continue;
        const full = nodePath.join(folder, entry.name);
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          try {
            const st = await fsp.stat(full);
            isDir = st.isDirectory();
            isFile = st.isFile();
          } catch {
            continue;
          }
        }
        if (isDir) await walk(full);
        else if (isFile && fileKindOf(entry.name)) out.push(full);
      }
    };
    await walk(root);
    return out.sort();
  },
  async readText(file, kind, maxBytes) {
    try {
      const st = await fsp.stat(file);
      if (st.size > maxBytes) return { reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB` };
      const bytes = await fsp.readFile(file);
      const decoded = decodeText(bytes);
      if ('text' in decoded) return decoded;
      // DER certificates are binary: the certificate reader takes them as latin1 text.
      return kind === 'certificate' ? { text: bytes.toString('latin1') } : decoded;
    } catch (e) {
      return { reason: (e as Error).message };
    }
  },
};
