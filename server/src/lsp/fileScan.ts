import { promises as fsp } from 'node:fs';
import type { WorkspaceFileKind } from '../workspace/fileKinds';
import { decodeText } from '../workspace/textDecoding';
import { describeError } from '../describeError';
import { isWithinFolders, realFolders, walkWorkspaceFolder } from './folderWalk';

/** The file system as the language server needs it; tests may substitute it. */
export interface FileSystemAccess {
  /**
   * Every YAML and certificate file below a folder (absolute paths), skipping node_modules, .git,
   * link loops and links whose real path lies outside `within` (the workspace folders; default: the folder).
   */
  listFiles(root: string, log: (line: string) => void, within?: readonly string[]): Promise<string[]>;
  /** The text of a file, or why it was skipped; with `within`, a file whose real path lies outside those folders is not read. */
  readText(file: string, kind: WorkspaceFileKind, maxBytes: number, within?: readonly string[]): Promise<{ text: string } | { reason: string }>;
}

export const nodeFileSystem: FileSystemAccess = {
  listFiles(root, log, within) {
    return walkWorkspaceFolder(root, within ?? [root], log);
  },
  async readText(file, kind, maxBytes, within) {
    try {
      if (within && !isWithinFolders(await fsp.realpath(file), await realFolders(within))) {
        return { reason: 'symbolic link to a file outside the workspace folders (not followed)' };
      }
      const st = await fsp.stat(file);
      if (st.size > maxBytes) return { reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MB` };
      const bytes = await fsp.readFile(file);
      const decoded = decodeText(bytes);
      if ('text' in decoded) return decoded;
      // DER certificates are binary: the certificate reader takes them as latin1 text.
      return kind === 'certificate' ? { text: bytes.toString('latin1') } : decoded;
    } catch (e) {
      return { reason: describeError(e) };
    }
  },
};
