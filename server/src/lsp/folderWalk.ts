// The language server's walk of a workspace folder: every YAML and certificate file below it,
// skipping node_modules and .git. Symbolic links are followed only while their real path stays
// inside the workspace folders (an untrusted workspace must not make the server read elsewhere);
// each real folder and each real file is visited once, so link loops end. What is skipped is
// logged, one line per link or folder.
import { promises as fsp, type Dirent } from 'node:fs';
import * as nodePath from 'node:path';
import { fileKindOf, SKIPPED_FOLDER_NAMES } from '../workspace/fileKinds';
import { describeError } from '../describeError';

/** Whether `real` is one of `folders` or lies below one (all absolute, links resolved). */
export function isWithinFolders(real: string, folders: readonly string[]): boolean {
  return folders.some((folder) => {
    const rel = nodePath.relative(folder, real);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${nodePath.sep}`) && !nodePath.isAbsolute(rel));
  });
}

/** The real paths of folders (a folder that cannot be resolved stands for itself). */
export async function realFolders(folders: readonly string[]): Promise<string[]> {
  return Promise.all(folders.map((f) => fsp.realpath(f).catch(() => nodePath.resolve(f))));
}

/** Why a file system call failed, in one short phrase. */
function fsReason(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code?: unknown }).code : undefined;
  if (code === 'ENOENT') return 'no such file or folder';
  return describeError(e);
}

/**
 * The analysable files below `root` (absolute paths, sorted), reached through links only when
 * their real path lies inside `within` (the workspace folders).
 */
export async function walkWorkspaceFolder(root: string, within: readonly string[], log: (line: string) => void): Promise<string[]> {
  const allowed = await realFolders(within.length ? within : [root]);
  const out: string[] = [];
  const seenFolders = new Set<string>();
  const seenFiles = new Set<string>();

  const addFile = (full: string, real: string): void => {
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    out.push(full);
  };

  /** A symbolic link to a file: followed when it stays inside the workspace. */
  const linkedFile = async (full: string): Promise<void> => {
    let real: string;
    try {
      real = await fsp.realpath(full);
    } catch (e) {
      log(`skipped ${full}: broken symbolic link (${fsReason(e)})`);
      return;
    }
    if (isWithinFolders(real, allowed)) addFile(full, real);
    else log(`skipped ${full}: symbolic link to ${real}, outside the workspace folders (not followed)`);
  };

  const walk = async (folder: string, viaLink: boolean): Promise<void> => {
    let real: string;
    let entries: Dirent[];
    try {
      real = await fsp.realpath(folder);
    } catch (e) {
      log(`skipped ${folder}: ${fsReason(e)}`);
      return;
    }
    if (!isWithinFolders(real, allowed)) {
      log(`skipped ${folder}: symbolic link to ${real}, outside the workspace folders (not followed)`);
      return;
    }
    if (seenFolders.has(real)) {
      if (viaLink) log(`skipped ${folder}: symbolic link loop (${real} is already scanned)`);
      return;
    }
    seenFolders.add(real);
    try {
      entries = await fsp.readdir(folder, { withFileTypes: true });
    } catch (e) {
      log(`skipped ${folder}: ${fsReason(e)}`);
      return;
    }
    for (const entry of entries) {
      if (SKIPPED_FOLDER_NAMES.has(entry.name)) continue;
      const full = nodePath.join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        let target: import('node:fs').Stats;
        try {
          target = await fsp.stat(full);
        } catch (e) {
          if (fileKindOf(entry.name)) log(`skipped ${full}: broken symbolic link (${fsReason(e)})`);
          continue;
        }
        if (target.isDirectory()) await walk(full, true);
        else if (target.isFile() && fileKindOf(entry.name)) await linkedFile(full);
      } else if (entry.isDirectory()) {
        await walk(full, viaLink);
      } else if (entry.isFile() && fileKindOf(entry.name)) {
        addFile(full, nodePath.join(real, entry.name));
      }
    }
  };

  await walk(root, false);
  return out.sort();
}
