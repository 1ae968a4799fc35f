import { KUSTOMIZATION_NAMES } from './kustomize';

/** What the analysis makes of a file: a YAML manifest or a certificate file (rules.md "files analysed"). */
export type WorkspaceFileKind = 'yaml' | 'certificate';

const YAML_EXTENSIONS = ['.yaml', '.yml'];
const CERTIFICATE_EXTENSIONS = ['.pem', '.crt'];

/** Folders a walk never enters. */
export const SKIPPED_FOLDER_NAMES: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** The kind of a file by its name ('/'- or '\\'-separated path or bare name), or undefined when it is not analysed. */
export function fileKindOf(path: string): WorkspaceFileKind | undefined {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const lower = base.toLowerCase();
  if (YAML_EXTENSIONS.some((e) => lower.endsWith(e)) || KUSTOMIZATION_NAMES.has(base)) return 'yaml';
  if (CERTIFICATE_EXTENSIONS.some((e) => lower.endsWith(e))) return 'certificate';
  return undefined;
}
