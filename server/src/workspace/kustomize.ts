import { asArray, asMap, asString, asStringMap, type JsonMap } from '../model/read';
import { identityOf, type Resource } from '../model/resource';
import { dirOf, joinPath } from './folders';
import { mergePatch } from './strategicMerge';

export const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** The parts of a kustomization file the analysis follows: resources and patch files. */
export interface Kustomization {
  /** The folder of the kustomization file. */
  readonly folder: string;
  /** Files and folders under `resources` (workspace paths). */
  readonly resources: readonly string[];
  /** Patch files under `patches[].path` and `patchesStrategicMerge` (workspace paths). */
  readonly patchFiles: readonly string[];
}

export function isKustomizationFile(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return KUSTOMIZATION_NAMES.has(base);
}

export function readKustomization(file: string, value: unknown): Kustomization | undefined {
  const body = asMap(value);
  if (!body) return undefined;
  const folder = dirOf(file);
  const rel = (p: string) => joinPath(folder, p);
  const resources = [...asArray(body.resources), ...asArray(body.bases)].map(asString).filter((s): s is string => !!s && !s.includes('://')).map(rel);
  const patchFiles: string[] = [];
  for (const p of asArray(body.patchesStrategicMerge)) {
    const s = asString(p);
    if (s && !s.includes('\n') && /\.ya?ml$/.test(s.trim())) patchFiles.push(rel(s.trim()));
  }
  for (const p of asArray(body.patches)) {
    const path = asString(asMap(p)?.path) ?? asString(p);
    if (path && !path.includes('\n')) patchFiles.push(rel(path.trim()));
  }
  return { folder, resources, patchFiles };
}

/** For each file, the folders whose kustomization pulls it in through `resources` (recursively). */
export function kustomizationPulls(kustomizations: readonly Kustomization[], allFiles: readonly string[]): Map<string, Set<string>> {
  const byFolder = new Map(kustomizations.map((k) => [k.folder, k]));
  const out = new Map<string, Set<string>>();
  const filesOf = (folder: string, seen: Set<string>): string[] => {
    if (seen.has(folder)) return [];
    seen.add(folder);
    const k = byFolder.get(folder);
    if (!k) return allFiles.filter((f) => f.startsWith(folder ? `${folder}/` : ''));
    const files: string[] = [];
    for (const res of k.resources) {
      if (allFiles.includes(res)) files.push(res);
      else files.push(...filesOf(res, seen));
    }
    return files;
  };
  for (const k of kustomizations) {
    for (const f of filesOf(k.folder, new Set())) {
      const set = out.get(f) ?? new Set<string>();
      set.add(k.folder);
      out.set(f, set);
    }
  }
  return out;
}

/**
 * Overlays of one base are alternative environments too: top-level kustomizations (pulled in
 * by no other) that pull in a common file are never built together, so their own documents
 * (patches included) never meet. Returns groups of such folders.
 */
export function kustomizeAlternatives(kustomizations: readonly Kustomization[], pulls: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const pulledFolders = new Set(kustomizations.flatMap((k) => k.resources));
  const roots = kustomizations.map((k) => k.folder).filter((f) => !pulledFolders.has(f));
  const parent = new Map(roots.map((r) => [r, r]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    return r;
  };
  for (const folders of pulls.values()) {
    const shared = roots.filter((r) => folders.has(r));
    for (let i = 1; i < shared.length; i++) parent.set(find(shared[i]), find(shared[0]));
  }
  const groups = new Map<string, string[]>();
  for (const r of roots) {
    const g = groups.get(find(r)) ?? [];
    g.push(r);
    groups.set(find(r), g);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort());
}

const BUILTIN_GROUPS = new Set(['', 'apps', 'batch', 'policy', 'autoscaling', 'networking.k8s.io', 'rbac.authorization.k8s.io']);

/**
 * rules.md "kustomize patches": each patch document is merged onto its target and analysed
 * in place of the patch. Returns the resources with patch documents replaced (or dropped when
 * their target is not in the workspace).
 */
export function applyPatches(resources: readonly Resource[], kustomizations: readonly Kustomization[], pulls: ReadonlyMap<string, ReadonlySet<string>>): Resource[] {
  const patchFolders = new Map<string, string>();
  for (const k of kustomizations) for (const p of k.patchFiles) if (!patchFolders.has(p)) patchFolders.set(p, k.folder);
  if (patchFolders.size === 0) return [...resources];
  const targets = resources.filter((r) => !patchFolders.has(r.source.file));
  const out: Resource[] = [];
  for (const r of resources) {
    const folder = patchFolders.get(r.source.file);
    if (folder === undefined) {
      out.push(r);
      continue;
    }
    const target = findTarget(r, targets, folder, pulls);
    if (!target) continue;
    const body: JsonMap = mergePatch(target.body, r.body, BUILTIN_GROUPS.has(r.group));
    const metadata = asMap(body.metadata) ?? {};
    // Labels and annotations come from the merged document, so that `null` in the patch deletes.
    out.push({ ...r, namespace: target.namespace, labels: asStringMap(metadata.labels), annotations: asStringMap(metadata.annotations), body: { ...body, metadata } });
  }
  return out;
}

function findTarget(patch: Resource, targets: readonly Resource[], folder: string, pulls: ReadonlyMap<string, ReadonlySet<string>>): Resource | undefined {
  const explicitNamespace = asString(asMap(patch.body.metadata)?.namespace);
  const matches = targets.filter(
    (t) => t.group === patch.group && t.kind === patch.kind && t.name === patch.name && (!explicitNamespace || t.namespace === patch.namespace),
  );
  if (matches.length <= 1) return matches[0];
  const pulled = matches.filter((t) => pulls.get(t.source.file)?.has(folder));
  return (pulled[0] ?? matches.find((t) => identityOf(t) === identityOf(patch))) ?? matches[0];
}
